using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Registry.Web.Domain.Calendar;
using Registry.Web.Infrastructure.Security;
using Registry.Web.Infrastructure.Web;

namespace Registry.Web.Features.Calendar;

/// <summary>
/// The public training calendar (no sign-in to search or read), an iCalendar feed per search, and
/// each event's page (registering is <see cref="EventRegistrationController"/>).
/// </summary>
[Route("training")]
public sealed class CalendarController(TrainingCalendar.Handler calendar, CalendarFeed feed, CurrentProfessional me) : Controller
{
    [AllowAnonymous]
    [PublicPage(CacheTags.Calendar)]
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] TrainingCalendar.Criteria search, CancellationToken ct) =>
        search.Month is not null ? View("Month", await calendar.MonthAsync(search, ct)) : View(await calendar.SearchAsync(search, ct));

    /// <summary>The search's events as an iCalendar file (one entry per session), to subscribe to in a calendar app.</summary>
    [AllowAnonymous]
    [PublicPage(CacheTags.Calendar)]
    [HttpGet("calendar.ics")]
    public async Task<IActionResult> Feed([FromQuery] TrainingCalendar.Criteria search, CancellationToken ct) =>
        File(await feed.IcsAsync(search, ct), "text/calendar; charset=utf-8", "registry-training.ics");

    [AllowAnonymous]
    [PublicPage(CacheTags.Calendar)]
    [HttpGet("events/{eventId:int}")]
    public async Task<IActionResult> Event(int eventId, CancellationToken ct)
    {
        if (await calendar.EventAsync(eventId, ct) is not { } e)
        {
            return NotFound();
        }

        Registration? registration = null;
        int? place = null;
        var attended = false;
        if (await me.IdAsync(User, ct) is { } professionalId)
        {
            registration = await calendar.RegistrationAsync(eventId, professionalId, ct);
            place = registration is null ? null : await calendar.WaitlistPlaceAsync(registration, ct);
            attended = await calendar.AttendedAsync(eventId, professionalId, ct);
        }

        return View(new EventPage(e, User.Identity?.IsAuthenticated == true, registration?.Status, place, calendar.Today, attended));
    }
}

public sealed record RegisterStaffPage(TrainingCalendar.EventView Event, IReadOnlyList<EventRegistrations.StaffMember> Staff, DateOnly Today);

public sealed record EventPage(TrainingCalendar.EventView Event, bool SignedIn, RegistrationStatus? Status, int? WaitlistPlace, DateOnly Today, bool Attended);
