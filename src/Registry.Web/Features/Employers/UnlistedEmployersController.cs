using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Registry.Web.Domain.Employers;
using Registry.Web.Infrastructure.Employers;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Employers;

/// <summary>Registry staff match jobs at employers "not found" at sign-up to a site on the licensing list, or add the site.</summary>
[Authorize(Policy = Policies.RegistryStaff)]
[Route("staff/unlisted-employers")]
public sealed class UnlistedEmployersController(UnlistedEmployers unlisted, SearchEmployers.Handler search, AccessLogService log, IStringLocalizer<SharedResource> t) : Controller
{
    /// <summary>Jobs at employers "not found" at sign-up, to match to a site on the licensing list.</summary>
    [HttpGet("")]
    public async Task<IActionResult> UnlistedEmployers(int? employmentId, string? q, CancellationToken ct)
    {
        var (jobs, total) = await unlisted.UnlistedAsync(50, ct);
        var matches = employmentId is not null && !string.IsNullOrWhiteSpace(q)
            ? (await search.HandleAsync(new SearchEmployers.Criteria(q), ct)).Matches
            : [];
        await log.RecordAsync(jobs.Select(j => j.ProfessionalId), User.UserId(), "RegistryStaff", null, "employer matching", ct);
        return View(new UnlistedPage(jobs, total, employmentId, q, matches));
    }

    [HttpPost("{employmentId:int}/create")]
    public async Task<IActionResult> CreateEmployer(int employmentId, string? licenseNumber, string? name, string? county, FacilityType? facilityType, CancellationToken ct)
    {
        if (await unlisted.CreateSiteAsync(employmentId, licenseNumber, name, county, facilityType, t, ct) is { } problem)
        {
            if (problem.Field.Length == 0)
            {
                return NotFound();
            }

            ModelState.AddModelError($"{problem.Field}-{employmentId}", problem.Message);
            var (jobs, total) = await unlisted.UnlistedAsync(50, ct);
            return View(nameof(UnlistedEmployers), new UnlistedPage(jobs, total, employmentId, null, []));
        }

        TempData["Notice"] = t["The site is added and the job matched to it."].Value;
        return RedirectToAction(nameof(UnlistedEmployers));
    }

    [HttpPost("{employmentId:int}/link")]
    public async Task<IActionResult> LinkEmployer(int employmentId, int employerId, CancellationToken ct)
    {
        if (!await unlisted.LinkAsync(employmentId, employerId, ct))
        {
            return NotFound();
        }

        TempData["Notice"] = t["The job is matched to the site."].Value;
        return RedirectToAction(nameof(UnlistedEmployers));
    }
}

public sealed record UnlistedPage(IReadOnlyList<UnlistedEmployers.UnlistedJob> Jobs, int Total, int? EmploymentId, string? Query, IReadOnlyList<SearchEmployers.Match> Matches);
