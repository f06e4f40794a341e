using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Registry.Web.Data;
using Registry.Web.Domain.Accounts;
using Registry.Web.Infrastructure.Email;

namespace Registry.Web.Infrastructure.Security;

/// <summary>
/// The lost-phone path without recovery codes: an administrator, having checked who the person
/// is, removes their authenticator app, recovery codes and passkeys and ends their sessions;
/// they set it up again at their next sign-in. Never one's own (another administrator does it).
/// </summary>
public sealed class SecondFactorReset(UserManager<RegistryUser> users, AccountSessions sessions, SecurityAudit audit, AccountEmails emails, RegistryDbContext db, IStringLocalizer<SharedResource> t)
{
    /// <summary>Resets the account's second factor, audited with the administrator's reason; false for one's own or an unknown account.</summary>
    public async Task<bool> ByAdministratorAsync(string userId, string administratorUserId, string reason, CancellationToken ct)
    {
        if (userId == administratorUserId || await users.FindByIdAsync(userId) is not { } user)
        {
            return false;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
        foreach (var passkey in await users.GetPasskeysAsync(user))
        {
            await users.RemovePasskeyAsync(user, passkey.CredentialId);
        }

        await sessions.EndAllAsync(user.Id, "second factor reset", ct: ct);
        audit.Add(SecurityEventKind.SecondFactorReset, user.Id, user.Email, reason);
        await emails.QueueSecondFactorChangedAsync(user, t["A registry administrator reset the second factor of your account, as you asked: set it up again the next time you sign in. If you did not ask for this, contact registry staff at once."]);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }
}
