using Microsoft.AspNetCore.Identity;
using Registry.Web.Data;
using Registry.Web.Domain.Accounts;
using Registry.Web.Infrastructure.Email;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Account;

/// <summary>
/// A one-time link by email that signs the person in: the way out when signing in is paused for
/// their email (someone else guessing cannot keep the owner out). It works once, for 10 minutes;
/// using it ends every pause on the email and every other session, and the second factor, if the
/// account has one, is still asked for.
/// </summary>
public static class SignInLink
{
    public const string Purpose = "SignInLink";

    public enum Outcome
    {
        SignedIn,
        SecondFactorNeeded,
        InvalidLink,
    }

    public sealed class Handler(
        UserManager<RegistryUser> users,
        RegistrySignInManager signIn,
        SignInThrottles throttles,
        AccountSessions sessions,
        SecurityAudit audit,
        AccountEmails emails,
        RegistryDbContext db)
    {
        /// <summary>Sends the link when a confirmed account has the email; the caller shows the same page either way.</summary>
        public async Task RequestAsync(string email, CancellationToken ct)
        {
            if (await users.FindByEmailAsync(email.Trim()) is not { EmailConfirmed: true } user || await users.IsLockedOutAsync(user))
            {
                return;
            }

            var code = AccountEmails.Encode(await users.GenerateUserTokenAsync(user, SignInLinkTokenProviderOptions.ProviderName, Purpose));
            await emails.QueueSignInLinkAsync(user, code);
            audit.AddOwn(SecurityEventKind.SignInLinkSent, user.Id, user.Email);
            await db.SaveChangesAsync(ct);
        }

        public async Task<bool> IsValidAsync(string? userId, string? code) => await FindAsync(userId, code) is not null;

        public async Task<Outcome> UseAsync(string? userId, string? code, CancellationToken ct)
        {
            if (await FindAsync(userId, code) is not { Email: { } email } user)
            {
                return Outcome.InvalidLink;
            }

            // A new security stamp: this link (and every other link and session) stops working.
            await users.UpdateSecurityStampAsync(user);
            await sessions.EndAllAsync(user.Id, "signed in by an email link", ct: ct);
            await throttles.ClearAccountAsync(email, ct);
            audit.AddOwn(SecurityEventKind.SignInLinkUsed, user.Id, email);
            var result = await signIn.SignInByEmailAsync(user, SignInMethod.EmailLink);
            await db.SaveChangesAsync(ct);
            return result.RequiresTwoFactor ? Outcome.SecondFactorNeeded : Outcome.SignedIn;
        }

        private async Task<RegistryUser?> FindAsync(string? userId, string? code)
        {
            var token = AccountEmails.Decode(code);
            var user = userId is { Length: > 0 and <= 450 } && token is not null ? await users.FindByIdAsync(userId) : null;
            return user is { EmailConfirmed: true } && !await users.IsLockedOutAsync(user)
                && await users.VerifyUserTokenAsync(user, SignInLinkTokenProviderOptions.ProviderName, Purpose, token!)
                ? user
                : null;
        }
    }
}
