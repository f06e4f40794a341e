using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.Extensions.Localization;

namespace Registry.Web.Features.PeopleImports;

/// <summary>A file given to an import: its name as uploaded and where its bytes are.</summary>
public sealed record ImportFile(string Name, string Path);

/// <summary>One row of an import file: where it is (file and line) and its cells by normalised header.</summary>
public sealed record ImportRow(ImportKind Kind, string File, int Line, IReadOnlyDictionary<string, string> Cells)
{
    public string Cell(string column) => Cells.TryGetValue(column, out var value) ? value : string.Empty;

    /// <summary>
    /// Where the row's file writes a date day first (line and date, such as "line 4: 27/03/2024"), or
    /// null: in such a file a date like 4/3/2024 could be either day, so it is not read.
    /// </summary>
    public string? DayFirstAt { get; init; }
}

/// <summary>
/// A row or a whole file refused, with where and why, as the rejects report lists it; for a row that
/// could not be read as a whole, the person_key it names, so that person is left out whole too.
/// </summary>
public sealed record ImportReject(string File, int Line, string Column, string Reason, string? PersonKey = null);

/// <summary>
/// Reads an import file: its encoding (a byte-order mark; UTF-8; else Latin-1, which is what older
/// spreadsheets save), whether it is text at all, its header, and its rows, with real CSV parsing
/// (CsvHelper: quoted fields, commas and line breaks inside quotes, doubled quotes).
/// </summary>
public sealed partial class ImportFiles(IStringLocalizer<SharedResource> t)
{
    /// <summary>The largest file read: bigger ones are refused before a byte is parsed (split them; the layout allows any number of files).</summary>
    public const long MaxFileBytes = 512L << 20;

    public sealed record Read(ImportKind? Kind, IReadOnlyList<ImportRow> Rows, IReadOnlyList<ImportReject> Rejects, string? FileError);

    public async Task<Read> ReadAsync(ImportFile file, CancellationToken ct)
    {
        var info = new FileInfo(file.Path);
        if (!info.Exists || info.Length == 0)
        {
            return Refused(file, t["The file is empty."]);
        }

        if (info.Length > MaxFileBytes)
        {
            return Refused(file, t["The file is {0:N0} MB; the registry reads files up to {1:N0} MB. Split it into several files of the same layout.", info.Length / (1024 * 1024), MaxFileBytes / (1024 * 1024)]);
        }

        var bytes = await File.ReadAllBytesAsync(file.Path, ct);
        if (Decode(bytes, out var badLine) is not { } text)
        {
            return Refused(file, LooksLikeWorkbook(bytes)
                ? t["This is a spreadsheet workbook, not a CSV file: save it as \"CSV UTF-8 (comma delimited)\" and upload that."]
                : badLine > 1
                    ? t["This is not a text file: line {0} holds a control character (such as NUL). Save the data as CSV and upload that.", badLine]
                    : t["This is not a text file: save the data as CSV and upload that."]);
        }

        return Parse(file, text);
    }

    /// <summary>
    /// The text of the bytes (a byte-order mark; UTF-8; else Windows-1252, what Excel on Windows saves,
    /// which is Latin-1 with curly quotes and dashes where Latin-1 has control codes), or null when they
    /// are not text: a NUL or another control character anywhere, with the line it is on.
    /// </summary>
    public static string? Decode(byte[] bytes, out int badLine)
    {
        string text;
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        {
            using var reader = new StreamReader(new MemoryStream(bytes), detectEncodingFromByteOrderMarks: true);
            text = reader.ReadToEnd();
        }
        else
        {
            var start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
            try
            {
                text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, start, bytes.Length - start);
            }
            catch (DecoderFallbackException)
            {
                text = Windows1252.GetString(bytes);
            }
        }

