using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Registry.Web.Domain.Access;
using Registry.Web.Infrastructure.Employers;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Staff;

/// <summary>Registry staff's workspace: employers not found at sign-up, possible duplicate profiles, and (administrators) accounts, roles and grants.</summary>
[Authorize(Policy = Policies.RegistryStaff)]
[Route("staff")]
public sealed class StaffController(Workspace.Handler workspace, SearchEmployers.Handler search, AccessLogService log, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("")]
    public IActionResult Index() => RedirectToAction("ReviewQueue", "Review");

    /// <summary>Jobs at employers "not found" at sign-up, to match to a site on the licensing list.</summary>
    [HttpGet("unlisted-employers")]
    public async Task<IActionResult> UnlistedEmployers(int? employmentId, string? q, CancellationToken ct)
    {
        var (jobs, total) = await workspace.UnlistedAsync(50, ct);
        var matches = employmentId is not null && !string.IsNullOrWhiteSpace(q)
            ? (await search.HandleAsync(new SearchEmployers.Criteria(q), ct)).Matches
            : [];
        await log.RecordAsync(jobs.Select(j => j.ProfessionalId), UserId(), "RegistryStaff", null, "employer matching", ct);
        return View(new UnlistedPage(jobs, total, employmentId, q, matches));
    }

    [HttpPost("unlisted-employers/{employmentId:int}/create")]
    public async Task<IActionResult> CreateEmployer(int employmentId, string? licenseNumber, string? name, string? county, Domain.Employers.FacilityType? facilityType, CancellationToken ct)
    {
        if (await workspace.CreateSiteAsync(employmentId, licenseNumber, name, county, facilityType, t, ct) is { } problem)
        {
            if (problem.Field.Length == 0)
            {
                return NotFound();
            }

            ModelState.AddModelError($"{problem.Field}-{employmentId}", problem.Message);
            var (jobs, total) = await workspace.UnlistedAsync(50, ct);
            return View(nameof(UnlistedEmployers), new UnlistedPage(jobs, total, employmentId, null, []));
        }

        TempData["Notice"] = t["The site is added and the job matched to it."].Value;
        return RedirectToAction(nameof(UnlistedEmployers));
    }

    [HttpPost("unlisted-employers/{employmentId:int}/link")]
    public async Task<IActionResult> LinkEmployer(int employmentId, int employerId, CancellationToken ct)
    {
        if (!await workspace.LinkAsync(employmentId, employerId, ct))
        {
            return NotFound();
        }

        TempData["Notice"] = t["The job is matched to the site."].Value;
        return RedirectToAction(nameof(UnlistedEmployers));
    }

    /// <summary>Profiles that may be the same person, side by side.</summary>
    [HttpGet("duplicates")]
    public async Task<IActionResult> Duplicates(CancellationToken ct)
    {
        var pairs = await workspace.DuplicatesAsync(ct);
        ViewData["OwnProfileId"] = await workspace.OwnProfileAsync(UserId(), ct);
        await log.RecordAsync(pairs.SelectMany(p => new[] { p.Newer.Id, p.Original.Id }), UserId(), "RegistryStaff", null, "duplicate comparison", ct);
        return View(pairs);
    }

    [HttpPost("duplicates/{professionalId:int}/not-duplicate")]
    public async Task<IActionResult> NotDuplicate(int professionalId, CancellationToken ct)
    {
        if (await workspace.IsOwnPairAsync(professionalId, UserId(), ct))
        {
            return Forbid();
        }

        if (!await workspace.NotDuplicateAsync(professionalId, ct))
        {
            return NotFound();
        }

        TempData["Notice"] = t["Kept apart: they are two people."].Value;
        return RedirectToAction(nameof(Duplicates));
    }

    /// <summary>Accounts, their registry-wide roles and their scoped access (administrators only).</summary>
    [HttpGet("users")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Users(string? email, CancellationToken ct) =>
        View(new UsersPage(email, await workspace.AccountsAsync(email, ct), UserId()));

    [HttpPost("users/{userId}/roles")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> SetRole(string userId, string? role, bool give, string? email, CancellationToken ct)
    {
        if (role is null || !await workspace.SetRoleAsync(userId, role, give, ct))
        {
            return NotFound();
        }

        return RedirectToAction(nameof(Users), new { email });
    }

    [HttpPost("users/{userId}/grants")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> GrantCounty(string userId, AccessRole? role, string? county, string? program, string? email, CancellationToken ct)
    {
        if (role is not (AccessRole.Rater or AccessRole.StipendAdministrator) || county is null || !Domain.CaliforniaCounties.All.Contains(county))
        {
            ModelState.AddModelError($"county-{userId}", t["Choose the role and a county from the list."]);
            return View(nameof(Users), new UsersPage(email, await workspace.AccountsAsync(email, ct), UserId()));
        }

        if (!await workspace.GrantCountyAsync(userId, role.Value, county, string.IsNullOrWhiteSpace(program) ? null : program.Trim(), ct))
        {
            return NotFound();
        }

        return RedirectToAction(nameof(Users), new { email });
    }

    /// <summary>Resets someone's second factor after their identity was checked (a lost phone, no recovery codes); the reason is audited.</summary>
    [HttpPost("users/{userId}/reset-second-factor")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> ResetSecondFactor(string userId, string? reason, string? email, [FromServices] SecondFactorReset secondFactor, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > Domain.Accounts.SecurityEvent.MaxDetailLength)
        {
            ModelState.AddModelError($"reason-{userId}", t["Say how you checked who the person is (at most {0} characters).", Domain.Accounts.SecurityEvent.MaxDetailLength]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Users), new UsersPage(email, await workspace.AccountsAsync(email, ct), UserId()));
        }

        if (!await secondFactor.ByAdministratorAsync(userId, UserId(), reason.Trim(), ct))
        {
            return NotFound();
        }

        TempData["Notice"] = t["The second factor is reset and the person is signed out everywhere; they set it up again at their next sign-in."].Value;
        return RedirectToAction(nameof(Users), new { email });
    }

    [HttpPost("grants/{grantId:int}/revoke")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Revoke(int grantId, string? email, CancellationToken ct) =>
        await workspace.RevokeAsync(grantId, ct) ? RedirectToAction(nameof(Users), new { email }) : NotFound();

    private string UserId() => User.UserId();
}

public sealed record UnlistedPage(IReadOnlyList<Workspace.UnlistedJob> Jobs, int Total, int? EmploymentId, string? Query, IReadOnlyList<SearchEmployers.Match> Matches);

public sealed record UsersPage(string? Email, IReadOnlyList<Workspace.AccountRow> Accounts, string CurrentUserId);
