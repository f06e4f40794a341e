using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Education;
using Registry.Web.Domain.Employments;
using Registry.Web.Domain.Rules;
using static Registry.UnitTests.Rules.People;

namespace Registry.UnitTests.Rules;

/// <summary>
/// The Child Development Permit matrix (CTC leaflet CL-797; 5 CCR §§ 80105–80110), each route at
/// its boundary: exactly enough, one short, a C- excluded, quarter units converted, experience one
/// day short, an expired credential.
/// </summary>
public sealed class PermitMatrixTests
{
    public static TheoryData<string, Evidence, bool> Assistant => new()
    {
        { "6 ECE units at C", With(courses: [Course(CourseCategory.ChildGrowthAndDevelopment, 3, "C"), Course(CourseCategory.OtherEce, 3, "C")]), true },
        { "5.5 ECE units", With(courses: [Course(CourseCategory.ChildGrowthAndDevelopment, 3), Course(CourseCategory.OtherEce, 2.5m)]), false },
        { "6 units, one at C-", With(courses: [Course(CourseCategory.ChildGrowthAndDevelopment, 3), Course(CourseCategory.OtherEce, 3, "C-")]), false },
        { "9 quarter units (6 semester)", With(courses: [Quarter(CourseCategory.ChildGrowthAndDevelopment, 4.5m), Quarter(CourseCategory.OtherEce, 4.5m)]), true },
        { "6 units of general education only", With(courses: GeneralEducation()), false },
        { "a HERO program", With(credentials: [Holds(CredentialType.HeroProgram)]), true },
    };

    public static TheoryData<string, Evidence, bool> AssociateTeacher => new()
    {
        { "12 ECE with the core and 50 days", With(courses: [.. Core(), Course(CourseCategory.OtherEce, 3)], jobs: [Job(50)]), true },
        { "49 days", With(courses: [.. Core(), Course(CourseCategory.OtherEce, 3)], jobs: [Job(49)]), false },
        { "50 days of 2.5 hours", With(courses: [.. Core(), Course(CourseCategory.OtherEce, 3)], jobs: [Job(50, hours: 2.5m)]), false },
        { "50 days, but three years ago", With(courses: [.. Core(), Course(CourseCategory.OtherEce, 3)], jobs: [Job(50, end: Today.AddYears(-3))]), true },
        { "12 ECE without a core area", With(courses: [Course(CourseCategory.ChildGrowthAndDevelopment, 3), Course(CourseCategory.ProgramAndCurriculum, 3), Course(CourseCategory.OtherEce, 6)], jobs: [Job(50)]), false },
        { "11 ECE units", With(courses: [.. Core(), Course(CourseCategory.OtherEce, 2)], jobs: [Job(50)]), false },
        { "a current CDA earned in California", With(credentials: [Holds(CredentialType.ChildDevelopmentAssociateCredential, earnedIn: "US-CA")]), true },
        { "a CDA earned in Texas (the route is for one earned in California)", With(credentials: [Holds(CredentialType.ChildDevelopmentAssociateCredential, earnedIn: "US-TX")]), false },
        { "a CDA, where it was earned not recorded", With(credentials: [Holds(CredentialType.ChildDevelopmentAssociateCredential)]), false },
        { "an expired CDA earned in California", With(credentials: [Holds(CredentialType.ChildDevelopmentAssociateCredential, expired: true, earnedIn: "US-CA")]), false },
    };

