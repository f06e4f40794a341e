using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Registry.Web.Infrastructure.Email;
using Registry.Web.Infrastructure.Security;
using Registry.Web.Infrastructure.Web;

namespace Registry.Web.Features.Home;

[AllowAnonymous]
[AllowWithoutSecondFactor]
public sealed class HomeController(IOptions<SiteOptions> site, IOptions<EmailOptions> email) : Controller
{
    [PublicPage]
    [HttpGet("/")]
    public IActionResult Index() => View();

    /// <summary>The accessibility statement: the standard, how it is checked, what is known not to meet it, and how to report a problem.</summary>
    [PublicPage]
    [HttpGet("/accessibility")]
    public IActionResult Accessibility() =>
        View(new AccessibilityModel(string.IsNullOrWhiteSpace(site.Value.AccessibilityContact) ? email.Value.FromAddress : site.Value.AccessibilityContact.Trim(), site.Value.Name));

    // Any method: a failed POST is re-executed here as a POST.
    [Route("/error/{statusCode:int?}")]
    [ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
    public IActionResult Error(int? statusCode)
    {
        var code = statusCode is >= 400 and < 600 ? statusCode.Value : StatusCodes.Status500InternalServerError;
        if (statusCode is null && Infrastructure.Web.DatabaseUnavailable.Is(HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Error))
        {
            // The database is restarting or unreachable: say so, and when to try again.
            code = StatusCodes.Status503ServiceUnavailable;
            Response.Headers.RetryAfter = "30";
        }

        Response.StatusCode = code;
        return View(nameof(Error), new ErrorViewModel(code, HttpContext.TraceIdentifier));
    }

    /// <summary>Any address no page answers: a friendly 404, even for someone not signed in.</summary>
    public IActionResult PageNotFound() => Error(StatusCodes.Status404NotFound);
}

public sealed record ErrorViewModel(int StatusCode, string RequestId);

/// <param name="Contact">The address that takes accessibility reports.</param>
/// <param name="SiteName">The registry's name (Site:Name).</param>
public sealed record AccessibilityModel(string Contact, string SiteName)
{
    /// <summary>When the statement was last checked against the site.</summary>
    public static readonly DateOnly Reviewed = new(2026, 12, 6);
}
