using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;

namespace Registry.Web.Features.Merges;

/// <summary>Profiles flagged at sign-up as possibly the same person as an earlier one: listed side by side, or kept apart.</summary>
public sealed class DuplicateProfiles(RegistryDbContext db)
{
    public sealed record PersonSummary(int Id, string RegistryId, string Name, DateOnly DateOfBirth, string Email, string? Phone, DateTimeOffset CreatedAt, int Jobs, int Courses, int Degrees, int Credentials, int Training, int Documents);

    public sealed record DuplicatePair(PersonSummary Newer, PersonSummary Original);

    /// <summary>The profile of the signed-in staff member, if they have one: nobody merges or keeps apart their own.</summary>
    public Task<int?> OwnProfileAsync(string userId, CancellationToken ct) =>
        db.Professionals.AsNoTracking().Where(p => p.UserId == userId).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);

    /// <summary>Whether the flagged pair holds <paramref name="userId"/>'s own profile (either side).</summary>
    public Task<bool> IsOwnPairAsync(int flaggedId, string userId, CancellationToken ct) =>
        db.Professionals.AsNoTracking().Where(p => p.Id == flaggedId)
            .AnyAsync(p => p.UserId == userId || db.Professionals.Any(o => o.Id == p.PossibleDuplicateOfId && o.UserId == userId), ct);

    /// <summary>The oldest 50 flagged pairs, each person summed up.</summary>
    public async Task<IReadOnlyList<DuplicatePair>> DuplicatesAsync(CancellationToken ct)
    {
        var pairs = await db.Professionals.AsNoTracking().Where(p => p.PossibleDuplicateOfId != null)
            .OrderBy(p => p.CreatedAt).Take(50).Select(p => new { p.Id, Original = p.PossibleDuplicateOfId!.Value }).ToListAsync(ct);
        var ids = pairs.SelectMany(p => new[] { p.Id, p.Original }).Distinct().ToList();
        var people = await db.Professionals.AsNoTracking().Where(p => EF.Parameter(ids).Contains(p.Id))
            .Select(p => new PersonSummary(p.Id, p.RegistryId, p.FirstName + " " + p.LastName, p.DateOfBirth, p.Email, p.Phone, p.CreatedAt,
                p.Employments.Count, p.Courses.Count, p.Degrees.Count, p.Credentials.Count, p.TrainingRecords.Count,
                db.Documents.Count(d => d.ProfessionalId == p.Id)))
            .ToDictionaryAsync(p => p.Id, ct);
        return pairs.Where(p => people.ContainsKey(p.Id) && people.ContainsKey(p.Original)).Select(p => new DuplicatePair(people[p.Id], people[p.Original])).ToList();
    }

    /// <summary>They are two people: the flag goes. False when the profile is not flagged.</summary>
    public async Task<bool> NotDuplicateAsync(int professionalId, CancellationToken ct)
    {
        if (await db.Professionals.SingleOrDefaultAsync(p => p.Id == professionalId && p.PossibleDuplicateOfId != null, ct) is not { } professional)
        {
            return false;
        }

        professional.ClearPossibleDuplicate();
        await db.SaveChangesAsync(ct);
        return true;
    }
}
