using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Sponsors;

/// <summary>Registry staff: instructors a sponsor asked for, to approve or refuse; and which sponsors' managers approve their own.</summary>
[Authorize(Policy = Policies.RegistryStaff)]
[Route("staff/instructors")]
public sealed class InstructorsController(InstructorApprovals.Handler instructors, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => View("Instructors", await instructors.PageAsync(UserId(), ct));

    [HttpPost("{memberId:int}/approve")]
    public async Task<IActionResult> Approve(int memberId, CancellationToken ct) =>
        Decided(await instructors.ApproveAsync(memberId, UserId(), ct), t["Approved: the instructor can take attendance for the sponsor."]);

    [HttpPost("{memberId:int}/refuse")]
    public async Task<IActionResult> Refuse(int memberId, CancellationToken ct) =>
        Decided(await instructors.RefuseAsync(memberId, UserId(), ct), t["Refused: the request is removed."]);

    [HttpPost("sponsors/{sponsorId:int}/delegation")]
    public async Task<IActionResult> Delegation(int sponsorId, bool delegated, CancellationToken ct) =>
        Decided(await instructors.DelegateAsync(sponsorId, delegated, UserId(), ct), delegated
            ? t["From now on the sponsor's manager approves its instructors; this is recorded with your name."]
            : t["From now on registry staff approve the sponsor's new instructors."]);

    private IActionResult Decided(InstructorApprovals.Outcome outcome, string done)
    {
        switch (outcome)
        {
            case InstructorApprovals.Outcome.NotFound:
                return NotFound();
            case InstructorApprovals.Outcome.Own:
                // Nobody approves themselves or their own sponsor's people: the page shows no form for it.
                return Forbid();
            default:
                TempData["Notice"] = done;
                return RedirectToAction(nameof(Index));
        }
    }

    private string UserId() => User.UserId();
}
