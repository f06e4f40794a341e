using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Registry.Web.Infrastructure.Forms;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Sponsors;

/// <summary>
/// Training sponsors and their instructors: apply, join, approve instructors. Every action on a
/// sponsor asks the sponsor authorization handler; another sponsor's page answers 404.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
[Route("sponsors")]
public sealed class SponsorsController(SponsorOrganizations.Handler sponsors, SponsorMembers members, IAuthorizationService authorization, UserManager<RegistryUser> users, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => View(await sponsors.MineAsync(UserId(), ct));

    [HttpGet("apply")]
    public IActionResult Apply() => View(new SponsorOrganizations.ApplyForm());

    [HttpPost("apply")]
    public async Task<IActionResult> Apply(SponsorOrganizations.ApplyForm form, [FromServices] IValidator<SponsorOrganizations.ApplyForm> validator, CancellationToken ct)
    {
        if (!await this.ValidateAsync(validator, form, ct))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(form);
        }

        await sponsors.ApplyAsync(UserId(), form, ct);
        TempData["Notice"] = t["Your application is sent. Registry staff will email you their decision."].Value;
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("join")]
    public async Task<IActionResult> Join(string? q, CancellationToken ct) => View(new JoinPage(q, await sponsors.FindAsync(q, ct)));

    [HttpPost("join")]
    public async Task<IActionResult> Join(int sponsorId, CancellationToken ct)
    {
        if (!await sponsors.JoinAsync(UserId(), sponsorId, ct))
        {
            return NotFound();
        }

        TempData["Notice"] = t["Your request is sent to the sponsor."].Value;
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("{sponsorId:int}")]
    public async Task<IActionResult> Home(int sponsorId, CancellationToken ct)
    {
        if (!await AllowedAsync(sponsorId, SponsorOperations.TakeAttendance) || await sponsors.HomeAsync(sponsorId, ct) is not { } home)
        {
            return NotFound();
        }

        return View(new HomePage(home, await AllowedAsync(sponsorId, SponsorOperations.Manage), await AllowedAsync(sponsorId, SponsorOperations.ManageEvents)));
    }

    [HttpPost("{sponsorId:int}/members/{memberId:int}/approve")]
    public async Task<IActionResult> ApproveMember(int sponsorId, int memberId, bool canManageEvents, CancellationToken ct)
    {
        var outcome = await AllowedAsync(sponsorId, SponsorOperations.Manage)
            ? await members.ApproveMemberAsync(sponsorId, memberId, canManageEvents, users.GetUserId(User)!, ct)
            : SponsorMembers.MemberOutcome.NotFound;
        if (outcome == SponsorMembers.MemberOutcome.NotFound)
        {
            return NotFound();
        }

        TempData["Notice"] = outcome == SponsorMembers.MemberOutcome.SentToStaff
            ? t["Sent to registry staff: they approve instructors for your sponsor. The person can take attendance once they do."].Value
            : t["Saved."].Value;
        return RedirectToAction(nameof(Home), new { sponsorId });
    }

    [HttpPost("{sponsorId:int}/members/{memberId:int}/remove")]
    public async Task<IActionResult> RemoveMember(int sponsorId, int memberId, CancellationToken ct)
    {
        if (!await AllowedAsync(sponsorId, SponsorOperations.Manage) || !await members.RemoveMemberAsync(sponsorId, memberId, string.Empty, ct))
        {
            return NotFound();
        }

        TempData["Notice"] = t["Removed."].Value;
        return RedirectToAction(nameof(Home), new { sponsorId });
    }

    private async Task<bool> AllowedAsync(int sponsorId, Microsoft.AspNetCore.Authorization.Infrastructure.OperationAuthorizationRequirement operation) =>
        (await authorization.AuthorizeAsync(User, new SponsorResource(sponsorId), operation)).Succeeded;

    private string UserId() => users.GetUserId(User)!;
}

public sealed record JoinPage(string? Query, IReadOnlyList<(int Id, string Name, string? County)> Found);

public sealed record HomePage(SponsorOrganizations.SponsorHome Sponsor, bool CanManage, bool CanManageEvents);
