using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain;
using Registry.Web.Domain.Access;
using Registry.Web.Domain.Employers;
using Registry.Web.Domain.Rules;
using Registry.Web.Infrastructure.Security;
using Registry.Web.Infrastructure.Sites;

namespace Registry.Web.Features.Ratings;

/// <summary>The Quality Counts rater's sites: those in the rater's active grants (every site for registry staff), and each site's next validation date.</summary>
public sealed class RaterSites(RegistryDbContext db, TimeProvider time)
{
    public const int PageSize = 50;

    /// <summary>The sites the person rates, found by license number or name, a page at a time.</summary>
    public async Task<RatingsIndex> IndexAsync(ClaimsPrincipal user, string? q, int page, CancellationToken ct)
    {
        var userId = user.UserId();
        var grants = await db.AccessGrants.AsNoTracking()
            .Where(AccessGrant.ActiveAt(time.GetUtcNow())).Where(g => g.UserId == userId && g.Role == AccessRole.Rater)
            .Select(g => new { g.EmployerId, g.County }).ToListAsync(ct);
        var staffRole = user.IsRegistryStaff();
        if (grants.Count == 0 && !staffRole)
        {
            return new RatingsIndex([], 0, 1, q, false);
        }

        var siteIds = grants.Where(g => g.EmployerId is not null).Select(g => g.EmployerId!.Value).ToList();
        var counties = grants.Where(g => g.County is not null).Select(g => g.County!).ToList();
        var sites = db.Employers.AsNoTracking().Where(e => staffRole || EF.Parameter(siteIds).Contains(e.Id) || (e.County != null && EF.Parameter(counties).Contains(e.County)));
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            // The normalized name (lower case, no accents or punctuation): the same match on every provider.
            var words = SearchText.Normalize(text);
            sites = sites.Where(e => e.LicenseNumber == text || e.SearchName.Contains(words));
        }

        page = Math.Max(1, page);
        var total = await sites.CountAsync(ct);
        var list = await sites.OrderBy(e => e.Name).Skip((page - 1) * PageSize).Take(PageSize)
            .Select(e => new SiteRoster.SiteView(e.Id, e.Name, e.LicenseNumber, e.County)).ToListAsync(ct);
        return new RatingsIndex(list, total, page, q, true);
    }

    /// <summary>Records (or moves) the site's next rating validation date.</summary>
    public async Task SaveNextValidationAsync(int employerId, DateOnly day, string userId, CancellationToken ct)
    {
        var existing = await db.SiteRatingDates.FirstOrDefaultAsync(d => d.EmployerId == employerId, ct);
        if (existing is null)
        {
            db.SiteRatingDates.Add(new SiteRatingDate(employerId, day, userId, time.GetUtcNow()));
        }
        else
        {
            existing.Change(day, userId, time.GetUtcNow());
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>The rating CSV: each person's lead teacher points, PD hours in the validation year and what is missing, safe to open in a spreadsheet.</summary>
    public static string Csv(IEnumerable<SiteRoster.RosterRow> rows, DateOnly today)
    {
        var csv = new StringBuilder("registry_id,name,role,lead_teacher_points,pd_hours_in_validation_year,pd_hours_needed,profile_complete,profile_current,permit_expires\n");
        foreach (var r in rows)
        {
            csv.AppendLine(Infrastructure.Forms.Csv.Line(new[]
            {
                r.RegistryId, r.Name, r.Role.ToString(), r.QualityCountsPoints.ToString(CultureInfo.InvariantCulture),
                r.PdHoursThisYear.ToString("0.##", CultureInfo.InvariantCulture), Math.Max(0, RatingYear.YearlyHours - r.PdHoursThisYear).ToString("0.##", CultureInfo.InvariantCulture),
                r.Completeness == 100 ? "yes" : "no", r.LastUpdated >= new DateTimeOffset(today.AddYears(-1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) ? "yes" : "no",
                r.PermitExpires?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            }));
        }

        return csv.ToString();
    }
}
