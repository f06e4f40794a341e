using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Registry.Web.Data;
using Registry.Web.Domain;
using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Employments;
using Registry.Web.Domain.Professionals;
using Registry.Web.Domain.Workforce;

namespace Registry.Web.Features.Workforce;

/// <summary>What a report counts people by.</summary>
public enum Dimension
{
    None = 0,
    Role = 1,
    Setting = 2,
    County = 3,
    Education = 4,
    EceUnits = 5,
    Permit = 6,
    YearsInField = 7,
    Age = 8,
    Wage = 9,
    Race = 10,
    Race1997 = 11,
    Language = 12,
    QualityCountsPoints = 13,
}

/// <summary>What the county map shades.</summary>
public enum MapMeasure
{
    People = 0,
    BachelorOrHigher = 1,
    HoldsPermit = 2,
    SpeaksSpanish = 3,
    HispanicOrLatino = 4,
}

/// <summary>Each dimension's values in the order reports list them, and how a census row is read for it.</summary>
public static class Dimensions
{
    /// <summary>The combined 1997 tabulation puts Hispanic or Latino (any race) in a row of its own.</summary>
    public const int HispanicAnyRace = 7;

    public static readonly IReadOnlyList<Dimension> All = Enum.GetValues<Dimension>().Where(d => d != Dimension.None).ToList();

    /// <summary>A person can be in several rows (languages): such a dimension's rows do not add up to the total.</summary>
    public static bool IsMultiValued(Dimension d) => d == Dimension.Language;

    public static IReadOnlyList<int> Keys(Dimension d) => d switch
    {
        Dimension.Role => Enum.GetValues<EmploymentRole>().Select(v => (int)v).ToList(),
        Dimension.Setting => Enum.GetValues<CensusSetting>().Select(v => (int)v).ToList(),
        Dimension.County => Enumerable.Range(1, CaliforniaCounties.All.Count).Append(0).ToList(),
        Dimension.Education => Enum.GetValues<EducationLevel>().Select(v => (int)v).Append(0).ToList(),
        Dimension.EceUnits => Enum.GetValues<UnitsBand>().Select(v => (int)v).ToList(),
        Dimension.Permit => Enum.GetValues<PermitLevel>().Select(v => (int)v).ToList(),
        Dimension.YearsInField => Enum.GetValues<YearsBand>().Where(v => v != YearsBand.NotReported).Select(v => (int)v).Append(0).ToList(),
        Dimension.Age => Enum.GetValues<AgeBand>().Select(v => (int)v).ToList(),
        Dimension.Wage => Enum.GetValues<WageBand>().Where(v => v != WageBand.NotReported).Select(v => (int)v).Append(0).ToList(),
        Dimension.Race => Enum.GetValues<Race2024>().Where(v => v != Race2024.NotReported).Select(v => (int)v).Append(0).ToList(),
        Dimension.Race1997 => new[] { HispanicAnyRace }.Concat(Enum.GetValues<Domain.Professionals.Race1997>().Where(v => v != Domain.Professionals.Race1997.NotReported).Select(v => (int)v)).Append(0).ToList(),
        Dimension.Language => Enum.GetValues<LanguageGroups>().Where(v => v != LanguageGroups.None).Select(v => (int)v).Append(0).ToList(),
        Dimension.QualityCountsPoints => Enumerable.Range(0, 6).ToList(),
        _ => [0],
    };

    /// <summary>The value a row has for the dimension (for languages, the bits of every language it has).</summary>
    public static Expression<Func<CensusRecord, int>> Read(Dimension d) => d switch
    {
        Dimension.Role => r => (int)r.Role,
        Dimension.Setting => r => (int)r.Setting,
        Dimension.County => r => r.County,
        Dimension.Education => r => r.Education,
        Dimension.EceUnits => r => (int)r.EceUnits,
        Dimension.Permit => r => (int)r.Permit,
        Dimension.YearsInField => r => (int)r.YearsInField,
        Dimension.Age => r => (int)r.Age,
        Dimension.Wage => r => (int)r.Wage,
        Dimension.Race => r => (int)r.Race,
        Dimension.Race1997 => r => r.Ethnicity1997 == Ethnicity1997.HispanicOrLatino ? HispanicAnyRace : (int)r.Race1997,
        Dimension.Language => r => r.Languages,
        Dimension.QualityCountsPoints => r => r.QualityCountsPoints,
        _ => r => 0,
    };

