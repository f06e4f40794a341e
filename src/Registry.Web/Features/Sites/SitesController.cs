using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Registry.Web.Domain.Accounts;
using Registry.Web.Infrastructure.Forms;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Sites;

/// <summary>
/// A site's staff, for its directors (and, read-only, raters in scope and registry staff). Every
/// action asks the site authorization handler; a site outside the person's scope answers 404.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
[Route("sites/{employerId:int}")]
public sealed class SitesController(SiteStaff.Handler handler, IAuthorizationService authorization, AccessLogService log, SecurityAudit audit, UserManager<RegistryUser> users, IStringLocalizer<SharedResource> t) : Controller
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
    public async Task<IActionResult> Roster(int employerId, string? role, bool expiring, string? sort, int page = 1, int size = SiteStaff.DefaultRosterPageSize, CancellationToken ct = default)
    {
        if (await SiteAsync(employerId, SiteOperations.ViewStaff, ct) is not { } site)
        {
            return NotFound();
        }

        var roster = await handler.RosterAsync(site, new SiteStaff.RosterQuery(role, expiring, sort, page, SiteStaff.RosterPageSizes.Contains(size) ? size : SiteStaff.DefaultRosterPageSize), ct);
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

        var rows = await handler.AllRowsAsync(site, new SiteStaff.RosterQuery(role, expiring, sort), ct);

        // Other people's records leave the registry: audited, and saved with the access log's entries.
        audit.Add(SecurityEventKind.Export, null, null, $"roster CSV of {site.Name} ({site.LicenseNumber}): {rows.Count} people");
        await log.RecordAsync(rows.Select(r => r.ProfessionalId), UserId(), await RoleAsync(site), employerId, "roster export", ct);
        return File(Csv.Bytes(SiteStaff.Handler.Csv(rows)), "text/csv", $"roster-{site.LicenseNumber}-{handler.Today:yyyy-MM-dd}.csv");
    }

    /// <summary>The staff page shows everyone naming the site: each person's access log says so.</summary>
    private async Task<IActionResult> StaffPageAsync(SiteStaff.SiteView site, SiteStaff.ConfirmForm form, CancellationToken ct)
    {
        var people = await handler.PeopleAsync(site.Id, UserId(), ct);
        await log.RecordAsync(people.Select(p => p.ProfessionalId), UserId(), await RoleAsync(site), site.Id, "staff list", ct);
        return View(nameof(Staff), new StaffPage(site, people, form));
    }

    private async Task<SiteStaff.SiteView?> SiteAsync(int employerId, Microsoft.AspNetCore.Authorization.Infrastructure.OperationAuthorizationRequirement operation, CancellationToken ct) =>
        await handler.SiteAsync(employerId, ct) is { } site && (await authorization.AuthorizeAsync(User, site.Resource, operation)).Succeeded ? site : null;

    private async Task<string> RoleAsync(SiteStaff.SiteView site) =>
        User.IsRegistryStaff() ? "RegistryStaff"
        : (await authorization.AuthorizeAsync(User, site.Resource, SiteOperations.ConfirmStaff)).Succeeded ? "SiteDirector" : "Rater";

    private string UserId() => users.GetUserId(User) ?? throw new InvalidOperationException("Signed in without a user id.");
}

public sealed record StaffPage(SiteStaff.SiteView Site, IReadOnlyList<SiteStaff.PersonRow> People, SiteStaff.ConfirmForm Form);
