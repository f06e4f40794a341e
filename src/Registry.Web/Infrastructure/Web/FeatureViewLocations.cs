using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Razor;

namespace Registry.Web.Infrastructure.Web;

/// <summary>
/// Finds a controller's views in its feature's folder, named by the controller's namespace
/// (<c>Registry.Web.Features.Sponsors</c>: <c>Features/Sponsors/</c>), not by the controller's name,
/// so a feature with two controllers keeps one folder.
/// </summary>
public sealed class FeatureViewLocations : IViewLocationExpander
{
    private const string Key = "feature";
    private const string Prefix = "Registry.Web.Features.";

    public void PopulateValues(ViewLocationExpanderContext context)
    {
        if (context.ActionContext.ActionDescriptor is ControllerActionDescriptor action
            && action.ControllerTypeInfo.Namespace is { } ns && ns.StartsWith(Prefix, StringComparison.Ordinal))
        {
            context.Values[Key] = ns[Prefix.Length..].Split('.')[0];
        }
    }

    public IEnumerable<string> ExpandViewLocations(ViewLocationExpanderContext context, IEnumerable<string> viewLocations) =>
        context.Values.TryGetValue(Key, out var feature) && feature is not null
            ? viewLocations.Select(l => l.Replace("{1}", feature, StringComparison.Ordinal))
            : viewLocations;
}
