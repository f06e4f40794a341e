using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Registry.Web.Data;
using Registry.Web.Domain.Accounts;
using Registry.Web.Infrastructure.Email;
using Registry.Web.Infrastructure.Forms;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Account;

/// <summary>
/// The confirmation link (decision 0026). In the browser that signed up it confirms and signs in.
/// Anywhere else it signs nobody in: the person either types the account's password (they made
/// it), or chooses a new one (they did not, or forgot it) — so whoever created an account with
/// someone else's address never gets a confirmed account whose password they know.
/// </summary>
public static class ConfirmEmail
{
    public const string WithPassword = "password";
    public const string WithNewPassword = "new-password";

    public sealed class Form
    {
        public string? UserId { get; set; }

        public string? Code { get; set; }

        /// <summary><see cref="WithPassword"/> or <see cref="WithNewPassword"/>: which of the page's two forms was sent.</summary>
        public string? Choice { get; set; }

        public string? Password { get; set; }

        public string? NewPassword { get; set; }

        public string? ConfirmNewPassword { get; set; }
    }

    public sealed class Validator : AbstractValidator<Form>
    {
        public Validator(IStringLocalizer<SharedResource> t)
        {
            When(f => f.Choice == WithPassword, () =>
                RuleFor(f => f.Password).NotEmpty().WithMessage(t["Enter the password you chose when you created the account."])
                    .MaximumLength(256).WithMessage(t["Use at most {0} characters.", 256]));
            When(f => f.Choice != WithPassword, () => PersonFields.NewPasswordRules(this, f => f.NewPassword, f => f.ConfirmNewPassword, t));
        }
    }

    public enum Outcome
    {
        SignedIn,
        SecondFactorNeeded,

        /// <summary>Another browser: ask for the password, or a new one.</summary>
        AskWhoYouAre,
        AlreadyConfirmed,
        InvalidLink,
        WrongPassword,
        Paused,
        PasswordRefused,
    }

    public sealed class Handler(
        UserManager<RegistryUser> users,
        RegistrySignInManager signIn,
        SignInThrottles throttles,
        AccountSessions sessions,
        SecurityAudit audit,
        AccountEmails emails,
        RegistryDbContext db,
        IHttpContextAccessor http)
    {
        /// <summary>The link is opened: confirms and signs in only in the browser that signed up.</summary>
        public async Task<Outcome> OpenAsync(string? userId, string? code, SignUpBrowser signUpBrowser, CancellationToken ct)
        {
            var (user, token) = await FindAsync(userId, code);
            if (user is null || token is null)
            {
                return Outcome.InvalidLink;
            }

            var valid = await users.VerifyUserTokenAsync(user, users.Options.Tokens.EmailConfirmationTokenProvider, UserManager<RegistryUser>.ConfirmEmailTokenPurpose, token);
            if (user.EmailConfirmed || !valid)
            {
                return user.EmailConfirmed && valid ? Outcome.AlreadyConfirmed : Outcome.InvalidLink;
            }

            if (!signUpBrowser.SignedUp(http.HttpContext!.Request, user.Id))
            {
                return Outcome.AskWhoYouAre;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (!(await users.ConfirmEmailAsync(user, token)).Succeeded)
            {
                return Outcome.InvalidLink;
            }

            audit.AddOwn(SecurityEventKind.EmailConfirmed, user.Id, user.Email, "in the browser that signed up");
            var result = await signIn.SignInByEmailAsync(user, SignInMethod.EmailConfirmation);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return result.RequiresTwoFactor ? Outcome.SecondFactorNeeded : Outcome.SignedIn;
        }

        /// <summary>Another browser, and the person typed the account's password: they made it.</summary>
        public async Task<Outcome> ConfirmWithPasswordAsync(Form form, CancellationToken ct)
        {
            var (user, token) = await FindValidAsync(form);
            if (user is null || token is null)
            {
                return Outcome.InvalidLink;
            }

            var source = http.HttpContext?.Connection.RemoteIpAddress?.ToString();
            if (await throttles.IsPausedAsync(user.Email!, source, ct))
            {
                return Outcome.Paused;
            }

            if (!await users.CheckPasswordAsync(user, form.Password!))
            {
                var paused = await throttles.FailAsync(user.Email!, source, ct);
                audit.AddOwn(SecurityEventKind.SignInFailed, user.Id, user.Email, "wrong password when confirming the email");
                await db.SaveChangesAsync(ct);
                return paused ? Outcome.Paused : Outcome.WrongPassword;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (!(await users.ConfirmEmailAsync(user, token)).Succeeded)
            {
                return Outcome.InvalidLink;
            }

            await throttles.SucceedAsync(user.Email!, source, ct);
            audit.AddOwn(SecurityEventKind.EmailConfirmed, user.Id, user.Email, "with the account's password");
            var result = await signIn.SignInOrSecondFactorAsync(user, isPersistent: false);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return result.RequiresTwoFactor ? Outcome.SecondFactorNeeded : Outcome.SignedIn;
        }

        /// <summary>Another browser, and the email's owner chose a new password: the account is theirs, whoever started it.</summary>
        public async Task<Outcome> ConfirmWithNewPasswordAsync(Form form, CancellationToken ct)
        {
            var (user, token) = await FindValidAsync(form);
            if (user is null || token is null)
            {
                return Outcome.InvalidLink;
            }

            foreach (var validator in users.PasswordValidators)
            {
                if (!(await validator.ValidateAsync(users, user, form.NewPassword)).Succeeded)
                {
                    return Outcome.PasswordRefused;
                }
            }

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var confirmed = await users.ConfirmEmailAsync(user, token);
            var reset = confirmed.Succeeded
                ? await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), form.NewPassword!)
                : confirmed;
            if (!reset.Succeeded)
            {
                return Outcome.InvalidLink;
            }

            await sessions.EndAllAsync(user.Id, "password chosen at confirmation", ct: ct);
            await throttles.ClearAccountAsync(user.Email!, ct);
            audit.AddOwn(SecurityEventKind.EmailConfirmed, user.Id, user.Email, "with a new password");
            audit.AddOwn(SecurityEventKind.PasswordReset, user.Id, user.Email, "chosen when confirming the email");
            await emails.QueuePasswordChangedAsync(user);
            var result = await signIn.SignInOrSecondFactorAsync(user, isPersistent: false);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return result.RequiresTwoFactor ? Outcome.SecondFactorNeeded : Outcome.SignedIn;
        }

        private async Task<(RegistryUser? User, string? Token)> FindValidAsync(Form form)
        {
            var (user, token) = await FindAsync(form.UserId, form.Code);
            // A locked account (merged into another profile, or locked by staff) is not confirmed or signed in by any link.
            return user is { EmailConfirmed: false } && token is not null && !await users.IsLockedOutAsync(user)
                && await users.VerifyUserTokenAsync(user, users.Options.Tokens.EmailConfirmationTokenProvider, UserManager<RegistryUser>.ConfirmEmailTokenPurpose, token)
                ? (user, token)
                : (null, null);
        }

        private async Task<(RegistryUser? User, string? Token)> FindAsync(string? userId, string? code)
        {
            var token = AccountEmails.Decode(code);
            var user = userId is { Length: > 0 and <= 450 } && token is not null ? await users.FindByIdAsync(userId) : null;
            return (user, token);
        }
    }
}
