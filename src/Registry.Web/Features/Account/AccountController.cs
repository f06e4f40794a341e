using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Registry.Web.Data;
using Registry.Web.Domain.Accounts;
using Registry.Web.Infrastructure.Email;
using Registry.Web.Infrastructure.Forms;
using Registry.Web.Infrastructure.Security;
using Registry.Web.Infrastructure.Web;

namespace Registry.Web.Features.Account;

/// <summary>Signing in and out, the account's own security page, email confirmation, passwords and email changes.</summary>
[Route("account")]
[AllowWithoutSecondFactor]
public sealed class AccountController(IStringLocalizer<SharedResource> t) : Controller
{
    /// <summary>The account's security: sign-in email, password, second factor, where it is signed in.</summary>
    [Authorize(Policy = Policies.SignedIn)]
    [HttpGet("")]
    public async Task<IActionResult> Index(
        [FromServices] UserManager<RegistryUser> userManager,
        [FromServices] AccountSessions sessions,
        [FromServices] RegistrySignInManager signIn,
        CancellationToken ct)
    {
        if (await userManager.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        return View(new AccountPage(
            user.Email!,
            user.TwoFactorEnabled,
            (await userManager.GetPasskeysAsync(user)).Count,
            await sessions.ActiveAsync(user.Id, ct),
            signIn.CurrentSessionId));
    }

    [AllowAnonymous]
    [HttpGet("sign-in")]
    public IActionResult SignIn(string? returnUrl) =>
        View(new SignInViewModel(new SignIn.Form { ReturnUrl = returnUrl }, null, ShowResend: false, ShowSignInLink: false));

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
            return View(new SignInViewModel(form, null, ShowResend: false, ShowSignInLink: false));
        }

