using System.Globalization;
using System.Text;
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
}

/// <summary>A row or a whole file refused, with where and why, as the rejects report lists it.</summary>
public sealed record ImportReject(string File, int Line, string Column, string Reason);

/// <summary>
/// Reads an import file: its encoding (a byte-order mark; UTF-8; else Latin-1, which is what older
/// spreadsheets save), whether it is text at all, its header, and its rows, with real CSV parsing
/// (CsvHelper: quoted fields, commas and line breaks inside quotes, doubled quotes).
/// </summary>
public sealed class ImportFiles(IStringLocalizer<SharedResource> t)
{
    /// <summary>The largest file read: bigger ones are refused before a byte is parsed (split them; the layout allows any number of files).</summary>
    public const long MaxFileBytes = 1L << 30;

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
        if (Decode(bytes) is not { } text)
        {
            return Refused(file, LooksLikeWorkbook(bytes)
                ? t["This is a spreadsheet workbook, not a CSV file: save it as \"CSV UTF-8 (comma delimited)\" and upload that."]
                : t["This is not a text file: save the data as CSV and upload that."]);
        }

        return Parse(file, text);
    }

    /// <summary>The text of the bytes, or null when they are not text (NUL or other control characters).</summary>
    public static string? Decode(byte[] bytes)
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
                text = Encoding.Latin1.GetString(bytes);
            }
        }

        foreach (var c in text.AsSpan(0, Math.Min(text.Length, 64 * 1024)))
        {
            if (c < ' ' && c is not '\r' and not '\n' and not '\t')
            {
                return null;
            }
        }

        return text;
    }

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
                rejects.Add(new ImportReject(file.Name, line, string.Empty, t["The row has {0} cells; the header has {1}. Check for a stray comma or quote mark.", record.Length, names.Length]));
                continue;
            }

            var cells = new Dictionary<string, string>(names.Length, StringComparer.Ordinal);
            for (var i = 0; i < names.Length; i++)
            {
                cells[names[i]] = record[i].Trim();
            }

            rows.Add(new ImportRow(kind.Value, file.Name, line, cells));
        }

        return new Read(kind, rows, rejects, null);
    }

    private static Read Refused(ImportFile file, string why) => new(null, [], [new ImportReject(file.Name, 0, string.Empty, why)], why);
}
