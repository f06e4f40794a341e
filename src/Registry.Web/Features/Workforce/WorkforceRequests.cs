using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Registry.Web.Domain;
using Registry.Web.Domain.Employments;
using Registry.Web.Domain.Workforce;
using Registry.Web.Infrastructure.Forms;

namespace Registry.Web.Features.Workforce;

/// <summary>
/// What a workforce page was asked for, checked (the public sees the latest published snapshot and a
/// few breakdowns; analysts choose any), and the tables as CSV with labels in the reader's language.
/// </summary>
public sealed class WorkforceRequests(IStringLocalizer<SharedResource> t)
{
    private static readonly Dimension[] PublicColumns = [Dimension.Race, Dimension.Race1997, Dimension.None];

    public sealed record Parsed(Snapshots.SnapshotRow Snapshot, Dimension Rows, Dimension Columns, string? County, int? CountyCode, EmploymentRole? Role, CensusSetting? Setting);

    /// <summary>The request read against the snapshots there are; each bad value is named beside its field in <paramref name="modelState"/>, and a default used instead.</summary>
    public Parsed Parse(ReportRequest r, bool analyst, Snapshots.SnapshotRow fallback, IReadOnlyList<Snapshots.SnapshotRow> choices, ModelStateDictionary modelState)
    {
        var snapshot = fallback;
        if (analyst && !string.IsNullOrEmpty(r.Snapshot))
        {
            var found = int.TryParse(r.Snapshot, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? choices.FirstOrDefault(s => s.Id == id) : null;
            if (found is null)
            {
                modelState.AddModelError(nameof(r.Snapshot), t["Choose a snapshot from the list."]);
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
                modelState.AddModelError(nameof(r.County), t["Choose a county from the list."]);
            }
        }

        var rows = Dimension.Role;
        if (!string.IsNullOrEmpty(r.Rows) && (!TryName(r.Rows, out rows) || rows == Dimension.None))
        {
            modelState.AddModelError(nameof(r.Rows), t["Choose what to count by from the list."]);
            rows = Dimension.Role;
        }

        if (rows == Dimension.County && county is not null)
        {
            modelState.AddModelError(nameof(r.Rows), t["Counting by county needs the whole state: choose California, or another dimension."]);
            rows = Dimension.Role;
        }

        var columns = Dimension.Race;
        if (!string.IsNullOrEmpty(r.By) && (!TryName(r.By, out columns) || columns == Dimension.County || (!analyst && !PublicColumns.Contains(columns))))
        {
            modelState.AddModelError(nameof(r.By), t["Choose how to break the figures down from the list."]);
            columns = Dimension.Race;
        }

        if (columns == rows)
        {
            modelState.AddModelError(nameof(r.By), t["Break the figures down by something other than what you count by."]);
            columns = rows == Dimension.Race ? Dimension.Race1997 : Dimension.Race;
        }

        EmploymentRole? role = null;
        CensusSetting? setting = null;
        if (analyst && !string.IsNullOrEmpty(r.Role))
        {
            if (TryName<EmploymentRole>(r.Role, out var value)) { role = value; } else { modelState.AddModelError(nameof(r.Role), t["Choose a role from the list."]); }
        }

        if (analyst && !string.IsNullOrEmpty(r.Setting))
        {
            if (TryName<CensusSetting>(r.Setting, out var value)) { setting = value; } else { modelState.AddModelError(nameof(r.Setting), t["Choose a setting from the list."]); }
        }

        return new Parsed(snapshot, rows, columns, county, county is null ? null : Census.CountyCode(county), role, setting);
    }

    /// <summary>A dimension's value as the reader reads it.</summary>
    public string Label(Dimension d, int key) => Dimensions.Label(d, key, name => t[name].Value);

    /// <summary>A report table as CSV, with the file name people save it under.</summary>
    public (byte[] Content, string FileName) TableCsv(Reports.Table table, Snapshots.SnapshotRow snapshot, string? county) =>
        (Csv.Bytes(Reports.Csv(table, Label, t["Dimension" + table.Rows].Value, t["Total"].Value)),
            $"workforce-{snapshot.AsOf:yyyy-MM-dd}-{(county ?? "california").ToLowerInvariant().Replace(' ', '-')}-{table.Rows.ToString().ToLowerInvariant()}.csv");

    /// <summary>The snapshots compared over time as CSV: a column per snapshot.</summary>
    public (byte[] Content, string FileName) TrendCsv(Reports.Trend trend, string? county)
    {
        var header = new[] { t["Dimension" + trend.Rows].Value }.Concat(trend.Snapshots.Select(s => s.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        var lines = trend.RowKeys.Select((k, r) => new[] { Label(trend.Rows, k) }.Concat(trend.Columns.Select(c => Figure(c.RowTotals[r]))))
            .Append(new[] { t["Total"].Value }.Concat(trend.Columns.Select(c => Figure(c.Total))));
        return (Csv.Bytes(CsvText(lines.Prepend(header))), $"workforce-trend-{(county ?? "california").ToLowerInvariant().Replace(' ', '-')}-{trend.Rows.ToString().ToLowerInvariant()}.csv");
    }

    /// <summary>Every county's figure on the map as CSV (withheld figures say so).</summary>
    public (byte[] Content, string FileName) MapCsv(Reports.Map map, MapMeasure measure, IReadOnlyList<County> shapes, Snapshots.SnapshotRow snapshot)
    {
        var lines = shapes.Select((county, i) => new[]
        {
            county.Name, county.Fips,
            map.Values.GetValueOrDefault(i + 1) is { } value ? (measure == MapMeasure.People ? value.ToString("0", CultureInfo.InvariantCulture) : value.ToString("0.0000", CultureInfo.InvariantCulture)) : "suppressed",
        }).Prepend([t["County"].Value, "fips", t["Measure" + measure].Value]);
        return (Csv.Bytes(CsvText(lines)), $"workforce-map-{snapshot.AsOf:yyyy-MM-dd}-{measure.ToString().ToLowerInvariant()}.csv");
    }

    /// <summary>An enum value by its name only (numbers are refused, so "99" is not a dimension).</summary>
    public static bool TryName<TEnum>(string text, out TEnum value)
        where TEnum : struct, Enum =>
        Enum.TryParse(text.Trim(), ignoreCase: true, out value) && Enum.IsDefined(value) && !char.IsDigit(text.Trim()[0]) && text.Trim()[0] != '-';

    private static string Figure(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "suppressed";

    private static string CsvText(IEnumerable<IEnumerable<string>> lines) => string.Concat(lines.Select(l => Csv.Line(l) + "\n"));
}
