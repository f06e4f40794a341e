using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Registry.Web.Infrastructure.Security;
using Registry.Web.Infrastructure.Web;

namespace Registry.Web.Features.Account;

/// <summary>Signing in with a passkey: the options action answers JSON for wwwroot/js/passkeys.js; the sign-in itself is a plain form post.</summary>
[AllowAnonymous]
[AllowWithoutSecondFactor]
[Route("account/sign-in/passkey")]
public sealed class PasskeySignInController(PasskeySignIn.Handler handler, IStringLocalizer<SharedResource> t) : Controller
{
    /// <summary>The options for <c>navigator.credentials.get</c>; the antiforgery token comes in a header.</summary>
    [EnableRateLimiting(RateLimits.SignIn)]
    [HttpPost("options")]
    public async Task<IActionResult> RequestOptions() => Content(await handler.RequestOptionsAsync(), "application/json");

    /// <summary>Signs in with a passkey, which counts as the second factor: on to the page asked for, or back to the sign-in page with a message.</summary>
    [EnableRateLimiting(RateLimits.SignIn)]
    [HttpPost("")]
    public async Task<IActionResult> SignIn(PasskeySignIn.Form form, CancellationToken ct)
    {
        var outcome = form.CredentialJson is { Length: > 0 and <= PasskeyIds.MaxCredentialLength } json
            ? await handler.SignInAsync(json, ct)
            : PasskeySignIn.Outcome.Refused;
        if (outcome == PasskeySignIn.Outcome.Done)
        {
            return LocalRedirect(Url.IsLocalUrl(form.ReturnUrl) ? form.ReturnUrl : "/my-registry");
        }

        var message = outcome == PasskeySignIn.Outcome.StartAgain
            ? t["Signing in with the passkey took too long. Try again."]
            : t["That passkey did not sign you in. Try again, or sign in with your email and password."];
        return View("SignIn", new SignInViewModel(new Account.SignIn.Form { ReturnUrl = form.ReturnUrl }, message, ShowResend: false, ShowSignInLink: false));
    }
}
