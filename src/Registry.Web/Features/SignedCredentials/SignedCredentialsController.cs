using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Registry.Web.Infrastructure.Security;
using Registry.Web.Infrastructure.Signed;
using Registry.Web.Infrastructure.Web;

namespace Registry.Web.Features.SignedCredentials;

/// <summary>A person's signed credentials, and the public page where anyone checks one.</summary>
public sealed class SignedCredentialsController(MyCredentials.Handler mine, CredentialCheck check, AccessLogService accessLog, CurrentProfessional me, IStringLocalizer<SharedResource> t) : Controller
{
    /// <summary>The largest credential file the check page reads.</summary>
    public const int MaxFileBytes = CredentialTokens.MaxLength;

    [Authorize(Policy = Policies.SignedIn)]
    [HttpGet("/my-registry/credentials")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        await me.IdAsync(User, ct) is { } id && await mine.PageAsync(id, ct) is { } page ? View(page) : NotFound();

    [Authorize(Policy = Policies.SignedIn)]
    [HttpPost("/my-registry/credentials/permit")]
    public async Task<IActionResult> IssuePermit(int permitId, bool includeNumber, CancellationToken ct)
    {
        if (await me.IdAsync(User, ct) is not { } id)
        {
            return NotFound();
        }

        if (await mine.IssuePermitAsync(id, permitId, includeNumber, ct) is null)
        {
            TempData["Problem"] = t["That permit is not a current, verified permit of yours: nothing was issued."].Value;
            return RedirectToAction(nameof(Index));
        }

        TempData["Notice"] = t["Your signed credential is ready: download it below."].Value;
        return RedirectToAction(nameof(Index));
    }

    [Authorize(Policy = Policies.SignedIn)]
    [HttpPost("/my-registry/credentials/membership")]
    public Task<IActionResult> IssueMembership(CancellationToken ct) => IssueAsync(MyCredentials.Kind.Membership, ct);

    [Authorize(Policy = Policies.SignedIn)]
    [HttpPost("/my-registry/credentials/qualifications")]
    public Task<IActionResult> IssueQualifications(CancellationToken ct) => IssueAsync(MyCredentials.Kind.Qualifications, ct);

    [Authorize(Policy = Policies.SignedIn)]
    [HttpPost("/my-registry/credentials/transcript")]
    public Task<IActionResult> IssueTranscript(CancellationToken ct) => IssueAsync(MyCredentials.Kind.Transcript, ct);

    [Authorize(Policy = Policies.SignedIn)]
    [HttpGet("/my-registry/credentials/{credentialId:int}/download")]
    public async Task<IActionResult> Download(int credentialId, CancellationToken ct) =>
        await me.IdAsync(User, ct) is { } id && await mine.TokenAsync(id, credentialId, ct) is { } file
            ? File(System.Text.Encoding.ASCII.GetBytes(file.Token), "application/vc+jwt", file.FileName)
            : NotFound();

    [Authorize(Policy = Policies.SignedIn)]
    [HttpPost("/my-registry/credentials/{credentialId:int}/withdraw")]
    public async Task<IActionResult> Withdraw(int credentialId, CancellationToken ct)
    {
        if (await me.IdAsync(User, ct) is not { } id || !await mine.WithdrawAsync(id, credentialId, ct))
        {
            return NotFound();
        }

        TempData["Notice"] = t["The credential is withdrawn: anyone who checks it now sees it revoked."].Value;
        return RedirectToAction(nameof(Index));
    }

    [AllowAnonymous]
    [HttpGet("/credentials/verify")]
    public IActionResult Check() => View(new CheckPage(null, null));

    [AllowAnonymous]
    [HttpPost("/credentials/verify")]
    [EnableRateLimiting(RateLimits.Verify)]
    [RequestSizeLimit(MaxFileBytes * 4)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxFileBytes * 4, ValueLengthLimit = MaxFileBytes * 2)]
    public async Task<IActionResult> Check(string? credential, IFormFile? file, CancellationToken ct)
    {
        var text = credential;
        if (file is { Length: > 0 })
        {
            if (file.Length > MaxFileBytes)
            {
                ModelState.AddModelError("file", t["That file is too large to be a credential (at most 64 KB)."]);
                return View(new CheckPage(credential, null));
            }

            using var reader = new StreamReader(file.OpenReadStream());
            text = await reader.ReadToEndAsync(ct);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            ModelState.AddModelError("credential", t["Paste a credential, or choose its file."]);
            return View(new CheckPage(credential, null));
        }

        if (text.Length > MaxFileBytes)
        {
            ModelState.AddModelError("credential", t["That is too long to be a credential (at most 64 KB)."]);
            return View(new CheckPage(null, null));
        }

        var result = await check.CheckAsync(text, ct);
        if (result.Outcome == CredentialCheck.Outcome.NotACredential)
        {
            ModelState.AddModelError(file is { Length: > 0 } ? "file" : "credential", t["This is not a signed credential: it should be a long line of letters and digits in three parts separated by dots."]);
            return View(new CheckPage(credential, null));
        }

        await LogAsync(result, ct);
        return View(new CheckPage(null, result));
    }

    private async Task<IActionResult> IssueAsync(MyCredentials.Kind kind, CancellationToken ct)
    {
        if (await me.IdAsync(User, ct) is not { } id || await mine.IssueAsync(id, kind, ct) is null)
        {
            return NotFound();
        }

        TempData["Notice"] = t["Your signed credential is ready: download it below."].Value;
        return RedirectToAction(nameof(Index));
    }

    /// <summary>What a membership card's QR code opens: its signed payload checked, and the check logged for its holder.</summary>
    [AllowAnonymous]
    [HttpGet("/credentials/card")]
    [EnableRateLimiting(RateLimits.Verify)]
    public async Task<IActionResult> Card(string? c, CancellationToken ct)
    {
        var result = await check.CheckAsync(c, ct);
        if (result.Outcome == CredentialCheck.Outcome.NotACredential)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            ModelState.AddModelError("credential", t["This is not a signed credential: it should be a long line of letters and digits in three parts separated by dots."]);
            return View(nameof(Check), new CheckPage(null, null));
        }

        await LogAsync(result, ct);
        return View(nameof(Check), new CheckPage(null, result));
    }

    private async Task LogAsync(CredentialCheck.Result result, CancellationToken ct)
    {
        if (result.ProfessionalId is { } professionalId && result.Outcome == CredentialCheck.Outcome.SignatureHolds)
        {
            // The person sees every check of their credential the registry answered.
            var viewer = User.Identity?.IsAuthenticated == true ? User.UserId() : string.Empty;
            await accessLog.RecordEachAsync(professionalId, viewer, "Verifier", "credential", ct);
        }
    }

    public sealed record CheckPage(string? Pasted, CredentialCheck.Result? Result);
}
