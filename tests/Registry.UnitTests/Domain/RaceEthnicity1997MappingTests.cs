using Registry.Web.Domain.Professionals;
using static Registry.Web.Domain.Professionals.RaceEthnicityCategory;

namespace Registry.UnitTests.Domain;

public sealed class RaceEthnicity1997MappingTests
{
    [Fact]
    public void Hispanic_or_Latino_becomes_the_separate_ethnicity_question()
    {
        var (ethnicity, race) = RaceEthnicity1997Mapping.Map([HispanicOrLatino, White], declined: false);

        Assert.Equal(Ethnicity1997.HispanicOrLatino, ethnicity);
        Assert.Equal(Race1997.White, race);
    }

    [Fact]
    public void Only_Hispanic_or_Latino_has_no_1997_race()
    {
        var (ethnicity, race) = RaceEthnicity1997Mapping.Map([HispanicOrLatino], declined: false);

        Assert.Equal(Ethnicity1997.HispanicOrLatino, ethnicity);
        Assert.Equal(Race1997.NotReported, race);
    }

    [Fact]
    public void Middle_Eastern_or_North_African_was_White_in_1997()
    {
        var (ethnicity, race) = RaceEthnicity1997Mapping.Map([MiddleEasternOrNorthAfrican], declined: false);

        Assert.Equal(Ethnicity1997.NotHispanicOrLatino, ethnicity);
        Assert.Equal(Race1997.White, race);
    }

    [Fact]
    public void Two_races_are_two_or_more_races_but_MENA_and_White_are_one()
    {
        Assert.Equal(Race1997.TwoOrMoreRaces, RaceEthnicity1997Mapping.Map([Asian, BlackOrAfricanAmerican], false).Race);
        Assert.Equal(Race1997.White, RaceEthnicity1997Mapping.Map([White, MiddleEasternOrNorthAfrican], false).Race);
    }

    [Fact]
    public void Prefer_not_to_say_is_not_reported_on_both_questions()
    {
        Assert.Equal((Ethnicity1997.NotReported, Race1997.NotReported), RaceEthnicity1997Mapping.Map([Asian], declined: true));
        Assert.Equal((Ethnicity1997.NotReported, Race1997.NotReported), RaceEthnicity1997Mapping.Map([], declined: false));
    }
}
