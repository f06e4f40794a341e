using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.BringMyRecord;

/// <summary>"Bring my record" from another registry: upload, review, add.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class BringMyRecordController(BroughtRecord.Handler records, CurrentProfessional me, IStringLocalizer<SharedResource> t) : Controller
{
    /// <summary>An export with its documents can be large; only record.json and transcript.jwt are read from it.</summary>
    public const long MaxUploadBytes = 100L * 1024 * 1024;

    [HttpGet("/my-registry/bring-my-record")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        await me.IdAsync(User, ct) is { } id ? View(await records.PastAsync(id, ct)) : NotFound();

    [HttpPost("/my-registry/bring-my-record")]
    [RequestSizeLimit(MaxUploadBytes + (1024 * 1024))]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes + (1024 * 1024))]
    public async Task<IActionResult> Upload(IFormFile? file, CancellationToken ct)
    {
        if (await me.IdAsync(User, ct) is not { } id)
        {
            return NotFound();
        }

        if (file is not { Length: > 0 })
        {
            ModelState.AddModelError("file", t["Choose the file your other registry gave you: its record download (a .zip) or a signed transcript (a .jwt)."]);
        }
        else if (file.Length > MaxUploadBytes)
        {
            ModelState.AddModelError("file", t["That file is larger than 100 MB: it is not a registry's record download."]);
        }
        else
        {
            await using var stream = file.OpenReadStream();
            if (await records.UploadAsync(id, file.FileName, stream, ct) is { } read)
            {
                TempData["Notes"] = string.Join(',', read.Notes);
                return RedirectToAction(nameof(Review), new { importId = read.Id });
            }

            ModelState.AddModelError("file", t["Registry cannot read that file: it should be a registry's record download (a .zip with record.json) or a signed transcript (a .jwt)."]);
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(nameof(Index), await records.PastAsync(id, ct));
    }

    [HttpGet("/my-registry/bring-my-record/{importId:int}")]
    public async Task<IActionResult> Review(int importId, CancellationToken ct) =>
        await me.IdAsync(User, ct) is { } id && await records.ReviewAsync(id, importId, ct) is { } review ? View(review) : NotFound();

    [HttpPost("/my-registry/bring-my-record/{importId:int}")]
    public async Task<IActionResult> Apply(int importId, int[]? alsoAdd, CancellationToken ct)
    {
        if (await me.IdAsync(User, ct) is not { } id || !await records.ApplyAsync(id, importId, (alsoAdd ?? []).ToHashSet(), ct))
        {
            return NotFound();
        }

        TempData["Notice"] = t["Your record from the other registry is added."].Value;
        return RedirectToAction(nameof(Review), new { importId });
    }
}
