using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Registry.Web.Domain.Access;
using Registry.Web.Features.Access;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Staff;

/// <summary>Registry staff's workspace: administrative access requests to approve or deny.</summary>
[Authorize(Policy = Policies.RegistryStaff)]
[Route("staff")]
public sealed class StaffController(AccessRequests.Handler access, UserManager<RegistryUser> users, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("")]
    public IActionResult Index() => RedirectToAction(nameof(AccessRequests));

    [HttpGet("access-requests")]
    public async Task<IActionResult> AccessRequests(CancellationToken ct) => View(await access.PendingAsync(ct));

    [HttpGet("access-requests/{requestId:int}/proof")]
    public async Task<IActionResult> Proof(int requestId, CancellationToken ct) =>
        await access.OpenProofAsync(requestId, ct) is { } proof
            ? File(proof.Content, ContentType(proof.Request.ProofFileType), proof.Request.ProofFileName)
            : NotFound();

    [HttpPost("access-requests/{requestId:int}/approve")]
    public async Task<IActionResult> Approve(int requestId, CancellationToken ct)
    {
        if (!await access.ApproveAsync(requestId, UserId(), ct))
        {
            return NotFound();
        }

        TempData["Notice"] = t["Approved. The person has been emailed."].Value;
        return RedirectToAction(nameof(AccessRequests));
    }

    [HttpPost("access-requests/{requestId:int}/deny")]
    public async Task<IActionResult> Deny(int requestId, string? reason, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > AccessRequest.MaxReasonLength)
        {
            ModelState.AddModelError($"reason-{requestId}", string.IsNullOrWhiteSpace(reason)
                ? t["Say why, in words the person will read."]
                : t["Use at most {0} characters.", AccessRequest.MaxReasonLength]);
            return View(nameof(AccessRequests), await access.PendingAsync(ct));
        }

        if (!await access.DenyAsync(requestId, UserId(), reason, ct))
        {
            return NotFound();
        }

        TempData["Notice"] = t["Denied. The person has been emailed the reason."].Value;
        return RedirectToAction(nameof(AccessRequests));
    }

    private static string ContentType(Domain.Documents.DocumentFileType type) => type switch
    {
        Domain.Documents.DocumentFileType.Pdf => "application/pdf",
        Domain.Documents.DocumentFileType.Jpeg => "image/jpeg",
        _ => "image/png",
    };

    private string UserId() => users.GetUserId(User) ?? throw new InvalidOperationException("Signed in without a user id.");
}
