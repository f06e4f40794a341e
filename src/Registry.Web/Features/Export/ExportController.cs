using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Export;

/// <summary>"Download my record": the signed-in person's whole record, as a ZIP.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ExportController(CurrentProfessional me, ExportRecord.Handler export) : Controller
{
    [HttpGet("/my-registry/export")]
    [ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
    public async Task<IActionResult> Download(CancellationToken ct) =>
        await me.IdAsync(User, ct) is { } id && await export.HandleAsync(id, ct) is { } file
            ? File(file.Zip, "application/zip", file.FileName)
            : NotFound();
}
