namespace Registry.Web.Domain.Professionals;

/// <summary>
/// The seven minimum categories of the federal standard for race and ethnicity as revised in
/// March 2024 (OMB Statistical Policy Directive No. 15): one combined question, select all that
/// apply. See docs/decisions/0004-race-and-ethnicity.md for the mapping to the 1997 form.
/// </summary>
public enum RaceEthnicityCategory
{
    AmericanIndianOrAlaskaNative = 1,
    Asian = 2,
    BlackOrAfricanAmerican = 3,
    HispanicOrLatino = 4,
    MiddleEasternOrNorthAfrican = 5,
    NativeHawaiianOrPacificIslander = 6,
    White = 7,
}

/// <summary>One answer to the combined race and ethnicity question, with an optional detailed group ("Mexican", "Filipino").</summary>
public sealed class ProfessionalRaceEthnicity
{
    public const int MaxDetailLength = 100;

    private ProfessionalRaceEthnicity()
    {
    }

    public ProfessionalRaceEthnicity(RaceEthnicityCategory category, string? detail)
    {
        Category = category;
        Detail = string.IsNullOrWhiteSpace(detail) ? null : detail.Trim();
    }

    public int Id { get; private set; }

    public int ProfessionalId { get; private set; }

    public RaceEthnicityCategory Category { get; private set; }

    public string? Detail { get; private set; }
}

/// <summary>The 1997 two-question form: Hispanic or Latino origin asked apart from race.</summary>
public enum Ethnicity1997
{
    NotReported = 0,
    HispanicOrLatino = 1,
    NotHispanicOrLatino = 2,
}

/// <summary>The 1997 race categories (five races), plus the two tabulation categories used in comparisons.</summary>
public enum Race1997
{
    NotReported = 0,
    AmericanIndianOrAlaskaNative = 1,
    Asian = 2,
    BlackOrAfricanAmerican = 3,
    NativeHawaiianOrOtherPacificIslander = 4,
    White = 5,
    TwoOrMoreRaces = 6,
}

/// <summary>
/// Maps answers to the 2024 combined question onto the 1997 two-question form, for comparison
/// with earlier national data. Middle Eastern or North African was part of White in 1997.
/// Someone who chose only Hispanic or Latino has no 1997 race ("not reported"), as in the
/// Census Bureau's bridging of the combined question.
/// </summary>
public static class RaceEthnicity1997Mapping
{
    public static (Ethnicity1997 Ethnicity, Race1997 Race) Map(IReadOnlyCollection<RaceEthnicityCategory> answers, bool declined)
    {
        if (declined || answers.Count == 0)
        {
            return (Ethnicity1997.NotReported, Race1997.NotReported);
        }

        var ethnicity = answers.Contains(RaceEthnicityCategory.HispanicOrLatino)
            ? Ethnicity1997.HispanicOrLatino
            : Ethnicity1997.NotHispanicOrLatino;

        var races = answers
            .Where(a => a != RaceEthnicityCategory.HispanicOrLatino)
            .Select(ToRace1997)
            .Distinct()
            .ToList();

        var race = races.Count switch
        {
            0 => Race1997.NotReported,
            1 => races[0],
            _ => Race1997.TwoOrMoreRaces,
        };

        return (ethnicity, race);
    }

    private static Race1997 ToRace1997(RaceEthnicityCategory category) => category switch
    {
        RaceEthnicityCategory.AmericanIndianOrAlaskaNative => Race1997.AmericanIndianOrAlaskaNative,
        RaceEthnicityCategory.Asian => Race1997.Asian,
        RaceEthnicityCategory.BlackOrAfricanAmerican => Race1997.BlackOrAfricanAmerican,
        RaceEthnicityCategory.NativeHawaiianOrPacificIslander => Race1997.NativeHawaiianOrOtherPacificIslander,
        RaceEthnicityCategory.White or RaceEthnicityCategory.MiddleEasternOrNorthAfrican => Race1997.White,
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Hispanic or Latino is an ethnicity in the 1997 form."),
    };
}
