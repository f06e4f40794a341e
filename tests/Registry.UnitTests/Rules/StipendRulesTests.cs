using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Education;
using Registry.Web.Domain.Employments;
using Registry.Web.Domain.Rules;
using static Registry.UnitTests.Rules.People;

namespace Registry.UnitTests.Rules;

/// <summary>
/// The AB 212 example plan, worked by hand: 9 months at a site on the program's list, 15 hours a
/// week, a Child Development Permit held or applied for in the last 12 months, 15 hours of
/// training or 3 ECE units completed in the last 12 months, at most $30.00 an hour.
/// </summary>
public sealed class StipendRulesTests
{
    private const string Program = "ab212-example-county";

    private static readonly IReadOnlyCollection<string> Listed = [Program];

    private static JobFact Job(int monthsAgo, decimal hoursPerDay = 8, decimal wage = 25, bool eligible = true, string site = "Sunshine Preschool") =>
        new(site, EmploymentRole.Teacher, Today.AddMonths(-monthsAgo), null, 5, hoursPerDay, false, true, wage, eligible ? Listed : null);

    private static Evidence Person(
        IEnumerable<JobFact>? jobs = null,
        bool permit = true,
        IEnumerable<PermitApplicationFact>? applications = null,
        decimal trainingHours = 16,
        IEnumerable<CourseFact>? courses = null) =>
        With(
            courses: courses,
            credentials: permit ? [Holds(CredentialType.ChildDevelopmentTeacherPermit)] : [],
            jobs: jobs ?? [Job(14)],
            training: trainingHours > 0 ? [Training(trainingHours, daysAgo: 60)] : []) with { Applications = applications?.ToList() };

    private static RuleResult Stipend(Evidence person) => Result(person, Program);

    [Fact]
    public void A_teacher_at_a_listed_site_with_everything_meets_the_plan()
    {
        var result = Stipend(Person());

        Assert.True(result.Met);
        Assert.Equal("training", result.MetBy!.Route.Id);
    }

    [Fact]
    public void At_a_site_not_on_the_list_only_the_months_at_an_eligible_site_are_missing()
    {
        var result = Stipend(Person(jobs: [Job(14, eligible: false)]));

        Assert.False(result.Met);
        var missing = Assert.Single(result.Closest.Missing);
        Assert.Equal(RequirementKind.MonthsAtSite, missing.Requirement.Kind);
        Assert.Contains("NotEligibleSite", missing.Lacking);
    }

    [Fact]
    public void Months_count_only_at_the_eligible_site_and_hours_are_read_from_that_job()
    {
        // Two years at an unlisted site, and a new 10-hour-a-week job at a listed one.
        var result = Stipend(Person(jobs: [Job(24, eligible: false, site: "Elsewhere"), Job(2, hoursPerDay: 2, site: "Listed")]));

        var route = result.Closest;
        var months = route.Requirements.Single(r => r.Requirement.Kind == RequirementKind.MonthsAtSite);
        var hours = route.Requirements.Single(r => r.Requirement.Kind == RequirementKind.HoursPerWeek);
        Assert.Equal(2, months.Have);
        Assert.False(months.Met);
        Assert.Equal(10, hours.Have);
        Assert.False(hours.Met);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(11, true)]
    [InlineData(13, false)]
    public void A_permit_applied_for_counts_for_a_year_from_the_day_it_was_made(int monthsAgo, bool counts)
    {
        var person = Person(permit: false, applications: [new PermitApplicationFact(CredentialType.ChildDevelopmentAssistantPermit, Today.AddMonths(-monthsAgo))]);

        var result = Stipend(person);

        Assert.Equal(counts, result.Met);
        var credential = result.Closest.Requirements.Single(r => r.Requirement.Kind == RequirementKind.Credential);
        Assert.Equal(counts, credential.Met);
        if (counts)
        {
            var item = Assert.Single(credential.Evidence);
            Assert.Equal(EvidenceKind.PermitApplication, item.Kind);
            Assert.False(item.Verified);
        }
    }

    [Fact]
    public void An_application_is_never_a_permit_held_for_the_permit_rules()
    {
        var person = Person(permit: false, applications: [new PermitApplicationFact(CredentialType.ChildDevelopmentTeacherPermit, Today.AddMonths(-1))]);

        var results = RuleEngine.Evaluate(California, person, Today).Results;
        var counted = results.Where(r => r.Routes.Any(o => o.Requirements.Any(q => q.Evidence.Any(e => e.Kind == EvidenceKind.PermitApplication)))).Select(r => r.Rule.Id);
        Assert.Equal([Program], counted);
    }

    [Theory]
    [InlineData(2, true)]
    [InlineData(13, false)]
    public void Coursework_completed_in_the_last_12_months_stands_for_training(int monthsAgo, bool counts)
    {
        var course = new CourseFact("ECE 10", 3, CourseCategory.ChildGrowthAndDevelopment, "A", false, Today.AddMonths(-monthsAgo));

        var result = Stipend(Person(trainingHours: 0, courses: [course]));

        Assert.Equal(counts, result.Met);
        if (counts)
        {
            Assert.Equal("coursework", result.MetBy!.Route.Id);
        }
    }

    [Fact]
    public void A_course_without_an_end_date_does_not_count_toward_the_cycle()
    {
        var course = new CourseFact("ECE 10", 3, CourseCategory.ChildGrowthAndDevelopment, "A", false);

        Assert.False(Stipend(Person(trainingHours: 0, courses: [course])).Met);
    }

    [Fact]
    public void The_eligible_site_kind_asks_only_for_a_current_job_at_a_listed_site()
    {
        var rule = new Rule
        {
            Id = "site-only", Group = RuleGroup.Stipend, Name = new("Site", "Sitio"),
            Routes = [new Route { Id = "only", Name = new("Only", "Solo"), Requirements = [new Requirement { Kind = RequirementKind.EligibleSite }] }],
        };
        var book = new RuleBook([new RuleSet { Id = "test", Jurisdiction = "Test", Version = "1", EffectiveFrom = new DateOnly(2020, 1, 1), Title = new("T", "T"), Sources = [], Rules = [rule] }]);
        JobFact At(bool listed) => new("Site", EmploymentRole.Teacher, Today.AddMonths(-1), null, 5, 8, false, false, null, listed ? ["site-only"] : ["another-program"]);

        Assert.True(RuleEngine.Evaluate(book, With(jobs: [At(true)]), Today).Find("site-only")!.Met);
        var missed = RuleEngine.Evaluate(book, With(jobs: [At(false)]), Today).Find("site-only")!;
        Assert.Equal(["NotEligibleSite"], missed.Closest.Missing.Single().Lacking);
        Assert.Equal(["NoCurrentJob"], RuleEngine.Evaluate(book, With(), Today).Find("site-only")!.Closest.Missing.Single().Lacking);
    }
}
