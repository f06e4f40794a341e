using System.Text;
using Registry.Web.Data.Seed;

namespace Registry.IntegrationTests.Infrastructure;

/// <summary>Builds facility lists in the licensing agency's CSV layout.</summary>
public sealed class CcldFile
{
    public const string Header =
        "facility_type,facility_number,facility_name,facility_address,facility_city,facility_state,facility_zip,county_name,facility_capacity,facility_status";

    private readonly List<string> _lines = [Header];

    /// <summary>The project's copy of the real San Francisco list (1,144 sites).</summary>
    public static byte[] SanFrancisco() => File.ReadAllBytes(DatabaseInitializer.DemoEmployersFile);

    public static IReadOnlyList<string[]> SanFranciscoRows() =>
        File.ReadAllLines(DatabaseInitializer.DemoEmployersFile).Skip(1).Select(SplitSimple).ToList();

    public CcldFile Site(string licenseNumber, string name, string status = "LICENSED", string type = "DAY CARE CENTER", string address = "1 MAIN STREET", string capacity = "24")
    {
        var quotedName = name.Contains(',', StringComparison.Ordinal) ? $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : name;
        _lines.Add($"{type},{licenseNumber},{quotedName},{address},SAN FRANCISCO,CA,94110,SAN FRANCISCO,{capacity},{status}");
        return this;
    }

    public CcldFile Line(string raw)
    {
        _lines.Add(raw);
        return this;
    }

    public byte[] ToBytes() => Encoding.UTF8.GetBytes(string.Join("\n", _lines) + "\n");

    /// <summary>Splits a line of the San Francisco file (quoted fields hold commas but never quotes or line breaks).</summary>
    private static string[] SplitSimple(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return [.. fields];
    }
}
