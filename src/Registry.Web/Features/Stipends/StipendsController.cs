using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Registry.Web.Domain.Accounts;
using Registry.Web.Infrastructure.Forms;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Stipends;

/// <summary>
/// The stipend administrator's view: for a program (a stipend rule) in a county, who works there
/// now and meets the rules, who nearly does (one rule missed) and which rule, with a CSV.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
[Route("stipends")]
public sealed class StipendsController(StipendPrograms programs, StipendSites sites, AccessLogService log, SecurityAudit audit, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? program, string? county, int sitesPage = 1, CancellationToken ct = default)
    {
        if (program is null || county is null)
        {
            return View(await programs.PageAsync(User, null, null, 1, new StipendPrograms.SitesForm(), ct));
        }

        if (await programs.ProgramInScopeAsync(User, program, county, StipendOperations.Review) is not { } rule)
        {
            return NotFound();
        }

        var page = await programs.PageAsync(User, rule, county, sitesPage, new StipendPrograms.SitesForm { Program = program, County = county }, ct);
        await log.RecordAsync(page.Applicants.Select(a => a.ProfessionalId), User.UserId(), "StipendAdministrator", null, "stipend review", ct);
        return View(page);
    }

    /// <summary>
    /// Adds sites to the program's list of eligible sites in the county, by license number. All or
    /// nothing: a number that is not a site in the county is named beside the field and nothing is added.
    /// </summary>
    [HttpPost("sites")]
    public async Task<IActionResult> AddSites(StipendPrograms.SitesForm form, CancellationToken ct)
    {
        if (await programs.ProgramInScopeAsync(User, form.Program, form.County, StipendOperations.ManageSites) is not { } rule)
        {
            return NotFound();
        }

        var county = form.County!;
        var added = await sites.AddSitesAsync(rule, county, form.LicenseNumbers, User.UserId(), ct);
        if (added.Problem is not null)
        {
            ModelState.AddModelError(nameof(form.LicenseNumbers), added.Problem switch
            {
                "none" => t["Enter one or more license numbers."],
                "too-many" => t["Add at most {0} sites at once.", StipendSites.MaxSitesAtOnce],
                _ => t["Not a licensed site in {0}: {1}. Nothing was added.", county, string.Join(", ", added.Unknown)],
            });
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Index), await programs.PageAsync(User, rule, county, 1, form, ct));
        }

        TempData["Notice"] = t["Added {0} sites to the list ({1} were on it already).", added.Count, added.AlreadyListed].Value;
        return RedirectToAction(nameof(Index), new { program = rule.Id, county });
    }

    [HttpPost("sites/remove")]
    public async Task<IActionResult> RemoveSite(string? program, string? county, int employerId, CancellationToken ct)
    {
        if (await programs.ProgramInScopeAsync(User, program, county, StipendOperations.ManageSites) is not { } rule)
        {
            return NotFound();
        }

        TempData["Notice"] = await sites.RemoveSiteAsync(rule, county!, employerId, ct) ? t["The site is off the list."].Value : t["That site was not on the list."].Value;
        return RedirectToAction(nameof(Index), new { program = rule.Id, county });
    }

    [HttpGet("export.csv")]
    public async Task<IActionResult> Export(string? program, string? county, CancellationToken ct)
    {
        if (await programs.ProgramInScopeAsync(User, program, county, StipendOperations.Review) is not { } rule)
        {
            return NotFound();
        }

        var applicants = await programs.ApplicantsAsync(rule, county!, ct);

        // Other people's records leave the registry: audited, and saved with the access log's entries.
        audit.Add(SecurityEventKind.Export, null, null, $"stipend CSV of program {program} in {county}: {applicants.Count} people");
        await log.RecordAsync(applicants.Select(a => a.ProfessionalId), User.UserId(), "StipendAdministrator", null, "stipend export", ct);
        return File(Csv.Bytes(programs.Csv(applicants)), "text/csv", $"stipend-{program}-{county}-{programs.Today:yyyy-MM-dd}.csv");
    }
}
