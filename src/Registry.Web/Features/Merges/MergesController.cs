using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Registry.Web.Domain.Professionals;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Merges;

/// <summary>Registry staff: a flagged pair side by side, the merge, and undoing one within 30 days (decision 0031).</summary>
[Authorize(Policy = Policies.RegistryStaff)]
[Route("staff")]
public sealed class MergesController(ProfileMerges.Handler merges, AccessLogService log, IStringLocalizer<SharedResource> t) : Controller
{
    public sealed record ComparePage(ProfileMerges.Comparison Comparison, bool Own, string? Keep, string? Reason);

    [HttpGet("duplicates/{professionalId:int}")]
    public async Task<IActionResult> Compare(int professionalId, CancellationToken ct)
    {
        if (await merges.CompareAsync(professionalId, ct) is not { } comparison)
        {
            return NotFound();
        }

        await log.RecordAsync([comparison.Newer.Id, comparison.Original.Id], UserId(), "RegistryStaff", null, "duplicate comparison", ct);
        return View(new ComparePage(comparison, await merges.IsOwnAsync(comparison, UserId(), ct), comparison.Recommended, null));
    }

    /// <summary>Merges the pair, keeping <paramref name="keep"/> ("original" or "newer"); keeping the one Registry does not recommend needs a reason.</summary>
    [HttpPost("duplicates/{professionalId:int}/merge")]
    public async Task<IActionResult> Merge(int professionalId, string? keep, string? reason, CancellationToken ct)
    {
        if (await merges.CompareAsync(professionalId, ct) is not { } comparison)
        {
            return NotFound();
        }

        if (await merges.IsOwnAsync(comparison, UserId(), ct))
        {
            // Nobody merges their own profile: the page shows no form for it; nothing is changed.
            return Forbid();
        }

        if (keep is not (ProfileMerges.KeepOriginal or ProfileMerges.KeepNewer))
        {
            ModelState.AddModelError("keep", t["Choose which registry id stays."]);
        }
        else if (keep != comparison.Recommended && string.IsNullOrWhiteSpace(reason))
        {
            ModelState.AddModelError("reason", t["Registry recommends keeping the other profile: say why you keep this one."]);
        }

        if (reason is { Length: > ProfileMerge.MaxReasonLength })
        {
            ModelState.AddModelError("reason", t["Use at most {0} characters.", ProfileMerge.MaxReasonLength]);
        }

        if (!ModelState.IsValid)
        {
            return View(nameof(Compare), new ComparePage(comparison, false, keep, reason));
        }

        switch (await merges.MergeAsync(comparison, keep!, reason, UserId(), ct))
        {
            case ProfileMerges.Outcome.NotFound:
                return NotFound();
            case ProfileMerges.Outcome.Own:
                return Forbid();
            default:
                TempData["Notice"] = t["Merged: one record now holds everything from both. Both addresses were told, and the merge can be undone for 30 days."].Value;
                return RedirectToAction(nameof(Index));
        }
    }

    /// <summary>Recent merges, each undoable for 30 days.</summary>
    [HttpGet("merges")]
    public async Task<IActionResult> Index(CancellationToken ct) => View(await merges.RecentAsync(UserId(), ct));

    [HttpPost("merges/{mergeId:int}/undo")]
    public async Task<IActionResult> Undo(int mergeId, string? reason, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > ProfileMerge.MaxReasonLength)
        {
            ModelState.AddModelError($"reason-{mergeId}", string.IsNullOrWhiteSpace(reason)
                ? t["Say why the merge is undone."]
                : t["Use at most {0} characters.", ProfileMerge.MaxReasonLength]);
            return View(nameof(Index), await merges.RecentAsync(UserId(), ct));
        }

        switch (await merges.UndoAsync(mergeId, reason, UserId(), ct))
        {
            case ProfileMerges.Outcome.NotFound:
                return NotFound();
            case ProfileMerges.Outcome.Own:
                return Forbid();
            default:
                TempData["Notice"] = t["Undone: each profile has its own record again, and both addresses were told."].Value;
                return RedirectToAction(nameof(Index));
        }
    }

    private string UserId() => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Signed in without a user id.");
}
