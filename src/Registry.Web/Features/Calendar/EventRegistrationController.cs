using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Calendar;

/// <summary>Registering for an event: a professional for themselves, and a director for their confirmed staff.</summary>
[Authorize(Policy = Policies.SignedIn)]
[Route("training/events/{eventId:int}")]
public sealed class EventRegistrationController(TrainingCalendar.Handler calendar, EventRegistrations registrations, CurrentProfessional me, AccessLogService log, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpPost("register")]
    public async Task<IActionResult> Register(int eventId, CancellationToken ct)
    {
        if (await me.IdAsync(User, ct) is not { } professionalId)
        {
            return NotFound();
        }

        TempData["Notice"] = await registrations.RegisterAsync(eventId, professionalId, User.UserId(), ct) switch
        {
            EventRegistrations.RegisterOutcome.Registered => t["You are registered. A confirmation is on its way by email."].Value,
            EventRegistrations.RegisterOutcome.Waitlisted => t["The event is full: you are on the waitlist, and we will email you if a place opens."].Value,
            EventRegistrations.RegisterOutcome.AlreadyRegistered => t["You are already registered."].Value,
            _ => t["Registration for this event is closed."].Value,
        };
        return RedirectToAction(nameof(CalendarController.Event), "Calendar", new { eventId });
    }

    [HttpPost("withdraw")]
    public async Task<IActionResult> Withdraw(int eventId, CancellationToken ct)
    {
        if (await me.IdAsync(User, ct) is not { } professionalId)
        {
            return NotFound();
        }

        TempData["Notice"] = await registrations.WithdrawAsync(eventId, professionalId, ct)
            ? t["You have withdrawn."].Value
            : t["It is too late to withdraw yourself from this event: write to the sponsor."].Value;
        return RedirectToAction(nameof(CalendarController.Event), "Calendar", new { eventId });
    }

    /// <summary>A director registers their confirmed staff: the sites come from the director's grants, never from the form.</summary>
    [HttpGet("register-staff")]
    public async Task<IActionResult> RegisterStaff(int eventId, CancellationToken ct)
    {
        if (await calendar.EventAsync(eventId, ct) is not { } e)
        {
            return NotFound();
        }

        var userId = User.UserId();
        var staff = await registrations.DirectorsStaffAsync(userId, eventId, ct);

        // The page lists the director's confirmed staff: each person's access log says so, with their site.
        await log.RecordAsync(staff.Select(s => (s.ProfessionalId, (int?)s.SiteId)), userId, "SiteDirector", "training registration list", ct);

        return View(new RegisterStaffPage(e, staff, registrations.Today));
    }

    [HttpPost("register-staff")]
    public async Task<IActionResult> RegisterStaff(int eventId, List<int> staff, CancellationToken ct)
    {
        if (await calendar.EventAsync(eventId, ct) is null)
        {
            return NotFound();
        }

        var userId = User.UserId();
        var allowed = (await registrations.DirectorsStaffAsync(userId, eventId, ct)).Select(s => s.ProfessionalId).ToHashSet();
        var outcomes = new List<EventRegistrations.RegisterOutcome>();
        foreach (var professionalId in staff.Distinct().Where(allowed.Contains))
        {
            outcomes.Add(await registrations.RegisterAsync(eventId, professionalId, userId, ct));
        }

        TempData["Notice"] = outcomes.Contains(EventRegistrations.RegisterOutcome.Closed)
            ? t["Registration for this event is closed."].Value
            : t["Registered: {0}. On the waitlist: {1}.", outcomes.Count(o => o == EventRegistrations.RegisterOutcome.Registered), outcomes.Count(o => o == EventRegistrations.RegisterOutcome.Waitlisted)].Value;
        return RedirectToAction(nameof(RegisterStaff), new { eventId });
    }
}
