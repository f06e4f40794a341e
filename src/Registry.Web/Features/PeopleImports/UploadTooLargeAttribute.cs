using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Localization;

namespace Registry.Web.Features.PeopleImports;

/// <summary>
/// An upload larger than the page takes (its Content-Length says so) is answered with the page and the
/// message beside the file field, before a byte of it is read: otherwise the server's size limit cuts
/// it off while the antiforgery check reads the form, and the person gets a bare error page. Runs
/// after the authorization middleware (so only staff see the page) and before the antiforgery filter.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class UploadTooLargeAttribute(long maxBytes, string viewName) : Attribute, IAuthorizationFilter, IOrderedFilter
{
    /// <summary>Before the global antiforgery filter (order 1000), which reads the form.</summary>
    public int Order => 0;

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        var request = context.HttpContext.Request;
        if (request.ContentLength is not { } length || length <= maxBytes)
        {
            return;
        }

        var services = context.HttpContext.RequestServices;
        var t = services.GetRequiredService<IStringLocalizer<SharedResource>>();
        context.ModelState.AddModelError("files", t["The files come to more than {0:N0} MB: load them with the import-people command (docs/import-format.md).", ImportPages.MaxUploadBytes / (1024 * 1024)]);
        context.HttpContext.Response.Headers.Connection = "close";
        context.Result = new ViewResult
        {
            ViewName = viewName,
            StatusCode = StatusCodes.Status413PayloadTooLarge,
            ViewData = new ViewDataDictionary(services.GetRequiredService<IModelMetadataProvider>(), context.ModelState),
        };
    }
}