    /// <summary>Which of the dimension's keys a stored value counts in.</summary>
    public static IEnumerable<int> KeysOf(Dimension d, int value)
    {
        if (!IsMultiValued(d))
        {
            yield return value;
            yield break;
        }

        if (value == 0)
        {
            yield return 0;
            yield break;
        }

        foreach (var bit in Keys(d).Where(k => k != 0 && (value & k) != 0))
        {
            yield return bit;
        }
    }

    /// <summary>The resource name of a dimension's value (counties are proper names, shown as they are).</summary>
    public static string LabelKey(Dimension d, int key) => d switch
    {
        Dimension.Role => "Role" + (EmploymentRole)key,
        Dimension.Setting => "CensusSetting" + (CensusSetting)key,
        Dimension.County => key == 0 ? "County not known" : CaliforniaCounties.All[key - 1],
        Dimension.Education => key == 0 ? "Not reported" : "Level" + (EducationLevel)key,
        Dimension.EceUnits => "UnitsBand" + (UnitsBand)key,
        Dimension.Permit => key == 0 ? "No permit" : "Credential" + (CredentialType)key,
        Dimension.YearsInField => "YearsBand" + (YearsBand)key,
        Dimension.Age => "AgeBand" + (AgeBand)key,
        Dimension.Wage => "WageBand" + (WageBand)key,
        Dimension.Race => key == 0 ? "Not reported" : key == (int)Race2024.TwoOrMore ? "Race2024TwoOrMore" : "Race" + (RaceEthnicityCategory)key,
        Dimension.Race1997 => key == HispanicAnyRace ? "Race1997HispanicAnyRace" : "Race1997" + (Domain.Professionals.Race1997)key,
        Dimension.Language => key == 0 ? "Not reported" : "LanguageGroup" + (LanguageGroups)key,
        Dimension.QualityCountsPoints => "QcPoints" + key.ToString(CultureInfo.InvariantCulture),
        _ => "All",
    };

    /// <summary>A value's label: counties are proper names, shown as they are; everything else is translated.</summary>
    public static string Label(Dimension d, int key, Func<string, string> translate) =>
        d == Dimension.County && key != 0 ? LabelKey(d, key) : translate(LabelKey(d, key));
}

/// <summary>Counts from census snapshots, always with small cells withheld (<see cref="Suppression"/>).</summary>
public static class Reports
{
    public sealed record ReportFilters(int? County = null, EmploymentRole? Role = null, CensusSetting? Setting = null);

    /// <summary>A cross table as it may be shown: null figures are withheld.</summary>
    public sealed record Table(Dimension Rows, Dimension Columns, IReadOnlyList<int> RowKeys, IReadOnlyList<int> ColumnKeys, SuppressedTable Figures);

    /// <summary>One dimension over several snapshots: each snapshot's column is suppressed on its own.</summary>
    public sealed record Trend(Dimension Rows, IReadOnlyList<int> RowKeys, IReadOnlyList<Snapshots.SnapshotRow> Snapshots, IReadOnlyList<SuppressedTable> Columns);

    /// <summary>Per county: the measure's value (a count, or a share from 0 to 1), null when withheld.</summary>
    public sealed record Map(MapMeasure Measure, IReadOnlyDictionary<int, double?> Values, IReadOnlyDictionary<int, long?> Counts);

    /// <summary>
    /// Worked-out tables of complete snapshots, which never change: the public pages are read far
    /// more often than snapshots are taken. Bounded (5,000 tables), unfiltered cuts only.
    /// </summary>
    public sealed class TableCache : IDisposable
    {
        public MemoryCache Tables { get; } = new(new MemoryCacheOptions { SizeLimit = 5000 });

        public void Dispose() => Tables.Dispose();
    }

