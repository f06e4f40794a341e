using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Registry.Web.Domain.Messages;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Announcements;

/// <summary>Sending a written announcement now or at a time, taking a scheduled one back, or deleting a draft; only in the writer's scopes.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class AnnouncementSendingController(AnnouncementScopes scopesOf, AnnouncementRecords records, AnnouncementSending sending, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpPost("/announcements/{id:int}/send")]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> Send(int id, CancellationToken ct)
    {
        var scopes = await scopesOf.ScopesAsync(User, ct);
        if (await scopesOf.FindAsync(id, scopes, ct) is not { IsEditable: true } announcement || announcement.Status == AnnouncementStatus.Queuing)
        {
            return scopes.Count == 0 ? Forbid() : NotFound();
        }

        await sending.ScheduleAsync(announcement, null, ct);
        TempData["Notice"] = t["The announcement is being sent."].Value;
        return RedirectToAction(nameof(AnnouncementsController.Show), "Announcements", new { id });
    }

    [HttpPost("/announcements/{id:int}/schedule")]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> Schedule(int id, string? date, string? time, CancellationToken ct)
    {
        var scopes = await scopesOf.ScopesAsync(User, ct);
        if (await scopesOf.FindAsync(id, scopes, ct) is not { IsEditable: true } announcement)
        {
            return scopes.Count == 0 ? Forbid() : NotFound();
        }

        var at = sending.ParseLocal(date, time);
        if (at is null || at <= sending.Now)
        {
            ModelState.AddModelError("date", at is null ? t["Enter a date and a time, like 2027-03-01 and 09:00."] : t["Choose a time in the future."]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Show", new AnnouncementPage(await records.DetailsAsync(announcement, scopes, ct), date, time));
        }

        await sending.ScheduleAsync(announcement, at, ct);
        TempData["Notice"] = t["The announcement is scheduled."].Value;
        return RedirectToAction(nameof(AnnouncementsController.Show), "Announcements", new { id });
    }

    [HttpPost("/announcements/{id:int}/unschedule")]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> Unschedule(int id, CancellationToken ct)
    {
        var scopes = await scopesOf.ScopesAsync(User, ct);
        if (await scopesOf.FindAsync(id, scopes, ct) is not { Status: AnnouncementStatus.Scheduled } announcement)
        {
            return scopes.Count == 0 ? Forbid() : NotFound();
        }

        await sending.UnscheduleAsync(announcement, ct);
        return RedirectToAction(nameof(AnnouncementsController.Show), "Announcements", new { id });
    }

    [HttpPost("/announcements/{id:int}/delete")]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> Delete(int id, CancellationToken ct)
    {
        var scopes = await scopesOf.ScopesAsync(User, ct);
        if (await scopesOf.FindAsync(id, scopes, ct) is not { Status: AnnouncementStatus.Draft } announcement)
        {
            return scopes.Count == 0 ? Forbid() : NotFound();
        }

        await sending.DeleteAsync(announcement, ct);
        TempData["Notice"] = t["The draft is deleted."].Value;
        return RedirectToAction(nameof(AnnouncementsController.Index), "Announcements");
    }
}
