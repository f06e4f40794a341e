using System.Text;

namespace Registry.Web.Infrastructure.Forms;

/// <summary>CSV downloads that open safely in a spreadsheet.</summary>
public static class Csv
{
    /// <summary>
    /// One cell: quoted when needed, and made inert when it would start a spreadsheet formula
    /// (=, +, -, @, tab, carriage return) by a leading apostrophe.
    /// </summary>
    public static string Cell(string? value)
    {
        value ??= string.Empty;
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>One line of cells (no line break).</summary>
    public static string Line(IEnumerable<string?> cells) => string.Join(',', cells.Select(Cell));

    /// <summary>Splits one line of an uploaded CSV into cells: commas separate, double quotes enclose, "" is a quote.</summary>
    public static IReadOnlyList<string> Split(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return cells;
    }

    /// <summary>The text as UTF-8 with a byte order mark, so spreadsheets read accented names right.</summary>
    public static byte[] Bytes(string text) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)];
}
