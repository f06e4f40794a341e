using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Registry.Web.Domain.Messages;
using Registry.Web.Infrastructure.Forms;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Announcements;

public sealed record AnnouncementList(IReadOnlyList<Announcing.ListItem> Items, int Page, int Total);

public sealed record AnnouncementForm(Announcing.Form Form, IReadOnlyList<Announcing.Scope> Scopes, int? Id);

public sealed record AnnouncementPage(Announcing.Details Details, string? ScheduleDate, string? ScheduleTime);

/// <summary>
/// Writing and counting announcements (registry staff; directors and sponsors for their own people);
/// sending them is <see cref="AnnouncementSendingController"/>, reading them as notices is My Registry's.
/// Who may act is decided by the scopes the person holds; another scope's announcement answers 404.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class AnnouncementsController(
    AnnouncementScopes scopesOf,
    AnnouncementRecords records,
    AnnouncementDrafts drafts,
    IValidator<Announcing.Form> validator,
    IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("/announcements")]
    public async Task<IActionResult> Index(int page = 1, CancellationToken ct = default)
    {
        var scopes = await scopesOf.ScopesAsync(User, ct);
        if (scopes.Count == 0)
        {
            return Forbid();
        }

        page = Math.Max(1, page);
        var (items, total) = await records.ListAsync(scopes, page, ct);
        return View(new AnnouncementList(items, page, total));
    }

    [HttpGet("/announcements/new")]
    public async Task<IActionResult> New(CancellationToken ct)
    {
        var scopes = await scopesOf.ScopesAsync(User, ct);
        return scopes.Count == 0 ? Forbid() : View("Edit", new AnnouncementForm(new Announcing.Form { Scope = scopes[0].Key, Kind = nameof(MessageKind.News) }, scopes, null));
    }

    [HttpPost("/announcements/new")]
    [ValidateAntiForgeryToken]
    public Task<IActionResult> New(Announcing.Form form, CancellationToken ct) => SaveAsync(null, form, ct);

    [HttpGet("/announcements/{id:int}")]
    public async Task<IActionResult> Show(int id, CancellationToken ct)
    {
        var scopes = await scopesOf.ScopesAsync(User, ct);
        if (await scopesOf.FindAsync(id, scopes, ct) is not { } announcement)
        {
            return scopes.Count == 0 ? Forbid() : NotFound();
        }

        return View(new AnnouncementPage(await records.DetailsAsync(announcement, scopes, ct), null, null));
    }

    [HttpGet("/announcements/{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, CancellationToken ct)
    {
        var scopes = await scopesOf.ScopesAsync(User, ct);
        if (await scopesOf.FindAsync(id, scopes, ct) is not { IsEditable: true } announcement)
        {
            return scopes.Count == 0 ? Forbid() : NotFound();
        }

        var details = await records.DetailsAsync(announcement, scopes, ct);
        return View(new AnnouncementForm(Announcing.Form.From(announcement, details.LicenseNumber), scopes, id));
    }

    [HttpPost("/announcements/{id:int}/edit")]
    [ValidateAntiForgeryToken]
    public Task<IActionResult> Edit(int id, Announcing.Form form, CancellationToken ct) => SaveAsync(id, form, ct);

    private async Task<IActionResult> SaveAsync(int? id, Announcing.Form form, CancellationToken ct)
    {
        var scopes = await scopesOf.ScopesAsync(User, ct);
        if (scopes.Count == 0)
        {
            return Forbid();
        }

        Announcement? existing = null;
        if (id is { } known && (existing = await scopesOf.FindAsync(known, scopes, ct)) is not { IsEditable: true })
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
            (audience, var unknown) = await drafts.AudienceAsync(form, ct);
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

        var saved = await drafts.SaveAsync(existing, User.UserId(), scope!, form, audience, ct);
        return RedirectToAction(nameof(Show), new { id = saved.Id });
    }
}
