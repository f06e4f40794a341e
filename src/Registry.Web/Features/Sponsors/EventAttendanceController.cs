using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Registry.Web.Domain.Calendar;
using Registry.Web.Infrastructure.Localization;
using Registry.Web.Infrastructure.Security;
using Registry.Web.Infrastructure.Web;

namespace Registry.Web.Features.Sponsors;

/// <summary>
/// An event's attendance, for the sponsor's people who take it: the sheet, posting a session's roster
/// or CSV, matching unmatched rows, and check-in (a QR code attendees scan, or at the door).
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
[Route("sponsors")]
public sealed class EventAttendanceController(AttendancePosting.Handler attendance, SponsorGate gate, AccessLogService log, IStringLocalizer<SharedResource> t) : Controller
{
    /// <summary>The event's people (registered, waiting, posted) with a column per session, the CSV upload and the check-in codes.</summary>
    [HttpGet("events/{eventId:int}/attendance")]
    public async Task<IActionResult> Attendance(int eventId, CancellationToken ct) =>
        await gate.EventAllowedAsync(User, eventId, SponsorOperations.TakeAttendance, ct)
            ? await SheetPageAsync(eventId, ct)
            : NotFound();

    [HttpPost("events/{eventId:int}/sessions/{sessionId:int}/roster")]
    public async Task<IActionResult> PostRoster(int eventId, int sessionId, List<int> present, CancellationToken ct)
    {
        if (await SessionAsync(eventId, sessionId, ct) is not { } context)
        {
            return NotFound();
        }

        var result = await attendance.PostRosterAsync(context, present, UserId(), ct);
        Notice(result);
        if (result.Posted + result.AlreadyPosted < present.Distinct().Count())
        {
            // A ticked box for someone not registered (any more): say so, rather than count them silently as nothing.
            TempData["Problem"] = t["Some of the people ticked are not registered for this session. Reload the page and tick them again."].Value;
        }

        return RedirectToAction(nameof(Attendance), new { eventId });
    }

