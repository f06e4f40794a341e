using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain.Verifications;

namespace Registry.Web.Features.Documents;

/// <summary>The reasons registry staff may give for not accepting an entry, in English and Spanish: listed, added, retired.</summary>
public sealed class ReviewReasons(RegistryDbContext db)
{
    /// <summary>Every reason, those still offered first.</summary>
    public async Task<IReadOnlyList<ReviewReason>> AllAsync(CancellationToken ct) =>
        await db.ReviewReasons.AsNoTracking().OrderByDescending(r => r.Active).ThenBy(r => r.Id).ToListAsync(ct);

    public async Task AddAsync(string textEn, string textEs, CancellationToken ct)
    {
        db.ReviewReasons.Add(new ReviewReason(textEn, textEs));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Stops offering the reason (decisions already made keep their words); false when there is none.</summary>
    public async Task<bool> RetireAsync(int reasonId, CancellationToken ct)
    {
        if (await db.ReviewReasons.SingleOrDefaultAsync(r => r.Id == reasonId, ct) is not { } reason)
        {
            return false;
        }

        reason.Retire();
        await db.SaveChangesAsync(ct);
        return true;
    }
}
