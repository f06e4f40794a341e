using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.PeopleImports;

/// <summary>Registry staff load people from CSV files: upload, dry run or load, watch the run, read the report.</summary>
[Authorize(Policy = Policies.RegistryStaff)]
[Route("staff/imports")]
public sealed class PeopleImportsController(ImportPages pages, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int page, CancellationToken ct) => View(await pages.ListAsync(page, ct));

    [HttpGet("new")]
    public IActionResult New() => View();

    [HttpPost("new")]
    [UploadTooLarge(ImportPages.MaxUploadBytes + (1024 * 1024), nameof(New))]
    [RequestSizeLimit(ImportPages.MaxUploadBytes + (1024 * 1024))]
    [RequestFormLimits(MultipartBodyLengthLimit = ImportPages.MaxUploadBytes + (1024 * 1024))]
    public async Task<IActionResult> Start(List<IFormFile>? files, string? mode, CancellationToken ct)
    {
        var chosen = (files ?? []).Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)).ToList();
        if (chosen.Count == 0)
        {
            ModelState.AddModelError("files", t["Choose the import files: a people file, and any files of jobs, degrees, courses, permits and training."]);
        }
        else if (chosen.Count > 20)
        {
            ModelState.AddModelError("files", t["Choose at most {0} files at a time.", 20]);
        }
        else if (chosen.Sum(f => f.Length) > ImportPages.MaxUploadBytes)
        {
            ModelState.AddModelError("files", t["The files come to more than {0:N0} MB: load them with the import-people command (docs/import-format.md).", ImportPages.MaxUploadBytes / (1024 * 1024)]);
        }
        else if (mode is not ("dry-run" or "load"))
        {
            ModelState.AddModelError("files", t["Choose a dry run or a load."]);
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(New));
        }

        var id = await pages.StartAsync(User.FindFirstValue(ClaimTypes.NameIdentifier)!, User.Identity?.Name ?? "?", chosen, mode == "dry-run", ct);
        return RedirectToAction(nameof(Show), new { id });
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Show(int id, CancellationToken ct) =>
        await pages.ShowAsync(id, ct) is { } model ? View(model) : NotFound();

    [HttpGet("{id:int}/rejects.csv")]
    public async Task<IActionResult> Rejects(int id, CancellationToken ct) =>
        await pages.RejectsAsync(id, ct) is { } csv
            ? File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8", $"import-{id}-rejects.csv")
            : NotFound();

    [HttpGet("template/{kind}.csv")]
    public IActionResult Template(string kind) =>
        Enum.TryParse<ImportKind>(kind, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(kind, out _)
            ? File(Encoding.UTF8.GetBytes(ImportLayout.Template(parsed)), "text/csv; charset=utf-8", parsed.ToString().ToLowerInvariant() + ".csv")
            : NotFound();
}
