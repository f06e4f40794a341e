using Registry.Web.Domain.Workforce;

namespace Registry.UnitTests.Workforce;

/// <summary>
/// No published figure under 10, and no withheld figure that the shown figures pin down. The
/// second is proved here without the code under test: in a table with its totals (totals taken
/// with a minus sign), the withheld figures can all change while every shown figure stays the
/// same exactly when each lies on a cycle of withheld figures alternating between rows and
/// columns; a withheld figure on no cycle is fixed by the sums.
/// </summary>
public sealed class SuppressionTests
{
    [Fact]
    public void A_small_cell_is_withheld_with_a_partner_in_its_row_and_in_its_column()
    {
        long[,] cells = { { 3, 40, 50 }, { 60, 70, 80 }, { 90, 25, 30 } };
        var table = Apply(cells);

        Assert.Null(table.Cells[0, 0]);
        Assert.True(Count(table, row: 0) >= 2, "Another cell of the first row is withheld.");
        Assert.True(Enumerable.Range(0, 3).Count(r => table.Cells[r, 0] is null) >= 2, "Another cell of the first column is withheld.");
        Assert.Equal(50L + 80 + 30, table.ColumnTotals[2]);
        Assert.Equal(448, table.Total);
        AssertSafe(cells, table);
    }

    [Fact]
    public void The_smallest_other_cell_is_chosen_so_as_little_as_possible_is_hidden()
    {
        long[,] cells = { { 4, 12, 500 }, { 300, 11, 400 } };
        var table = Apply(cells);

        Assert.Null(table.Cells[0, 0]);
        Assert.Null(table.Cells[0, 1]); // 12, not 500
        Assert.Null(table.Cells[1, 0]);
        Assert.Null(table.Cells[1, 1]); // 11, not 400
        Assert.Equal(500, table.Cells[0, 2]);
        AssertSafe(cells, table);
    }

    [Fact]
    public void A_row_under_ten_is_withheld_whole_and_its_total_cannot_be_had_from_the_other_rows()
    {
        long[,] cells = { { 2, 3 }, { 40, 50 }, { 60, 70 } };
        var table = Apply(cells);

        Assert.Null(table.RowTotals[0]);
        Assert.Null(table.Cells[0, 0]);
        Assert.Null(table.Cells[0, 1]);
        Assert.Equal(1, table.RowTotals.Skip(1).Count(t => t is null)); // a complementary row total
        AssertSafe(cells, table);
    }

    [Fact]
    public void Two_groups_of_withheld_cells_joined_by_one_cell_do_not_give_that_cell_away()
    {
        // Each line has two withheld figures after the first pass, yet a cell bridging two groups
        // would still follow from the sums; the linear algebra check withholds more.
        long[,] cells = { { 5, 5, 100, 100 }, { 100, 100, 5, 5 }, { 100, 100, 100, 100 }, { 100, 100, 100, 100 } };
        AssertSafe(cells, Apply(cells));
    }

    [Fact]
    public void Random_tables_never_show_a_figure_under_ten_or_one_that_can_be_worked_out()
    {
        var random = new Random(8);
        for (var run = 0; run < 400; run++)
        {
            var rows = random.Next(2, 9);
            var columns = random.Next(2, 7);
            var cells = new long[rows, columns];
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < columns; c++)
                {
                    cells[r, c] = random.NextDouble() < 0.3 ? random.Next(0, 10) : random.Next(10, 200);
                }
            }

