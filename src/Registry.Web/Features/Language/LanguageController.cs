using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Registry.Web.Infrastructure.Localization;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Language;

/// <summary>Switches the site's language (a cookie), then goes back to the page the person was on.</summary>
[AllowAnonymous]
[AllowWithoutSecondFactor]
public sealed class LanguageController : Controller
{
    /// <summary>
    /// The switch as a link, for people not signed in: their pages then carry no antiforgery token
    /// and can be cached (a language is no one's secret; the way back stays on the site).
    /// </summary>
    [HttpGet("/language")]
    public IActionResult Choose(string? culture, string? returnUrl) => Set(culture, returnUrl);

    /// <summary>The switch as a form, on signed-in people's pages.</summary>
    [HttpPost("/language")]
    public IActionResult Set(string? culture, string? returnUrl)
    {
        if (culture is not null && LocalizationSetup.SupportedCultures.Any(c => c.Name == culture))
        {
            Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
