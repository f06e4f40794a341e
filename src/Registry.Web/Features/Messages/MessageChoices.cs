using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain.Messages;

namespace Registry.Web.Features.Messages;

/// <summary>What each person chooses to receive.</summary>
public static class MessageChoices
{
    public sealed class Handler(RegistryDbContext db, TimeProvider time)
    {
        public async Task<IReadOnlySet<MessageKind>> TurnedOffAsync(string userId, CancellationToken ct) =>
            (await db.MessageOptOuts.AsNoTracking().Where(o => o.UserId == userId).Select(o => o.Kind).ToListAsync(ct)).ToHashSet();

        /// <summary>Keeps exactly <paramref name="wanted"/> of the optional kinds; account messages are not a choice.</summary>
        public async Task ChooseAsync(string userId, IReadOnlyCollection<MessageKind> wanted, CancellationToken ct)
        {
            var off = await db.MessageOptOuts.Where(o => o.UserId == userId).ToListAsync(ct);
            db.MessageOptOuts.RemoveRange(off.Where(o => wanted.Contains(o.Kind)));
            foreach (var kind in MessageKinds.Optional.Where(k => !wanted.Contains(k) && off.All(o => o.Kind != k)))
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