            AssertSafe(cells, Apply(cells));
        }
    }

    [Fact]
    public void A_one_way_table_withholds_a_second_row_when_one_is_small()
    {
        var counts = new long[] { 5, 100, 40, 300 };
        var table = Suppression.Apply(new long[4, 0], counts, [], counts.Sum(), rowsAddUp: false, columnsAddUp: true);

        Assert.Null(table.RowTotals[0]);
        Assert.Null(table.RowTotals[2]); // the smallest other
        Assert.Equal(445, table.Total);
    }

    [Fact]
    public void When_rows_do_not_add_up_only_small_cells_and_their_row_partners_are_withheld()
    {
        // Languages: a person is in several rows, so columns do not sum to their totals.
        long[,] cells = { { 3, 50 }, { 40, 60 } };
        var table = Suppression.Apply(cells, [53, 100], [70, 90], 160, rowsAddUp: true, columnsAddUp: false);

        Assert.Null(table.Cells[0, 0]);
        Assert.Null(table.Cells[0, 1]);
        Assert.Equal(40, table.Cells[1, 0]);
        Assert.Equal(70, table.ColumnTotals[0]);
    }

    [Fact]
    public void A_county_figure_withheld_alone_is_withheld_in_another_county_too()
    {
        // Two counties and the state: the first county's small cell must not be the state's minus the second's.
        var county1 = TableLayout.Of(new long[,] { { 4, 50 }, { 40, 60 } }, [54, 100], [44, 110], 154, true, true);
        var county2 = TableLayout.Of(new long[,] { { 30, 50 }, { 40, 60 } }, [80, 100], [70, 110], 180, true, true);
        var state = TableLayout.Of(new long[,] { { 34, 100 }, { 80, 120 } }, [134, 200], [114, 220], 334, true, true);

        var (shownState, parts) = Suppression.ApplyLinked(state, [county1, county2], [null, null]);

        var figures = new[] { Figures(parts[0]), Figures(parts[1]), Figures(shownState) };
        for (var f = 0; f < state.Values.Length; f++)
        {
            Assert.NotEqual(1, figures.Count(x => x[f] is null));
        }

        Assert.Null(parts[0].Cells[0, 0]);
        Assert.Null(parts[1].Cells[0, 0]);
    }

    private static SuppressedTable Apply(long[,] cells)
    {
        var rows = cells.GetLength(0);
        var columns = cells.GetLength(1);
        var rowTotals = Enumerable.Range(0, rows).Select(r => Enumerable.Range(0, columns).Sum(c => cells[r, c])).ToArray();
        var columnTotals = Enumerable.Range(0, columns).Select(c => Enumerable.Range(0, rows).Sum(r => cells[r, c])).ToArray();
        return Suppression.Apply(cells, rowTotals, columnTotals, rowTotals.Sum(), rowsAddUp: true, columnsAddUp: true);
    }

    private static int Count(SuppressedTable table, int row) => Enumerable.Range(0, table.ColumnTotals.Length).Count(c => table.Cells[row, c] is null);

    private static long?[] Figures(SuppressedTable t)
    {
        var rows = t.RowTotals.Length;
        var columns = t.ColumnTotals.Length;
        var all = new List<long?>();
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                all.Add(t.Cells[r, c]);
            }
        }

        return [.. all, .. t.RowTotals, .. t.ColumnTotals, t.Total];
    }

    /// <summary>Every shown figure true and at least 10; every withheld one on a cycle of withheld figures (so not determined).</summary>
    private static void AssertSafe(long[,] cells, SuppressedTable table)
    {
        var rows = cells.GetLength(0);
        var columns = cells.GetLength(1);

        // The extended table: row totals in an extra column, column totals in an extra row, the total in the corner.
        var extended = new long?[rows + 1, columns + 1];
        var truth = new long[rows + 1, columns + 1];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                extended[r, c] = table.Cells[r, c];
                truth[r, c] = cells[r, c];
                truth[r, columns] += cells[r, c];
                truth[rows, c] += cells[r, c];
                truth[rows, columns] += cells[r, c];
            }

            extended[r, columns] = table.RowTotals[r];
        }

        for (var c = 0; c < columns; c++)
        {
            extended[rows, c] = table.ColumnTotals[c];
        }

        extended[rows, columns] = table.Total;
        var withheld = new List<(int R, int C)>();
        for (var r = 0; r <= rows; r++)
        {
            for (var c = 0; c <= columns; c++)
            {
                if (extended[r, c] is { } shown)
                {
                    Assert.Equal(truth[r, c], shown);
                    Assert.True(shown >= Suppression.Threshold, $"A figure of {shown} is shown.");
                }
                else
                {
                    withheld.Add((r, c));
                }
            }
        }

        // Rows and columns as nodes, withheld figures as edges: an edge on a cycle is free to move.
        foreach (var edge in withheld)
        {
            var others = withheld.Where(e => e != edge).ToList();
            var seen = new HashSet<int> { edge.R };
            var queue = new Queue<int>([edge.R]);
            while (queue.Count > 0)
            {
                var node = queue.Dequeue();
                foreach (var (r, c) in others)
                {
                    var (a, b) = (r, (rows + 1) + c);
                    var next = node == a ? b : node == b ? a : -1;
                    if (next >= 0 && seen.Add(next))
                    {
                        queue.Enqueue(next);
                    }
                }
            }

            Assert.True(seen.Contains((rows + 1) + edge.C), $"The withheld figure at ({edge.R}, {edge.C}) can be worked out from the figures shown.");
        }
    }
}