        var outcome = await handler.HandleAsync(form, cancellationToken);
        form.Password = null;
        return outcome switch
        {
            Account.SignIn.Outcome.SignedIn => LocalRedirect(SafeReturnUrl(form.ReturnUrl)),
            Account.SignIn.Outcome.SecondFactorNeeded => RedirectToAction(nameof(TwoFactorSignIn), new { returnUrl = SafeReturnUrl(form.ReturnUrl), rememberMe = form.RememberMe }),
            Account.SignIn.Outcome.EmailNotConfirmed => View(new SignInViewModel(
                form, t["Confirm your email before you sign in: open the link we sent you. We can send it again."], ShowResend: true, ShowSignInLink: false)),
            Account.SignIn.Outcome.Paused => Paused(View(new SignInViewModel(form, PausedMessage(), ShowResend: false, ShowSignInLink: true))),
            _ => View(new SignInViewModel(form, t["That email and password do not match an account. Check them and try again."], ShowResend: false, ShowSignInLink: false)),
        };
    }

    [AllowAnonymous]
    [HttpGet("sign-in/two-factor")]
    public async Task<IActionResult> TwoFactorSignIn(string? returnUrl, bool rememberMe, [FromServices] RegistrySignInManager signIn) =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null
            ? RedirectToAction(nameof(SignIn), new { returnUrl })
            : View(new TwoFactorSignIn.Form { ReturnUrl = returnUrl, RememberMe = rememberMe });

    [AllowAnonymous]
    [HttpPost("sign-in/two-factor")]
    [EnableRateLimiting(RateLimits.SignIn)]
    public async Task<IActionResult> TwoFactorSignIn(
        TwoFactorSignIn.Form form,
        [FromServices] IValidator<TwoFactorSignIn.Form> validator,
        [FromServices] TwoFactorSignIn.Handler handler,
        CancellationToken ct)
    {
        if (!await this.ValidateAsync(validator, form, ct))
        {
            form.Code = null;
            return View(form);
        }

        var outcome = await handler.HandleAsync(form, ct);
        form.Code = null;
        switch (outcome)
        {
            case Account.TwoFactorSignIn.Outcome.SignedIn:
                return LocalRedirect(SafeReturnUrl(form.ReturnUrl));
            case Account.TwoFactorSignIn.Outcome.StartAgain:
                TempData["Notice"] = t["Signing in took too long. Start again with your email and password."].Value;
                return RedirectToAction(nameof(SignIn), new { returnUrl = form.ReturnUrl });
            case Account.TwoFactorSignIn.Outcome.Paused:
                ModelState.AddModelError(nameof(form.Code), PausedMessage());
                return Paused(View(form));
            default:
                ModelState.AddModelError(nameof(form.Code), t["That code does not work. Check that the time on your phone is right, or use a recovery code."]);
                return View(form);
        }
    }

    /// <summary>Asks for a one-time sign-in link by email (the way out of a pause); the same answer whether or not an account has the email.</summary>
    [AllowAnonymous]
    [HttpPost("sign-in-link")]
    [EnableRateLimiting(RateLimits.Email)]
    public async Task<IActionResult> RequestSignInLink(string? email, [FromServices] SignInLink.Handler handler, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(email) && email.Length <= 256 && FormRules.IsEmailAddress(email.Trim()))
        {
            await handler.RequestAsync(email, ct);
        }

        return View("SignInLinkSent");
    }

    /// <summary>The sign-in link's page: a button, so that a mail scanner following the link signs nobody in.</summary>
    [AllowAnonymous]
    [HttpGet("sign-in-link")]
    public async Task<IActionResult> SignInLink(string? userId, string? code, [FromServices] SignInLink.Handler handler) =>
        await handler.IsValidAsync(userId, code) ? View(new LinkForm(userId!, code!)) : InvalidLink();

    [AllowAnonymous]
    [HttpPost("sign-in-link/use")]
    public async Task<IActionResult> UseSignInLink(string? userId, string? code, [FromServices] SignInLink.Handler handler, CancellationToken ct) =>
        await handler.UseAsync(userId, code, ct) switch
        {
            Account.SignInLink.Outcome.SignedIn => LocalRedirect("/my-registry"),
            Account.SignInLink.Outcome.SecondFactorNeeded => RedirectToAction(nameof(TwoFactorSignIn), new { returnUrl = "/my-registry" }),
            _ => InvalidLink(),
        };

    [HttpPost("sign-out")]
    [Authorize(Policy = Policies.SignedIn)]
    public async Task<IActionResult> SignOut([FromServices] RegistrySignInManager signIn, [FromServices] SecurityAudit audit, [FromServices] RegistryDbContext db, CancellationToken ct)
    {
        audit.AddOwn(SecurityEventKind.SignedOut, signIn.UserManager.GetUserId(User), User.Identity?.Name);
        await db.SaveChangesAsync(ct);
        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }

    /// <summary>Ends every session of the account, this one too (a lost phone, a shared computer).</summary>
    [HttpPost("sign-out-everywhere")]
    [Authorize(Policy = Policies.SignedIn)]
    public async Task<IActionResult> SignOutEverywhere(
        [FromServices] RegistrySignInManager signIn,
        [FromServices] AccountSessions sessions,
        [FromServices] SecurityAudit audit,
        [FromServices] RegistryDbContext db,
        CancellationToken ct)
    {
        if (await signIn.UserManager.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        var ended = await sessions.EndAllAsync(user.Id, "signed out everywhere", ct: ct);
        await signIn.UserManager.UpdateSecurityStampAsync(user);
        audit.AddOwn(SecurityEventKind.SignedOutEverywhere, user.Id, user.Email, $"{ended} sessions ended");
        await db.SaveChangesAsync(ct);
        await signIn.SignOutAsync();
        TempData["Notice"] = t["You are signed out everywhere, here too."].Value;
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
    public async Task<IActionResult> ConfirmEmail(string? userId, string? code, [FromServices] ConfirmEmail.Handler handler, [FromServices] SignUpBrowser signUpBrowser, CancellationToken ct) =>
        await handler.OpenAsync(userId, code, signUpBrowser, ct) switch
        {
            Account.ConfirmEmail.Outcome.SignedIn => Confirmed(signUpBrowser),
            Account.ConfirmEmail.Outcome.SecondFactorNeeded => RedirectToAction(nameof(TwoFactorSignIn), new { returnUrl = "/my-registry" }),
            Account.ConfirmEmail.Outcome.AlreadyConfirmed => View("EmailAlreadyConfirmed"),
            Account.ConfirmEmail.Outcome.AskWhoYouAre => View("ConfirmEmail", new ConfirmEmail.Form { UserId = userId, Code = code }),
            _ => InvalidLink(),
        };

    /// <summary>The confirmation link in another browser: the account's password, or a new one.</summary>
    [AllowAnonymous]
    [HttpPost("confirm-email")]
    [EnableRateLimiting(RateLimits.SignIn)]
    public async Task<IActionResult> ConfirmEmail(
        ConfirmEmail.Form form,
        [FromServices] IValidator<ConfirmEmail.Form> validator,
        [FromServices] ConfirmEmail.Handler handler,
        [FromServices] SignUpBrowser signUpBrowser,
        CancellationToken ct)
    {
        var withPassword = form.Choice == Account.ConfirmEmail.WithPassword;
        var outcome = !await this.ValidateAsync(validator, form, ct) ? (Account.ConfirmEmail.Outcome?)null
            : withPassword ? await handler.ConfirmWithPasswordAsync(form, ct)
            : await handler.ConfirmWithNewPasswordAsync(form, ct);
        form.Password = form.NewPassword = form.ConfirmNewPassword = null;
        switch (outcome)
        {
            case Account.ConfirmEmail.Outcome.SignedIn:
                return Confirmed(signUpBrowser);
            case Account.ConfirmEmail.Outcome.SecondFactorNeeded:
                return RedirectToAction(nameof(TwoFactorSignIn), new { returnUrl = "/my-registry" });
            case Account.ConfirmEmail.Outcome.InvalidLink:
                return InvalidLink();
            case Account.ConfirmEmail.Outcome.WrongPassword:
                ModelState.AddModelError(nameof(form.Password), t["That is not the password this account was created with. If you did not create it, or do not remember the password, choose a new one below."]);
                break;
            case Account.ConfirmEmail.Outcome.Paused:
                ModelState.AddModelError(nameof(form.Password), PausedMessage());
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                break;
            case Account.ConfirmEmail.Outcome.PasswordRefused:
                ModelState.AddModelError(nameof(form.NewPassword), t["This password cannot be used: choose another."]);
                break;
        }

        return View("ConfirmEmail", form);
    }

    [AllowAnonymous]
    [HttpGet("forgot-password")]
    public IActionResult ForgotPassword() => View(new PasswordForms.ForgotForm());

    /// <summary>Sends a reset link to any account with the email, confirmed or not (using it confirms the email).</summary>
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

        if (await userManager.FindByEmailAsync(form.Email!.Trim()) is { } user)
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
        [FromServices] AccountChanges.Handler changes,
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

        return await changes.ResetPasswordAsync(user, token, form.Password!, cancellationToken) ? View("PasswordChanged") : InvalidLink();
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
        [FromServices] AccountChanges.Handler changes,
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
            var check = await changes.CheckCurrentPasswordAsync(user, form.CurrentPassword!, cancellationToken);
            if (check == AccountChanges.PasswordCheck.Right && await changes.ChangePasswordAsync(user, form.CurrentPassword!, form.Password!, cancellationToken))
            {
                TempData["Notice"] = t["Your password is changed. Every other device you were signed in on is signed out."].Value;
                return LocalRedirect("/my-registry");
            }

            if (check == AccountChanges.PasswordCheck.Right)
            {
                ModelState.AddModelError(nameof(form.Password), t["This password cannot be used: choose another."]);
            }
            else
            {
                CurrentPasswordProblem(check);
            }
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
        [FromServices] AccountChanges.Handler changes,
        CancellationToken cancellationToken)
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (await this.ValidateAsync(validator, form, cancellationToken)
            && await changes.CheckCurrentPasswordAsync(user, form.CurrentPassword!, cancellationToken) is var check and not AccountChanges.PasswordCheck.Right)
        {
            CurrentPasswordProblem(check);
        }

        if (!ModelState.IsValid)
        {
            form.CurrentPassword = null;
            return View(form);
        }

        var newEmail = form.NewEmail!.Trim();
        await changes.RequestEmailChangeAsync(user, newEmail, cancellationToken);

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
        [FromServices] AccountChanges.Handler changes,
        CancellationToken cancellationToken)
    {
        var token = AccountEmails.Decode(code);
        var user = userId is { Length: > 0 and <= 450 } ? await userManager.FindByIdAsync(userId) : null;
        if (user is null || token is null || string.IsNullOrWhiteSpace(email) || email.Length > 256
            || !await changes.ConfirmEmailChangeAsync(user, email, token, cancellationToken))
        {
            return InvalidLink();
        }

        TempData["Notice"] = t["Your email is changed. Sign in with the new address from now on."].Value;
        return LocalRedirect("/my-registry");
    }

    /// <summary>The old address's "this was not me" link: a page that asks before undoing.</summary>
    [AllowAnonymous]
    [HttpGet("undo-email-change")]
    public async Task<IActionResult> UndoEmailChange(string? token, [FromServices] AccountChanges.Handler changes) =>
        await changes.ReadUndoAsync(token) is { } change ? View(new UndoEmailChangePage(token!, change.OldEmail, change.NewEmail)) : InvalidLink();

    [AllowAnonymous]
    [HttpPost("undo-email-change")]
    public async Task<IActionResult> UndoEmailChange(string? token, [FromServices] AccountChanges.Handler changes, [FromServices] RegistrySignInManager signIn, CancellationToken ct)
    {
        switch (await changes.UndoEmailChangeAsync(token, ct))
        {
            case AccountChanges.UndoOutcome.Undone:
                await signIn.SignOutAsync();
                return View("EmailChangeUndone");
            case AccountChanges.UndoOutcome.AddressTaken:
                Response.StatusCode = StatusCodes.Status409Conflict;
                return View("EmailChangeNotUndone");
            default:
                return InvalidLink();
        }
    }

    private LocalRedirectResult Confirmed(SignUpBrowser signUpBrowser)
    {
        signUpBrowser.Forget(Response);
        TempData["Notice"] = t["Your email is confirmed. Welcome to Registry."].Value;
        return LocalRedirect("/my-registry");
    }

    private void CurrentPasswordProblem(AccountChanges.PasswordCheck check)
    {
        if (check == AccountChanges.PasswordCheck.Paused)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
        }

        ModelState.AddModelError(nameof(PasswordForms.ChangeForm.CurrentPassword), check == AccountChanges.PasswordCheck.Paused
            ? t["Too many wrong passwords: this is paused for a while. Try again later."]
            : t["That is not your current password."]);
    }

    private string SafeReturnUrl(string? returnUrl) => Url.IsLocalUrl(returnUrl) ? returnUrl : "/my-registry";

    private string PausedMessage() =>
        t["Signing in with this email is paused for a while after too many tries. Wait and try again, or have a link sent to the email to sign in now."];

    private ViewResult Paused(ViewResult view)
    {
        Response.StatusCode = StatusCodes.Status429TooManyRequests;
        return view;
    }

    /// <summary>One page for an unknown user, a tampered, expired or used link: it says nothing about whether an account exists.</summary>
    private ViewResult InvalidLink()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return View("InvalidLink");
    }
}

public sealed record SignInViewModel(SignIn.Form Form, string? Message, bool ShowResend, bool ShowSignInLink);

public sealed record AccountPage(string Email, bool SecondFactor, int Passkeys, IReadOnlyList<AccountSessions.ActiveSession> Sessions, string? CurrentSessionId);

public sealed record LinkForm(string UserId, string Code);

public sealed record UndoEmailChangePage(string Token, string OldEmail, string NewEmail);
