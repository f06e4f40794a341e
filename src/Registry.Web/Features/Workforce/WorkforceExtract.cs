using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain.Accounts;
using Registry.Web.Domain.Workforce;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Workforce;

/// <summary>
/// A snapshot in the documented extract layout (docs/workforce-extract.md, schema
/// docs/schemas/workforce-extract-1.0.json): one de-identified row per person, codes only, the
/// layout's version in every row, written as it is read so a state's file never sits in memory.
/// </summary>
public sealed class WorkforceExtract(RegistryDbContext db, SecurityAudit audit, ILogger<WorkforceExtract> logger)
{
    public const string Version = "1.0";

    public static readonly string[] Header =
    [
        "layout_version", "state", "snapshot_date", "record_number", "county_fips", "role", "setting", "education_level",
        "ece_units_band", "permit_level", "years_in_field_band", "age_band", "wage_band",
        "race_ethnicity_2024", "race_ethnicity_2024_all", "ethnicity_1997", "race_1997", "languages", "qc_lead_teacher_points",
    ];

    /// <summary>One row per person (de-identified, but every person) is leaving: logged and audited, before the first byte goes.</summary>
    public async Task RecordDownloadAsync(Snapshots.SnapshotRow snapshot, string userId, CancellationToken ct)
    {
        logger.LogInformation("Workforce extract of snapshot {Snapshot} downloaded by user {User}.", snapshot.Id, userId);
        await audit.RecordAsync(SecurityEventKind.Export, null, null, "workforce extract of snapshot " + snapshot.Id.ToString(CultureInfo.InvariantCulture) + " as of " + snapshot.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ct);
    }

    public async Task WriteAsync(Snapshots.SnapshotRow snapshot, Stream output, CancellationToken ct)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        writer.NewLine = "\n";
        await writer.WriteLineAsync(string.Join(',', Header));
        var date = snapshot.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var number = 0;
        var line = new StringBuilder(128);
        await foreach (var r in db.CensusRecords.AsNoTracking().Where(r => r.SnapshotId == snapshot.Id).OrderBy(r => r.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            number++;
            line.Clear();
            line.Append(Version).Append(",CA,").Append(date).Append(',').Append(number.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(r.County == 0 ? string.Empty : CountyShapes.Fips(r.County)).Append(',')
                .Append(Code(r.Role)).Append(',').Append(Code(r.Setting)).Append(',')
                .Append(r.Education == 0 ? string.Empty : r.Education.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(Code(r.EceUnits)).Append(',').Append(Code(r.Permit)).Append(',').Append(Code(r.YearsInField)).Append(',')
                .Append(Code(r.Age)).Append(',').Append(Code(r.Wage)).Append(',').Append(Code(r.Race)).Append(',')
                .Append(Bits(r.RaceCategories, 1, 7)).Append(',').Append(Code(r.Ethnicity1997)).Append(',').Append(Code(r.Race1997)).Append(',')
                .Append(string.Join(';', Enum.GetValues<LanguageGroups>().Where(g => g != LanguageGroups.None && (r.Languages & (int)g) != 0).Select(g => g.ToString().ToLowerInvariant()))).Append(',')
                .Append(r.QualityCountsPoints.ToString(CultureInfo.InvariantCulture));
            await writer.WriteLineAsync(line, ct);
        }
    }

    private static string Code<TEnum>(TEnum value)
        where TEnum : struct, Enum => Convert.ToInt32(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);

    private static string Bits(int bits, int from, int to) =>
        string.Join(';', Enumerable.Range(from, to - from + 1).Where(b => (bits & (1 << b)) != 0).Select(b => b.ToString(CultureInfo.InvariantCulture)));
}
