using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Registry.Web.Domain.Access;
using Registry.Web.Domain.Documents;
using Registry.Web.Infrastructure.Forms;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Access;

/// <summary>Registry staff decide requests for access to a site, with the proof of position each came with.</summary>
[Authorize(Policy = Policies.RegistryStaff)]
[Route("staff/access-requests")]
public sealed class AccessDecisionsController(AccessRequests.Handler access, AccessLogService log, IStringLocalizer<SharedResource> t) : Controller
{
    private const string RequestsView = "Requests";

    [HttpGet("")]
    public async Task<IActionResult> AccessRequests(CancellationToken ct) => View(RequestsView, await access.PendingAsync(ct));

    /// <summary>A request's proof of position; logged against the requester's own record, when they have one.</summary>
    [HttpGet("{requestId:int}/proof")]
    public async Task<IActionResult> Proof(int requestId, CancellationToken ct)
    {
        if (await access.OpenProofAsync(requestId, ct) is not { } proof)
        {
            return NotFound();
        }

        if (proof.ProfessionalId is { } professionalId)
        {
            await log.RecordAsync([professionalId], User.UserId(), "RegistryStaff", null, "access request proof", ct);
        }

        return File(proof.Content, Document.ContentTypeOf(proof.Request.ProofFileType), proof.Request.ProofFileName);
    }

    [HttpPost("{requestId:int}/approve")]
    public async Task<IActionResult> Approve(int requestId, CancellationToken ct)
    {
        if (await access.IsOwnAsync(requestId, User.UserId(), ct))
        {
            // Nobody approves their own access: the page shows no buttons for it; nothing is changed.
            return Forbid();
        }

        if (!await access.ApproveAsync(requestId, User.UserId(), ct))
        {
            return NotFound();
        }

        TempData["Notice"] = t["Approved. The person has been emailed."].Value;
        return RedirectToAction(nameof(AccessRequests));
    }

    [HttpPost("{requestId:int}/deny")]
    public async Task<IActionResult> Deny(int requestId, string? reason, CancellationToken ct)
    {
        if (await access.IsOwnAsync(requestId, User.UserId(), ct))
        {
            return Forbid();
        }

        if (!this.CheckReason($"reason-{requestId}", reason, AccessRequest.MaxReasonLength, t))
        {
            return View(RequestsView, await access.PendingAsync(ct));
        }

        if (!await access.DenyAsync(requestId, User.UserId(), reason, ct))
        {
            return NotFound();
        }

        TempData["Notice"] = t["Denied. The person has been emailed the reason."].Value;
        return RedirectToAction(nameof(AccessRequests));
    }
}
