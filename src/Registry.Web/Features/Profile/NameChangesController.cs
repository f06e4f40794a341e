using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Registry.Web.Domain.Documents;
using Registry.Web.Domain.Facts;
using Registry.Web.Infrastructure.Forms;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Profile;

/// <summary>Registry staff decide the name and date-of-birth changes people ask for once something in their record is verified.</summary>
[Authorize(Policy = Policies.RegistryStaff)]
[Route("staff")]
public sealed class NameChangesController(NameChanges.Handler names, AccessLogService log, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("name-changes")]
    public async Task<IActionResult> NameChanges(CancellationToken ct)
    {
        var pending = await names.PendingAsync(UserId(), ct);
        await log.RecordAsync(pending.Select(p => p.ProfessionalId), UserId(), "RegistryStaff", null, "name changes", ct);
        return View(pending);
    }

    [HttpGet("name-changes/{nameChangeId:int}/proof")]
    public async Task<IActionResult> NameChangeProof(int nameChangeId, CancellationToken ct)
    {
        if (await names.OpenProofAsync(nameChangeId, ct) is not { } proof)
        {
            return NotFound();
        }

        await log.RecordAsync([proof.Change.ProfessionalId], UserId(), "RegistryStaff", null, "name change proof", ct);
        return File(proof.Content, Document.ContentTypeOf(proof.Change.ProofFileType), proof.Change.ProofFileName);
    }

    [HttpPost("name-changes/{nameChangeId:int}/approve")]
    public async Task<IActionResult> ApproveNameChange(int nameChangeId, CancellationToken ct) =>
        await DecidedAsync(nameChangeId, await names.ApproveAsync(nameChangeId, UserId(), ct), t["Approved: the new name now shows on the record, the card and the public verification page."], ct);

    [HttpPost("name-changes/{nameChangeId:int}/refuse")]
    public async Task<IActionResult> RefuseNameChange(int nameChangeId, string? reason, CancellationToken ct)
    {
        if (!this.CheckReason($"reason-{nameChangeId}", reason, NameChange.MaxReasonLength, t))
        {
            return View(nameof(NameChanges), await names.PendingAsync(UserId(), ct));
        }

        return await DecidedAsync(nameChangeId, await names.RefuseAsync(nameChangeId, reason, UserId(), ct), t["Refused: the person sees the reason, and the verified name stays."], ct);
    }

    private async Task<IActionResult> DecidedAsync(int nameChangeId, NameChanges.Outcome outcome, string done, CancellationToken ct)
    {
        switch (outcome)
        {
            case Profile.NameChanges.Outcome.NotFound:
                return NotFound();
            case Profile.NameChanges.Outcome.Own:
                // Nobody decides their own identity: another member of staff must.
                ModelState.AddModelError($"decision-{nameChangeId}", t["This is your own name change: another member of registry staff must decide it."]);
                Response.StatusCode = StatusCodes.Status403Forbidden;
                return View(nameof(NameChanges), await names.PendingAsync(UserId(), ct));
            default:
                TempData["Notice"] = done;
                return RedirectToAction(nameof(NameChanges));
        }
    }

    private string UserId() => User.UserId();
}
