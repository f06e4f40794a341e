using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Registry.Web.Domain.Documents;
using Registry.Web.Domain.Verifications;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Documents;

/// <summary>Registry staff's verification queue: entries sent with a document, verified, not accepted or sent back.</summary>
[Authorize(Policy = Policies.RegistryStaff)]
[Route("staff")]
public sealed class ReviewController(Review review, AccessLogService log, IStringLocalizer<SharedResource> t) : Controller
{
    /// <summary>The verification queue, oldest first, each entry with the documents that prove it.</summary>
    [HttpGet("review")]
    public async Task<IActionResult> ReviewQueue(CancellationToken ct)
    {
        var page = await review.PageAsync(User.UserId(), ct);
        await log.RecordAsync(page.Items.Select(i => i.ProfessionalId), User.UserId(), "RegistryStaff", null, "review", ct);
        return View("Review", page);
    }

    [HttpPost("review/{kind}/{entryId:int}/verify")]
    public Task<IActionResult> Verify(ProvableEntry kind, int entryId, CancellationToken ct) =>
        DecideAsync(kind, entryId, () => Task.FromResult<Verification?>(review.Verified(User.UserId())), t["Verified."], ct);

    [HttpPost("review/{kind}/{entryId:int}/not-accepted")]
    public Task<IActionResult> NotAccepted(ProvableEntry kind, int entryId, int? reasonId, CancellationToken ct) =>
        DecideAsync(kind, entryId, () => review.NotAcceptedAsync(kind, entryId, reasonId, User.UserId(), ct),
            t["Marked not accepted; the person sees the reason."], ct, "reasonId", t["Choose a reason from the list."]);

    [HttpPost("review/{kind}/{entryId:int}/ask")]
    public Task<IActionResult> AskForMore(ProvableEntry kind, int entryId, string? note, CancellationToken ct) =>
        DecideAsync(kind, entryId, () => Task.FromResult(review.AskForMore(note, User.UserId())),
            t["Sent back: the person is asked for more."], ct, "note", t["Write what the person should send (at most 500 characters)."]);

    private async Task<IActionResult> DecideAsync(ProvableEntry kind, int entryId, Func<Task<Verification?>> decide, string done, CancellationToken ct, string? field = null, string? problem = null)
    {
        if (!await review.IsPendingAsync(kind, entryId, ct))
        {
            return NotFound();
        }

        if (await review.IsOwnAsync(kind, entryId, User.UserId(), ct))
        {
            // Nobody verifies their own facts: the queue shows no buttons for them; nothing is changed.
            return Forbid();
        }

        if (await decide() is not { } decision)
        {
            ModelState.AddModelError($"{field}-{kind}-{entryId}", problem!);
            return View("Review", await review.PageAsync(User.UserId(), ct));
        }

        await review.DecideAsync(kind, entryId, decision, ct);
        TempData["Notice"] = done;
        return RedirectToAction(nameof(ReviewQueue));
    }
}
