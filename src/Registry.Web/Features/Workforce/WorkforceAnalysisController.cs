using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Workforce;

/// <summary>Analysts (and registry staff): any snapshot, any two dimensions crossed, filters, and the latest snapshots compared over time.</summary>
[Authorize(Policy = Policies.Analyst)]
[Route("workforce")]
public sealed class WorkforceAnalysisController(Snapshots.Handler snapshots, Reports.Handler reports, WorkforceRequests requests) : Controller
{
    [HttpGet("analysis")]
    public async Task<IActionResult> Analysis([FromQuery] ReportRequest request, CancellationToken ct)
    {
        var all = (await snapshots.ListAsync(ct)).Where(s => s.CompletedAt is not null).ToList();
        if (all.Count == 0)
        {
            return RedirectToAction(nameof(WorkforceSnapshotsController.SnapshotList), "WorkforceSnapshots");
        }

        var parsed = requests.Parse(request, analyst: true, all[0], all, ModelState);
        var table = await reports.TableAsync(parsed.Snapshot.Id, parsed.Rows, parsed.Columns, new Reports.ReportFilters(parsed.CountyCode, parsed.Role, parsed.Setting), ct);
        return View("Report", new ReportView(true, parsed.Snapshot, all, table, parsed.County, parsed.Role, parsed.Setting, request));
    }

    [HttpGet("analysis.csv")]
    public async Task<IActionResult> AnalysisCsv([FromQuery] ReportRequest request, CancellationToken ct)
    {
        var all = (await snapshots.ListAsync(ct)).Where(s => s.CompletedAt is not null).ToList();
        if (all.Count == 0)
        {
            return NotFound();
        }

        var parsed = requests.Parse(request, analyst: true, all[0], all, ModelState);
        if (!ModelState.IsValid)
        {
            return await Analysis(request, ct);
        }

        var table = await reports.TableAsync(parsed.Snapshot.Id, parsed.Rows, parsed.Columns, new Reports.ReportFilters(parsed.CountyCode, parsed.Role, parsed.Setting), ct);
        var (content, name) = requests.TableCsv(table, parsed.Snapshot, parsed.County);
        return File(content, "text/csv", name);
    }

    [HttpGet("trend")]
    public async Task<IActionResult> Trend([FromQuery] ReportRequest request, CancellationToken ct)
    {
        var (trend, parsed) = await TrendAsync(request, ct);
        return trend is null ? RedirectToAction(nameof(WorkforceSnapshotsController.SnapshotList), "WorkforceSnapshots") : View(new TrendView(trend, parsed!.County, parsed.Role, parsed.Setting, request));
    }

    [HttpGet("trend.csv")]
    public async Task<IActionResult> TrendCsv([FromQuery] ReportRequest request, CancellationToken ct)
    {
        var (trend, parsed) = await TrendAsync(request, ct);
        if (trend is null)
        {
            return RedirectToAction(nameof(WorkforceSnapshotsController.SnapshotList), "WorkforceSnapshots");
        }

        if (!ModelState.IsValid)
        {
            return View(nameof(Trend), new TrendView(trend, parsed!.County, parsed.Role, parsed.Setting, request));
        }

        var (content, name) = requests.TrendCsv(trend, parsed!.County);
        return File(content, "text/csv", name);
    }

    /// <summary>The latest eight complete snapshots compared, or nothing when there is none yet.</summary>
    private async Task<(Reports.Trend? Trend, WorkforceRequests.Parsed? Parsed)> TrendAsync(ReportRequest request, CancellationToken ct)
    {
        var all = (await snapshots.ListAsync(ct)).Where(s => s.CompletedAt is not null).ToList();
        if (all.Count == 0)
        {
            return (null, null);
        }

        var parsed = requests.Parse(request with { By = null }, analyst: true, all[0], all, ModelState);
        return (await reports.TrendAsync(all.Take(8).ToList(), parsed.Rows, new Reports.ReportFilters(parsed.CountyCode, parsed.Role, parsed.Setting), ct), parsed);
    }
}
