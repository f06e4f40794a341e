using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Sponsors;

/// <summary>The page a session's QR code opens: signed in, the attendee checks in for that session, and the hours are posted as verified by the sponsor.</summary>
[Authorize(Policy = Policies.SignedIn)]
[Route("training/check-in/{code}")]
public sealed class SelfCheckInController(AttendancePosting.Handler attendance, CurrentProfessional me, IStringLocalizer<SharedResource> t) : Controller
{
    private const string PageView = "SelfCheckIn";

    [HttpGet("")]
    public async Task<IActionResult> CheckIn(string code, CancellationToken ct)
    {
        if (await attendance.CheckInSessionAsync(code, ct) is not var (eventId, sessionId) || await attendance.SessionAsync(eventId, sessionId, ct) is not { } context)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(PageView, new SelfCheckInPage(null, code, null));
        }

        return View(PageView, new SelfCheckInPage(context.Event.Title, code, context.Session.Day));
    }

    /// <summary>Checks the attendee in (<c>confirm</c> is the button's field; it also tells this overload from the page's).</summary>
    [HttpPost("")]
    public async Task<IActionResult> CheckIn(string code, bool confirm, CancellationToken ct)
    {
        if (await attendance.CheckInSessionAsync(code, ct) is not var (eventId, sessionId) || await attendance.SessionAsync(eventId, sessionId, ct) is not { } context)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(PageView, new SelfCheckInPage(null, code, null));
        }

        if (await me.IdAsync(User, ct) is not { } professionalId)
        {
            return NotFound();
        }

        var result = await attendance.CheckInAsync(context, professionalId, User.UserId(), ct);
        TempData["Notice"] = result.AlreadyPosted > 0
            ? t["You were already checked in for this session."].Value
            : t["You are checked in. The hours are on your profile, verified by the sponsor."].Value;
        return RedirectToAction("Index", "Training");
    }
}

/// <summary>The check-in page: the event and day of the session the code names, or nothing when the code is not a session's.</summary>
public sealed record SelfCheckInPage(string? Title, string Code, DateOnly? Day);