    public static TheoryData<string, Evidence, bool> Teacher => new()
    {
        { "24 ECE with the core, 16 GE in four areas, 175 days", With(courses: [.. Core(), Course(CourseCategory.OtherEce, 15), .. GeneralEducation()], jobs: [Job(175)]), true },
        { "174 days", With(courses: [.. Core(), Course(CourseCategory.OtherEce, 15), .. GeneralEducation()], jobs: [Job(174)]), false },
        { "15 GE units", With(courses: [.. Core(), Course(CourseCategory.OtherEce, 15), Course(CourseCategory.EnglishLanguageArts, 3), Course(CourseCategory.MathOrScience, 4), Course(CourseCategory.SocialSciences, 4), Course(CourseCategory.HumanitiesOrFineArts, 4)], jobs: [Job(175)]), false },
        { "16 GE without humanities", With(courses: [.. Core(), Course(CourseCategory.OtherEce, 15), Course(CourseCategory.EnglishLanguageArts, 4), Course(CourseCategory.MathOrScience, 4), Course(CourseCategory.SocialSciences, 8)], jobs: [Job(175)]), false },
        { "an AA in child development with 3 units of field experience", With(degrees: [Degree(DegreeLevel.Associate, "Child Development")], courses: [Course(CourseCategory.SupervisedFieldExperience, 3)]), true },
        { "an AA in psychology (related) with field experience", With(degrees: [Degree(DegreeLevel.Associate, "Psychology")], courses: [Course(CourseCategory.SupervisedFieldExperience, 3)]), true },
        { "an AA in business with field experience", With(degrees: [Degree(DegreeLevel.Associate, "Business Administration")], courses: [Course(CourseCategory.SupervisedFieldExperience, 3)]), false },
        { "an AA in ECE without field experience", With(degrees: [Degree(DegreeLevel.Associate, "Early Childhood Education")]), false },
    };

    public static TheoryData<string, Evidence, bool> MasterTeacher => new()
    {
        { "Teacher education, 6 specialization, 2 adult supervision, 350 days", With(courses: [.. Core(), Course(CourseCategory.OtherEce, 15), .. GeneralEducation(), Course(CourseCategory.Specialization, 6), Course(CourseCategory.AdultSupervision, 2)], jobs: [Job(350)]), true },
        { "1 adult supervision unit", With(courses: [.. Core(), Course(CourseCategory.OtherEce, 15), .. GeneralEducation(), Course(CourseCategory.Specialization, 6), Course(CourseCategory.AdultSupervision, 1)], jobs: [Job(350)]), false },
        { "349 days", With(courses: [.. Core(), Course(CourseCategory.OtherEce, 15), .. GeneralEducation(), Course(CourseCategory.Specialization, 6), Course(CourseCategory.AdultSupervision, 2)], jobs: [Job(349)]), false },
        { "a BA in any field, 12 ECE, 3 field experience", With(degrees: [Degree(DegreeLevel.Bachelor, "History")], courses: [.. Core(), Course(CourseCategory.SupervisedFieldExperience, 3)]), true },
        { "a BA, 12 ECE, no field experience", With(degrees: [Degree(DegreeLevel.Bachelor, "History")], courses: [.. Core(), Course(CourseCategory.OtherEce, 3)]), false },
    };

    public static TheoryData<string, Evidence, bool> SiteSupervisor => new()
    {
        { "AA, full units, 350 days with 100 supervising adults", With(degrees: [Degree(DegreeLevel.Associate, "Liberal Arts")], courses: SiteSupervisorCourses(), jobs: [Job(250), Job(100, supervisesAdults: true, end: Today.AddYears(-1))]), true },
        { "99 days supervising adults", With(degrees: [Degree(DegreeLevel.Associate, "Liberal Arts")], courses: SiteSupervisorCourses(), jobs: [Job(251), Job(99, supervisesAdults: true, end: Today.AddYears(-1))]), false },
        { "no AA but 60 college units", With(courses: [.. SiteSupervisorCourses(), Course(CourseCategory.Other, 12)], jobs: [Job(350, supervisesAdults: true)]), true },
        { "no AA and 59 college units", With(courses: [.. SiteSupervisorCourses(), Course(CourseCategory.Other, 11)], jobs: [Job(350, supervisesAdults: true)]), false },
        { "5 administration units", With(degrees: [Degree(DegreeLevel.Associate, "Liberal Arts")], courses: SiteSupervisorCourses(administration: 5), jobs: [Job(350, supervisesAdults: true)]), false },
        { "a BA, 12 ECE and 3 field experience", With(degrees: [Degree(DegreeLevel.Bachelor, "English")], courses: [.. Core(), Course(CourseCategory.SupervisedFieldExperience, 3)]), true },
        { "an administrative services credential, 12 + 3", With(credentials: [Holds(CredentialType.AdministrativeServicesCredential)], courses: [.. Core(), Course(CourseCategory.SupervisedFieldExperience, 3)]), true },
        { "a single-subject teaching credential, 12 + 3", With(credentials: [Holds(CredentialType.SingleSubjectTeachingCredential)], courses: [.. Core(), Course(CourseCategory.SupervisedFieldExperience, 3)]), true },
        { "an expired teaching credential, 12 + 3", With(credentials: [Holds(CredentialType.MultipleSubjectTeachingCredential, expired: true)], courses: [.. Core(), Course(CourseCategory.SupervisedFieldExperience, 3)]), false },
    };

