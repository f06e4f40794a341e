using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Registry.Web.Infrastructure.Security;

/// <summary>
/// A page someone may open before proving the second factor their account needs: the account
/// pages (where they set it up, or sign out), the home page, errors, the language switch.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = false)]
public sealed class AllowWithoutSecondFactorAttribute : Attribute, IFilterMetadata
{
}

/// <summary>
/// An account that sees other people's records (a registry-wide role, an active grant, an approved
/// sponsor membership) uses its pages only in a session that proved a second factor. Until then
/// every other page sends the person to set one up (or to enter a code, if they have one); the
/// JSON API answers 403. Whether the session owes a second factor is decided by
/// <see cref="AccountSessions"/> on every request, from the account's roles and grants as they are now.
/// </summary>
public sealed class SecondFactorGate : IAuthorizationFilter
{
    public const string SetUpPath = "/account/two-factor";

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        var http = context.HttpContext;
        if (!http.Items.ContainsKey(AccountSessions.SecondFactorRequiredItem)
            || context.Filters.OfType<AllowWithoutSecondFactorAttribute>().Any())
        {
            return;
        }

        if (http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            context.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
            return;
        }

        var returnUrl = HttpMethods.IsGet(http.Request.Method) ? http.Request.Path + http.Request.QueryString : null;
        context.Result = new RedirectResult(SetUpPath + (returnUrl is null ? string.Empty : "?returnUrl=" + Uri.EscapeDataString(returnUrl)));
    }
}
