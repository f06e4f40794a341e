using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Routing;

namespace Registry.Web.Infrastructure.Web;

/// <summary>
/// Link generation for views, remembered across requests: every page's menu asks for the same dozen
/// links (<c>asp-controller</c>/<c>asp-action</c>), and working each out again from the route table was
/// a few percent of a signed-in page's time (docs/benchmarks.md). A link is a function of the action,
/// controller, the values given, the current request's route values, the path base, and the protocol,
/// host and fragment asked for; all of these make the key, so a remembered link is the one the framework
/// would write. At most <see cref="Capacity"/> links are kept (pages with ids in their route make new
/// keys; when full, the store is emptied and fills again with what is asked for). See docs/decisions/0051-remembered-links.md.
/// </summary>
public sealed class RememberedLinks : IUrlHelperFactory
{
    public const int Capacity = 4096;

    private readonly UrlHelperFactory _framework = new();
    private readonly ConcurrentDictionary<string, string?> _links = new(StringComparer.Ordinal);

    public IUrlHelper GetUrlHelper(ActionContext context) => new Helper(_framework.GetUrlHelper(context), this);

    private sealed class Helper(IUrlHelper framework, RememberedLinks links) : IUrlHelper
    {
        public ActionContext ActionContext => framework.ActionContext;

        public string? Action(UrlActionContext actionContext)
        {
            if (Key(actionContext) is not { } key)
            {
                return framework.Action(actionContext);
            }

            if (links._links.TryGetValue(key, out var link))
            {
                return link;
            }

            link = framework.Action(actionContext);
            if (links._links.Count >= Capacity)
            {
                // Full (pages with ids in their route make a key per id): start again, so the links pages ask for now are the ones kept.
                links._links.Clear();
            }

            links._links.TryAdd(key, link);
            return link;
        }

        [return: NotNullIfNotNull(nameof(contentPath))]
        public string? Content(string? contentPath) => framework.Content(contentPath);

        public bool IsLocalUrl([NotNullWhen(true)] string? url) => framework.IsLocalUrl(url);

        public string? Link(string? routeName, object? values) => framework.Link(routeName, values);

        public string? RouteUrl(UrlRouteContext routeContext) => framework.RouteUrl(routeContext);

        /// <summary>Everything the link depends on, or null when a value is not plain text or a number (then it is not remembered).</summary>
        private string? Key(UrlActionContext context)
        {
            var key = new StringBuilder(160)
                .Append(context.Action).Append('\u001f').Append(context.Controller).Append('\u001f')
                .Append(context.Protocol).Append('\u001f').Append(context.Host).Append('\u001f').Append(context.Fragment).Append('\u001f')
                .Append(ActionContext.HttpContext.Request.PathBase.Value).Append('\u001e');
            if (context.Values is { } values
                && !Append(key, values as Microsoft.AspNetCore.Routing.RouteValueDictionary ?? new Microsoft.AspNetCore.Routing.RouteValueDictionary(values)))
            {
                return null;
            }

            key.Append('\u001e');
            return Append(key, ActionContext.RouteData.Values) ? key.ToString() : null;
        }

        private static bool Append(StringBuilder key, Microsoft.AspNetCore.Routing.RouteValueDictionary values)
        {
            foreach (var (name, value) in values)
            {
                var text = value switch
                {
                    null => "\0",
                    string s => s,
                    int or long or short or byte or bool or Guid => Convert.ToString(value, CultureInfo.InvariantCulture),
                    _ => null,
                };
                if (text is null)
                {
                    return false;
                }

                key.Append(name).Append('=').Append(text).Append('\u001f');
            }

            return true;
        }
    }
}