    public static TheoryData<string, Evidence, bool> ProgramDirector => new()
    {
        { "BA, units, Site Supervisor status and a year as one", With(degrees: [Degree(DegreeLevel.Bachelor, "Sociology")], courses: SiteSupervisorCourses(), jobs: [Job(350, supervisesAdults: true), YearsAs(EmploymentRole.SiteSupervisor, 1)]), true },
        { "one school year (September to June) as a Site Supervisor: a program year", With(degrees: [Degree(DegreeLevel.Bachelor, "Sociology")], courses: SiteSupervisorCourses(), jobs: [Job(350, supervisesAdults: true), Worked(EmploymentRole.SiteSupervisor, new DateOnly(2025, 9, 1), new DateOnly(2026, 6, 12))]), true },
        { "nine months exactly (1 September to 31 May)", With(degrees: [Degree(DegreeLevel.Bachelor, "Sociology")], courses: SiteSupervisorCourses(), jobs: [Job(350, supervisesAdults: true), Worked(EmploymentRole.SiteSupervisor, new DateOnly(2025, 9, 1), new DateOnly(2026, 5, 31))]), true },
        { "a day short of nine months", With(degrees: [Degree(DegreeLevel.Bachelor, "Sociology")], courses: SiteSupervisorCourses(), jobs: [Job(350, supervisesAdults: true), Worked(EmploymentRole.SiteSupervisor, new DateOnly(2025, 9, 1), new DateOnly(2026, 5, 30))]), false },
        { "half a year as a Site Supervisor", With(degrees: [Degree(DegreeLevel.Bachelor, "Sociology")], courses: SiteSupervisorCourses(), jobs: [Job(350, supervisesAdults: true), YearsAs(EmploymentRole.SiteSupervisor, 0.5m)]), false },
        { "6 administration units in one course", With(degrees: [Degree(DegreeLevel.Bachelor, "Sociology")], courses: SiteSupervisorCourses(administrationCourses: 1), jobs: [Job(350, supervisesAdults: true), YearsAs(EmploymentRole.SiteSupervisor, 1)]), false },
        { "BA, a Site Supervisor permit held, a year as one", With(degrees: [Degree(DegreeLevel.Bachelor, "Sociology")], courses: [.. Core(), Course(CourseCategory.OtherEce, 15), Course(CourseCategory.Administration, 3, name: "Admin I"), Course(CourseCategory.Administration, 3, name: "Admin II"), Course(CourseCategory.AdultSupervision, 2)], credentials: [Holds(CredentialType.ChildDevelopmentSiteSupervisorPermit)], jobs: [YearsAs(EmploymentRole.Director, 1.5m)]), true },
        { "a master's in human development", With(degrees: [Degree(DegreeLevel.Master, "Human Development")]), true },
        { "a master's in accounting", With(degrees: [Degree(DegreeLevel.Master, "Accounting")]), false },
        { "a multiple-subject credential, 12 ECE, 3 field experience, 6 administration", With(credentials: [Holds(CredentialType.MultipleSubjectTeachingCredential)], courses: [.. Core(), Course(CourseCategory.SupervisedFieldExperience, 3), Course(CourseCategory.Administration, 6)]), true },
        { "a single-subject credential on the same units", With(credentials: [Holds(CredentialType.SingleSubjectTeachingCredential)], courses: [.. Core(), Course(CourseCategory.SupervisedFieldExperience, 3), Course(CourseCategory.Administration, 6)]), false },
    };

