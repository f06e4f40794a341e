using System.Globalization;
using System.Text;
using Registry.Web.Domain.Employers;

namespace Registry.Web.Data.Licensing;

/// <summary>
/// Reads the facility list of California's Community Care Licensing Division (CCLD) in its
/// public CSV layout. A file is either refused whole (empty, not text, wrong header) or read
/// into rows, each of which is accepted or rejected on its own with its line number and reason.
/// </summary>
public static class CcldFacilityFile
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "facility_type", "facility_number", "facility_name", "facility_address", "facility_city",
        "facility_state", "facility_zip", "county_name", "facility_capacity", "facility_status",
    ];

    /// <summary>Reads a whole file. Never throws for bad content: it says what is wrong instead.</summary>
    public static ReadResult Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith(Encoding.UTF8.Preamble))
        {
            bytes = bytes[Encoding.UTF8.Preamble.Length..];
        }

        if (!TryDecode(bytes, out var text))
        {
            return ReadResult.Refused("The file is not a CSV text file (it holds binary data).");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return ReadResult.Refused("The file is empty.");
        }

        var records = CsvReader.Parse(text);
        var header = records[0];
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Fields.Count; i++)
        {
            index.TryAdd(header.Fields[i].Trim(), i);
        }

        var missing = Columns.Where(c => !index.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            return ReadResult.Refused(
                $"The first line is not the licensing list's header: missing column(s) {string.Join(", ", missing)}. " +
                $"Expected: {string.Join(",", Columns)}.");
        }

        var rows = new List<RowResult>(records.Count - 1);
        foreach (var record in records.Skip(1))
        {
            if (record.Fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            rows.Add(ParseRow(record, index, header.Fields.Count));
        }

        return new ReadResult(null, rows);
    }

    /// <summary>The row rules: what makes one line of the list a site the registry can hold.</summary>
    internal static RowResult ParseRow(CsvRecord record, IReadOnlyDictionary<string, int> index, int expectedFields)
    {
        string Field(string column) =>
            index[column] < record.Fields.Count ? record.Fields[index[column]].Trim() : string.Empty;

        var rawNumber = record.Fields.Count > index["facility_number"] ? Field("facility_number") : string.Empty;
        var licenseNumber = LicenseNumber.Normalize(rawNumber);

        RowResult Reject(string reason) => RowResult.Rejected(record.LineNumber, rawNumber, licenseNumber, reason);

        if (record.Unterminated)
        {
            return Reject("a quoted field is never closed");
        }

        if (record.Fields.Count != expectedFields)
        {
            return Reject($"expected {expectedFields} fields, found {record.Fields.Count}");
        }

        if (rawNumber.Length == 0)
        {
            return Reject("missing license number");
        }

        if (licenseNumber is null)
        {
            return Reject($"malformed license number '{rawNumber}' (expected 9 digits)");
        }

        var name = Field("facility_name");
        if (name.Length == 0)
        {
            return Reject("missing facility name");
        }

        if (name.Length > Employer.MaxNameLength)
        {
            return Reject($"facility name longer than {Employer.MaxNameLength} characters");
        }

        var status = Field("facility_status");
        if (!EmployerStatuses.TryParseCcld(status, out var parsedStatus))
        {
            return Reject(status.Length == 0 ? "missing status" : $"unknown status '{status}'");
        }

        var type = Field("facility_type");
        if (!FacilityTypes.TryParseCcld(type, out var parsedType))
        {
            return Reject(type.Length == 0 ? "missing facility type" : $"unknown facility type '{type}'");
        }

        var capacityText = Field("facility_capacity");
        int? capacity = null;
        if (capacityText.Length > 0)
        {
            if (!int.TryParse(capacityText, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return Reject($"capacity '{capacityText}' is not a whole number");
            }

            capacity = value;
        }

        var state = Field("facility_state");
        if (state.Length > 2)
        {
            return Reject($"state '{state}' is not a two-letter code");
        }

        var address = Field("facility_address");
        var city = Field("facility_city");
        var zip = Field("facility_zip");
        var county = Field("county_name");
        if (address.Length > 200 || city.Length > 100 || zip.Length > 10 || county.Length > 60)
        {
            return Reject("an address field is longer than the registry holds");
        }

        var details = new EmployerDetails(
            name,
            parsedType,
            NullIfEmpty(address),
            NullIfEmpty(city),
            NullIfEmpty(state.ToUpperInvariant()),
            NullIfEmpty(zip),
            NullIfEmpty(CountyName(county)),
            capacity,
            parsedStatus);
        return RowResult.Accepted(record.LineNumber, licenseNumber, details);
    }

    /// <summary>"SAN FRANCISCO" is kept as "San Francisco": counties are a fixed list people choose from.</summary>
    internal static string CountyName(string county) =>
        CultureInfo.InvariantCulture.TextInfo.ToTitleCase(county.ToLowerInvariant());

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    /// <summary>
    /// UTF-8 first; a file that is not UTF-8 but has no control characters is read as Latin-1
    /// (spreadsheets save accented names that way). Anything else is binary.
    /// </summary>
    private static bool TryDecode(ReadOnlySpan<byte> bytes, out string text)
    {
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            text = Encoding.Latin1.GetString(bytes);
        }

        foreach (var c in text)
        {
            if (char.IsControl(c) && c is not ('\r' or '\n' or '\t'))
            {
                return false;
            }
        }

        return true;
    }

    public sealed record ReadResult(string? FileError, IReadOnlyList<RowResult> Rows)
    {
        public static ReadResult Refused(string error) => new(error, []);
    }

    /// <summary>One line of the list: a site (<see cref="Details"/>), or the reason it was rejected.</summary>
    public sealed record RowResult(int LineNumber, string RawLicenseNumber, string? LicenseNumber, EmployerDetails? Details, string? RejectionReason)
    {
        public static RowResult Accepted(int line, string licenseNumber, EmployerDetails details) =>
            new(line, licenseNumber, licenseNumber, details, null);

        public static RowResult Rejected(int line, string raw, string? licenseNumber, string reason) =>
            new(line, raw, licenseNumber, null, reason);
    }
}

/// <summary>One CSV record and the line of the file it starts on.</summary>
public sealed record CsvRecord(int LineNumber, IReadOnlyList<string> Fields, bool Unterminated);

/// <summary>An RFC 4180 reader: commas, double-quoted fields with doubled quotes, line breaks inside quotes.</summary>
public static class CsvReader
{
    public static List<CsvRecord> Parse(string text)
    {
        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var inQuotes = false;
        var i = 0;

        void EndField()
        {
            fields.Add(field.ToString());
            field.Clear();
        }

        void EndRecord(bool unterminated = false)
        {
            EndField();
            records.Add(new CsvRecord(recordLine, fields.ToArray(), unterminated));
            fields.Clear();
        }

        while (i < text.Length)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                        continue;
                    }

                    inQuotes = false;
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }

                    field.Append(c);
                }

                i++;
                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0:
                    inQuotes = true;
                    break;
                case ',':
                    EndField();
                    break;
                case '\r':
                    break;
                case '\n':
                    EndRecord();
                    line++;
                    recordLine = line;
                    break;
                default:
                    field.Append(c);
                    break;
            }

            i++;
        }

        if (inQuotes)
        {
            EndRecord(unterminated: true);
        }
        else if (field.Length > 0 || fields.Count > 0)
        {
            EndRecord();
        }

        return records;
    }
}
