using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Rules;
using static Registry.UnitTests.Rules.People;

namespace Registry.UnitTests.Rules;

/// <summary>One rating year (decision 0039): the 12 months up to the first anniversary of the site's validation date on or after the day.</summary>
public sealed class RatingYearTests
{
    public static TheoryData<string, DateOnly?, DateOnly, DateOnly, DateOnly> Years => new()
    {
        { "no validation date: the 12 months up to the day", null, new(2026, 11, 1), new(2025, 11, 2), new(2026, 11, 1) },
        { "a validation next spring: the year up to it", new DateOnly(2027, 3, 15), new(2026, 11, 1), new(2026, 3, 16), new(2027, 3, 15) },
        { "on the validation day itself: the year ending that day", new DateOnly(2026, 11, 1), new(2026, 11, 1), new(2025, 11, 2), new(2026, 11, 1) },
        { "the day after: the next year has begun", new DateOnly(2026, 10, 31), new(2026, 11, 1), new(2026, 11, 1), new(2027, 10, 31) },
        { "last year's validation date: the same year as next year's", new DateOnly(2026, 3, 15), new(2026, 11, 1), new(2026, 3, 16), new(2027, 3, 15) },
        { "a validation date years ago", new DateOnly(2019, 3, 15), new(2026, 11, 1), new(2026, 3, 16), new(2027, 3, 15) },
        { "29 February", new DateOnly(2024, 2, 29), new(2026, 11, 1), new(2026, 3, 1), new(2027, 2, 28) },
    };

    [Theory]
    [MemberData(nameof(Years))]
    public void The_year_containing_the_day(string name, DateOnly? validation, DateOnly day, DateOnly from, DateOnly to) =>
        Assert.True(RatingYear.For(validation, day) == (from, to), $"{name}: {RatingYear.For(validation, day)}");

    [Fact]
    public void The_rules_count_PD_hours_in_the_same_year_the_reminders_and_the_rater_use()
    {
        // 21 hours on 1 May 2026, with a Teacher permit: Quality Counts point 3 when the year includes that day.
        var person = With(credentials: [Holds(CredentialType.ChildDevelopmentTeacherPermit)], training: [new TrainingFact("Institute", new DateOnly(2026, 5, 1), 21, false)]);
        var nextValidation = new DateOnly(2027, 3, 15);
        var lastValidation = new DateOnly(2026, 3, 15);
        var earlierValidation = new DateOnly(2026, 5, 1);

        Assert.True(Result(person, "qcc-lead-teacher-3", new EvaluationOptions(nextValidation)).Met);
        Assert.True(Result(person, "qcc-lead-teacher-3", new EvaluationOptions(lastValidation)).Met, "the last and the next validation date name the same year");
        Assert.False(Result(person, "qcc-lead-teacher-3", new EvaluationOptions(earlierValidation)).Met, "training on a validation day belongs to the year that ends that day");
        var pd = Result(person, "qcc-lead-teacher-3", new EvaluationOptions(earlierValidation)).Routes.Single(r => r.Route.Id == "permit").Requirements.Single(r => r.Requirement.Kind == RequirementKind.ProfessionalDevelopment);
        Assert.Equal((new DateOnly(2026, 5, 2), new DateOnly(2027, 5, 1)), (pd.WindowFrom!.Value, pd.WindowTo!.Value));
    }
}