    public sealed class Handler(RegistryDbContext db, TableCache? cache = null)
    {
        private async Task<T> CachedAsync<T>(object key, bool cacheable, Func<Task<T>> work)
        {
            if (cache is null || !cacheable)
            {
                return await work();
            }

            if (cache.Tables.TryGetValue(key, out var found) && found is T hit)
            {
                return hit;
            }

            var value = await work();
            cache.Tables.Set(key, value, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromHours(1) });
            return value;
        }

        private IQueryable<CensusRecord> Rows(IReadOnlyCollection<int> snapshotIds, ReportFilters filters)
        {
            var ids = snapshotIds.ToList();
            var query = ids.Count == 1
                ? db.CensusRecords.AsNoTracking().Where(r => r.SnapshotId == ids[0])
                : db.CensusRecords.AsNoTracking().Where(r => EF.Parameter(ids).Contains(r.SnapshotId));
            if (filters.County is { } county)
            {
                query = query.Where(r => r.County == county);
            }

            if (filters.Role is { } role)
            {
                query = query.Where(r => r.Role == role);
            }

            if (filters.Setting is { } setting)
            {
                query = query.Where(r => r.Setting == setting);
            }

            return query;
        }

        /// <summary>
        /// Rows by columns (or rows alone when <paramref name="columns"/> is None), statewide or for
        /// one county, from one grouped query. The state's table and every county's are suppressed
        /// together (<see cref="Suppression.ApplyLinked"/>), with each county's total withheld alike
        /// in every view (<see cref="CountyTotalsWithheld"/>), so that no county's figures can be
        /// had back from the state's. Totals count people: a multi-valued dimension's rows may add
        /// up to more.
        /// </summary>
        public Task<Table> TableAsync(int snapshotId, Dimension rows, Dimension columns, ReportFilters filters, CancellationToken ct) =>
            CachedAsync(("table", snapshotId, rows, columns, filters), filters.Role is null && filters.Setting is null, () => ComputeTableAsync(snapshotId, rows, columns, filters, ct));

        private async Task<Table> ComputeTableAsync(int snapshotId, Dimension rows, Dimension columns, ReportFilters filters, CancellationToken ct)
        {
            if (rows == Dimension.None || rows == columns || columns == Dimension.County || (rows == Dimension.County && filters.County is not null))
            {
                throw new ArgumentException("A table needs a dimension for its rows, other than its columns, and only the state's table has counties as rows.", nameof(rows));
            }

            var rowKeys = Dimensions.Keys(rows);
            var columnKeys = columns == Dimension.None ? [] : Dimensions.Keys(columns);
            var counties = Dimensions.Keys(Dimension.County);
            var everywhere = filters with { County = null };
            var byCounty = await CountsAsync(snapshotId, rows, columns, everywhere, ct);
            var countyWithheld = CountyTotalsWithheld(counties, byCounty);
            if (rows == Dimension.County)
            {
                var flat = byCounty.Select(g => KeyValuePair.Create((g.Key.County, g.Key.Column), g.Value)).ToList();
                var layout = Lay(Dimension.County, columns, rowKeys, columnKeys, flat);
                var seeded = new bool[layout.Values.Length];
                for (var r = 0; r < rowKeys.Count; r++)
                {
                    seeded[layout.RowTotal(r)] = countyWithheld.Contains(rowKeys[r]);
                }

                return new Table(rows, columns, rowKeys, columnKeys, layout.Show(Suppression.SuppressValues(layout.Values, layout.Lines, seeded)));
            }

            var state = Lay(rows, columns, rowKeys, columnKeys, byCounty.Select(g => KeyValuePair.Create((g.Key.Row, g.Key.Column), g.Value)));
            var parts = counties.Select(county => Lay(rows, columns, rowKeys, columnKeys,
                byCounty.Where(g => g.Key.County == county).Select(g => KeyValuePair.Create((g.Key.Row, g.Key.Column), g.Value)))).ToList();
            var seeds = counties.Select((county, i) =>
            {
                var seed = new bool[parts[i].Values.Length];
                seed[parts[i].Grand] = countyWithheld.Contains(county);
                return (bool[]?)seed;
            }).ToList();
            var (stateFigures, countyFigures) = Suppression.ApplyLinked(state, parts, seeds);
            var figures = filters.County is { } chosen ? countyFigures[counties.ToList().IndexOf(chosen)] : stateFigures;
            return new Table(rows, columns, rowKeys, columnKeys, figures);
        }

