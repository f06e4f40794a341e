namespace Registry.Web.Domain.Workforce;

/// <summary>
/// Small-cell suppression for published tables. Every count under <see cref="Threshold"/> is
/// withheld (primary suppression), then more cells are withheld (complementary suppression)
/// until no withheld value can be worked out from what is shown: no line of the table (a row or
/// column with its total) has exactly one withheld entry, and no withheld entry is fixed by any
/// combination of the lines (checked by linear algebra, not assumed). Both kinds look the same
/// on the page, so nobody can tell which cells are the small ones.
/// </summary>
public static class Suppression
{
    public const int Threshold = 10;

    /// <summary>
    /// A table of counts with row and column totals. <paramref name="rowsAddUp"/>: each row's cells
    /// sum to its total (the column dimension puts each person in one column);
    /// <paramref name="columnsAddUp"/>: each column's cells sum to its total (the row dimension puts
    /// each person in one row). A multi-valued dimension (languages) does not add up.
    /// </summary>
    public static SuppressedTable Apply(long[,] cells, long[] rowTotals, long[] columnTotals, long total, bool rowsAddUp, bool columnsAddUp)
    {
        var layout = TableLayout.Of(cells, rowTotals, columnTotals, total, rowsAddUp, columnsAddUp);
        return layout.Show(SuppressValues(layout.Values, layout.Lines));
    }

    /// <summary>
    /// A statewide table and the same table for each part of the state (county), suppressed
    /// together: the same figure in every part adds up to the state's, so a figure withheld in
    /// one county alone would be the state's minus the others'; another county's is withheld too.
    /// <paramref name="seeded"/> withholds figures from the start in each part (a part's total
    /// withheld everywhere, so that every view withholds it alike).
    /// </summary>
    public static (SuppressedTable State, IReadOnlyList<SuppressedTable> Parts) ApplyLinked(TableLayout state, IReadOnlyList<TableLayout> parts, IReadOnlyList<bool[]?> seeded)
    {
        var stateWithheld = SuppressValues(state.Values, state.Lines);
        var partWithheld = parts.Select((p, i) => SuppressValues(p.Values, p.Lines, seeded[i])).ToList();
        var changed = true;
        while (changed)
        {
            changed = false;
            for (var f = 0; f < state.Values.Length; f++)
            {
                var withheld = partWithheld.Count(w => w[f]) + (stateWithheld[f] ? 1 : 0);
                if (withheld != 1)
                {
                    continue;
                }

                var part = Enumerable.Range(0, parts.Count).Where(i => !partWithheld[i][f]).OrderBy(i => parts[i].Values[f]).Cast<int?>().FirstOrDefault();
                if (part is { } i)
                {
                    partWithheld[i][f] = true;
                    partWithheld[i] = SuppressValues(parts[i].Values, parts[i].Lines, partWithheld[i]);
                }
                else
                {
                    stateWithheld[f] = true;
                    stateWithheld = SuppressValues(state.Values, state.Lines, stateWithheld);
                }

                changed = true;
            }
        }

        return (state.Show(stateWithheld), parts.Select((p, i) => p.Show(partWithheld[i])).ToList());
    }

    /// <summary>
    /// The general form: any figures and the lines (members summing to a total) a reader knows
    /// they satisfy. Returns which figures are withheld.
    /// </summary>
    public static bool[] SuppressValues(IReadOnlyList<long> values, IReadOnlyList<(int[] Members, int Total)> lines, bool[]? already = null)
    {
        var withheld = values.Select((v, i) => v < Threshold || (already is not null && already[i])).ToArray();
        while (true)
        {
            // A line with exactly one withheld entry gives it away: withhold its smallest other entry.
            var changed = true;
            while (changed)
            {
                changed = false;
                foreach (var (members, lineTotal) in lines)
                {
                    var entries = members.Append(lineTotal).ToArray();
                    if (entries.Count(i => withheld[i]) == 1)
                    {
                        WithholdAnother(values, withheld, members, lineTotal);
                        changed = true;
                    }
                }
            }

            // Lines together can still pin a value down (a bridge between two suppressed groups).
            var determined = Determined(withheld, lines);
            if (determined is not { } index)
            {
                return withheld;
            }

            var line = lines.First(l => l.Members.Contains(index) || l.Total == index);
            if (!WithholdAnother(values, withheld, line.Members, line.Total))
            {
                // Every entry of that line is already withheld: withhold the smallest shown figure of any line it meets.
                var next = lines.Where(l => l.Members.Contains(index) || l.Total == index)
                    .SelectMany(l => l.Members.Append(l.Total)).Where(i => !withheld[i]).OrderBy(i => values[i]).Cast<int?>().FirstOrDefault()
                    ?? throw new InvalidOperationException("No figure left to withhold.");
                withheld[next] = true;
            }
        }
    }

    private static bool WithholdAnother(IReadOnlyList<long> values, bool[] withheld, int[] members, int lineTotal)
    {
        var candidate = members.Where(i => !withheld[i]).OrderBy(i => values[i]).Cast<int?>().FirstOrDefault();
        if (candidate is { } member)
        {
            withheld[member] = true;
            return true;
        }

        if (!withheld[lineTotal])
        {
            withheld[lineTotal] = true;
            return true;
        }

        return false;
    }

