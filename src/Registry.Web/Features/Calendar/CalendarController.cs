using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Registry.Web.Domain.Calendar;
using Registry.Web.Infrastructure.Security;
using Registry.Web.Infrastructure.Training;

namespace Registry.Web.Features.Calendar;

/// <summary>
/// The public training calendar (no sign-in to search or read), an iCalendar feed per search, and
/// registration for signed-in professionals.
/// </summary>
[Route("training")]
public sealed class CalendarController(Calendar.Handler calendar, Certificates certificates, CurrentProfessional me, AccessLogService log, UserManager<RegistryUser> users, TimeProvider time, IStringLocalizer<SharedResource> t, Infrastructure.Web.PublicAddress site) : Controller
{
    [AllowAnonymous]
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] Calendar.Search search, CancellationToken ct) =>
        search.Month is not null ? View("Month", await calendar.MonthAsync(search, ct)) : View(await calendar.SearchAsync(search, ct));

    /// <summary>The search's events as an iCalendar file (one entry per session), to subscribe to in a calendar app.</summary>
    [AllowAnonymous]
    [HttpGet("calendar.ics")]
    public async Task<IActionResult> Feed([FromQuery] Calendar.Search search, CancellationToken ct)
    {
        var events = await calendar.FeedAsync(search, ct);
        var zone = time.LocalTimeZone;
        var stamp = time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var ics = new StringBuilder();
        void Line(string text)
        {
            // RFC 5545: lines of at most 75 octets, continued with a space.
            var bytes = Encoding.UTF8.GetBytes(text);
            var start = 0;
            var first = true;
            while (start < bytes.Length)
            {
                var length = Math.Min(first ? 75 : 74, bytes.Length - start);
                while (start + length < bytes.Length && (bytes[start + length] & 0xC0) == 0x80)
                {
                    length--;
                }

                ics.Append(first ? string.Empty : " ").Append(Encoding.UTF8.GetString(bytes, start, length)).Append("\r\n");
                start += length;
                first = false;
            }
        }

        string Utc(DateOnly day, TimeOnly at) =>
            TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(at, DateTimeKind.Unspecified), zone).ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

        Line("BEGIN:VCALENDAR");
        Line("VERSION:2.0");
        Line("PRODID:-//Registry//Training calendar//EN");
        Line("CALSCALE:GREGORIAN");
        Line("X-WR-CALNAME:" + Escape(t["Registry training calendar"]));
        foreach (var (e, sessions, address) in events)
        {
            // The configured public address, not the request's Host: the file is kept and shared off the site.
            var url = site.LinkToAction(nameof(Event), "Calendar", new { eventId = e.Id });
            foreach (var s in sessions)
            {
                Line("BEGIN:VEVENT");
                Line($"UID:registry-session-{s.Id}@{site.Host}");
                Line("DTSTAMP:" + stamp);
                Line("DTSTART:" + Utc(s.Day, s.Starts));
                Line("DTEND:" + Utc(s.Day, s.Ends));
                Line("SUMMARY:" + Escape(e.Title));
                Line("DESCRIPTION:" + Escape($"{e.Sponsor} · {t["{0} hours", e.ClockHours.ToString("0.##", CultureInfo.CurrentCulture)]} · {url}"));
                Line("LOCATION:" + Escape(e.IsOnline ? t["Online"] : string.Join(", ", new[] { address, e.City, e.County }.Where(x => !string.IsNullOrEmpty(x)))));
                Line("URL:" + url);
                Line("END:VEVENT");
            }
        }

        Line("END:VCALENDAR");
        return File(Encoding.UTF8.GetBytes(ics.ToString()), "text/calendar; charset=utf-8", "registry-training.ics");
    }

    [AllowAnonymous]
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

    [Authorize(Policy = Policies.SignedIn)]
    [HttpPost("events/{eventId:int}/register")]
    public async Task<IActionResult> Register(int eventId, CancellationToken ct)
    {
        if (await me.IdAsync(User, ct) is not { } professionalId)
        {
            return NotFound();
        }

        TempData["Notice"] = await calendar.RegisterAsync(eventId, professionalId, users.GetUserId(User)!, ct) switch
        {
            Calendar.Handler.RegisterOutcome.Registered => t["You are registered. A confirmation is on its way by email."].Value,
            Calendar.Handler.RegisterOutcome.Waitlisted => t["The event is full: you are on the waitlist, and we will email you if a place opens."].Value,
            Calendar.Handler.RegisterOutcome.AlreadyRegistered => t["You are already registered."].Value,
            _ => t["Registration for this event is closed."].Value,
        };
        return RedirectToAction(nameof(Event), new { eventId });
    }

    [Authorize(Policy = Policies.SignedIn)]
    [HttpPost("events/{eventId:int}/withdraw")]
    public async Task<IActionResult> Withdraw(int eventId, CancellationToken ct)
    {
        if (await me.IdAsync(User, ct) is not { } professionalId)
        {
            return NotFound();
        }

        TempData["Notice"] = await calendar.WithdrawAsync(eventId, professionalId, ct)
            ? t["You have withdrawn."].Value
            : t["It is too late to withdraw yourself from this event: write to the sponsor."].Value;
        return RedirectToAction(nameof(Event), new { eventId });
    }

    /// <summary>A director registers their confirmed staff: the sites come from the director's grants, never from the form.</summary>
    [Authorize(Policy = Policies.SignedIn)]
    [HttpGet("events/{eventId:int}/register-staff")]
    public async Task<IActionResult> RegisterStaff(int eventId, CancellationToken ct)
    {
        if (await calendar.EventAsync(eventId, ct) is not { } e)
        {
            return NotFound();
        }

        var userId = users.GetUserId(User)!;
        var staff = await calendar.DirectorsStaffAsync(userId, eventId, ct);

        // The page lists the director's confirmed staff: each person's access log says so, with their site.
        await log.RecordAsync(staff.Select(s => (s.ProfessionalId, (int?)s.SiteId)), userId, "SiteDirector", "training registration list", ct);

        return View(new RegisterStaffPage(e, staff, calendar.Today));
    }

    [Authorize(Policy = Policies.SignedIn)]
    [HttpPost("events/{eventId:int}/register-staff")]
    public async Task<IActionResult> RegisterStaff(int eventId, List<int> staff, CancellationToken ct)
    {
        if (await calendar.EventAsync(eventId, ct) is null)
        {
            return NotFound();
        }

        var userId = users.GetUserId(User)!;
        var allowed = (await calendar.DirectorsStaffAsync(userId, eventId, ct)).Select(s => s.ProfessionalId).ToHashSet();
        var outcomes = new List<Calendar.Handler.RegisterOutcome>();
        foreach (var professionalId in staff.Distinct().Where(allowed.Contains))
        {
            outcomes.Add(await calendar.RegisterAsync(eventId, professionalId, userId, ct));
        }

        TempData["Notice"] = outcomes.Contains(Calendar.Handler.RegisterOutcome.Closed)
            ? t["Registration for this event is closed."].Value
            : t["Registered: {0}. On the waitlist: {1}.", outcomes.Count(o => o == Calendar.Handler.RegisterOutcome.Registered), outcomes.Count(o => o == Calendar.Handler.RegisterOutcome.Waitlisted)].Value;
        return RedirectToAction(nameof(RegisterStaff), new { eventId });
    }

    /// <summary>The attendee's certificate of completion, printable, with the code the public verification page checks.</summary>
    [Authorize(Policy = Policies.SignedIn)]
    [HttpGet("events/{eventId:int}/certificate")]
    public async Task<IActionResult> Certificate(int eventId, bool download, CancellationToken ct)
    {
        if (await me.IdAsync(User, ct) is not { } professionalId || await certificates.ForAsync(eventId, professionalId, ct) is not { } certificate)
        {
            return NotFound();
        }

        if (download)
        {
            Response.Headers.ContentDisposition = $"attachment; filename=\"certificate-{eventId}-{certificate.RegistryId.Replace(" ", string.Empty, StringComparison.Ordinal)}.html\"";
        }

        return View(certificate);
    }

    /// <summary>Text for an iCalendar value: backslash, semicolon, comma and line breaks escaped.</summary>
    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal).Replace(",", "\\,", StringComparison.Ordinal)
            .Replace("\r\n", "\\n", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}

public sealed record RegisterStaffPage(Calendar.EventView Event, IReadOnlyList<Calendar.Handler.StaffMember> Staff, DateOnly Today);

public sealed record EventPage(Calendar.EventView Event, bool SignedIn, RegistrationStatus? Status, int? WaitlistPlace, DateOnly Today, bool Attended);