        /// <summary>Which counties' totals are withheld (under ten people, and the complementary ones): the same in every view.</summary>
        private static HashSet<int> CountyTotalsWithheld(IReadOnlyList<int> counties, IEnumerable<KeyValuePair<(int County, int Row, int Column), long>> groups)
        {
            var totals = counties.Select(c => groups.Where(g => g.Key.County == c).Sum(g => g.Value)).ToArray();
            var table = Suppression.Apply(new long[counties.Count, 0], totals, [], totals.Sum(), rowsAddUp: false, columnsAddUp: true);
            return counties.Where((c, i) => table.RowTotals[i] is null).ToHashSet();
        }

        private static TableLayout Lay(Dimension rows, Dimension columns, IReadOnlyList<int> rowKeys, IReadOnlyList<int> columnKeys, IEnumerable<KeyValuePair<(int Row, int Column), long>> groups)
        {
            var rowIndex = rowKeys.Select((k, i) => (k, i)).ToDictionary(x => x.k, x => x.i);
            var columnIndex = columnKeys.Select((k, i) => (k, i)).ToDictionary(x => x.k, x => x.i);
            var cells = new long[rowKeys.Count, columnKeys.Count];
            var rowTotals = new long[rowKeys.Count];
            var columnTotals = new long[columnKeys.Count];
            long total = 0;
            foreach (var ((rowValue, columnValue), count) in groups)
            {
                total += count;
                var rowHits = Dimensions.KeysOf(rows, rowValue).Where(rowIndex.ContainsKey).Select(k => rowIndex[k]).ToList();
                var columnHits = columns == Dimension.None ? [] : Dimensions.KeysOf(columns, columnValue).Where(columnIndex.ContainsKey).Select(k => columnIndex[k]).ToList();
                foreach (var r in rowHits)
                {
                    rowTotals[r] += count;
                    foreach (var c in columnHits)
                    {
                        cells[r, c] += count;
                    }
                }

                foreach (var c in columnHits)
                {
                    columnTotals[c] += count;
                }
            }

            return TableLayout.Of(cells, rowTotals, columnTotals, total,
                rowsAddUp: columns != Dimension.None && !Dimensions.IsMultiValued(columns),
                columnsAddUp: !Dimensions.IsMultiValued(rows));
        }

        public async Task<Trend> TrendAsync(IReadOnlyList<Snapshots.SnapshotRow> snapshots, Dimension rows, ReportFilters filters, CancellationToken ct)
        {
            var ordered = snapshots.OrderBy(s => s.AsOf).ThenBy(s => s.Id).ToList();
            var rowKeys = Dimensions.Keys(rows);
            var rowIndex = rowKeys.Select((k, i) => (k, i)).ToDictionary(x => x.k, x => x.i);
            var groups = new List<KeyValuePair<(int Row, int Column), long>>();
            foreach (var snapshot in ordered)
            {
                groups.AddRange((await CountsAsync(snapshot.Id, rows, Dimension.None, filters with { County = null }, ct))
                    .Where(g => filters.County is not { } county || g.Key.County == county)
                    .Select(g => KeyValuePair.Create((g.Key.Row, Column: snapshot.Id), g.Value)));
            }

            var columns = ordered.Select(snapshot =>
            {
                var counts = new long[rowKeys.Count];
                long total = 0;
                foreach (var ((rowValue, id), count) in groups.Where(g => g.Key.Column == snapshot.Id))
                {
                    total += count;
                    foreach (var r in Dimensions.KeysOf(rows, rowValue).Where(rowIndex.ContainsKey))
                    {
                        counts[rowIndex[r]] += count;
                    }
                }

                return Suppression.Apply(new long[rowKeys.Count, 0], counts, [], total, rowsAddUp: false, columnsAddUp: !Dimensions.IsMultiValued(rows));
            }).ToList();
            return new Trend(rows, rowKeys, ordered, columns);
        }

