using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain.BulkLoads;
using Registry.Web.Infrastructure.Email;
using Registry.Web.Infrastructure.Jobs;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.PeopleImports;

/// <summary>Wakes the invitation sender at once (an import finished).</summary>
public sealed class InvitationSignal : WakeSignal;

/// <summary>
/// Invitations to claim an imported account: each is sent once, in the person's language, with a
/// link whose secret is kept only as a hash; one still unclaimed a week later is sent again with a
/// new link (the old one stops working). Opening the link and choosing a password claims the account.
/// </summary>
public sealed class Invitations(RegistryDbContext db, AccountEmails emails, UserManager<RegistryUser> users, SecurityAudit audit, TimeProvider time)
{
    public const string Kind = "claim-account";

    private const int Batch = 200;

    /// <summary>Sends every invitation and reminder due, a batch per transaction; returns how many.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var sent = 0;
        while (!ct.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var remindBefore = now - AccountInvitation.RemindAfter;
            var due = await db.AccountInvitations
                .Where(i => i.ClaimedAt == null && (i.SentAt == null || (i.RemindedAt == null && i.SentAt < remindBefore)))
                .OrderBy(i => i.Id).Take(Batch).ToListAsync(ct);
            if (due.Count == 0)
            {
                break;
            }

            // Someone who set a password another way (a reset link) has claimed the account: no reminder, counted as claimed.
            var userIds = due.Select(i => i.UserId).ToList();
            var withPassword = (await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id) && u.PasswordHash != null).Select(u => u.Id).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            foreach (var invitation in due)
            {
                if (withPassword.Contains(invitation.UserId))
                {
                    invitation.Claimed(now);
                    continue;
                }

                var secret = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
                var reminder = invitation.SentAt is not null;
                invitation.Sent(Hash(secret), now, reminder);
                var link = emails.LinkTo("Claim", "ClaimAccount", new { code = secret });
                await emails.QueueNoticeAsync(invitation.UserId, Kind, (t, culture) => (
                    reminder ? t["Reminder: your Registry account is waiting for you"] : t["Your record is in Registry: claim your account"],
                    [
                        t["Your record of education, permits, training and work has been moved into Registry, the state's record of the early care and education workforce."],
                        t["To see it and keep it up to date, choose a password for your account by opening this link. It works for 30 days."],
                    ],
                    t["Claim my account"]), link);
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
            sent += due.Count - withPassword.Count;
        }

        return sent;
    }

    /// <summary>The invitation a link's secret opens, if it still works (not claimed, not expired, not replaced by a reminder's).</summary>
    public async Task<AccountInvitation?> FindAsync(string? code, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(code) || code.Length > 100)
        {
            return null;
        }

        var hash = Hash(code);
        var now = time.GetUtcNow();
        return await db.AccountInvitations.SingleOrDefaultAsync(i => i.TokenHash == hash && i.ClaimedAt == null && i.ExpiresAt > now, ct);
    }

    /// <summary>Sets the password of the invitation's account and confirms its email (the link proved it); false when the account already has one.</summary>
    public async Task<IdentityResult?> ClaimAsync(AccountInvitation invitation, string password, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(invitation.UserId);
        if (user is null || await users.HasPasswordAsync(user))
        {
            invitation.Claimed(time.GetUtcNow());
            await db.SaveChangesAsync(ct);
            return null;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = await users.AddPasswordAsync(user, password);
        if (!result.Succeeded)
        {
            return result;
        }

        user.EmailConfirmed = true;
        await users.UpdateAsync(user);
        invitation.Claimed(time.GetUtcNow());
        audit.AddOwn(Domain.Accounts.SecurityEventKind.AccountClaimed, user.Id, user.Email);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return result;
    }

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}

/// <summary>Sends invitations in the background: when an import wakes it, and every hour (the week's reminders).</summary>
public sealed class InvitationSender(IServiceScopeFactory scopes, InvitationSignal signal, ILogger<InvitationSender> logger)
    : LeasedWorker(scopes, signal, logger, "invitations", "invitations")
{
    protected override async Task RunAsync(IServiceProvider services, CancellationToken ct) =>
        await services.GetRequiredService<Invitations>().SendDueAsync(ct);
}
