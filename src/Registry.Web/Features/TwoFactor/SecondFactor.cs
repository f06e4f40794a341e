using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Registry.Web.Data;
using Registry.Web.Domain.Accounts;
using Registry.Web.Infrastructure.Email;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.TwoFactor;

/// <summary>
/// A person's second factor: an authenticator app (TOTP) with ten one-use recovery codes
/// (decision 0027). Required for anyone who sees other people's records; optional for everyone
/// else. Setting it up, asking for it again in a session, new recovery codes, turning it off or
/// starting again with another phone.
/// </summary>
public static class SecondFactor
{
    public sealed class CodeForm
    {
        public string? Code { get; set; }

        public string? ReturnUrl { get; set; }
    }

    public sealed class CodeValidator : AbstractValidator<CodeForm>
    {
        public CodeValidator(IStringLocalizer<SharedResource> t) =>
            RuleFor(f => f.Code).NotEmpty().WithMessage(t["Enter the 6-digit code your authenticator app shows."])
                .MaximumLength(RecoveryCodes.MaxTypedLength).WithMessage(t["Use at most {0} characters.", RecoveryCodes.MaxTypedLength]);
    }

    /// <summary>What the page shows: set it up (with the key), ask for it (this session has not proved it), or manage it.</summary>
    public sealed record Page(
        bool Enabled,
        bool ProvedThisSession,
        bool Required,
        string? Key,
        string? ReadableKey,
        int RecoveryCodesLeft,
        IReadOnlyList<PasskeyView> Passkeys,
        string? ReturnUrl);

    public sealed record PasskeyView(string Id, string Name, DateTimeOffset CreatedAt);

    public enum Outcome
    {
        Done,
        WrongCode,
        Paused,
        NotAllowed,
    }