        /// <summary>
        /// Every county's figure for the measure. Shares come from a county by yes/no table
        /// suppressed as a whole, so a withheld count cannot be had back from a share either.
        /// </summary>
        public Task<Map> MapAsync(int snapshotId, MapMeasure measure, CancellationToken ct) =>
            CachedAsync(("map", snapshotId, measure), true, () => ComputeMapAsync(snapshotId, measure, ct));

        private async Task<Map> ComputeMapAsync(int snapshotId, MapMeasure measure, CancellationToken ct)
        {
            var (dimension, holds) = measure switch
            {
                MapMeasure.BachelorOrHigher => (Dimension.Education, (Func<int, bool>)(v => v >= (int)EducationLevel.Bachelor)),
                MapMeasure.HoldsPermit => (Dimension.Permit, v => v != (int)PermitLevel.None),
                MapMeasure.SpeaksSpanish => (Dimension.Language, v => (v & (int)LanguageGroups.Spanish) != 0),
                MapMeasure.HispanicOrLatino => (Dimension.Race1997, v => v == Dimensions.HispanicAnyRace),
                _ => (Dimension.Age, (Func<int, bool>)(_ => false)),
            };
            var byCounty = (await CountsAsync(snapshotId, dimension, Dimension.None, new ReportFilters(), ct))
                .GroupBy(g => (g.Key.County, Row: holds(g.Key.Row) ? 1 : 0, Column: 0))
                .Select(g => KeyValuePair.Create(g.Key, g.Sum(x => x.Value))).ToList();
            var groups = byCounty.Select(g => KeyValuePair.Create((g.Key.County, g.Key.Row), g.Value)).ToList();
            var counties = Dimensions.Keys(Dimension.County);
            var countyWithheld = CountyTotalsWithheld(counties, byCounty);
            var index = counties.Select((k, i) => (k, i)).ToDictionary(x => x.k, x => x.i);
            var cells = new long[counties.Count, 2];
            var totals = new long[counties.Count];
            foreach (var ((county, answer), count) in groups)
            {
                if (index.TryGetValue(county, out var i))
                {
                    cells[i, answer == 1 ? 0 : 1] += count;
                    totals[i] += count;
                }
            }

            if (measure == MapMeasure.People)
            {
                var shown = counties.Select((k, i) => (k, i)).ToDictionary(x => x.k, x => countyWithheld.Contains(x.k) ? null : (long?)totals[x.i]);
                return new Map(measure, shown.ToDictionary(x => x.Key, x => (double?)x.Value), shown);
            }

            var columnTotals = new[] { Enumerable.Range(0, counties.Count).Sum(i => cells[i, 0]), Enumerable.Range(0, counties.Count).Sum(i => cells[i, 1]) };
            var layout = TableLayout.Of(cells, totals, columnTotals, totals.Sum(), rowsAddUp: true, columnsAddUp: true);
            var seeded = new bool[layout.Values.Length];
            for (var i = 0; i < counties.Count; i++)
            {
                seeded[layout.RowTotal(i)] = countyWithheld.Contains(counties[i]);
            }

            var table = layout.Show(Suppression.SuppressValues(layout.Values, layout.Lines, seeded));
            var values = new Dictionary<int, double?>();
            var counts = new Dictionary<int, long?>();
            for (var i = 0; i < counties.Count; i++)
            {
                var (part, whole) = (table.Cells[i, 0], table.RowTotals[i]);
                values[counties[i]] = part is { } p && whole is { } w && w > 0 ? (double)p / w : null;
                counts[counties[i]] = whole;
            }

            return new Map(measure, values, counts);
        }

