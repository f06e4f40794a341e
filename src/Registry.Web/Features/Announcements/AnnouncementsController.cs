using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Registry.Web.Domain.Messages;
using Registry.Web.Infrastructure.Email;
using Registry.Web.Infrastructure.Forms;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Announcements;

public sealed record AnnouncementList(IReadOnlyList<Announcing.ListItem> Items, int Page, int Total);

public sealed record AnnouncementForm(Announcing.Form Form, IReadOnlyList<Announcing.Scope> Scopes, int? Id);

public sealed record AnnouncementPage(Announcing.Details Details, string? ScheduleDate, string? ScheduleTime);

public sealed record NoticeList(IReadOnlyList<Notice> Items, int Page, int Total);

/// <summary>
/// Writing, counting, scheduling and sending announcements (registry staff; directors and sponsors
/// for their own people), and reading them as notices in My Registry. Who may act is decided by the
/// scopes the person holds; another scope's announcement answers 404.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class AnnouncementsController(
    Announcing.Handler handler,
    Notices notices,
    IValidator<Announcing.Form> validator,
    UserManager<RegistryUser> users,
    IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("/announcements")]
    public async Task<IActionResult> Index(int page = 1, CancellationToken ct = default)
    {
        var scopes = await handler.ScopesAsync(User, ct);
        if (scopes.Count == 0)
        {
            return Forbid();
        }

        page = Math.Max(1, page);
        var (items, total) = await handler.ListAsync(scopes, page, ct);
        return View(new AnnouncementList(items, page, total));
    }

    [HttpGet("/announcements/new")]
    public async Task<IActionResult> New(CancellationToken ct)
    {
        var scopes = await handler.ScopesAsync(User, ct);
        return scopes.Count == 0 ? Forbid() : View("Edit", new AnnouncementForm(new Announcing.Form { Scope = scopes[0].Key, Kind = nameof(MessageKind.News) }, scopes, null));
    }

    [HttpPost("/announcements/new")]
    [ValidateAntiForgeryToken]
    public Task<IActionResult> New(Announcing.Form form, CancellationToken ct) => SaveAsync(null, form, ct);

    [HttpGet("/announcements/{id:int}")]
    public async Task<IActionResult> Show(int id, CancellationToken ct)
    {
        var scopes = await handler.ScopesAsync(User, ct);
        if (await handler.FindAsync(id, scopes, ct) is not { } announcement)
        {
            return scopes.Count == 0 ? Forbid() : NotFound();
        }

        return View(new AnnouncementPage(await handler.DetailsAsync(announcement, scopes, ct), null, null));
    }

    [HttpGet("/announcements/{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, CancellationToken ct)
    {
        var scopes = await handler.ScopesAsync(User, ct);
        if (await handler.FindAsync(id, scopes, ct) is not { IsEditable: true } announcement)
        {
            return scopes.Count == 0 ? Forbid() : NotFound();
        }

        var details = await handler.DetailsAsync(announcement, scopes, ct);
        return View(new AnnouncementForm(Announcing.Form.From(announcement, details.LicenseNumber), scopes, id));
    }

    [HttpPost("/announcements/{id:int}/edit")]
    [ValidateAntiForgeryToken]
    public Task<IActionResult> Edit(int id, Announcing.Form form, CancellationToken ct) => SaveAsync(id, form, ct);

    [HttpPost("/announcements/{id:int}/send")]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> Send(int id, CancellationToken ct)
    {
        var scopes = await handler.ScopesAsync(User, ct);
        if (await handler.FindAsync(id, scopes, ct) is not { IsEditable: true } announcement || announcement.Status == AnnouncementStatus.Queuing)
        {
            return scopes.Count == 0 ? Forbid() : NotFound();
        }

        await handler.ScheduleAsync(announcement, null, ct);
        TempData["Notice"] = t["The announcement is being sent."].Value;
        return RedirectToAction(nameof(Show), new { id });
    }

    [HttpPost("/announcements/{id:int}/schedule")]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> Schedule(int id, string? date, string? time, CancellationToken ct)
    {
        var scopes = await handler.ScopesAsync(User, ct);
        if (await handler.FindAsync(id, scopes, ct) is not { IsEditable: true } announcement)
        {
            return scopes.Count == 0 ? Forbid() : NotFound();
        }

        var at = handler.ParseLocal(date, time);
        if (at is null || at <= handler.Now)
        {
            ModelState.AddModelError("date", at is null ? t["Enter a date and a time, like 2027-03-01 and 09:00."] : t["Choose a time in the future."]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Show), new AnnouncementPage(await handler.DetailsAsync(announcement, scopes, ct), date, time));
        }

        await handler.ScheduleAsync(announcement, at, ct);
        TempData["Notice"] = t["The announcement is scheduled."].Value;
        return RedirectToAction(nameof(Show), new { id });
    }

    [HttpPost("/announcements/{id:int}/unschedule")]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> Unschedule(int id, CancellationToken ct)
    {
        var scopes = await handler.ScopesAsync(User, ct);
        if (await handler.FindAsync(id, scopes, ct) is not { Status: AnnouncementStatus.Scheduled } announcement)
        {
            return scopes.Count == 0 ? Forbid() : NotFound();
        }

        await handler.UnscheduleAsync(announcement, ct);
        return RedirectToAction(nameof(Show), new { id });
    }

    [HttpPost("/announcements/{id:int}/delete")]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> Delete(int id, CancellationToken ct)
    {
        var scopes = await handler.ScopesAsync(User, ct);
        if (await handler.FindAsync(id, scopes, ct) is not { Status: AnnouncementStatus.Draft } announcement)
        {
            return scopes.Count == 0 ? Forbid() : NotFound();
        }

        await handler.DeleteAsync(announcement, ct);
        TempData["Notice"] = t["The draft is deleted."].Value;
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("/my-registry/notices")]
    public async Task<IActionResult> Notices(int page = 1, CancellationToken ct = default)
    {
        page = Math.Max(1, page);
        var (items, total) = await notices.PageAsync(users.GetUserId(User)!, page, Announcing.PageSize, ct);
        return View(new NoticeList(items, page, total));
    }

    [HttpGet("/my-registry/notices/{id:int}")]
    public async Task<IActionResult> Notice(int id, CancellationToken ct) =>
        await notices.FindAsync(users.GetUserId(User)!, id, ct) is { } notice ? View(notice) : NotFound();

    [HttpPost("/my-registry/email-is-right")]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> EmailIsRight(CancellationToken ct)
    {
        await notices.AddressIsRightAsync(users.GetUserId(User)!, ct);
        TempData["Notice"] = t["Thank you. We will try your address again."].Value;
        return Redirect("/my-registry");
    }

    private async Task<IActionResult> SaveAsync(int? id, Announcing.Form form, CancellationToken ct)
    {
        var scopes = await handler.ScopesAsync(User, ct);
        if (scopes.Count == 0)
        {
            return Forbid();
        }

        Announcement? existing = null;
        if (id is { } known && (existing = await handler.FindAsync(known, scopes, ct)) is not { IsEditable: true })
        {
            return NotFound();
        }

        // An existing announcement keeps its scope; a new one takes one of the writer's.
        var scope = existing is not null ? scopes.FirstOrDefault(s => s.Holds(existing)) ?? scopes[0] : scopes.FirstOrDefault(s => s.Key == form.Scope);
        var valid = await this.ValidateAsync(validator, form, ct);
        if (scope is null)
        {
            ModelState.AddModelError(nameof(form.Scope), t["Choose whose people to write to."]);
            valid = false;
        }

        Audience? audience = null;
        if (valid)
        {
            (audience, var unknown) = await handler.AudienceAsync(form, ct);
            if (unknown is not null)
            {
                ModelState.AddModelError(unknown, t["No licensed site has this number."]);
            }
        }

        if (audience is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Edit", new AnnouncementForm(form, scopes, id));
        }

        var saved = await handler.SaveAsync(existing, users.GetUserId(User)!, scope!, form, audience, ct);
        return RedirectToAction(nameof(Show), new { id = saved.Id });
    }
}
