using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Registry.Web;
using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Education;
using Registry.Web.Domain.Rules;
using Registry.Web.Infrastructure.Localization;
using Registry.Web.Infrastructure.Rules;
using static Registry.UnitTests.Rules.People;

namespace Registry.UnitTests.Rules;

/// <summary>Explanations for hand-worked people, word for word, in English and Spanish.</summary>
public sealed class ExplanationTests
{
    private static QualificationText Text()
    {
        var services = new ServiceCollection().AddLogging().AddRegistryLocalization().BuildServiceProvider();
        return new QualificationText(services.GetRequiredService<IStringLocalizer<SharedResource>>(), California);
    }

    private static T InCulture<T>(string culture, Func<T> work)
    {
        var before = CultureInfo.CurrentUICulture;
        var beforeFormat = CultureInfo.CurrentCulture;
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo(culture);
        try
        {
            return work();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
            CultureInfo.CurrentCulture = beforeFormat;
        }
    }

    /// <summary>
    /// Ana: the three core courses, 15 more ECE units, the four GE courses, 6 specialization units
    /// and 1 adult supervision unit; 325 days as a teacher. Master Teacher, option 1, is short by one
    /// adult supervision unit and 25 days; the BA route needs a degree and field experience.
    /// </summary>
    private static readonly Evidence Ana = With(
        courses: [.. Core(), Course(CourseCategory.OtherEce, 15, name: "ECE electives"), .. GeneralEducation(), Course(CourseCategory.Specialization, 6, name: "Special needs"), Course(CourseCategory.AdultSupervision, 1, name: "Mentoring")],
        jobs: [Job(325)]);

    [Fact]
    public void Ana_is_told_exactly_what_the_Master_Teacher_permit_still_needs()
    {
        var result = Result(Ana, "ca-cdp-master-teacher");

        Assert.False(result.Met);
        Assert.Equal("units-and-experience", result.Closest.Route.Id);
        Assert.Equal("1 unit in adult supervision; 25 days of experience", InCulture("en", () => Text().MissingSummary(result)));
        Assert.Equal("1 unidad de supervisión de adultos; 25 días de experiencia", InCulture("es", () => Text().MissingSummary(result)));
    }

    [Fact]
    public void Ana_s_Teacher_permit_shows_what_counted_and_that_it_rests_on_self_reported_facts()
    {
        var result = Result(Ana, "ca-cdp-teacher");
        var text = Text();

        var lines = InCulture("en", () => result.MetBy!.Requirements.Select(r => $"{text.Asks(r.Requirement)}: {text.Has(r)}").ToList());

        Assert.True(result.RestsOnSelfReported);
        Assert.Equal(
            [
                "24 units in ECE/CD: you have 31",
                "A course in each of: Core: child growth and development, Core: child, family and community, Core: program and curriculum: all there",
                "16 units in general education: you have 16",
                "A course in each of: General education: English / language arts, General education: math or science, General education: social sciences, General education: humanities or fine arts: all there",
                "175 days of 3 or more hours, within 48 months: you have 325 days (11/2/2022 to 11/1/2026)",
            ],
            lines);
        Assert.Equal("Child Growth and Development (3 units) · self-reported", InCulture("en", () => text.Evidence(result.MetBy!.Requirements[0].Evidence[0])));
    }

    [Fact]
    public void Luis_with_only_a_teaching_credential_is_told_the_site_supervisor_units_he_lacks()
    {
        var luis = With(credentials: [Holds(CredentialType.MultipleSubjectTeachingCredential, verified: true)], courses: [Course(CourseCategory.ChildGrowthAndDevelopment, 3, "A")]);

        var result = Result(luis, "ca-cdp-site-supervisor");

        Assert.Equal("teaching-credential", result.Closest.Route.Id);
        Assert.Equal("9 units in ECE/CD; 3 units in supervised field experience", InCulture("en", () => Text().MissingSummary(result)));
        Assert.Equal("9 unidades de ECE/CD; 3 unidades de práctica supervisada", InCulture("es", () => Text().MissingSummary(result)));
    }

    [Fact]
    public void A_missing_core_area_and_a_missing_credential_are_named()
    {
        var result = Result(With(courses: [Course(CourseCategory.ChildGrowthAndDevelopment, 6), Course(CourseCategory.ProgramAndCurriculum, 6)], jobs: [Job(60)]), "ca-cdp-associate-teacher");

        Assert.Equal("a course in Core: child, family and community", InCulture("en", () => Text().MissingSummary(result)));
        var cda = result.Routes.Single(r => r.Route.Id == "cda");
        Assert.Equal("Child Development Associate (CDA) credential, earned in California", InCulture("en", () => Text().Missing(cda.Requirements[0])));
    }
}
