using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Export;

/// <summary>"Download my record": the signed-in person's whole record, as a ZIP, and its summary as a PDF.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ExportController(CurrentProfessional me, ExportRecord.Handler export, SummaryPdf.Handler summary) : Controller
{
    [HttpGet("/my-registry/export")]
    [ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
    public async Task<IActionResult> Download(CancellationToken ct) =>
        await me.IdAsync(User, ct) is { } id && await export.HandleAsync(id, ct) is { } file
            ? File(file.Zip, "application/zip", file.FileName)
            : NotFound();

    [HttpGet("/my-registry/export/summary.pdf")]
    [ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
    public async Task<IActionResult> SummaryPdf(CancellationToken ct) =>
        await me.IdAsync(User, ct) is { } id && await summary.HandleAsync(id, ct) is { } file
            ? File(file.Pdf, "application/pdf", file.FileName)
            : NotFound();
}