    /// <summary>
    /// The first withheld figure the shown figures determine, if any: its unit vector lies in the
    /// row space of the lines restricted to withheld figures (reduced row echelon form).
    /// </summary>
    public static int? Determined(bool[] withheld, IReadOnlyList<(int[] Members, int Total)> lines)
    {
        var unknowns = Enumerable.Range(0, withheld.Length).Where(i => withheld[i]).ToArray();
        if (unknowns.Length == 0)
        {
            return null;
        }

        var column = unknowns.Select((figure, position) => (figure, position)).ToDictionary(x => x.figure, x => x.position);
        var matrix = new List<double[]>();
        foreach (var (members, lineTotal) in lines)
        {
            var row = new double[unknowns.Length];
            foreach (var m in members.Where(m => withheld[m]))
            {
                row[column[m]] += 1;
            }

            if (withheld[lineTotal])
            {
                row[column[lineTotal]] -= 1;
            }

            if (row.Any(x => x != 0))
            {
                matrix.Add(row);
            }
        }

        var pivotRow = 0;
        var pivots = new List<(int Row, int Column)>();
        for (var c = 0; c < unknowns.Length && pivotRow < matrix.Count; c++)
        {
            var best = Enumerable.Range(pivotRow, matrix.Count - pivotRow).OrderByDescending(r => Math.Abs(matrix[r][c])).First();
            if (Math.Abs(matrix[best][c]) < 1e-9)
            {
                continue;
            }

            (matrix[pivotRow], matrix[best]) = (matrix[best], matrix[pivotRow]);
            var scale = matrix[pivotRow][c];
            for (var k = 0; k < unknowns.Length; k++)
            {
                matrix[pivotRow][k] /= scale;
            }

            for (var r = 0; r < matrix.Count; r++)
            {
                if (r != pivotRow && Math.Abs(matrix[r][c]) > 1e-9)
                {
                    var factor = matrix[r][c];
                    for (var k = 0; k < unknowns.Length; k++)
                    {
                        matrix[r][k] -= factor * matrix[pivotRow][k];
                    }
                }
            }

            pivots.Add((pivotRow, c));
            pivotRow++;
        }

        foreach (var (r, c) in pivots)
        {
            if (matrix[r].Select((x, k) => k == c || Math.Abs(x) < 1e-9).All(ok => ok))
            {
                return unknowns[c];
            }
        }

        return null;
    }
}

/// <summary>
/// A table's figures flattened (cells, then row totals, column totals and the total) with the
/// lines a reader knows they satisfy.
/// </summary>
public sealed class TableLayout
{
    private TableLayout(int rows, int columns, long[] values, IReadOnlyList<(int[] Members, int Total)> lines)
    {
        Rows = rows;
        Columns = columns;
        Values = values;
        Lines = lines;
    }

    public int Rows { get; }

    public int Columns { get; }

    public long[] Values { get; }

    public IReadOnlyList<(int[] Members, int Total)> Lines { get; }

    public int Cell(int r, int c) => (r * Columns) + c;

    public int RowTotal(int r) => (Rows * Columns) + r;

    public int ColumnTotal(int c) => (Rows * Columns) + Rows + c;

    public int Grand => (Rows * Columns) + Rows + Columns;

    public static TableLayout Of(long[,] cells, long[] rowTotals, long[] columnTotals, long total, bool rowsAddUp, bool columnsAddUp)
    {
        var rows = rowTotals.Length;
        var columns = columnTotals.Length;
        if (cells.GetLength(0) != rows || cells.GetLength(1) != columns)
        {
            throw new ArgumentException("The cells do not match the totals.", nameof(cells));
        }

        var lines = new List<(int[] Members, int Total)>();
        var layout = new TableLayout(rows, columns, new long[(rows * columns) + rows + columns + 1], lines);
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                layout.Values[layout.Cell(r, c)] = cells[r, c];
            }

            layout.Values[layout.RowTotal(r)] = rowTotals[r];
        }

        for (var c = 0; c < columns; c++)
        {
            layout.Values[layout.ColumnTotal(c)] = columnTotals[c];
        }

        layout.Values[layout.Grand] = total;
        if (columns > 0 && rowsAddUp)
        {
            for (var r = 0; r < rows; r++)
            {
                lines.Add((Enumerable.Range(0, columns).Select(c => layout.Cell(r, c)).ToArray(), layout.RowTotal(r)));
            }

            lines.Add((Enumerable.Range(0, columns).Select(layout.ColumnTotal).ToArray(), layout.Grand));
        }

        if (columnsAddUp)
        {
            for (var c = 0; c < columns; c++)
            {
                lines.Add((Enumerable.Range(0, rows).Select(r => layout.Cell(r, c)).ToArray(), layout.ColumnTotal(c)));
            }

            lines.Add((Enumerable.Range(0, rows).Select(layout.RowTotal).ToArray(), layout.Grand));
        }

        return layout;
    }

    public SuppressedTable Show(bool[] withheld)
    {
        long? Shown(int i) => withheld[i] ? null : Values[i];
        var cells = new long?[Rows, Columns];
        for (var r = 0; r < Rows; r++)
        {
            for (var c = 0; c < Columns; c++)
            {
                cells[r, c] = Shown(Cell(r, c));
            }
        }

        return new SuppressedTable(
            cells,
            Enumerable.Range(0, Rows).Select(r => Shown(RowTotal(r))).ToArray(),
            Enumerable.Range(0, Columns).Select(c => Shown(ColumnTotal(c))).ToArray(),
            Shown(Grand));
    }
}

/// <summary>A table as it may be shown: null is a withheld figure.</summary>
public sealed record SuppressedTable(long?[,] Cells, long?[] RowTotals, long?[] ColumnTotals, long? Total);
