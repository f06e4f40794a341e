using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Registry.Web.Domain;
using Registry.Web.Domain.Accounts;
using Registry.Web.Domain.Employments;
using Registry.Web.Domain.Workforce;
using Registry.Web.Infrastructure.Forms;
using Registry.Web.Infrastructure.Security;

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
/// The workforce picture. The latest published snapshot's statewide and county tables, charts,
/// map and CSV are public; analysts (and registry staff) choose any snapshot, cross any two
/// dimensions, filter, compare snapshots over time, take and publish snapshots and download the
/// extract. Every figure shown anywhere has small cells withheld.
/// </summary>
[Route("workforce")]
public sealed class WorkforceController(
    Snapshots.Handler snapshots, Reports.Handler reports, WorkforceExtract extract, CensusSignal signal, CountyShapes shapes, SecurityAudit audit,
    ILogger<WorkforceController> logger, UserManager<RegistryUser> users, Microsoft.Extensions.Options.IOptions<CensusOptions> options, IStringLocalizer<SharedResource> t) : Controller
{
    private static readonly Dimension[] PublicColumns = [Dimension.Race, Dimension.Race1997, Dimension.None];

    [AllowAnonymous]
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] ReportRequest request, CancellationToken ct)
    {
        var latest = await snapshots.LatestPublishedAsync(ct);
        if (latest is null)
        {
            return View("NothingPublished");
        }

        var parsed = Parse(request, analyst: false, latest, [latest]);
        var table = await reports.TableAsync(latest.Id, parsed.Rows, parsed.Columns, new Reports.Filters(parsed.CountyCode), ct);
        return View("Report", new ReportView(false, latest, [latest], table, parsed.County, null, null, request));
    }

    [AllowAnonymous]
    [HttpGet("table.csv")]
    public async Task<IActionResult> IndexCsv([FromQuery] ReportRequest request, CancellationToken ct)
    {
        var latest = await snapshots.LatestPublishedAsync(ct);
        if (latest is null)
        {
            return NotFound();
        }

        var parsed = Parse(request, analyst: false, latest, [latest]);
        if (!ModelState.IsValid)
        {
            return await Index(request, ct);
        }

        var table = await reports.TableAsync(latest.Id, parsed.Rows, parsed.Columns, new Reports.Filters(parsed.CountyCode), ct);
        return CsvFile(table, latest, parsed.County);
    }

    [AllowAnonymous]
    [HttpGet("map")]
    public async Task<IActionResult> Map(string? measure, CancellationToken ct)
    {
        var latest = await snapshots.LatestPublishedAsync(ct);
        if (latest is null)
        {
            return View("NothingPublished");
        }

        var chosen = MapMeasure.People;
        if (!string.IsNullOrEmpty(measure) && !TryName(measure, out chosen))
        {
            ModelState.AddModelError("measure", t["Choose a measure from the list."]);
        }

        return View(new MapView(latest, await reports.MapAsync(latest.Id, chosen, ct), shapes.All));
    }

    [Authorize(Policy = Policies.Analyst)]
    [HttpGet("analysis")]
    public async Task<IActionResult> Analysis([FromQuery] ReportRequest request, CancellationToken ct)
    {
        var all = (await snapshots.ListAsync(ct)).Where(s => s.CompletedAt is not null).ToList();
        if (all.Count == 0)
        {
            return RedirectToAction(nameof(SnapshotList));
        }

        var parsed = Parse(request, analyst: true, all[0], all);
        var table = await reports.TableAsync(parsed.Snapshot.Id, parsed.Rows, parsed.Columns, new Reports.Filters(parsed.CountyCode, parsed.Role, parsed.Setting), ct);
        return View("Report", new ReportView(true, parsed.Snapshot, all, table, parsed.County, parsed.Role, parsed.Setting, request));
    }

    [Authorize(Policy = Policies.Analyst)]
    [HttpGet("analysis.csv")]
    public async Task<IActionResult> AnalysisCsv([FromQuery] ReportRequest request, CancellationToken ct)
    {
        var all = (await snapshots.ListAsync(ct)).Where(s => s.CompletedAt is not null).ToList();
        if (all.Count == 0)
        {
            return NotFound();
        }

        var parsed = Parse(request, analyst: true, all[0], all);
        if (!ModelState.IsValid)
        {
            return await Analysis(request, ct);
        }

        var table = await reports.TableAsync(parsed.Snapshot.Id, parsed.Rows, parsed.Columns, new Reports.Filters(parsed.CountyCode, parsed.Role, parsed.Setting), ct);
        return CsvFile(table, parsed.Snapshot, parsed.County);
    }

    [Authorize(Policy = Policies.Analyst)]
    [HttpGet("trend")]
    public async Task<IActionResult> Trend([FromQuery] ReportRequest request, CancellationToken ct)
    {
        var (trend, parsed) = await TrendAsync(request, ct);
        return trend is null ? RedirectToAction(nameof(SnapshotList)) : View(new TrendView(trend, parsed!.County, parsed.Role, parsed.Setting, request));
    }

    [Authorize(Policy = Policies.Analyst)]
    [HttpGet("trend.csv")]
    public async Task<IActionResult> TrendCsv([FromQuery] ReportRequest request, CancellationToken ct)
    {
        var (trend, parsed) = await TrendAsync(request, ct);
        if (trend is null)
        {
            return RedirectToAction(nameof(SnapshotList));
        }

        if (!ModelState.IsValid)
        {
            return View(nameof(Trend), new TrendView(trend, parsed!.County, parsed.Role, parsed.Setting, request));
        }

        var header = new[] { t["Dimension" + trend.Rows].Value }.Concat(trend.Snapshots.Select(s => s.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        var lines = trend.RowKeys.Select((k, r) => new[] { Label(trend.Rows, k) }.Concat(trend.Columns.Select(c => Figure(c.RowTotals[r]))))
            .Append(new[] { t["Total"].Value }.Concat(trend.Columns.Select(c => Figure(c.Total))));
        return File(Csv.Bytes(CsvText(lines.Prepend(header))), "text/csv", $"workforce-trend-{(parsed!.County ?? "california").ToLowerInvariant().Replace(' ', '-')}-{trend.Rows.ToString().ToLowerInvariant()}.csv");
    }

    /// <summary>The latest eight complete snapshots compared, or nothing when there is none yet.</summary>
    private async Task<(Reports.Trend? Trend, Parsed? Parsed)> TrendAsync(ReportRequest request, CancellationToken ct)
    {
        var all = (await snapshots.ListAsync(ct)).Where(s => s.CompletedAt is not null).ToList();
        if (all.Count == 0)
        {
            return (null, null);
        }

        var parsed = Parse(request with { By = null }, analyst: true, all[0], all);
        return (await reports.TrendAsync(all.Take(8).ToList(), parsed.Rows, new Reports.Filters(parsed.CountyCode, parsed.Role, parsed.Setting), ct), parsed);
    }

    [AllowAnonymous]
    [HttpGet("map.csv")]
    public async Task<IActionResult> MapCsv(string? measure, CancellationToken ct)
    {
        var latest = await snapshots.LatestPublishedAsync(ct);
        if (latest is null)
        {
            return NotFound();
        }

        if (!TryName(measure ?? nameof(MapMeasure.People), out MapMeasure chosen))
        {
            return await Map(measure, ct);
        }

        var map = await reports.MapAsync(latest.Id, chosen, ct);
        var lines = shapes.All.Select((county, i) => new[]
        {
            county.Name, county.Fips,
            map.Values.GetValueOrDefault(i + 1) is { } value ? (chosen == MapMeasure.People ? value.ToString("0", CultureInfo.InvariantCulture) : value.ToString("0.0000", CultureInfo.InvariantCulture)) : "suppressed",
        }).Prepend([t["County"].Value, "fips", t["Measure" + chosen].Value]);
        return File(Csv.Bytes(CsvText(lines)), "text/csv", $"workforce-map-{latest.AsOf:yyyy-MM-dd}-{chosen.ToString().ToLowerInvariant()}.csv");
    }

    private static string Figure(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "suppressed";

    private static string CsvText(IEnumerable<IEnumerable<string>> lines) =>
        string.Concat(lines.Select(l => Csv.Line(l) + "\n"));

    [Authorize(Policy = Policies.Analyst)]
    [HttpGet("snapshots")]
    public async Task<IActionResult> SnapshotList(CancellationToken ct) =>
        View("Snapshots", new SnapshotsView(await snapshots.ListAsync(ct), options.Value.Schedule));

    [Authorize(Policy = Policies.Analyst)]
    [HttpPost("snapshots")]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> TakeSnapshot(CancellationToken ct)
    {
        await snapshots.RequestAsync(SnapshotKind.OnDemand, users.GetUserId(User), ct);
        signal.Notify();
        TempData["Notice"] = t["The snapshot is being taken. It appears here when it is complete."].Value;
        return RedirectToAction(nameof(SnapshotList));
    }

    [Authorize(Policy = Policies.Analyst)]
    [HttpPost("snapshots/{id:int}/publish")]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> Publish(int id, bool publish, CancellationToken ct)
    {
        if (!await snapshots.PublishAsync(id, users.GetUserId(User)!, publish, ct))
        {
            return NotFound();
        }

        TempData["Notice"] = (publish ? t["Published: its statewide and county figures are now public."] : t["No longer published."]).Value;
        return RedirectToAction(nameof(SnapshotList));
    }

    /// <summary>The snapshot, one de-identified row per person, in the documented extract layout (docs/workforce-extract.md).</summary>
    [Authorize(Policy = Policies.Analyst)]
    [HttpGet("snapshots/{id:int}/extract.csv")]
    public async Task<IActionResult> Extract(int id, CancellationToken ct)
    {
        var snapshot = (await snapshots.ListAsync(ct)).FirstOrDefault(s => s.Id == id && s.CompletedAt is not null);
        if (snapshot is null)
        {
            return NotFound();
        }

        logger.LogInformation("Workforce extract of snapshot {Snapshot} downloaded by user {User}.", id, users.GetUserId(User));

        // One row per person (de-identified, but every person): recorded before the first byte leaves.
        await audit.RecordAsync(SecurityEventKind.Export, null, null, "workforce extract of snapshot " + id.ToString(CultureInfo.InvariantCulture) + " as of " + snapshot.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ct);
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"workforce-extract-{snapshot.AsOf:yyyy-MM-dd}.csv\"";
        await extract.WriteAsync(snapshot, Response.Body, ct);
        return new EmptyResult();
    }

    private FileContentResult CsvFile(Reports.Table table, Snapshots.SnapshotRow snapshot, string? county) =>
        File(Csv.Bytes(Reports.Csv(table, (d, k) => Label(d, k), t["Dimension" + table.Rows].Value, t["Total"].Value)), "text/csv",
            $"workforce-{snapshot.AsOf:yyyy-MM-dd}-{(county ?? "california").ToLowerInvariant().Replace(' ', '-')}-{table.Rows.ToString().ToLowerInvariant()}.csv");

    private string Label(Dimension d, int key) => Dimensions.Label(d, key, name => t[name].Value);

    private sealed record Parsed(Snapshots.SnapshotRow Snapshot, Dimension Rows, Dimension Columns, string? County, int? CountyCode, EmploymentRole? Role, CensusSetting? Setting);

    private Parsed Parse(ReportRequest r, bool analyst, Snapshots.SnapshotRow fallback, IReadOnlyList<Snapshots.SnapshotRow> choices)
    {
        var snapshot = fallback;
        if (analyst && !string.IsNullOrEmpty(r.Snapshot))
        {
            var found = int.TryParse(r.Snapshot, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? choices.FirstOrDefault(s => s.Id == id) : null;
            if (found is null)
            {
                ModelState.AddModelError(nameof(r.Snapshot), t["Choose a snapshot from the list."]);
            }
            else
            {
                snapshot = found;
            }
        }

        string? county = null;
        if (!string.IsNullOrWhiteSpace(r.County))
        {
            county = CaliforniaCounties.All.FirstOrDefault(c => string.Equals(c, r.County.Trim(), StringComparison.OrdinalIgnoreCase));
            if (county is null)
            {
                ModelState.AddModelError(nameof(r.County), t["Choose a county from the list."]);
            }
        }

        var rows = Dimension.Role;
        if (!string.IsNullOrEmpty(r.Rows) && (!TryName(r.Rows, out rows) || rows == Dimension.None))
        {
            ModelState.AddModelError(nameof(r.Rows), t["Choose what to count by from the list."]);
            rows = Dimension.Role;
        }

        if (rows == Dimension.County && county is not null)
        {
            ModelState.AddModelError(nameof(r.Rows), t["Counting by county needs the whole state: choose California, or another dimension."]);
            rows = Dimension.Role;
        }

        var columns = Dimension.Race;
        if (!string.IsNullOrEmpty(r.By) && (!TryName(r.By, out columns) || columns == Dimension.County || (!analyst && !PublicColumns.Contains(columns))))
        {
            ModelState.AddModelError(nameof(r.By), t["Choose how to break the figures down from the list."]);
            columns = Dimension.Race;
        }

        if (columns == rows)
        {
            ModelState.AddModelError(nameof(r.By), t["Break the figures down by something other than what you count by."]);
            columns = rows == Dimension.Race ? Dimension.Race1997 : Dimension.Race;
        }

        EmploymentRole? role = null;
        CensusSetting? setting = null;
        if (analyst && !string.IsNullOrEmpty(r.Role))
        {
            if (TryName<EmploymentRole>(r.Role, out var value)) { role = value; } else { ModelState.AddModelError(nameof(r.Role), t["Choose a role from the list."]); }
        }

        if (analyst && !string.IsNullOrEmpty(r.Setting))
        {
            if (TryName<CensusSetting>(r.Setting, out var value)) { setting = value; } else { ModelState.AddModelError(nameof(r.Setting), t["Choose a setting from the list."]); }
        }

        return new Parsed(snapshot, rows, columns, county, county is null ? null : Census.CountyCode(county), role, setting);
    }

    /// <summary>An enum value by its name only (numbers are refused, so "99" is not a dimension).</summary>
    private static bool TryName<TEnum>(string text, out TEnum value)
        where TEnum : struct, Enum =>
        Enum.TryParse(text.Trim(), ignoreCase: true, out value) && Enum.IsDefined(value) && !char.IsDigit(text.Trim()[0]) && text.Trim()[0] != '-';
}