        /// <summary>
        /// Counts by county, row value and column value: from the snapshot's precomputed cells
        /// (<see cref="CensusCells"/>) when no role or setting filter applies, else by scanning its rows.
        /// Totals only (no columns) are read from a pair with a dimension that holds everyone once.
        /// </summary>
        private async Task<List<KeyValuePair<(int County, int Row, int Column), long>>> CountsAsync(int snapshotId, Dimension rows, Dimension columns, ReportFilters filters, CancellationToken ct)
        {
            if (filters.Role is null && filters.Setting is null)
            {
                var partner = columns != Dimension.None ? columns : rows == Dimension.Age ? Dimension.Role : Dimension.Age;
                var swap = partner < rows;
                var (first, second) = swap ? ((int)partner, (int)rows) : ((int)rows, (int)partner);
                var cells = await db.CensusCells.AsNoTracking()
                    .Where(c => c.SnapshotId == snapshotId && c.First == first && c.Second == second)
                    .Select(c => new { c.County, c.FirstValue, c.SecondValue, c.Count })
                    .ToListAsync(ct);
                if (cells.Count > 0)
                {
                    return cells
                        .Where(c => filters.County is not { } county || c.County == county)
                        .GroupBy(c => (c.County, Row: swap ? c.SecondValue : c.FirstValue, Column: columns == Dimension.None ? 0 : swap ? c.FirstValue : c.SecondValue))
                        .Select(g => KeyValuePair.Create(g.Key, g.Sum(c => c.Count)))
                        .ToList();
                }
            }

            return await GroupAsync(Rows([snapshotId], filters), r => r.County, Dimensions.Read(rows), Dimensions.Read(columns), ct);
        }

        private static async Task<List<KeyValuePair<(int County, int Row, int Column), long>>> GroupAsync(
            IQueryable<CensusRecord> query, Expression<Func<CensusRecord, int>> outer, Expression<Func<CensusRecord, int>> row, Expression<Func<CensusRecord, int>> column, CancellationToken ct)
        {
            // One grouped scan: the three values packed into one key (rows and columns are below 1,000).
            var parameter = Expression.Parameter(typeof(CensusRecord), "r");
            Expression Body(Expression<Func<CensusRecord, int>> read) => new Rebind(read.Parameters[0], parameter).Visit(read.Body);
            var packed = Expression.Lambda<Func<CensusRecord, long>>(
                Expression.Add(
                    Expression.Add(
                        Expression.Multiply(Expression.Convert(Body(outer), typeof(long)), Expression.Constant(1_000_000L)),
                        Expression.Multiply(Expression.Convert(Body(row), typeof(long)), Expression.Constant(1000L))),
                    Expression.Convert(Body(column), typeof(long))),
                parameter);
            var counts = await query.GroupBy(packed).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(ct);
            return counts.Select(c => KeyValuePair.Create(((int)(c.Key / 1_000_000), (int)(c.Key / 1000 % 1000), (int)(c.Key % 1000)), c.Count)).ToList();
        }

        private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
        {
            protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
        }
    }

    /// <summary>A table as CSV: withheld figures are written as "suppressed", never as a number.</summary>
    public static string Csv(Table table, Func<Dimension, int, string> label, string rowsLabel, string totalLabel)
    {
        var csv = new StringBuilder();
        static string Field(string text) => Infrastructure.Forms.Csv.Cell(text);
        static string Figure(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "suppressed";
        csv.Append(Field(rowsLabel));
        foreach (var c in table.ColumnKeys)
        {
            csv.Append(',').Append(Field(label(table.Columns, c)));
        }

        csv.Append(',').Append(Field(totalLabel)).Append('\n');
        for (var r = 0; r < table.RowKeys.Count; r++)
        {
            csv.Append(Field(label(table.Rows, table.RowKeys[r])));
            for (var c = 0; c < table.ColumnKeys.Count; c++)
            {
                csv.Append(',').Append(Figure(table.Figures.Cells[r, c]));
            }

            csv.Append(',').Append(Figure(table.Figures.RowTotals[r])).Append('\n');
        }

        csv.Append(Field(totalLabel));
        foreach (var value in table.Figures.ColumnTotals)
        {
            csv.Append(',').Append(Figure(value));
        }

        csv.Append(',').Append(Figure(table.Figures.Total)).Append('\n');
        return csv.ToString();
    }
}
