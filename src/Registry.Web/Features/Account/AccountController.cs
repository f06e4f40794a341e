using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Registry.Web.Data;
using Registry.Web.Features.Forms;
using Registry.Web.Infrastructure.Security;
using Registry.Web.Infrastructure.Web;

namespace Registry.Web.Features.Account;

/// <summary>Sign in, sign out, and the email confirmation link.</summary>
[Route("account")]
public sealed class AccountController(IStringLocalizer<SharedResource> t) : Controller
{
    [AllowAnonymous]
    [HttpGet("sign-in")]
    public IActionResult SignIn(string? returnUrl) =>
        View(new SignInViewModel(new SignIn.Form { ReturnUrl = returnUrl }, null, ShowResend: false));

    [AllowAnonymous]
    [HttpPost("sign-in")]
    [EnableRateLimiting(RateLimits.SignIn)]
    public async Task<IActionResult> SignIn(
        SignIn.Form form,
        [FromServices] IValidator<SignIn.Form> validator,
        [FromServices] SignIn.Handler handler,
        CancellationToken cancellationToken)
    {
        if (!await this.ValidateAsync(validator, form, cancellationToken))
        {
            return View(new SignInViewModel(form, null, ShowResend: false));
        }

        var result = await handler.HandleAsync(form, cancellationToken);
        form.Password = null;
        return result.Outcome switch
        {
            Account.SignIn.Outcome.SignedIn => LocalRedirect(Url.IsLocalUrl(form.ReturnUrl) ? form.ReturnUrl : "/my-registry"),
            Account.SignIn.Outcome.EmailNotConfirmed => View(new SignInViewModel(
                form, t["Confirm your email before you sign in: open the link we sent you. We can send it again."], ShowResend: true)),
            Account.SignIn.Outcome.LockedOut => View(new SignInViewModel(
                form,
                t["Too many tries. For your security, sign-in is paused until {0} (UTC).",
                    result.LockedOutUntil?.UtcDateTime.ToString("g", System.Globalization.CultureInfo.CurrentCulture) ?? string.Empty],
                ShowResend: false)),
            _ => View(new SignInViewModel(form, t["That email and password do not match an account. Check them and try again."], ShowResend: false)),
        };
    }

    [HttpPost("sign-out")]
    [Authorize(Policy = Policies.SignedIn)]
    public async Task<IActionResult> SignOut([FromServices] SignInManager<RegistryUser> signIn)
    {
        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }

    [AllowAnonymous]
    [HttpPost("resend-confirmation")]
    [EnableRateLimiting(RateLimits.Email)]
    public async Task<IActionResult> ResendConfirmation(
        string? email,
        [FromServices] UserManager<RegistryUser> userManager,
        [FromServices] AccountEmails emails,
        [FromServices] RegistryDbContext db,
        CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(email) && email.Length <= 256 && await userManager.FindByEmailAsync(email.Trim()) is { EmailConfirmed: false } user)
        {
            await emails.QueueConfirmationAsync(user, string.Empty);
            await db.SaveChangesAsync(cancellationToken);
        }

        // The same answer whether or not the account exists.
        return View("ConfirmationSent");
    }

    [AllowAnonymous]
    [HttpGet("confirm-email")]
    public async Task<IActionResult> ConfirmEmail(
        string? userId,
        string? code,
        [FromServices] UserManager<RegistryUser> userManager,
        [FromServices] SignInManager<RegistryUser> signIn)
    {
        var token = AccountEmails.Decode(code);
        var user = userId is { Length: > 0 and <= 450 } ? await userManager.FindByIdAsync(userId) : null;
        if (user is null || token is null)
        {
            return InvalidLink();
        }

        if (user.EmailConfirmed)
        {
            var stillValid = await userManager.VerifyUserTokenAsync(user, userManager.Options.Tokens.EmailConfirmationTokenProvider, UserManager<RegistryUser>.ConfirmEmailTokenPurpose, token);
            return stillValid ? View("EmailAlreadyConfirmed") : InvalidLink();
        }

        var result = await userManager.ConfirmEmailAsync(user, token);
        if (!result.Succeeded)
        {
            return InvalidLink();
        }

        await signIn.SignInAsync(user, isPersistent: false);
        TempData["Notice"] = t["Your email is confirmed. Welcome to Registry."].Value;
        return LocalRedirect("/my-registry");
    }

    /// <summary>One page for an unknown user, a tampered, expired or used link: it says nothing about whether an account exists.</summary>
    private ViewResult InvalidLink()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return View("InvalidLink");
    }
}

public sealed record SignInViewModel(SignIn.Form Form, string? Message, bool ShowResend);
