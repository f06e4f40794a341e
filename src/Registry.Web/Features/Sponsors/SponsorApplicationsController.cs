using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Registry.Web.Domain.Calendar;
using Registry.Web.Infrastructure.Forms;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Sponsors;

/// <summary>Registry staff approve or deny organizations applying to be training sponsors.</summary>
[Authorize(Policy = Policies.RegistryStaff)]
[Route("staff/sponsors")]
public sealed class SponsorApplicationsController(SponsorApplications sponsors, IStringLocalizer<SharedResource> t) : Controller
{
    private const string ApplicationsView = "Applications";

    [HttpGet("")]
    public async Task<IActionResult> Sponsors(CancellationToken ct) => View(ApplicationsView, await sponsors.PendingAsync(ct));

    [HttpPost("{sponsorId:int}/approve")]
    public async Task<IActionResult> ApproveSponsor(int sponsorId, CancellationToken ct)
    {
        if (await sponsors.IsOwnAsync(sponsorId, User.UserId(), ct))
        {
            // Nobody approves their own application: the page shows no buttons for it; nothing is changed.
            return Forbid();
        }

        if (!await sponsors.DecideAsync(sponsorId, User.UserId(), approve: true, null, ct))
        {
            return NotFound();
        }

        TempData["Notice"] = t["Approved. The person has been emailed."].Value;
        return RedirectToAction(nameof(Sponsors));
    }

    [HttpPost("{sponsorId:int}/deny")]
    public async Task<IActionResult> DenySponsor(int sponsorId, string? reason, CancellationToken ct)
    {
        if (await sponsors.IsOwnAsync(sponsorId, User.UserId(), ct))
        {
            return Forbid();
        }

        if (!this.CheckReason($"reason-{sponsorId}", reason, Sponsor.MaxReasonLength, t))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(ApplicationsView, await sponsors.PendingAsync(ct));
        }

        if (!await sponsors.DecideAsync(sponsorId, User.UserId(), approve: false, reason, ct))
        {
            return NotFound();
        }

        TempData["Notice"] = t["Denied. The person has been emailed the reason."].Value;
        return RedirectToAction(nameof(Sponsors));
    }
}
