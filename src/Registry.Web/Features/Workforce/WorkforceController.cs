using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Registry.Web.Domain.Employments;
using Registry.Web.Domain.Workforce;
using Registry.Web.Infrastructure.Web;

namespace Registry.Web.Features.Workforce;

/// <summary>What a report page was asked for, as typed in the address; bad values are named beside their field.</summary>
public sealed record ReportRequest(string? Snapshot, string? Rows, string? By, string? County, string? Role, string? Setting);

public sealed record ReportView(
    bool Analyst, Snapshots.SnapshotRow Snapshot, IReadOnlyList<Snapshots.SnapshotRow> Snapshots, Reports.Table Table,
    string? County, EmploymentRole? Role, CensusSetting? Setting, ReportRequest Asked);

public sealed record TrendView(Reports.Trend Trend, string? County, EmploymentRole? Role, CensusSetting? Setting, ReportRequest Asked);

public sealed record MapView(Snapshots.SnapshotRow Snapshot, Reports.Map Map, County[] Shapes);

public sealed record SnapshotsView(IReadOnlyList<Snapshots.SnapshotRow> Snapshots, string Schedule);

/// <summary>
/// The workforce picture the public sees: the latest published snapshot's statewide and county tables,
/// charts, map and CSV (analysts' views are <see cref="WorkforceAnalysisController"/>). Every figure shown
/// anywhere has small cells withheld.
/// </summary>
[AllowAnonymous]
[Route("workforce")]
public sealed class WorkforceController(Snapshots.Handler snapshots, Reports.Handler reports, WorkforceRequests requests, CountyShapes shapes, IStringLocalizer<SharedResource> t) : Controller
{
    [PublicPage(CacheTags.Workforce)]
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] ReportRequest request, CancellationToken ct)
    {
        var latest = await snapshots.LatestPublishedAsync(ct);
        if (latest is null)
        {
            return View("NothingPublished");
        }

        var parsed = requests.Parse(request, analyst: false, latest, [latest], ModelState);
        var table = await reports.TableAsync(latest.Id, parsed.Rows, parsed.Columns, new Reports.ReportFilters(parsed.CountyCode), ct);
        return View("Report", new ReportView(false, latest, [latest], table, parsed.County, null, null, request));
    }

    [PublicPage(CacheTags.Workforce)]
    [HttpGet("table.csv")]
    public async Task<IActionResult> IndexCsv([FromQuery] ReportRequest request, CancellationToken ct)
    {
        var latest = await snapshots.LatestPublishedAsync(ct);
        if (latest is null)
        {
            return NotFound();
        }

        var parsed = requests.Parse(request, analyst: false, latest, [latest], ModelState);
        if (!ModelState.IsValid)
        {
            return await Index(request, ct);
        }

        var table = await reports.TableAsync(latest.Id, parsed.Rows, parsed.Columns, new Reports.ReportFilters(parsed.CountyCode), ct);
        var (content, name) = requests.TableCsv(table, latest, parsed.County);
        return File(content, "text/csv", name);
    }

    [PublicPage(CacheTags.Workforce)]
    [HttpGet("map")]
    public async Task<IActionResult> Map(string? measure, CancellationToken ct)
    {
        var latest = await snapshots.LatestPublishedAsync(ct);
        if (latest is null)
        {
            return View("NothingPublished");
        }

        var chosen = MapMeasure.People;
        if (!string.IsNullOrEmpty(measure) && !WorkforceRequests.TryName(measure, out chosen))
        {
            ModelState.AddModelError("measure", t["Choose a measure from the list."]);
        }

        return View(new MapView(latest, await reports.MapAsync(latest.Id, chosen, ct), shapes.All));
    }

    [PublicPage(CacheTags.Workforce)]
    [HttpGet("map.csv")]
    public async Task<IActionResult> MapCsv(string? measure, CancellationToken ct)
    {
        var latest = await snapshots.LatestPublishedAsync(ct);
        if (latest is null)
        {
            return NotFound();
        }

        if (!WorkforceRequests.TryName(measure ?? nameof(MapMeasure.People), out MapMeasure chosen))
        {
            return await Map(measure, ct);
        }

        var (content, name) = requests.MapCsv(await reports.MapAsync(latest.Id, chosen, ct), chosen, shapes.All, latest);
        return File(content, "text/csv", name);
    }
}
