using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Documents;

/// <summary>My Registry: documents.</summary>
[Authorize(Policy = Policies.SignedIn)]
[Route("my-registry/documents")]
public sealed class DocumentsController(CurrentProfessional me, MyDocuments.Handler documents, Review review, IStringLocalizer<SharedResource> t) : Controller
{
    /// <summary>A little over 10 MB, so a too-large file still reaches the form and gets its message beside the field.</summary>
    private const long RequestLimit = 12 * 1024 * 1024;

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        await me.IdAsync(User, ct) is { } id ? View(new DocumentsViewModel(await documents.ListAsync(id, ct), null, await review.ChoicesAsync(id, ct))) : NotFound();

    [HttpPost("")]
    [RequestSizeLimit(RequestLimit)]
    [RequestFormLimits(MultipartBodyLengthLimit = RequestLimit)]
    public async Task<IActionResult> Upload(MyDocuments.UploadForm form, CancellationToken ct)
    {
        if (await me.IdAsync(User, ct) is not { } id)
        {
            return NotFound();
        }

        if (await documents.UploadAsync(id, form, ct) is { } problem)
        {
            ModelState.AddModelError(problem.Field, problem.Message);
            return View("Index", new DocumentsViewModel(await documents.ListAsync(id, ct), form.Kind, await review.ChoicesAsync(id, ct)));
        }

        TempData["Notice"] = t["The document is uploaded."].Value;
        return RedirectToAction(nameof(Index));
    }

    /// <summary>
    /// A document, for its owner (from My Registry) or for a director of a site where the owner
    /// works, unless hidden from employers; anyone else gets 404.
    /// </summary>
    [HttpGet("{documentId:int}")]
    [HttpGet("/documents/{documentId:int}")]
    public async Task<IActionResult> Download(int documentId, CancellationToken ct) =>
        await documents.OpenAsync(User, documentId, ct) is { } file
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

    /// <summary>Attaches the document to an entry it proves ("Course:12") and sends the entry for review.</summary>
    [HttpPost("{documentId:int}/submit")]
    public async Task<IActionResult> Submit(int documentId, string? entry, [FromServices] Microsoft.AspNetCore.Identity.UserManager<RegistryUser> userManager, CancellationToken ct)
    {
        if (await me.IdAsync(User, ct) is not { } id || !await review.OwnsAsync(id, documentId, ct))
        {
            return NotFound();
        }

        var parts = (entry ?? string.Empty).Split(':');
        if (parts.Length != 2 || !Enum.TryParse<Domain.Documents.ProvableEntry>(parts[0], out var kind) || !int.TryParse(parts[1], out var entryId)
            || !await review.SubmitAsync(id, userManager.GetUserId(User)!, documentId, kind, entryId, ct))
        {
            TempData["Problem"] = t["Choose the entry this document proves."].Value;
            return RedirectToAction(nameof(Index));
        }

        TempData["Notice"] = t["Sent for review. You can follow it in the entry's status."].Value;
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

public sealed record DocumentsViewModel(IReadOnlyList<MyDocuments.DocumentView> Documents, string? Kind, IReadOnlyList<Review.Choice> Choices);
