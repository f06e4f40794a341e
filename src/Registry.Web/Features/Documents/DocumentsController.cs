using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Registry.Web.Features.MyRegistry;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Documents;

/// <summary>My Registry: documents.</summary>
[Authorize(Policy = Policies.SignedIn)]
[Route("my-registry/documents")]
public sealed class DocumentsController(CurrentProfessional me, Documents.Handler documents, IStringLocalizer<SharedResource> t) : Controller
{
    /// <summary>A little over 10 MB, so a too-large file still reaches the form and gets its message beside the field.</summary>
    private const long RequestLimit = 12 * 1024 * 1024;

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        await me.IdAsync(User, ct) is { } id ? View(new DocumentsViewModel(await documents.ListAsync(id, ct), null)) : NotFound();

    [HttpPost("")]
    [RequestSizeLimit(RequestLimit)]
    [RequestFormLimits(MultipartBodyLengthLimit = RequestLimit)]
    public async Task<IActionResult> Upload(Documents.UploadForm form, CancellationToken ct)
    {
        if (await me.IdAsync(User, ct) is not { } id)
        {
            return NotFound();
        }

        if (await documents.UploadAsync(id, form, ct) is { } problem)
        {
            ModelState.AddModelError(problem.Field, problem.Message);
            return View("Index", new DocumentsViewModel(await documents.ListAsync(id, ct), form.Kind));
        }

        TempData["Notice"] = t["The document is uploaded."].Value;
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("{documentId:int}")]
    public async Task<IActionResult> Download(int documentId, CancellationToken ct) =>
        await me.IdAsync(User, ct) is { } id && await documents.OpenAsync(id, documentId, ct) is { } file
            ? File(file.Content, file.Document.ContentType, file.Document.FileName)
            : NotFound();

    [HttpPost("{documentId:int}/visibility")]
    public async Task<IActionResult> Visibility(int documentId, bool hidden, CancellationToken ct)
    {
        if (await me.IdAsync(User, ct) is not { } id || !await documents.SetHiddenAsync(id, documentId, hidden, ct))
        {
            return NotFound();
        }

        TempData["Notice"] = hidden ? t["Employers will not see this document."].Value : t["Employers you work for can see this document."].Value;
        return RedirectToAction(nameof(Index));
    }

    [HttpPost("{documentId:int}/delete")]
    public async Task<IActionResult> Delete(int documentId, CancellationToken ct)
    {
        if (await me.IdAsync(User, ct) is not { } id || !await documents.DeleteAsync(id, documentId, ct))
        {
            return NotFound();
        }

        TempData["Notice"] = t["The document is deleted."].Value;
        return RedirectToAction(nameof(Index));
    }
}

public sealed record DocumentsViewModel(IReadOnlyList<Documents.DocumentView> Documents, string? Kind);
