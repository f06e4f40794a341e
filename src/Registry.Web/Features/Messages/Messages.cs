using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain.Messages;

namespace Registry.Web.Features.Messages;

/// <summary>What each person chooses to receive, and the signed links that turn a kind off from the email itself.</summary>
public static class Messages
{
    public static readonly MessageKind[] Optional = [MessageKind.Deadlines, MessageKind.TrainingNearby, MessageKind.News];

    /// <summary>
    /// One-click unsubscribe tokens: the account and the kind, protected with the Data Protection
    /// keys (shared by every instance). They do not expire: a link in a year-old email still works.
    /// </summary>
    public sealed class Links(IDataProtectionProvider protection)
    {
        private readonly IDataProtector _protector = protection.CreateProtector("Registry.Unsubscribe.v1");

        /// <summary>A token for one account and kind; an announcement's names it too, for its record of unsubscribes.</summary>
        public string Token(string userId, MessageKind kind, int? announcementId = null) =>
            _protector.Protect(announcementId is { } id ? $"{(int)kind}|{userId}|{id}" : $"{(int)kind}|{userId}");

        /// <summary>The account and kind a token names (and the announcement it came in), or null when it was changed or made up.</summary>
        public (string UserId, MessageKind Kind, int? AnnouncementId)? Read(string? token)
        {
            if (string.IsNullOrEmpty(token))
            {
                return null;
            }

            try
            {
                var parts = _protector.Unprotect(token).Split('|');
                if (parts.Length is < 2 or > 3 || !int.TryParse(parts[0], out var kind) || !Optional.Contains((MessageKind)kind))
                {
                    return null;
                }

                int? announcement = parts.Length == 3 && int.TryParse(parts[2], out var id) ? id : null;
                return (parts[1], (MessageKind)kind, announcement);
            }
            catch (CryptographicException)
            {
                return null;
            }
        }
    }

    public sealed class Handler(RegistryDbContext db, TimeProvider time)
    {
        public async Task<IReadOnlySet<MessageKind>> TurnedOffAsync(string userId, CancellationToken ct) =>
            (await db.MessageOptOuts.AsNoTracking().Where(o => o.UserId == userId).Select(o => o.Kind).ToListAsync(ct)).ToHashSet();

        /// <summary>Keeps exactly <paramref name="wanted"/> of the optional kinds; account messages are not a choice.</summary>
        public async Task ChooseAsync(string userId, IReadOnlyCollection<MessageKind> wanted, CancellationToken ct)
        {
            var off = await db.MessageOptOuts.Where(o => o.UserId == userId).ToListAsync(ct);
            db.MessageOptOuts.RemoveRange(off.Where(o => wanted.Contains(o.Kind)));
            foreach (var kind in Optional.Where(k => !wanted.Contains(k) && off.All(o => o.Kind != k)))
            {
                db.MessageOptOuts.Add(new MessageOptOut(userId, kind, time.GetUtcNow(), byLink: false));
            }

            await db.SaveChangesAsync(ct);
        }

        /// <summary>Turns one kind off from an email's link; returns false when it was already off (a link used twice).</summary>
        public async Task<bool> UnsubscribeAsync(string userId, MessageKind kind, int? viaAnnouncementId, CancellationToken ct)
        {
            if (await db.MessageOptOuts.AnyAsync(o => o.UserId == userId && o.Kind == kind, ct) || !await db.Users.AnyAsync(u => u.Id == userId, ct))
            {
                return false;
            }

            db.MessageOptOuts.Add(new MessageOptOut(userId, kind, time.GetUtcNow(), byLink: true, viaAnnouncementId));
            try
            {
                await db.SaveChangesAsync(ct);
                return true;
            }
            catch (DbUpdateException)
            {
                // The same link pressed twice at once: the other press turned it off.
                return false;
            }
        }
    }
}
