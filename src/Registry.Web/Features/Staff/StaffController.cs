using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Registry.Web.Data;
using Registry.Web.Domain.Access;
using Registry.Web.Domain.Documents;
using Registry.Web.Domain.Verifications;
using Registry.Web.Features.Access;
using Registry.Web.Features.Documents;
using Registry.Web.Infrastructure.Employers;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Staff;

/// <summary>Registry staff's workspace: administrative access requests to approve or deny.</summary>
[Authorize(Policy = Policies.RegistryStaff)]
[Route("staff")]
public sealed class StaffController(Sponsors.Sponsors.Handler sponsors, AccessRequests.Handler access, Workspace.Handler workspace, SearchEmployers.Handler search, Review review, RegistryDbContext db, AccessLogService log, UserManager<RegistryUser> users, TimeProvider time, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("")]
    public IActionResult Index() => RedirectToAction(nameof(ReviewQueue));

    /// <summary>The verification queue, oldest first, each entry with the documents that prove it.</summary>
    [HttpGet("review")]
    public async Task<IActionResult> ReviewQueue(CancellationToken ct)
    {
        var (items, total) = await review.QueueAsync(50, UserId(), ct);
        await log.RecordAsync(items.Select(i => i.ProfessionalId), UserId(), "RegistryStaff", null, "review", ct);
        return View("Review", new ReviewPage(items, total, await db.ReviewReasons.AsNoTracking().Where(r => r.Active).OrderBy(r => r.Id).ToListAsync(ct)));
    }

    [HttpPost("review/{kind}/{entryId:int}/verify")]
    public Task<IActionResult> Verify(ProvableEntry kind, int entryId, CancellationToken ct) =>
        DecideAsync(kind, entryId, () => Task.FromResult<Verification?>(Verification.Verified(UserId(), time.GetUtcNow())), t["Verified."], ct);

    [HttpPost("review/{kind}/{entryId:int}/not-accepted")]
    public Task<IActionResult> NotAccepted(ProvableEntry kind, int entryId, int? reasonId, CancellationToken ct) =>
        DecideAsync(kind, entryId, async () =>
        {
            var reason = reasonId is { } id ? await db.ReviewReasons.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.Active, ct) : null;
            return reason is null ? null : Verification.NotAccepted(reason.In(await LanguageAsync(kind, entryId, ct)), UserId(), time.GetUtcNow());
        }, t["Marked not accepted; the person sees the reason."], ct, "reasonId", t["Choose a reason from the list."]);

    [HttpPost("review/{kind}/{entryId:int}/ask")]
    public Task<IActionResult> AskForMore(ProvableEntry kind, int entryId, string? note, CancellationToken ct) =>
        DecideAsync(kind, entryId, () => Task.FromResult(string.IsNullOrWhiteSpace(note) || note.Trim().Length > Verification.MaxReasonLength
            ? null
            : Verification.NotAccepted(note.Trim(), UserId(), time.GetUtcNow())), t["Sent back: the person is asked for more."], ct, "note", t["Write what the person should send (at most 500 characters)."]);

    /// <summary>Jobs at employers "not found" at sign-up, to match to a site on the licensing list.</summary>
    [HttpGet("unlisted-employers")]
    public async Task<IActionResult> UnlistedEmployers(int? employmentId, string? q, CancellationToken ct)
    {
        var (jobs, total) = await workspace.UnlistedAsync(50, ct);
        var matches = employmentId is not null && !string.IsNullOrWhiteSpace(q)
            ? (await search.HandleAsync(new SearchEmployers.Query(q), ct)).Matches
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
    public async Task<IActionResult> ResetSecondFactor(string userId, string? reason, string? email, [FromServices] TwoFactor.SecondFactor.Handler secondFactor, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > Domain.Accounts.SecurityEvent.MaxDetailLength)
        {
            ModelState.AddModelError($"reason-{userId}", t["Say how you checked who the person is (at most {0} characters).", Domain.Accounts.SecurityEvent.MaxDetailLength]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Users), new UsersPage(email, await workspace.AccountsAsync(email, ct), UserId()));
        }

        if (!await secondFactor.ResetByAdministratorAsync(userId, UserId(), reason.Trim(), ct))
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

    [HttpGet("review-reasons")]
    public async Task<IActionResult> ReviewReasons(CancellationToken ct) =>
        View(await db.ReviewReasons.AsNoTracking().OrderByDescending(r => r.Active).ThenBy(r => r.Id).ToListAsync(ct));

    [HttpPost("review-reasons")]
    public async Task<IActionResult> AddReviewReason(string? textEn, string? textEs, CancellationToken ct)
    {
        foreach (var (field, value) in new[] { ("textEn", textEn), ("textEs", textEs) })
        {
            if (string.IsNullOrWhiteSpace(value) || value.Trim().Length > ReviewReason.MaxTextLength)
            {
                ModelState.AddModelError(field, t["Write the reason as the person will read it (at most {0} characters).", ReviewReason.MaxTextLength]);
            }
        }

        if (!ModelState.IsValid)
        {
            return View(nameof(ReviewReasons), await db.ReviewReasons.AsNoTracking().OrderByDescending(r => r.Active).ThenBy(r => r.Id).ToListAsync(ct));
        }

        db.ReviewReasons.Add(new ReviewReason(textEn!, textEs!));
        await db.SaveChangesAsync(ct);
        return RedirectToAction(nameof(ReviewReasons));
    }

    [HttpPost("review-reasons/{reasonId:int}/retire")]
    public async Task<IActionResult> RetireReviewReason(int reasonId, CancellationToken ct)
    {
        if (await db.ReviewReasons.SingleOrDefaultAsync(r => r.Id == reasonId, ct) is not { } reason)
        {
            return NotFound();
        }

        reason.Retire();
        await db.SaveChangesAsync(ct);
        return RedirectToAction(nameof(ReviewReasons));
    }

    private async Task<IActionResult> DecideAsync(ProvableEntry kind, int entryId, Func<Task<Verification?>> decide, string done, CancellationToken ct, string? field = null, string? problem = null)
    {
        if (!await review.IsPendingAsync(kind, entryId, ct))
        {
            return NotFound();
        }

        if (await review.IsOwnAsync(kind, entryId, UserId(), ct))
        {
            // Nobody verifies their own facts: the queue shows no buttons for them; nothing is changed.
            return Forbid();
        }

        if (await decide() is not { } decision)
        {
            ModelState.AddModelError($"{field}-{kind}-{entryId}", problem!);
            var (items, total) = await review.QueueAsync(50, UserId(), ct);
            return View("Review", new ReviewPage(items, total, await db.ReviewReasons.AsNoTracking().Where(r => r.Active).OrderBy(r => r.Id).ToListAsync(ct)));
        }

        await review.DecideAsync(kind, entryId, decision, ct);
        TempData["Notice"] = done;
        return RedirectToAction(nameof(ReviewQueue));
    }

    private async Task<string> LanguageAsync(ProvableEntry kind, int entryId, CancellationToken ct)
    {
        var professionalId = kind == ProvableEntry.Course
            ? await db.Courses.Where(c => c.Id == entryId).Select(c => c.ProfessionalId).SingleAsync(ct)
            : await db.Credentials.Where(c => c.Id == entryId).Select(c => c.ProfessionalId).SingleAsync(ct);
        return await db.Professionals.Where(p => p.Id == professionalId).Select(p => p.PreferredLanguage).SingleAsync(ct);
    }

    [HttpGet("access-requests")]
    public async Task<IActionResult> AccessRequests(CancellationToken ct) => View(await access.PendingAsync(ct));

    /// <summary>A request's proof of position; logged against the requester's own record, when they have one.</summary>
    [HttpGet("access-requests/{requestId:int}/proof")]
    public async Task<IActionResult> Proof(int requestId, CancellationToken ct)
    {
        if (await access.OpenProofAsync(requestId, ct) is not { } proof)
        {
            return NotFound();
        }

        if (proof.ProfessionalId is { } professionalId)
        {
            await log.RecordAsync([professionalId], UserId(), "RegistryStaff", null, "access request proof", ct);
        }

        return File(proof.Content, Document.ContentTypeOf(proof.Request.ProofFileType), proof.Request.ProofFileName);
    }

    [HttpPost("access-requests/{requestId:int}/approve")]
    public async Task<IActionResult> Approve(int requestId, CancellationToken ct)
    {
        if (await access.IsOwnAsync(requestId, UserId(), ct))
        {
            // Nobody approves their own access: the page shows no buttons for it; nothing is changed.
            return Forbid();
        }

        if (!await access.ApproveAsync(requestId, UserId(), ct))
        {
            return NotFound();
        }

        TempData["Notice"] = t["Approved. The person has been emailed."].Value;
        return RedirectToAction(nameof(AccessRequests));
    }

    [HttpPost("access-requests/{requestId:int}/deny")]
    public async Task<IActionResult> Deny(int requestId, string? reason, CancellationToken ct)
    {
        if (await access.IsOwnAsync(requestId, UserId(), ct))
        {
            return Forbid();
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > AccessRequest.MaxReasonLength)
        {
            ModelState.AddModelError($"reason-{requestId}", string.IsNullOrWhiteSpace(reason)
                ? t["Say why, in words the person will read."]
                : t["Use at most {0} characters.", AccessRequest.MaxReasonLength]);
            return View(nameof(AccessRequests), await access.PendingAsync(ct));
        }

        if (!await access.DenyAsync(requestId, UserId(), reason, ct))
        {
            return NotFound();
        }

        TempData["Notice"] = t["Denied. The person has been emailed the reason."].Value;
        return RedirectToAction(nameof(AccessRequests));
    }

    [HttpGet("sponsors")]
    public async Task<IActionResult> Sponsors(CancellationToken ct) => View(await sponsors.PendingAsync(ct));

    [HttpPost("sponsors/{sponsorId:int}/approve")]
    public async Task<IActionResult> ApproveSponsor(int sponsorId, CancellationToken ct)
    {
        if (await sponsors.IsOwnAsync(sponsorId, UserId(), ct))
        {
            // Nobody approves their own application: the page shows no buttons for it; nothing is changed.
            return Forbid();
        }

        if (!await sponsors.DecideAsync(sponsorId, UserId(), approve: true, null, ct))
        {
            return NotFound();
        }

        TempData["Notice"] = t["Approved. The person has been emailed."].Value;
        return RedirectToAction(nameof(Sponsors));
    }

    [HttpPost("sponsors/{sponsorId:int}/deny")]
    public async Task<IActionResult> DenySponsor(int sponsorId, string? reason, CancellationToken ct)
    {
        if (await sponsors.IsOwnAsync(sponsorId, UserId(), ct))
        {
            return Forbid();
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > Domain.Calendar.Sponsor.MaxReasonLength)
        {
            ModelState.AddModelError($"reason-{sponsorId}", string.IsNullOrWhiteSpace(reason)
                ? t["Say why, in words the person will read."]
                : t["Use at most {0} characters.", Domain.Calendar.Sponsor.MaxReasonLength]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Sponsors), await sponsors.PendingAsync(ct));
        }

        if (!await sponsors.DecideAsync(sponsorId, UserId(), approve: false, reason, ct))
        {
            return NotFound();
        }

        TempData["Notice"] = t["Denied. The person has been emailed the reason."].Value;
        return RedirectToAction(nameof(Sponsors));
    }

    private string UserId() => users.GetUserId(User) ?? throw new InvalidOperationException("Signed in without a user id.");
}

public sealed record ReviewPage(IReadOnlyList<Review.QueueItem> Items, int Total, IReadOnlyList<ReviewReason> Reasons);

public sealed record UnlistedPage(IReadOnlyList<Workspace.UnlistedJob> Jobs, int Total, int? EmploymentId, string? Query, IReadOnlyList<SearchEmployers.Match> Matches);

public sealed record UsersPage(string? Email, IReadOnlyList<Workspace.Account> Accounts, string CurrentUserId);
