using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Registry.Web.Domain.Calendar;
using Registry.Web.Infrastructure.Forms;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Sponsors;

/// <summary>A sponsor's events: post, copy, edit, cancel. Each action asks the sponsor authorization handler.</summary>
[Authorize(Policy = Policies.SignedIn)]
[Route("sponsors")]
public sealed class SponsorEventsController(SponsorEvents.Handler events, SponsorGate gate, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("{sponsorId:int}/events/new")]
    public async Task<IActionResult> New(int sponsorId) =>
        await gate.AllowedAsync(User, sponsorId, SponsorOperations.ManageEvents)
            ? View("EventForm", new EventFormPage(sponsorId, null, new SponsorEvents.Form().WithBlankSessions()))
            : NotFound();

    [HttpPost("{sponsorId:int}/events/new")]
    public async Task<IActionResult> New(int sponsorId, SponsorEvents.Form form, [FromServices] IValidator<SponsorEvents.Form> validator, CancellationToken ct)
    {
        if (!await gate.AllowedAsync(User, sponsorId, SponsorOperations.ManageEvents))
        {
            return NotFound();
        }

        if (!await this.ValidateAsync(validator, form, ct))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("EventForm", new EventFormPage(sponsorId, null, form.WithBlankSessions()));
        }

        var id = await events.CreateAsync(sponsorId, form, ct);
        TempData["Notice"] = t["The event is on the calendar."].Value;
        return RedirectToAction("Event", "Calendar", new { eventId = id });
    }

    [HttpGet("events/{eventId:int}/copy")]
    public async Task<IActionResult> Copy(int eventId, CancellationToken ct) =>
        await events.FindAsync(eventId, ct) is { } existing && await gate.AllowedAsync(User, existing.SponsorId, SponsorOperations.ManageEvents)
            ? View("EventForm", new EventFormPage(existing.SponsorId, null, SponsorEvents.Form.From(existing, copy: true).WithBlankSessions()))
            : NotFound();

    [HttpGet("events/{eventId:int}/edit")]
    public async Task<IActionResult> Edit(int eventId, CancellationToken ct) =>
        await events.FindAsync(eventId, ct) is { Status: TrainingEventStatus.Published } existing && await gate.AllowedAsync(User, existing.SponsorId, SponsorOperations.ManageEvents)
            ? View("EventForm", new EventFormPage(existing.SponsorId, eventId, SponsorEvents.Form.From(existing, copy: false).WithBlankSessions()))
            : NotFound();

    [HttpPost("events/{eventId:int}/edit")]
    public async Task<IActionResult> Edit(int eventId, SponsorEvents.Form form, [FromServices] IValidator<SponsorEvents.Form> validator, CancellationToken ct)
    {
        if (await events.FindAsync(eventId, ct) is not { Status: TrainingEventStatus.Published } existing || !await gate.AllowedAsync(User, existing.SponsorId, SponsorOperations.ManageEvents))
        {
            return NotFound();
        }

        if (await this.ValidateAsync(validator, form, ct))
        {
            if (await events.UpdateAsync(existing, form, ct))
            {
                TempData["Notice"] = t["The event is saved."].Value;
                return RedirectToAction("Event", "Calendar", new { eventId });
            }

            ModelState.AddModelError(nameof(form.Sessions), t["A session with attendance posted cannot be removed or moved."]);
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("EventForm", new EventFormPage(existing.SponsorId, eventId, form.WithBlankSessions()));
    }

    [HttpPost("events/{eventId:int}/cancel")]
    public async Task<IActionResult> Cancel(int eventId, CancellationToken ct)
    {
        if (await events.FindAsync(eventId, ct) is not { Status: TrainingEventStatus.Published } existing || !await gate.AllowedAsync(User, existing.SponsorId, SponsorOperations.ManageEvents))
        {
            return NotFound();
        }

        await events.CancelAsync(existing, ct);
        TempData["Notice"] = t["The event is cancelled and everyone registered has been emailed."].Value;
        return RedirectToAction("Home", "Sponsors", new { sponsorId = existing.SponsorId });
    }
}


public sealed record EventFormPage(int SponsorId, int? EventId, SponsorEvents.Form Form);

