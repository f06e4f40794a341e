using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Registry.Web.Data;
using Registry.Web.Domain.Access;
using Registry.Web.Domain.Accounts;
using Registry.Web.Domain.Employments;
using Registry.Web.Features.Sites;
using Registry.Web.Infrastructure.Forms;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Ratings;

/// <summary>
/// The Quality Counts rater's view, read-only: the sites in the rater's scope, and per site the
/// share of complete and current profiles, each lead teacher's points, the 21-hour PD status for
/// the site's validation year, deadlines, and a CSV.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
[Route("ratings")]
public sealed class RatingsController(RegistryDbContext db, SiteStaff.Handler staff, IAuthorizationService authorization, AccessLogService log, SecurityAudit audit, UserManager<RegistryUser> users, TimeProvider time, IStringLocalizer<SharedResource> t) : Controller
{
    public const decimal YearlyHours = 21;

    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, int page = 1, CancellationToken ct = default)
    {
        var userId = users.GetUserId(User)!;
        var now = time.GetUtcNow();
        var grants = await db.AccessGrants.AsNoTracking()
            .Where(AccessGrant.ActiveAt(now)).Where(g => g.UserId == userId && g.Role == AccessRole.Rater)
            .Select(g => new { g.EmployerId, g.County }).ToListAsync(ct);
        var staffRole = User.IsRegistryStaff();
        if (grants.Count == 0 && !staffRole)
        {
            return View(new RatingsIndex([], 0, 1, q, false));
        }

        var siteIds = grants.Where(g => g.EmployerId is not null).Select(g => g.EmployerId!.Value).ToList();
        var counties = grants.Where(g => g.County is not null).Select(g => g.County!).ToList();
        var sites = db.Employers.AsNoTracking().Where(e => staffRole || EF.Parameter(siteIds).Contains(e.Id) || (e.County != null && EF.Parameter(counties).Contains(e.County)));
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            // The normalized name (lower case, no accents or punctuation): the same match on every provider.
            var words = Registry.Web.Domain.SearchText.Normalize(text);
            sites = sites.Where(e => e.LicenseNumber == text || e.SearchName.Contains(words));
        }

        page = Math.Max(1, page);
        var total = await sites.CountAsync(ct);
        var list = await sites.OrderBy(e => e.Name).Skip((page - 1) * 50).Take(50)
            .Select(e => new SiteStaff.SiteView(e.Id, e.Name, e.LicenseNumber, e.County)).ToListAsync(ct);
        return View(new RatingsIndex(list, total, page, q, true));
    }

    [HttpGet("sites/{employerId:int}")]
    public async Task<IActionResult> Site(int employerId, string? validationDate, CancellationToken ct)
    {
        if (await SiteAsync(employerId, ct) is not { } site)
        {
            return NotFound();
        }

        var typed = ParseDate(validationDate, out var problem);
        if (problem is not null)
        {
            ModelState.AddModelError("validationDate", problem);
        }

        var rows = await staff.AllRowsAsync(site, new SiteStaff.RosterQuery(ValidationDate: typed), ct);
        await log.RecordAsync(rows.Select(r => r.ProfessionalId), users.GetUserId(User)!, "Rater", employerId, "rating view", ct);
        var next = await staff.RecordedValidationAsync(employerId, ct);
        var year = await staff.PdYearAsync(employerId, typed, ct);
        return View(new RatingSite(site, rows, year.From, year.To, staff.Today, problem is null ? validationDate : null) { NextValidation = next });
    }

    /// <summary>Records the site's next rating validation date: its staff short of their PD hours are reminded two months before.</summary>
    [HttpPost("sites/{employerId:int}/next-validation")]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> NextValidation(int employerId, string? nextValidation, CancellationToken ct)
    {
        if (await SiteAsync(employerId, ct) is not { } site)
        {
            return NotFound();
        }

        var day = FormRules.ParseIsoDate(nextValidation);
        if (day is null || day <= staff.Today || day > staff.Today.AddYears(2))
        {
            ModelState.AddModelError("nextValidation", day is null
                ? t["Enter a date like {0}.", staff.Today.AddMonths(6).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]
                : t["Choose a date after today and within two years."]);
            var rows = await staff.AllRowsAsync(site, new SiteStaff.RosterQuery(), ct);
            var year = await staff.PdYearAsync(employerId, null, ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Site), new RatingSite(site, rows, year.From, year.To, staff.Today, null) { NextValidationInput = nextValidation });
        }

        var userId = users.GetUserId(User)!;
        var existing = await db.SiteRatingDates.FirstOrDefaultAsync(d => d.EmployerId == employerId, ct);
        if (existing is null)
        {
            db.SiteRatingDates.Add(new Domain.Employers.SiteRatingDate(employerId, day.Value, userId, time.GetUtcNow()));
        }
        else
        {
            existing.Change(day.Value, userId, time.GetUtcNow());
        }

        await db.SaveChangesAsync(ct);
        TempData["Notice"] = t["The next validation date is saved. Staff short of their hours will be reminded two months before."].Value;
        return RedirectToAction(nameof(Site), new { employerId });
    }

    [HttpGet("sites/{employerId:int}/export.csv")]
    public async Task<IActionResult> Export(int employerId, string? validationDate, CancellationToken ct)
    {
        if (await SiteAsync(employerId, ct) is not { } site)
        {
            return NotFound();
        }

        var typed = ParseDate(validationDate, out _);
        var rows = await staff.AllRowsAsync(site, new SiteStaff.RosterQuery(ValidationDate: typed), ct);

        // Other people's records leave the registry: audited, and saved with the access log's entries.
        audit.Add(SecurityEventKind.Export, null, null, $"rating CSV of {site.Name} ({site.LicenseNumber}): {rows.Count} people");
        await log.RecordAsync(rows.Select(r => r.ProfessionalId), users.GetUserId(User)!, "Rater", employerId, "rating export", ct);
        var csv = new StringBuilder("registry_id,name,role,lead_teacher_points,pd_hours_in_validation_year,pd_hours_needed,profile_complete,profile_current,permit_expires\n");
        var today = staff.Today;
        foreach (var r in rows)
        {
            csv.AppendLine(Csv.Line(new[]
            {
                r.RegistryId, r.Name, r.Role.ToString(), r.QualityCountsPoints.ToString(CultureInfo.InvariantCulture),
                r.PdHoursThisYear.ToString("0.##", CultureInfo.InvariantCulture), Math.Max(0, YearlyHours - r.PdHoursThisYear).ToString("0.##", CultureInfo.InvariantCulture),
                r.Completeness == 100 ? "yes" : "no", r.LastUpdated >= new DateTimeOffset(today.AddYears(-1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) ? "yes" : "no",
                r.PermitExpires?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            }));
        }

        return File(Csv.Bytes(csv.ToString()), "text/csv", $"rating-{site.LicenseNumber}-{today:yyyy-MM-dd}.csv");
    }

    private async Task<SiteStaff.SiteView?> SiteAsync(int employerId, CancellationToken ct) =>
        await staff.SiteAsync(employerId, ct) is { } site && (await authorization.AuthorizeAsync(User, site.Resource, SiteOperations.ViewStaff)).Succeeded ? site : null;

    private DateOnly? ParseDate(string? value, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (FormRules.ParseIsoDate(value) is not { } day || day.Year < 2000)
        {
            problem = t["Enter a date like {0}.", staff.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)];
            return null;
        }

        if (day > staff.Today.AddYears(2))
        {
            problem = t["Choose a date within two years from today."];
            return null;
        }

        return day;
    }
}

public sealed record RatingsIndex(IReadOnlyList<SiteStaff.SiteView> Sites, int Total, int Page, string? Query, bool HasScope);

public sealed record RatingSite(SiteStaff.SiteView Site, IReadOnlyList<SiteStaff.RosterRow> Rows, DateOnly YearStart, DateOnly YearEnd, DateOnly Today, string? ValidationDateInput)
{
    public DateOnly? NextValidation { get; init; }

    public string? NextValidationInput { get; init; }

    public static bool IsLeadTeacher(SiteStaff.RosterRow row) => row.Role is EmploymentRole.LeadTeacher or EmploymentRole.Teacher or EmploymentRole.FamilyChildCareOwner;

    public int Complete => Rows.Count(r => r.Completeness == 100);

    public int Current => Rows.Count(r => r.LastUpdated >= new DateTimeOffset(Today.AddYears(-1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));

    public int CompleteAndCurrent => Rows.Count(r => r.Completeness == 100 && r.LastUpdated >= new DateTimeOffset(Today.AddYears(-1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));

    public int MeetingHours => Rows.Count(r => r.PdHoursThisYear >= RatingsController.YearlyHours);
}
