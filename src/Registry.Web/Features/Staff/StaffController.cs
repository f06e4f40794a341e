using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Registry.Web.Domain.Access;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Staff;

/// <summary>Registry staff's workspace (it opens on the verification queue), and for administrators the accounts, their roles and grants.</summary>
[Authorize(Policy = Policies.RegistryStaff)]
[Route("staff")]
public sealed class StaffController(AccountRoles.Handler workspace, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("")]
    public IActionResult Index() => RedirectToAction("ReviewQueue", "Review");

    /// <summary>Accounts, their registry-wide roles and their scoped access (administrators only).</summary>
    [HttpGet("users")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Users(string? email, CancellationToken ct) =>
        View(new UsersPage(email, await workspace.AccountsAsync(email, ct), UserId()));

    [HttpPost("users/{userId}/roles")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> SetRole(string userId, string? role, bool give, string? email, CancellationToken ct)
    {
        if (role is null || !await workspace.SetRoleAsync(userId, role, give, ct))
        {
            return NotFound();
        }

        return RedirectToAction(nameof(Users), new { email });
    }

    [HttpPost("users/{userId}/grants")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> GrantCounty(string userId, AccessRole? role, string? county, string? program, string? email, CancellationToken ct)
    {
        if (role is not (AccessRole.Rater or AccessRole.StipendAdministrator) || county is null || !Domain.CaliforniaCounties.All.Contains(county))
        {
            ModelState.AddModelError($"county-{userId}", t["Choose the role and a county from the list."]);
            return View(nameof(Users), new UsersPage(email, await workspace.AccountsAsync(email, ct), UserId()));
        }

        if (!await workspace.GrantCountyAsync(userId, role.Value, county, string.IsNullOrWhiteSpace(program) ? null : program.Trim(), ct))
        {
            return NotFound();
        }

        return RedirectToAction(nameof(Users), new { email });
    }

    /// <summary>Resets someone's second factor after their identity was checked (a lost phone, no recovery codes); the reason is audited.</summary>
    [HttpPost("users/{userId}/reset-second-factor")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> ResetSecondFactor(string userId, string? reason, string? email, [FromServices] SecondFactorReset secondFactor, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > Domain.Accounts.SecurityEvent.MaxDetailLength)
        {
            ModelState.AddModelError($"reason-{userId}", t["Say how you checked who the person is (at most {0} characters).", Domain.Accounts.SecurityEvent.MaxDetailLength]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Users), new UsersPage(email, await workspace.AccountsAsync(email, ct), UserId()));
        }

        if (!await secondFactor.ByAdministratorAsync(userId, UserId(), reason.Trim(), ct))
        {
            return NotFound();
        }

        TempData["Notice"] = t["The second factor is reset and the person is signed out everywhere; they set it up again at their next sign-in."].Value;
        return RedirectToAction(nameof(Users), new { email });
    }

    [HttpPost("grants/{grantId:int}/revoke")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Revoke(int grantId, string? email, CancellationToken ct) =>
        await workspace.RevokeAsync(grantId, ct) ? RedirectToAction(nameof(Users), new { email }) : NotFound();

    private string UserId() => User.UserId();
}

public sealed record UsersPage(string? Email, IReadOnlyList<AccountRoles.AccountRow> Accounts, string CurrentUserId);
