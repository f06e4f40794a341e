using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Registry.Web.Domain.Accounts;
using Registry.Web.Domain.Employments;
using Registry.Web.Domain.Rules;
using Registry.Web.Infrastructure.Forms;
using Registry.Web.Infrastructure.Security;
using Registry.Web.Infrastructure.Sites;

namespace Registry.Web.Features.Ratings;

/// <summary>
/// The Quality Counts rater's view, read-only: the sites in the rater's scope, and per site the
/// share of complete and current profiles, each lead teacher's points, the 21-hour PD status for
/// the site's validation year, deadlines, and a CSV.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
[Route("ratings")]
public sealed class RatingsController(RaterSites rater, SiteRoster.Handler staff, AccessLogService log, SecurityAudit audit, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, int page = 1, CancellationToken ct = default) => View(await rater.IndexAsync(User, q, page, ct));

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

        var rows = await staff.AllRowsAsync(site, new SiteRoster.RosterQuery(ValidationDate: typed), ct);
        await log.RecordAsync(rows.Select(r => r.ProfessionalId), User.UserId(), "Rater", employerId, "rating view", ct);
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
            var rows = await staff.AllRowsAsync(site, new SiteRoster.RosterQuery(), ct);
            var year = await staff.PdYearAsync(employerId, null, ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Site), new RatingSite(site, rows, year.From, year.To, staff.Today, null) { NextValidationInput = nextValidation });
        }

        await rater.SaveNextValidationAsync(employerId, day.Value, User.UserId(), ct);
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
        var rows = await staff.AllRowsAsync(site, new SiteRoster.RosterQuery(ValidationDate: typed), ct);

        // Other people's records leave the registry: audited, and saved with the access log's entries.
        audit.Add(SecurityEventKind.Export, null, null, $"rating CSV of {site.Name} ({site.LicenseNumber}): {rows.Count} people");
        await log.RecordAsync(rows.Select(r => r.ProfessionalId), User.UserId(), "Rater", employerId, "rating export", ct);
        var today = staff.Today;
        return File(Csv.Bytes(RaterSites.Csv(rows, today)), "text/csv", $"rating-{site.LicenseNumber}-{today:yyyy-MM-dd}.csv");
    }

    private Task<SiteRoster.SiteView?> SiteAsync(int employerId, CancellationToken ct) => staff.SiteForAsync(User, employerId, SiteOperations.ViewStaff, ct);

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

public sealed record RatingsIndex(IReadOnlyList<SiteRoster.SiteView> Sites, int Total, int Page, string? Query, bool HasScope);

public sealed record RatingSite(SiteRoster.SiteView Site, IReadOnlyList<SiteRoster.RosterRow> Rows, DateOnly YearStart, DateOnly YearEnd, DateOnly Today, string? ValidationDateInput)
{
    public DateOnly? NextValidation { get; init; }

    public string? NextValidationInput { get; init; }

    public static bool IsLeadTeacher(SiteRoster.RosterRow row) => row.Role is EmploymentRole.LeadTeacher or EmploymentRole.Teacher or EmploymentRole.FamilyChildCareOwner;

    public int Complete => Rows.Count(r => r.Completeness == 100);

    public int Current => Rows.Count(r => r.LastUpdated >= new DateTimeOffset(Today.AddYears(-1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));

    public int CompleteAndCurrent => Rows.Count(r => r.Completeness == 100 && r.LastUpdated >= new DateTimeOffset(Today.AddYears(-1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));

    public int MeetingHours => Rows.Count(r => r.PdHoursThisYear >= RatingYear.YearlyHours);
}