    [HttpPost("events/{eventId:int}/sessions/{sessionId:int}/csv")]
    public async Task<IActionResult> PostCsv(int eventId, int sessionId, IFormFile? file, CancellationToken ct)
    {
        if (await SessionAsync(eventId, sessionId, ct) is not { } context)
        {
            return NotFound();
        }

        IReadOnlyList<AttendancePosting.Row>? rows = null;
        if (file is { Length: > 0 and <= AttendancePosting.MaxCsvBytes })
        {
            using var reader = new StreamReader(file.OpenReadStream());
            rows = AttendancePosting.ParseCsv(await reader.ReadToEndAsync(ct));
        }

        if (rows is null)
        {
            ModelState.AddModelError($"file-{sessionId}", file is null or { Length: 0 } ? t["Choose a CSV file."]
                : file.Length > AttendancePosting.MaxCsvBytes ? t["The file is too large: at most 1 MB."]
                : t["The file needs a header row with registry_id and hours columns."]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await SheetPageAsync(eventId, ct);
        }

        Notice(await attendance.PostCsvAsync(context, rows, UserId(), ct));
        return RedirectToAction(nameof(Attendance), new { eventId });
    }

    [HttpPost("events/{eventId:int}/unmatched/{unmatchedId:int}/resolve")]
    public async Task<IActionResult> Resolve(int eventId, int unmatchedId, string? registryId, CancellationToken ct)
    {
        if (!await gate.EventAllowedAsync(User, eventId, SponsorOperations.TakeAttendance, ct))
        {
            return NotFound();
        }

        var (found, posted) = await attendance.ResolveAsync(eventId, unmatchedId, registryId ?? string.Empty, UserId(), ct);
        if (!found)
        {
            return NotFound();
        }

        if (posted is null)
        {
            ModelState.AddModelError($"registryId-{unmatchedId}", t["No one has this registry id. Check it with the attendee."]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await SheetPageAsync(eventId, ct);
        }

        Notice(posted);
        return RedirectToAction(nameof(Attendance), new { eventId });
    }

    /// <summary>Shows a fresh check-in code for the session, as a QR code attendees scan.</summary>
    [HttpPost("events/{eventId:int}/sessions/{sessionId:int}/check-in")]
    public async Task<IActionResult> OpenCheckIn(int eventId, int sessionId, CancellationToken ct)
    {
        if (await SessionAsync(eventId, sessionId, ct) is not { } context)
        {
            return NotFound();
        }

        await attendance.OpenCheckInAsync(context, ct);
        return RedirectToAction(nameof(CheckIn), new { eventId, sessionId });
    }

    [HttpGet("events/{eventId:int}/sessions/{sessionId:int}/check-in")]
    public async Task<IActionResult> CheckIn(int eventId, int sessionId, CancellationToken ct) =>
        await SessionAsync(eventId, sessionId, ct) is { } context ? View(CheckInView(context, new DoorForm())) : NotFound();

    /// <summary>Checks someone in at the door by registry id, last name and date of birth (all three must match one person).</summary>
    [HttpPost("events/{eventId:int}/sessions/{sessionId:int}/door")]
    public async Task<IActionResult> Door(int eventId, int sessionId, DoorForm form, CancellationToken ct)
    {
        if (await SessionAsync(eventId, sessionId, ct) is not { } context)
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(form.RegistryId))
        {
            ModelState.AddModelError(nameof(DoorForm.RegistryId), t["Type the registry id on the attendee's card."]);
        }

        if (string.IsNullOrWhiteSpace(form.LastName) || form.LastName.Length > Registry.Web.Domain.Professionals.Professional.MaxNameLength)
        {
            ModelState.AddModelError(nameof(DoorForm.LastName), t["Type the attendee's last name."]);
        }

        if (!DateOnly.TryParseExact(form.DateOfBirth, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var born))
        {
            ModelState.AddModelError(nameof(DoorForm.DateOfBirth), t["Enter the date of birth as a date, such as 1990-04-23."]);
        }

        if (ModelState.IsValid)
        {
            var (outcome, posted) = await attendance.DoorCheckInAsync(context, form.RegistryId, form.LastName!, born, UserId(), ct);
            switch (outcome)
            {
                case AttendancePosting.Handler.DoorOutcome.CheckedIn:
                    Notice(posted!);
                    return RedirectToAction(nameof(CheckIn), new { eventId, sessionId });
                case AttendancePosting.Handler.DoorOutcome.Self:
                    ModelState.AddModelError(nameof(DoorForm.RegistryId), t["You cannot check yourself in: another member of the sponsor does, or scan the code."]);
                    break;
                default:
                    ModelState.AddModelError(nameof(DoorForm.RegistryId), t["No one has this registry id with this last name and date of birth. Check them with the attendee."]);
                    break;
            }
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(nameof(CheckIn), CheckInView(context, form));
    }

    [HttpGet("events/{eventId:int}/sessions/{sessionId:int}/check-in.png")]
    public async Task<IActionResult> CheckInCode(int eventId, int sessionId, CancellationToken ct) =>
        await SessionAsync(eventId, sessionId, ct) is { Session.CheckInCode: { } code }
            ? File(QrCodes.Png(attendance.CheckInLink(code)), "image/png")
            : NotFound();

    /// <summary>The attendance sheet names everyone registered, waiting or posted: each person's access log says so.</summary>
    private async Task<IActionResult> SheetPageAsync(int eventId, CancellationToken ct)
    {
        if (await attendance.SheetAsync(eventId, ct) is not { } sheet)
        {
            return NotFound();
        }

        await log.RecordAsync(sheet.People.Select(p => p.ProfessionalId), UserId(), User.IsRegistryStaff() ? "RegistryStaff" : "TrainingSponsor", null, "attendance sheet", ct);
        return View(nameof(Attendance), sheet);
    }

    private async Task<AttendancePosting.SessionContext?> SessionAsync(int eventId, int sessionId, CancellationToken ct) =>
        await gate.EventAllowedAsync(User, eventId, SponsorOperations.TakeAttendance, ct)
            ? await attendance.SessionAsync(eventId, sessionId, ct)
            : null;

    private CheckInPage CheckInView(AttendancePosting.SessionContext context, DoorForm door) =>
        new(context.Event.Id, context.Event.Title, context.Session, attendance.OpenCheckInLink(context.Session), door);

    private void Notice(AttendancePosting.Result result)
    {
        var notice = t["Posted: {0}. Already posted before: {1}. Held as unmatched: {2}.", result.Posted, result.AlreadyPosted, result.Unmatched].Value;
        if (result.AwaitingApproval > 0)
        {
            notice += " " + t["{0} of these wait for registry staff's approval before the hours count: the session is long past.", result.AwaitingApproval].Value;
        }

        if (result.Reduced.Count > 0)
        {
            notice += " " + string.Join(" ", result.Reduced.Select(r => t["{0}: fewer hours credited ({1}).", r.Name, AttendanceReason(r.Reason)].Value));
        }

        TempData["Notice"] = notice;
    }

    /// <summary>A stored reason ("At most 15 hours are credited per day") in the reader's language.</summary>
    private string AttendanceReason(string reason) => AttendanceReasons.Translate(reason, t);

    private string UserId() => User.UserId();
}

public sealed record CheckInPage(int EventId, string Title, TrainingSession Session, string? Link, DoorForm Door);

/// <summary>Check-in at the door: what a sign-in sheet would show, typed by the sponsor.</summary>
public sealed class DoorForm
{
    public string? RegistryId { get; set; }

    public string? LastName { get; set; }

    /// <summary>yyyy-MM-dd, as a date input sends it.</summary>
    public string? DateOfBirth { get; set; }
}
