using System.Text;

namespace Registry.Web.Features.Forms;

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

    /// <summary>The text as UTF-8 with a byte order mark, so spreadsheets read accented names right.</summary>
    public static byte[] Bytes(string text) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)];
}
