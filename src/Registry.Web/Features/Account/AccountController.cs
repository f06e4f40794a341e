using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
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
            await emails.QueueConfirmationAsync(user);
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

    [AllowAnonymous]
    [HttpGet("forgot-password")]
    public IActionResult ForgotPassword() => View(new PasswordForms.ForgotForm());

    [AllowAnonymous]
    [HttpPost("forgot-password")]
    [EnableRateLimiting(RateLimits.Email)]
    public async Task<IActionResult> ForgotPassword(
        PasswordForms.ForgotForm form,
        [FromServices] IValidator<PasswordForms.ForgotForm> validator,
        [FromServices] UserManager<RegistryUser> userManager,
        [FromServices] AccountEmails emails,
        [FromServices] RegistryDbContext db,
        CancellationToken cancellationToken)
    {
        if (!await this.ValidateAsync(validator, form, cancellationToken))
        {
            return View(form);
        }

        if (await userManager.FindByEmailAsync(form.Email!.Trim()) is { EmailConfirmed: true } user)
        {
            await emails.QueuePasswordResetAsync(user);
            await db.SaveChangesAsync(cancellationToken);
        }

        // The same answer whether or not the account exists.
        return View("PasswordResetSent");
    }

    [AllowAnonymous]
    [HttpGet("reset-password")]
    public async Task<IActionResult> ResetPassword(string? userId, string? code, [FromServices] UserManager<RegistryUser> userManager)
    {
        var token = AccountEmails.Decode(code);
        var user = userId is { Length: > 0 and <= 450 } ? await userManager.FindByIdAsync(userId) : null;
        if (user is null || token is null ||
            !await userManager.VerifyUserTokenAsync(user, userManager.Options.Tokens.PasswordResetTokenProvider, UserManager<RegistryUser>.ResetPasswordTokenPurpose, token))
        {
            return InvalidLink();
        }

        return View(new PasswordForms.ResetForm { UserId = userId, Code = code });
    }

    [AllowAnonymous]
    [HttpPost("reset-password")]
    public async Task<IActionResult> ResetPassword(
        PasswordForms.ResetForm form,
        [FromServices] IValidator<PasswordForms.ResetForm> validator,
        [FromServices] UserManager<RegistryUser> userManager,
        CancellationToken cancellationToken)
    {
        var token = AccountEmails.Decode(form.Code);
        var user = form.UserId is { Length: > 0 and <= 450 } ? await userManager.FindByIdAsync(form.UserId) : null;
        if (user is null || token is null)
        {
            return InvalidLink();
        }

        if (!await this.ValidateAsync(validator, form, cancellationToken))
        {
            form.Password = form.ConfirmPassword = null;
            return View(form);
        }

        var result = await userManager.ResetPasswordAsync(user, token, form.Password!);
        if (!result.Succeeded)
        {
            return InvalidLink();
        }

        // The person proved they own the email: a lockout from someone guessing ends here.
        await userManager.SetLockoutEndDateAsync(user, null);
        await userManager.ResetAccessFailedCountAsync(user);
        return View("PasswordChanged");
    }

    [Authorize(Policy = Policies.SignedIn)]
    [HttpGet("change-password")]
    public IActionResult ChangePassword() => View(new PasswordForms.ChangeForm());

    [Authorize(Policy = Policies.SignedIn)]
    [HttpPost("change-password")]
    public async Task<IActionResult> ChangePassword(
        PasswordForms.ChangeForm form,
        [FromServices] IValidator<PasswordForms.ChangeForm> validator,
        [FromServices] UserManager<RegistryUser> userManager,
        [FromServices] SignInManager<RegistryUser> signIn,
        CancellationToken cancellationToken)
    {
        var valid = await this.ValidateAsync(validator, form, cancellationToken);
        var user = await userManager.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (valid)
        {
            var result = await userManager.ChangePasswordAsync(user, form.CurrentPassword!, form.Password!);
            if (result.Succeeded)
            {
                await signIn.RefreshSignInAsync(user);
                TempData["Notice"] = t["Your password is changed."].Value;
                return LocalRedirect("/my-registry");
            }

            ModelState.AddModelError(nameof(form.CurrentPassword), t["That is not your current password."]);
        }

        form.CurrentPassword = form.Password = form.ConfirmPassword = null;
        return View(form);
    }

    [Authorize(Policy = Policies.SignedIn)]
    [HttpGet("change-email")]
    public IActionResult ChangeEmail() => View(new PasswordForms.ChangeEmailForm());

    [Authorize(Policy = Policies.SignedIn)]
    [HttpPost("change-email")]
    [EnableRateLimiting(RateLimits.Email)]
    public async Task<IActionResult> ChangeEmail(
        PasswordForms.ChangeEmailForm form,
        [FromServices] IValidator<PasswordForms.ChangeEmailForm> validator,
        [FromServices] UserManager<RegistryUser> userManager,
        [FromServices] AccountEmails emails,
        [FromServices] RegistryDbContext db,
        CancellationToken cancellationToken)
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (await this.ValidateAsync(validator, form, cancellationToken) && !await userManager.CheckPasswordAsync(user, form.CurrentPassword!))
        {
            ModelState.AddModelError(nameof(form.CurrentPassword), t["That is not your current password."]);
        }

        if (!ModelState.IsValid)
        {
            form.CurrentPassword = null;
            return View(form);
        }

        var newEmail = form.NewEmail!.Trim();
        if (await userManager.FindByEmailAsync(newEmail) is null)
        {
            await emails.QueueEmailChangeAsync(user, newEmail);
            await db.SaveChangesAsync(cancellationToken);
        }

        // The same answer whether or not the address is someone else's.
        return View("EmailChangeSent", newEmail);
    }

    [AllowAnonymous]
    [HttpGet("confirm-email-change")]
    public async Task<IActionResult> ConfirmEmailChange(
        string? userId,
        string? email,
        string? code,
        [FromServices] UserManager<RegistryUser> userManager,
        [FromServices] SignInManager<RegistryUser> signIn,
        [FromServices] RegistryDbContext db,
        CancellationToken cancellationToken)
    {
        var token = AccountEmails.Decode(code);
        var user = userId is { Length: > 0 and <= 450 } ? await userManager.FindByIdAsync(userId) : null;
        if (user is null || token is null || string.IsNullOrWhiteSpace(email) || email.Length > 256)
        {
            return InvalidLink();
        }

        var changed = await userManager.ChangeEmailAsync(user, email, token);
        if (!changed.Succeeded)
        {
            return InvalidLink();
        }

        await userManager.SetUserNameAsync(user, email);
        if (await db.Professionals.FirstOrDefaultAsync(p => p.UserId == user.Id, cancellationToken) is { } professional)
        {
            professional.Email = email;
            await db.SaveChangesAsync(cancellationToken);
        }

        await signIn.RefreshSignInAsync(user);
        TempData["Notice"] = t["Your email is changed. Sign in with the new address from now on."].Value;
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
