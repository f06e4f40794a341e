using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain.Access;
using Registry.Web.Domain.Employers;
using Registry.Web.Domain.Rules;

namespace Registry.Web.Features.Stipends;

/// <summary>A stipend program's list of eligible sites in a county: sites added by license number (all or nothing), or taken off.</summary>
public sealed class StipendSites(RegistryDbContext db, TimeProvider time)
{
    public const int MaxSitesAtOnce = 500;

    /// <summary>What adding sites did: a problem with the numbers (nothing added), or how many were added and how many were listed already.</summary>
    public sealed record Added(string? Problem, IReadOnlyList<string> Unknown, int Count, int AlreadyListed);

    /// <summary>
    /// Adds sites to the program's list of eligible sites in the county, by license number. All or
    /// nothing: a number that is not a site in the county is named and nothing is added.
    /// </summary>
    public async Task<Added> AddSitesAsync(Rule rule, string county, string? licenseNumbers, string userId, CancellationToken ct)
    {
        var numbers = (licenseNumbers ?? string.Empty).Split([' ', ',', ';', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (numbers.Length == 0)
        {
            return new Added("none", [], 0, 0);
        }

        if (numbers.Length > MaxSitesAtOnce)
        {
            return new Added("too-many", [], 0, 0);
        }

        var normalized = numbers.Select(n => (Given: n, Number: LicenseNumber.Normalize(n))).ToList();
        var wanted = normalized.Where(n => n.Number != null).Select(n => n.Number!).Distinct().ToList();
        var found = wanted.Count == 0 ? [] : await db.Employers.AsNoTracking()
            .Where(e => e.County == county && EF.Parameter(wanted).Contains(e.LicenseNumber))
            .Select(e => new { e.Id, e.LicenseNumber }).ToDictionaryAsync(e => e.LicenseNumber, e => e.Id, ct);
        var unknown = normalized.Where(n => n.Number is null || !found.ContainsKey(n.Number)).Select(n => n.Given).Distinct().ToList();
        if (unknown.Count > 0)
        {
            return new Added("unknown", unknown, 0, 0);
        }

        var ids = found.Values.Distinct().ToList();
        var listed = await db.StipendEligibleSites.Where(s => s.Program == rule.Id && EF.Parameter(ids).Contains(s.EmployerId)).Select(s => s.EmployerId).ToListAsync(ct);
        var added = ids.Except(listed).ToList();
        db.StipendEligibleSites.AddRange(added.Select(id => new StipendEligibleSite(rule.Id, id, userId, time.GetUtcNow())));
        await db.SaveChangesAsync(ct);
        return new Added(null, [], added.Count, ids.Count - added.Count);
    }

    /// <summary>Takes a site in the county off the program's list; false when it was not on it.</summary>
    public async Task<bool> RemoveSiteAsync(Rule rule, string county, int employerId, CancellationToken ct)
    {
        // Through the change tracker: the people working there have their qualification summaries worked out again in the same save.
        var listed = await db.StipendEligibleSites
            .Where(s => s.Program == rule.Id && s.EmployerId == employerId && db.Employers.Any(e => e.Id == employerId && e.County == county))
            .ToListAsync(ct);
        if (listed.Count == 0)
        {
            return false;
        }

        db.StipendEligibleSites.RemoveRange(listed);
        await db.SaveChangesAsync(ct);
        return true;
    }
}
