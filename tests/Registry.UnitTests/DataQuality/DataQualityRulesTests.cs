using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.DataQuality;

namespace Registry.UnitTests.DataQuality;

/// <summary>Each data quality rule with a record that passes it and one that fails it.</summary>
public sealed class DataQualityRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 1);

    /// <summary>A complete, plausible record: passes every rule.</summary>
    private static RecordFacts Good() => new(
        HasName: true, DateOfBirth: new DateOnly(1988, 5, 5), HasCounty: true, HasEducationLevel: true, AnsweredRaceEthnicity: true, PossibleDuplicate: false,
        Jobs: [("Sunshine Preschool", new DateOnly(2015, 8, 1), null, 40m, false)],
        Degrees: [("Child Development", new DateOnly(2014, 6, 1))],
        Courses: [("ECE 10", 3m, new DateOnly(2013, 12, 15))],
        Training: [("Positive Guidance", new DateOnly(2026, 3, 1), 3m)],
        Credentials: [(CredentialType.ChildDevelopmentTeacherPermit, new DateOnly(2023, 1, 1), new DateOnly(2028, 1, 1))]);

    private static IEnumerable<string> Codes(RecordFacts r, DataQualityRule rule) => DataQualityRules.Check(r, Today).Where(p => p.Rule == rule).Select(p => p.Code);

    [Fact]
    public void A_complete_plausible_record_passes_every_rule() => Assert.Empty(DataQualityRules.Check(Good(), Today));

    [Fact]
    public void Required_fields_name_what_is_missing()
    {
        var r = Good() with { HasCounty = false, AnsweredRaceEthnicity = false };

        Assert.Equal(["County", "RaceEthnicity"], Codes(r, DataQualityRule.RequiredFields));
    }

    [Theory]
    [InlineData(2015, 1, 1, true)]
    [InlineData(1920, 1, 1, true)]
    [InlineData(1990, 1, 1, false)]
    public void A_date_of_birth_must_be_14_to_100_years_ago(int year, int month, int day, bool fails) =>
        Assert.Equal(fails, Codes(Good() with { DateOfBirth = new DateOnly(year, month, day) }, DataQualityRule.PlausibleDates).Contains("DateOfBirth"));

    [Fact]
    public void Jobs_degrees_courses_and_training_before_age_14_or_in_the_future_fail()
    {
        var r = Good() with
        {
            Jobs = [("Sunshine Preschool", new DateOnly(1995, 1, 1), null, 20m, false)],
            Degrees = [("ECE", Today.AddDays(10))],
            Courses = [("ECE 10", 3m, new DateOnly(1990, 1, 1))],
            Training = [("Workshop", Today.AddDays(1), 2m)],
        };

        Assert.Equal(["JobStart", "DegreeDate", "CourseDate", "TrainingDate"], Codes(r, DataQualityRule.PlausibleDates));
    }

    [Fact]
    public void Units_over_400_and_a_training_over_100_hours_fail_and_at_the_limits_pass()
    {
        var atLimits = Good() with { Courses = Enumerable.Range(0, 100).Select(i => ($"C{i}", 6m, (DateOnly?)null)).ToList(), Training = [("Week-long institute", Today.AddDays(-5), 100m)] };
        var over = atLimits with { Courses = [.. atLimits.Courses, ("One more", 0.75m, null)], Training = [("Week-long institute", Today.AddDays(-5), 100.5m)] };

        Assert.Empty(Codes(atLimits, DataQualityRule.UnitsAndHoursInRange));
        Assert.Equal(["TotalUnits", "TrainingHours"], Codes(over, DataQualityRule.UnitsAndHoursInRange));
    }

    [Fact]
    public void A_job_ending_before_it_starts_or_over_84_hours_a_week_fails()
    {
        var r = Good() with
        {
            Jobs = [("A", new DateOnly(2020, 1, 1), new DateOnly(2019, 1, 1), 40m, false), ("B", new DateOnly(2024, 1, 1), null, 50m, false), ("C", new DateOnly(2025, 1, 1), null, 40m, false)],
        };

        Assert.Equal(["JobEndsBeforeStart", "TooManyHours"], Codes(r, DataQualityRule.EmploymentConsistent));
        Assert.Empty(Codes(Good() with { Jobs = [("B", new DateOnly(2024, 1, 1), null, 44m, false), ("C", new DateOnly(2025, 1, 1), null, 40m, false)] }, DataQualityRule.EmploymentConsistent));
    }

    [Fact]
    public void A_current_job_at_an_employer_not_matched_to_a_licensed_site_fails_a_past_one_does_not()
    {
        var r = Good() with { Jobs = [("Unlisted Now", new DateOnly(2020, 1, 1), null, 30m, true), ("Unlisted Before", new DateOnly(2010, 1, 1), new DateOnly(2012, 1, 1), 30m, true)] };

        var problem = Assert.Single(DataQualityRules.Check(r, Today), p => p.Rule == DataQualityRule.EmployerResolved);
        Assert.Equal("Unlisted Now", problem.Entry);
    }

    [Fact]
    public void An_expired_permit_fails_unless_a_newer_current_one_was_added()
    {
        (CredentialType, DateOnly, DateOnly?) expired = (CredentialType.ChildDevelopmentAssociateTeacherPermit, new DateOnly(2018, 1, 1), new DateOnly(2023, 1, 1));
        (CredentialType, DateOnly, DateOnly?) renewed = (CredentialType.ChildDevelopmentTeacherPermit, new DateOnly(2023, 1, 1), new DateOnly(2028, 1, 1));
        (CredentialType, DateOnly, DateOnly?) cpr = (CredentialType.PediatricCprAndFirstAid, new DateOnly(2020, 1, 1), new DateOnly(2022, 1, 1));

        Assert.Equal(["PermitExpired"], Codes(Good() with { Credentials = [expired, cpr] }, DataQualityRule.NoExpiredPermitAsCurrent));
        Assert.Empty(Codes(Good() with { Credentials = [expired, renewed] }, DataQualityRule.NoExpiredPermitAsCurrent));
    }

    [Fact]
    public void A_record_flagged_as_a_possible_duplicate_fails() =>
        Assert.Equal(["PossibleDuplicate"], Codes(Good() with { PossibleDuplicate = true }, DataQualityRule.NotAPossibleDuplicate));
}
