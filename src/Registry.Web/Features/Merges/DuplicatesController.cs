using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Merges;

/// <summary>Registry staff compare profiles that may be the same person (merging is <see cref="MergesController"/>), or keep them apart.</summary>
[Authorize(Policy = Policies.RegistryStaff)]
[Route("staff/duplicates")]
public sealed class DuplicatesController(DuplicateProfiles duplicates, AccessLogService log, IStringLocalizer<SharedResource> t) : Controller
{
    /// <summary>Profiles that may be the same person, side by side.</summary>
    [HttpGet("")]
    public async Task<IActionResult> Duplicates(CancellationToken ct)
    {
        var pairs = await duplicates.DuplicatesAsync(ct);
        ViewData["OwnProfileId"] = await duplicates.OwnProfileAsync(User.UserId(), ct);
        await log.RecordAsync(pairs.SelectMany(p => new[] { p.Newer.Id, p.Original.Id }), User.UserId(), "RegistryStaff", null, "duplicate comparison", ct);
        return View(pairs);
    }

    [HttpPost("{professionalId:int}/not-duplicate")]
    public async Task<IActionResult> NotDuplicate(int professionalId, CancellationToken ct)
    {
        if (await duplicates.IsOwnPairAsync(professionalId, User.UserId(), ct))
        {
            return Forbid();
        }

        if (!await duplicates.NotDuplicateAsync(professionalId, ct))
        {
            return NotFound();
        }

        TempData["Notice"] = t["Kept apart: they are two people."].Value;
        return RedirectToAction(nameof(Duplicates));
    }
}
