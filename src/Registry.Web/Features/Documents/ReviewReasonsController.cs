using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Registry.Web.Domain.Verifications;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Documents;

/// <summary>Registry staff keep the list of reasons for not accepting an entry.</summary>
[Authorize(Policy = Policies.RegistryStaff)]
[Route("staff/review-reasons")]
public sealed class ReviewReasonsController(ReviewReasons reasons, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> ReviewReasons(CancellationToken ct) => View(await reasons.AllAsync(ct));

    [HttpPost("")]
    public async Task<IActionResult> AddReviewReason(string? textEn, string? textEs, CancellationToken ct)
    {
        foreach (var (field, value) in new[] { ("textEn", textEn), ("textEs", textEs) })
        {
            if (string.IsNullOrWhiteSpace(value) || value.Trim().Length > ReviewReason.MaxTextLength)
            {
                ModelState.AddModelError(field, t["Write the reason as the person will read it (at most {0} characters).", ReviewReason.MaxTextLength]);
            }
        }

        if (!ModelState.IsValid)
        {
            return View(nameof(ReviewReasons), await reasons.AllAsync(ct));
        }

        await reasons.AddAsync(textEn!, textEs!, ct);
        return RedirectToAction(nameof(ReviewReasons));
    }

    [HttpPost("{reasonId:int}/retire")]
    public async Task<IActionResult> RetireReviewReason(int reasonId, CancellationToken ct) =>
        await reasons.RetireAsync(reasonId, ct) ? RedirectToAction(nameof(ReviewReasons)) : NotFound();
}