        badLine = 0;
        var line = 1;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                line++;
            }
            else if ((c < ' ' && c is not '\r' and not '\t') || c is (>= '\u007F' and <= '\u009F'))
            {
                badLine = line;
                return null;
            }
        }

        return text;
    }

    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252) ?? Encoding.Latin1;

    private static bool LooksLikeWorkbook(byte[] bytes) =>
        bytes.Length >= 4 && ((bytes[0] == 0x50 && bytes[1] == 0x4B && bytes[2] == 0x03 && bytes[3] == 0x04) || (bytes[0] == 0xD0 && bytes[1] == 0xCF && bytes[2] == 0x11 && bytes[3] == 0xE0));

    private Read Parse(ImportFile file, string text)
    {
        var rejects = new List<ImportReject>();
        var rows = new List<ImportRow>();
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            BadDataFound = null,
            MissingFieldFound = null,
            HeaderValidated = null,
            DetectColumnCountChanges = false,
            IgnoreBlankLines = true,
        };
        using var csv = new CsvReader(new StringReader(text), configuration);
        if (!csv.Read())
        {
            return Refused(file, t["The file is empty."]);
        }

        var header = csv.Parser.Record ?? [];
        var (kind, nearest, missing, unknown, repeated) = ImportLayout.Recognise(header);
        if (kind is null)
        {
            var why = new List<string>();
            if (missing.Count > 0)
            {
                why.Add(t["missing columns: {0}", string.Join(", ", missing)]);
            }

            if (unknown.Count > 0)
            {
                why.Add(t["columns the layout does not have: {0}", string.Join(", ", unknown.Select(u => u.Length == 0 ? "(blank)" : u))]);
            }

            if (repeated.Count > 0)
            {
                why.Add(t["columns named twice: {0}", string.Join(", ", repeated)]);
            }

            return Refused(file, t["The first line is not the header of an import file (nearest: the {0} layout; {1}). Start from the template.", nearest.ToString().ToLowerInvariant(), string.Join("; ", why)]);
        }

        var names = header.Select(ImportLayout.Normalize).ToArray();
        var endOfLast = csv.Parser.RawRow;
        while (csv.Read())
        {
            var line = endOfLast + 1;
            endOfLast = csv.Parser.RawRow;
            var record = csv.Parser.Record ?? [];
            if (record.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (record.Length != names.Length)
            {
                // The person it names (when the key's cell is there) waits whole: a row of theirs is not read.
                var keyAt = Array.IndexOf(names, ImportLayout.PersonKey);
                var key = keyAt >= 0 && keyAt < record.Length ? record[keyAt].Trim() : null;
                rejects.Add(new ImportReject(file.Name, line, string.Empty, t["The row has {0} cells; the header has {1}. Check for a stray comma or quote mark.", record.Length, names.Length], key));
                continue;
            }

            var cells = new Dictionary<string, string>(names.Length, StringComparer.Ordinal);
            for (var i = 0; i < names.Length; i++)
            {
                cells[names[i]] = record[i].Trim();
            }

            rows.Add(new ImportRow(kind.Value, file.Name, line, cells));
        }

        if (DayFirst(rows) is { } evidence)
        {
            rows = [.. rows.Select(r => r with { DayFirstAt = evidence })];
        }

        return new Read(kind, rows, rejects, null);
    }

    /// <summary>The first date of the file written day first (its first number over 12), as "line N: date".</summary>
    private static string? DayFirst(List<ImportRow> rows)
    {
        foreach (var row in rows)
        {
            foreach (var (column, value) in row.Cells)
            {
                if (column.EndsWith("_date", StringComparison.Ordinal) && SlashDate().Match(value) is { Success: true } match
                    && int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) > 12 && int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) <= 12)
                {
                    return FormattableString.Invariant($"{row.Line}: {value}");
                }
            }
        }

        return null;
    }

    [GeneratedRegex(@"^(\d{1,2})/(\d{1,2})/\d{4}$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex SlashDate();

    private static Read Refused(ImportFile file, string why) => new(null, [], [new ImportReject(file.Name, 0, string.Empty, why)], why);
}
