using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Registry.Web.Domain.Accounts;
using Registry.Web.Infrastructure.Forms;
using Registry.Web.Infrastructure.Security;
using Registry.Web.Infrastructure.Sites;

namespace Registry.Web.Features.Sites;

/// <summary>
/// A site's staff, for its directors (and, read-only, raters in scope and registry staff). Every
/// action asks the site authorization handler; a site outside the person's scope answers 404.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
[Route("sites/{employerId:int}")]
public sealed class SitesController(SiteStaff.Handler handler, SiteRoster.Handler sites, AccessLogService log, SecurityAudit audit, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("staff")]
    public async Task<IActionResult> Staff(int employerId, CancellationToken ct)
    {
        if (await SiteAsync(employerId, SiteOperations.ConfirmStaff, ct) is not { } site)
        {
            return NotFound();
        }

        return await StaffPageAsync(site, new SiteStaff.ConfirmForm(), ct);
    }

    [HttpPost("staff")]
    public async Task<IActionResult> Staff(int employerId, SiteStaff.ConfirmForm form, CancellationToken ct)
    {
        if (await SiteAsync(employerId, SiteOperations.ConfirmStaff, ct) is not { } site)
        {
            return NotFound();
        }

        var (changed, problems, refused) = await handler.ApplyAsync(employerId, UserId(), form, ct);
        if (refused)
        {
            // Someone's own job: the page never offers it, so this is a forged form; nothing was saved.
            return Forbid();
        }

        if (problems.Count > 0)
        {
            foreach (var (field, message) in problems)
            {
                ModelState.AddModelError(field, message);
            }

            return await StaffPageAsync(site, form, ct);
        }

        TempData["Notice"] = changed == 0 ? t["Nothing to change."].Value : t["Saved: {0} changes.", changed].Value;
        return RedirectToAction(nameof(Staff), new { employerId });
    }

    [HttpGet("roster")]
    public async Task<IActionResult> Roster(int employerId, string? role, bool expiring, string? sort, int page = 1, int size = SiteRoster.DefaultRosterPageSize, CancellationToken ct = default)
    {
        if (await SiteAsync(employerId, SiteOperations.ViewStaff, ct) is not { } site)
        {
            return NotFound();
        }

        var roster = await sites.RosterAsync(site, new SiteRoster.RosterQuery(role, expiring, sort, page, SiteRoster.RosterPageSizes.Contains(size) ? size : SiteRoster.DefaultRosterPageSize), ct);
        await log.RecordAsync(roster.Rows.Select(r => r.ProfessionalId), UserId(), await RoleAsync(site), employerId, "roster", ct);
        return View(roster);
    }

    [HttpGet("roster.csv")]
    public async Task<IActionResult> RosterCsv(int employerId, string? role, bool expiring, string? sort, CancellationToken ct)
    {
        if (await SiteAsync(employerId, SiteOperations.ViewStaff, ct) is not { } site)
        {
            return NotFound();
        }

        var rows = await sites.AllRowsAsync(site, new SiteRoster.RosterQuery(role, expiring, sort), ct);

        // Other people's records leave the registry: audited, and saved with the access log's entries.
        audit.Add(SecurityEventKind.Export, null, null, $"roster CSV of {site.Name} ({site.LicenseNumber}): {rows.Count} people");
        await log.RecordAsync(rows.Select(r => r.ProfessionalId), UserId(), await RoleAsync(site), employerId, "roster export", ct);
        return File(Csv.Bytes(SiteRoster.Handler.Csv(rows)), "text/csv", $"roster-{site.LicenseNumber}-{sites.Today:yyyy-MM-dd}.csv");
    }

    /// <summary>The staff page shows everyone naming the site: each person's access log says so.</summary>
    private async Task<IActionResult> StaffPageAsync(SiteRoster.SiteView site, SiteStaff.ConfirmForm form, CancellationToken ct)
    {
        var people = await handler.PeopleAsync(site.Id, UserId(), ct);
        await log.RecordAsync(people.Select(p => p.ProfessionalId), UserId(), await RoleAsync(site), site.Id, "staff list", ct);
        return View(nameof(Staff), new StaffPage(site, people, form));
    }

    private Task<SiteRoster.SiteView?> SiteAsync(int employerId, Microsoft.AspNetCore.Authorization.Infrastructure.OperationAuthorizationRequirement operation, CancellationToken ct) =>
        sites.SiteForAsync(User, employerId, operation, ct);

    private Task<string> RoleAsync(SiteRoster.SiteView site) => sites.ViewerRoleAsync(User, site);

    private string UserId() => User.UserId();
}

public sealed record StaffPage(SiteRoster.SiteView Site, IReadOnlyList<SiteStaff.PersonRow> People, SiteStaff.ConfirmForm Form);
