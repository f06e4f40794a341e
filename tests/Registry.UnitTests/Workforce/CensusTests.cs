using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Education;
using Registry.Web.Domain.Employers;
using Registry.Web.Domain.Employments;
using Registry.Web.Domain.Professionals;
using Registry.Web.Domain.Workforce;

namespace Registry.UnitTests.Workforce;

public sealed class CensusTests
{
    private static readonly DateOnly Day = new(2026, 10, 1);

    private static CensusFacts Facts() => new(
        new DateOnly(1990, 10, 2), 2015, EducationLevel.SomeCollege, [], 12m, [], EmploymentRole.Teacher, FacilityType.DayCareCenter, "Fresno",
        21.50m, new DateOnly(2015, 3, 1), [RaceEthnicityCategory.HispanicOrLatino], false, ["Spanish", "English"], 2);

    [Fact]
    public void A_person_becomes_bands_and_categories_with_nothing_that_names_them()
    {
        var row = Census.Classify(Facts(), Day);

        Assert.Equal(EmploymentRole.Teacher, row.Role);
        Assert.Equal(CensusSetting.Center, row.Setting);
        Assert.Equal("Fresno", Census.CountyName(row.County));
        Assert.Equal((int)EducationLevel.SomeCollege, row.Education);
        Assert.Equal(UnitsBand.From12To23, row.EceUnits);
        Assert.Equal(YearsBand.From10To19, row.YearsInField);
        Assert.Equal(AgeBand.From35To44, row.Age); // born 2 October 1990: 35 on the day, 36 tomorrow
        Assert.Equal(WageBand.From18To22, row.Wage);
        Assert.Equal(Race2024.HispanicOrLatino, row.Race);
        Assert.Equal(Ethnicity1997.HispanicOrLatino, row.Ethnicity1997);
        Assert.Equal(Race1997.NotReported, row.Race1997);
        Assert.Equal((int)(LanguageGroups.Spanish | LanguageGroups.English), row.Languages);
        Assert.Equal(2, row.QualityCountsPoints);
        Assert.Equal(PermitLevel.None, row.Permit);
    }

    [Fact]
    public void Age_counts_whole_years_on_the_day()
    {
        Assert.Equal(AgeBand.From25To34, Census.Age(new DateOnly(1991, 10, 2), Day)); // 34 until tomorrow
        Assert.Equal(AgeBand.From35To44, Census.Age(new DateOnly(1991, 10, 1), Day)); // 35 today
        Assert.Equal(AgeBand.Under25, Census.Age(new DateOnly(2002, 1, 1), Day));
        Assert.Equal(AgeBand.SixtyFiveOrOlder, Census.Age(new DateOnly(1961, 10, 1), Day));
    }

    [Fact]
    public void Two_or_more_categories_are_counted_once_and_the_1997_form_follows_the_documented_mapping()
    {
        var row = Census.Classify(Facts() with { Races = [RaceEthnicityCategory.Asian, RaceEthnicityCategory.White] }, Day);
        Assert.Equal(Race2024.TwoOrMore, row.Race);
        Assert.Equal((1 << (int)RaceEthnicityCategory.Asian) | (1 << (int)RaceEthnicityCategory.White), row.RaceCategories);
        Assert.Equal(Ethnicity1997.NotHispanicOrLatino, row.Ethnicity1997);
        Assert.Equal(Race1997.TwoOrMoreRaces, row.Race1997);

        var mena = Census.Classify(Facts() with { Races = [RaceEthnicityCategory.MiddleEasternOrNorthAfrican] }, Day);
        Assert.Equal(Race2024.MiddleEasternOrNorthAfrican, mena.Race);
        Assert.Equal(Race1997.White, mena.Race1997);

        var declined = Census.Classify(Facts() with { Races = [], RaceDeclined = true }, Day);
        Assert.Equal(Race2024.NotReported, declined.Race);
        Assert.Equal(Ethnicity1997.NotReported, declined.Ethnicity1997);
    }

    [Fact]
    public void The_highest_current_permit_and_the_higher_of_reported_education_and_degrees_count()
    {
        var row = Census.Classify(Facts() with
        {
            CurrentCredentials = [CredentialType.ChildDevelopmentAssociateTeacherPermit, CredentialType.ChildDevelopmentSiteSupervisorPermit, CredentialType.PediatricCprAndFirstAid],
            Degrees = [DegreeLevel.Bachelor],
        }, Day);

        Assert.Equal(PermitLevel.SiteSupervisor, row.Permit);
        Assert.Equal((int)EducationLevel.Bachelor, row.Education);
        Assert.Equal(EducationLevel.Master, Census.HighestEducation(EducationLevel.Master, [DegreeLevel.Associate]));
        Assert.Null(Census.HighestEducation(null, []));
    }

    [Theory]
    [InlineData(null, WageBand.NotReported)]
    [InlineData("17.99", WageBand.Under18)]
    [InlineData("18", WageBand.From18To22)]
    [InlineData("29.99", WageBand.From26To30)]
    [InlineData("30", WageBand.ThirtyOrMore)]
    public void Wages_fall_in_their_band(string? wage, WageBand band) =>
        Assert.Equal(band, Census.Wage(wage is null ? null : decimal.Parse(wage, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData(0, UnitsBand.None)]
    [InlineData(11.5, UnitsBand.From1To11)]
    [InlineData(12, UnitsBand.From12To23)]
    [InlineData(24, UnitsBand.From24To39)]
    [InlineData(60, UnitsBand.SixtyOrMore)]
    public void Units_fall_in_their_band(double units, UnitsBand band) => Assert.Equal(band, Census.Units((decimal)units));

    [Fact]
    public void Settings_unknown_counties_and_years_not_given_are_kept_apart()
    {
        Assert.Equal(CensusSetting.NotYetMatched, Census.Setting(null));
        Assert.Equal(CensusSetting.SmallFamilyChildCareHome, Census.Setting(FacilityType.SmallFamilyChildCareHome));
        Assert.Equal(0, Census.CountyCode("Atlantis"));
        Assert.Equal(0, Census.CountyCode(null));
        Assert.Equal(58, Census.CountyCode("yuba"));
        Assert.Equal(YearsBand.NotReported, Census.Years(null, Day));
        Assert.Equal(YearsBand.NotReported, Census.Years(2030, Day));
        Assert.Equal(LanguageGroups.Chinese | LanguageGroups.Other, Census.Languages(["Cantonese", "Armenian"]));
    }
}
