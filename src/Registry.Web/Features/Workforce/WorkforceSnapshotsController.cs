using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Workforce;

/// <summary>Analysts take snapshots of the workforce, publish them (their statewide and county figures become public) and download the de-identified extract.</summary>
[Authorize(Policy = Policies.Analyst)]
[Route("workforce/snapshots")]
public sealed class WorkforceSnapshotsController(Snapshots.Handler snapshots, CensusTaking taking, WorkforceExtract extract, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> SnapshotList(CancellationToken ct) =>
        View("Snapshots", new SnapshotsView(await snapshots.ListAsync(ct), snapshots.Schedule));

    [HttpPost("")]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> TakeSnapshot(CancellationToken ct)
    {
        await taking.TakeNowAsync(User.UserId(), ct);
        TempData["Notice"] = t["The snapshot is being taken. It appears here when it is complete."].Value;
        return RedirectToAction(nameof(SnapshotList));
    }

    [HttpPost("{id:int}/publish")]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> Publish(int id, bool publish, CancellationToken ct)
    {
        if (!await snapshots.PublishAsync(id, User.UserId(), publish, ct))
        {
            return NotFound();
        }

        TempData["Notice"] = (publish ? t["Published: its statewide and county figures are now public."] : t["No longer published."]).Value;
        return RedirectToAction(nameof(SnapshotList));
    }

    /// <summary>The snapshot, one de-identified row per person, in the documented extract layout (docs/workforce-extract.md).</summary>
    [HttpGet("{id:int}/extract.csv")]
    public async Task<IActionResult> Extract(int id, CancellationToken ct)
    {
        var snapshot = (await snapshots.ListAsync(ct)).FirstOrDefault(s => s.Id == id && s.CompletedAt is not null);
        if (snapshot is null)
        {
            return NotFound();
        }

        // One row per person (de-identified, but every person): recorded before the first byte leaves.
        await extract.RecordDownloadAsync(snapshot, User.UserId(), ct);
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"workforce-extract-{snapshot.AsOf:yyyy-MM-dd}.csv\"";
        await extract.WriteAsync(snapshot, Response.Body, ct);
        return new EmptyResult();
    }
}
