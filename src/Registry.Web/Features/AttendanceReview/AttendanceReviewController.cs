using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Registry.Web.Domain.Calendar;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.AttendanceReview;

/// <summary>Registry staff: attendance for sessions long past to approve or refuse, and any posting to undo with a reason.</summary>
[Authorize(Policy = Policies.RegistryStaff)]
[Route("staff/attendance")]
public sealed class AttendanceReviewController(AttendanceApprovals.Handler review, AccessLogService log, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? registryId, CancellationToken ct)
    {
        var page = await review.PageAsync(registryId, UserId(), ct);
        await LogAsync(page, ct);
        return View(page);
    }

    [HttpPost("{attendanceId:int}/approve")]
    public async Task<IActionResult> Approve(int attendanceId, string? registryId, CancellationToken ct) =>
        Decided(registryId, await review.ApproveAsync(attendanceId, UserId(), ct), t["Approved: the hours now count on the person's record."]);

    [HttpPost("{attendanceId:int}/refuse")]
    public async Task<IActionResult> Refuse(int attendanceId, string? reason, string? registryId, CancellationToken ct) =>
        await ReasonIsGoodAsync(attendanceId, reason, registryId, ct) is { } refused
            ? refused
            : Decided(registryId, await review.RefuseAsync(attendanceId, reason!, UserId(), ct), t["Refused: the hours do not count, and the sponsor sees why."]);

    [HttpPost("{attendanceId:int}/undo")]
    public async Task<IActionResult> Undo(int attendanceId, string? reason, string? registryId, CancellationToken ct) =>
        await ReasonIsGoodAsync(attendanceId, reason, registryId, ct) is { } refused
            ? refused
            : Decided(registryId, await review.UndoAsync(attendanceId, reason!, UserId(), ct), t["Undone: the training record is removed, and the hours count nowhere."]);

    /// <summary>A refusal or undo needs a reason (the sponsor and the person read it): the page again with the message beside the field, or null.</summary>
    private async Task<IActionResult?> ReasonIsGoodAsync(int attendanceId, string? reason, string? registryId, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(reason) && reason.Trim().Length <= Attendance.MaxDecisionReasonLength)
        {
            return null;
        }

        ModelState.AddModelError($"reason-{attendanceId}", string.IsNullOrWhiteSpace(reason)
            ? t["Say why, in words the sponsor and the person will read."]
            : t["Use at most {0} characters.", Attendance.MaxDecisionReasonLength]);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        var page = await review.PageAsync(registryId, UserId(), ct);
        await LogAsync(page, ct);
        return View(nameof(Index), page);
    }

    private IActionResult Decided(string? registryId, AttendanceApprovals.Outcome outcome, string done)
    {
        switch (outcome)
        {
            case AttendanceApprovals.Outcome.NotFound:
                return NotFound();
            case AttendanceApprovals.Outcome.Own:
                // Nobody decides on their own hours or a posting they made: the page shows no form for it; a forged one changes nothing.
                return Forbid();
            default:
                TempData["Notice"] = done;
                return RedirectToAction(nameof(Index), new { registryId });
        }
    }

    private Task LogAsync(AttendanceApprovals.Page page, CancellationToken ct) =>
        log.RecordAsync(page.Waiting.Concat(page.Postings ?? []).Select(l => l.ProfessionalId).Distinct(), UserId(), "RegistryStaff", null, "attendance review", ct);

    private string UserId() => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Signed in without a user id.");
}