    [Theory]
    [MemberData(nameof(Assistant))]
    public void Assistant_permit(string person, Evidence evidence, bool met) => AssertMet("ca-cdp-assistant", person, evidence, met);

    [Theory]
    [MemberData(nameof(AssociateTeacher))]
    public void Associate_teacher_permit(string person, Evidence evidence, bool met) => AssertMet("ca-cdp-associate-teacher", person, evidence, met);

    [Theory]
    [MemberData(nameof(Teacher))]
    public void Teacher_permit(string person, Evidence evidence, bool met) => AssertMet("ca-cdp-teacher", person, evidence, met);

    [Theory]
    [MemberData(nameof(MasterTeacher))]
    public void Master_teacher_permit(string person, Evidence evidence, bool met) => AssertMet("ca-cdp-master-teacher", person, evidence, met);

    [Theory]
    [MemberData(nameof(SiteSupervisor))]
    public void Site_supervisor_permit(string person, Evidence evidence, bool met) => AssertMet("ca-cdp-site-supervisor", person, evidence, met);

    [Theory]
    [MemberData(nameof(ProgramDirector))]
    public void Program_director_permit(string person, Evidence evidence, bool met) => AssertMet("ca-cdp-program-director", person, evidence, met);

    [Fact]
    public void Renewal_counts_105_hours_in_the_five_years_before_the_permit_expires()
    {
        var permit = new CredentialFact(CredentialType.ChildDevelopmentTeacherPermit, new DateOnly(2022, 7, 1), new DateOnly(2027, 6, 30), false);
        var inCycle = new TrainingFact("In cycle", new DateOnly(2023, 1, 10), 104, false);
        var before = new TrainingFact("Before the cycle", new DateOnly(2022, 6, 30), 20, false);

        var short1 = Result(With(credentials: [permit], training: [inCycle, before]), "ca-cdp-renewal");
        var enough = Result(With(credentials: [permit], training: [inCycle, before, new TrainingFact("One more", new DateOnly(2026, 10, 1), 1, false)]), "ca-cdp-renewal");
        var noPermit = Result(With(training: [inCycle]), "ca-cdp-renewal");

        Assert.False(short1.Met);
        Assert.Equal(104, short1.Closest.Requirements[0].Have);
        Assert.Equal((new DateOnly(2022, 7, 1), new DateOnly(2027, 6, 30)), (short1.Closest.Requirements[0].WindowFrom!.Value, short1.Closest.Requirements[0].WindowTo!.Value));
        Assert.True(enough.Met);
        Assert.False(noPermit.Met);
    }

    private static IEnumerable<CourseFact> SiteSupervisorCourses(decimal administration = 6, int administrationCourses = 2) =>
    [
        .. Core(), Course(CourseCategory.OtherEce, 15), .. GeneralEducation(),
        .. Enumerable.Range(1, administrationCourses).Select(i => Course(CourseCategory.Administration, administration / administrationCourses, name: $"Administration {i}")),
        Course(CourseCategory.AdultSupervision, 2),
    ];

    private static void AssertMet(string ruleId, string person, Evidence evidence, bool met)
    {
        var result = Result(evidence, ruleId);
        var missing = string.Join("; ", result.Closest.Missing.Select(m => $"{m.Requirement.Kind} {m.Have}/{m.Need}"));
        Assert.True(result.Met == met, $"{person}: expected {(met ? "met" : "not met")}, got {(result.Met ? "met by " + result.MetBy!.Route.Id : "not met (closest " + result.Closest.Route.Id + ": " + missing + ")")}");
    }
}