    public sealed class Handler(
        UserManager<RegistryUser> users,
        IUserStore<RegistryUser> userStore,
        RegistrySignInManager signIn,
        AccountSessions sessions,
        SignInThrottles throttles,
        SecurityAudit audit,
        AccountEmails emails,
        RegistryDbContext db,
        IHttpContextAccessor http,
        IStringLocalizer<SharedResource> t)
    {
        public async Task<Page> PageAsync(RegistryUser user, string? returnUrl, CancellationToken ct)
        {
            var proved = signIn.CurrentSessionId is { } sessionId
                && await db.AccountSessions.AsNoTracking().AnyAsync(s => s.Id == sessionId && s.SecondFactor, ct);
            string? key = null;
            if (!user.TwoFactorEnabled)
            {
                key = await users.GetAuthenticatorKeyAsync(user);
                if (string.IsNullOrEmpty(key))
                {
                    // A first key, written without a new security stamp (UserManager's reset would make
                    // one, signing the person out of their other browsers just for opening this page).
                    key = users.GenerateNewAuthenticatorKey();
                    await ((IUserAuthenticatorKeyStore<RegistryUser>)userStore).SetAuthenticatorKeyAsync(user, key, ct);
                    await users.UpdateAsync(user);
                }
            }

            var passkeys = (await users.GetPasskeysAsync(user))
                .Select(p => new PasskeyView(Passkeys.Id(p.CredentialId), p.Name ?? t["Passkey"].Value, p.CreatedAt))
                .OrderBy(p => p.CreatedAt)
                .ToList();
            return new Page(
                user.TwoFactorEnabled,
                proved,
                await IsRequiredAsync(user.Id, ct),
                key,
                key is null ? null : RegistryAuthenticatorTokenProvider.Readable(key),
                user.TwoFactorEnabled ? await users.CountRecoveryCodesAsync(user) : 0,
                passkeys,
                returnUrl);
        }

        /// <summary>The QR code's address for the key being set up (none once the second factor is on).</summary>
        public async Task<string?> SetUpUriAsync(RegistryUser user) =>
            !user.TwoFactorEnabled && await users.GetAuthenticatorKeyAsync(user) is { Length: > 0 } key
                ? RegistryAuthenticatorTokenProvider.Uri(users.Options.Tokens.AuthenticatorIssuer, user.Email!, key)
                : null;

        /// <summary>The first code from the app turns the second factor on; returns the recovery codes to show once.</summary>
        public async Task<(Outcome Outcome, IReadOnlyList<string> RecoveryCodes)> SetUpAsync(RegistryUser user, string code, CancellationToken ct)
        {
            if (user.TwoFactorEnabled)
            {
                return (Outcome.NotAllowed, []);
            }

            var check = await CheckCodeAsync(user, code, allowRecoveryCode: false, ct);
            if (check != Outcome.Done)
            {
                return (check, []);
            }

            await users.SetTwoFactorEnabledAsync(user, true);
            var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodes.Count))?.ToList() ?? [];
            await ProveAsync(user);
            audit.AddOwn(SecurityEventKind.SecondFactorSetUp, user.Id, user.Email, "authenticator app");
            await emails.QueueSecondFactorChangedAsync(user, t["A second factor (an authenticator app) was set up for your account. From now on, signing in asks for a code from it."]);
            await db.SaveChangesAsync(ct);
            return (Outcome.Done, codes);
        }

        /// <summary>A session that has not proved the second factor the account has (signed in by a link, or set up elsewhere) proves it now.</summary>
        public async Task<Outcome> ProveAsync(RegistryUser user, string code, CancellationToken ct)
        {
            if (!user.TwoFactorEnabled)
            {
                return Outcome.NotAllowed;
            }

            var check = await CheckCodeAsync(user, code, allowRecoveryCode: true, ct);
            if (check == Outcome.Done)
            {
                await sessions.ProveSecondFactorAsync(signIn.CurrentSessionId!, ct: ct);
            }

            return check;
        }

        /// <summary>Ten new recovery codes; the old ones stop working.</summary>
        public async Task<IReadOnlyList<string>?> NewRecoveryCodesAsync(RegistryUser user, CancellationToken ct)
        {
            if (!user.TwoFactorEnabled || !await ProvedAsync(ct))
            {
                return null;
            }

            var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodes.Count))?.ToList() ?? [];
            audit.AddOwn(SecurityEventKind.RecoveryCodesRenewed, user.Id, user.Email);
            await emails.QueueSecondFactorChangedAsync(user, t["New recovery codes were made for your account; the old ones no longer work."]);
            await db.SaveChangesAsync(ct);
            return codes;
        }

        /// <summary>
        /// Turns the authenticator app off (with a new key for next time). Someone whose account needs
        /// a second factor may only start again (a new phone): they are asked to set it up at once.
        /// </summary>
        public async Task<Outcome> TurnOffAsync(RegistryUser user, bool startAgain, CancellationToken ct)
        {
            if (!user.TwoFactorEnabled || !await ProvedAsync(ct) || (!startAgain && await IsRequiredAsync(user.Id, ct)))
            {
                return Outcome.NotAllowed;
            }

            await users.SetTwoFactorEnabledAsync(user, false);
            await users.ResetAuthenticatorKeyAsync(user);
            await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
            await sessions.ProveSecondFactorAsync(signIn.CurrentSessionId!, proved: false, ct);
            await signIn.RefreshSignInAsync(user);
            audit.AddOwn(SecurityEventKind.SecondFactorRemoved, user.Id, user.Email, startAgain ? "to set up another phone" : "turned off");
            await emails.QueueSecondFactorChangedAsync(user, startAgain
                ? t["The authenticator app of your account was removed so that another one can be set up."]
                : t["The second factor of your account was turned off. Signing in now asks only for your password."]);
            await db.SaveChangesAsync(ct);
            return Outcome.Done;
        }

        /// <summary>Whether the account sees other people's records now (and so needs a second factor).</summary>
        public Task<bool> IsRequiredAsync(string userId, CancellationToken ct) => sessions.NeedsSecondFactorAsync(userId, ct);

        private async Task<bool> ProvedAsync(CancellationToken ct) =>
            signIn.CurrentSessionId is { } sessionId && await db.AccountSessions.AsNoTracking().AnyAsync(s => s.Id == sessionId && s.SecondFactor, ct);

        /// <summary>The session proved it, and the cookie carries the new security stamp.</summary>
        private async Task ProveAsync(RegistryUser user)
        {
            await sessions.ProveSecondFactorAsync(signIn.CurrentSessionId!);
            await signIn.RefreshSignInAsync(user);
        }

        private async Task<Outcome> CheckCodeAsync(RegistryUser user, string code, bool allowRecoveryCode, CancellationToken ct)
        {
            var source = http.HttpContext?.Connection.RemoteIpAddress?.ToString();
            if (await throttles.IsPausedAsync(user.Email!, source, ct))
            {
                return Outcome.Paused;
            }

            var digits = RegistryAuthenticatorTokenProvider.Normalize(code);
            var right = digits is not null
                ? await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, digits)
                : allowRecoveryCode && (await users.RedeemTwoFactorRecoveryCodeAsync(user, RecoveryCodes.Normalize(code))).Succeeded;
            if (right)
            {
                if (digits is null)
                {
                    audit.AddOwn(SecurityEventKind.RecoveryCodeUsed, user.Id, user.Email, $"{await users.CountRecoveryCodesAsync(user)} left");
                    await db.SaveChangesAsync(ct);
                }

                return Outcome.Done;
            }

            var paused = await throttles.FailAsync(user.Email!, source, ct);
            audit.AddOwn(SecurityEventKind.SignInFailed, user.Id, user.Email, "wrong second-factor code");
            await db.SaveChangesAsync(ct);
            return paused ? Outcome.Paused : Outcome.WrongCode;
        }
    }
}
