using System.Globalization;

namespace Registry.Web.Domain;

/// <summary>
/// Where a credential or degree was earned: a U.S. state or territory as its ISO 3166-2 code
/// ("US-CA"), or another country as its ISO 3166-1 code ("MX"). Codes are stored; names are shown
/// in the reader's language (decision 0038).
/// </summary>
public static class Places
{
    public const string California = "US-CA";

    /// <summary>The states, the District of Columbia and the territories, by USPS code.</summary>
    public static readonly IReadOnlyDictionary<string, string> States = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["AL"] = "Alabama", ["AK"] = "Alaska", ["AZ"] = "Arizona", ["AR"] = "Arkansas", ["CA"] = "California", ["CO"] = "Colorado",
        ["CT"] = "Connecticut", ["DE"] = "Delaware", ["DC"] = "District of Columbia", ["FL"] = "Florida", ["GA"] = "Georgia", ["HI"] = "Hawaii",
        ["ID"] = "Idaho", ["IL"] = "Illinois", ["IN"] = "Indiana", ["IA"] = "Iowa", ["KS"] = "Kansas", ["KY"] = "Kentucky", ["LA"] = "Louisiana",
        ["ME"] = "Maine", ["MD"] = "Maryland", ["MA"] = "Massachusetts", ["MI"] = "Michigan", ["MN"] = "Minnesota", ["MS"] = "Mississippi",
        ["MO"] = "Missouri", ["MT"] = "Montana", ["NE"] = "Nebraska", ["NV"] = "Nevada", ["NH"] = "New Hampshire", ["NJ"] = "New Jersey",
        ["NM"] = "New Mexico", ["NY"] = "New York", ["NC"] = "North Carolina", ["ND"] = "North Dakota", ["OH"] = "Ohio", ["OK"] = "Oklahoma",
        ["OR"] = "Oregon", ["PA"] = "Pennsylvania", ["RI"] = "Rhode Island", ["SC"] = "South Carolina", ["SD"] = "South Dakota",
        ["TN"] = "Tennessee", ["TX"] = "Texas", ["UT"] = "Utah", ["VT"] = "Vermont", ["VA"] = "Virginia", ["WA"] = "Washington",
        ["WV"] = "West Virginia", ["WI"] = "Wisconsin", ["WY"] = "Wyoming", ["AS"] = "American Samoa", ["GU"] = "Guam",
        ["MP"] = "Northern Mariana Islands", ["PR"] = "Puerto Rico", ["VI"] = "U.S. Virgin Islands",
    };

    /// <summary>Every country the runtime knows (from its specific cultures), by ISO 3166-1 code; the United States itself is chosen by state.</summary>
    private static readonly Dictionary<string, RegionInfo> Regions = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Select(c => { try { return new RegionInfo(c.Name); } catch (ArgumentException) { return null; } })
        .Where(r => r is not null && r.TwoLetterISORegionName is { Length: 2 } code && code != "US" && code.All(char.IsAsciiLetterUpper))
        .GroupBy(r => r!.TwoLetterISORegionName, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.First()!, StringComparer.Ordinal);

    public static IReadOnlyCollection<string> Countries => Regions.Keys;

    public static bool IsKnown(string? code) =>
        code is not null && (code.StartsWith("US-", StringComparison.Ordinal) ? States.ContainsKey(code[3..]) : Regions.ContainsKey(code));

    /// <summary>The place's name in the reader's language; the code itself when it is not one we know.</summary>
    public static string Name(string code)
    {
        if (code.StartsWith("US-", StringComparison.Ordinal) && States.TryGetValue(code[3..], out var state))
        {
            return state;
        }

        return Regions.ContainsKey(code) ? CountryName(code) : code;
    }

    /// <summary>The choices a form offers: the states first, then the other countries, each by name.</summary>
    public static IReadOnlyList<(string Code, string Name)> StateChoices() =>
        States.OrderBy(s => s.Value, StringComparer.Ordinal).Select(s => ("US-" + s.Key, s.Value)).ToList();

    public static IReadOnlyList<(string Code, string Name)> CountryChoices() =>
        Countries.Select(c => (c, CountryName(c))).OrderBy(c => c.Item2, StringComparer.CurrentCulture).ToList();

    /// <summary>A country's name in the current UI language where the runtime has it.</summary>
    private static string CountryName(string code)
    {
        var region = Regions[code];
        var culture = CultureInfo.CurrentUICulture;
        return culture.TwoLetterISOLanguageName == "en" ? region.EnglishName : region.DisplayName;
    }
}
