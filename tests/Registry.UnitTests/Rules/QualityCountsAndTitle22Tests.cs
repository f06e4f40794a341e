using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Education;
using Registry.Web.Domain.Employments;
using Registry.Web.Domain.Professionals;
using Registry.Web.Domain.Rules;
using static Registry.UnitTests.Rules.People;

namespace Registry.UnitTests.Rules;

/// <summary>Quality Counts lead teacher / family child care points 1 to 5, and Title 22's center teacher, infant teacher and director.</summary>
public sealed class QualityCountsAndTitle22Tests
{
    public static TheoryData<string, Evidence, int> LeadTeacherPoints => new()
    {
        { "nothing yet", With(), 0 },
        { "Title 22 teacher only", With(courses: [.. Core(), Course(CourseCategory.OtherEce, 3)], jobs: [Job(50)]), 1 },
        { "24 ECE units", With(courses: [.. Core(), Course(CourseCategory.OtherEce, 15)], jobs: [Job(50)]), 2 },
        { "an Associate Teacher permit", With(credentials: [Holds(CredentialType.ChildDevelopmentAssociateTeacherPermit)]), 2 },
        { "24 ECE + 16 GE, 21 hours", With(courses: [.. Core(), Course(CourseCategory.OtherEce, 15), .. GeneralEducation()], jobs: [Job(50)], training: [Training(21)]), 3 },
        { "24 ECE + 16 GE, 20.5 hours", With(courses: [.. Core(), Course(CourseCategory.OtherEce, 15), .. GeneralEducation()], jobs: [Job(50)], training: [Training(20.5m)]), 2 },
        { "24 ECE + 16 GE, 21 hours but 13 months ago", With(courses: [.. Core(), Course(CourseCategory.OtherEce, 15), .. GeneralEducation()], jobs: [Job(50)], training: [Training(21, daysAgo: 400)]), 2 },
        { "a Teacher permit, 21 hours", With(credentials: [Holds(CredentialType.ChildDevelopmentTeacherPermit)], training: [Training(21)]), 3 },
        { "an expired Teacher permit, 21 hours", With(credentials: [Holds(CredentialType.ChildDevelopmentTeacherPermit, expired: true)], training: [Training(21)]), 0 },
        { "an AA in ECE, 21 hours", With(degrees: [Degree(DegreeLevel.Associate, "Early Childhood Education")], training: [Training(21)]), 4 },
        { "an AA in ECE, no hours", With(degrees: [Degree(DegreeLevel.Associate, "Early Childhood Education")]), 0 },
        { "an AA in business + 24 ECE, 21 hours", With(degrees: [Degree(DegreeLevel.Associate, "Business")], courses: [.. Core(), Course(CourseCategory.OtherEce, 15)], training: [Training(21)]), 4 },
        { "a Site Supervisor permit, 21 hours", With(credentials: [Holds(CredentialType.ChildDevelopmentSiteSupervisorPermit)], training: [Training(21)]), 4 },
        { "a BA in child development, 21 hours", With(degrees: [Degree(DegreeLevel.Bachelor, "Child Development")], training: [Training(21)]), 5 },
        { "a BA in history + 24 ECE, 21 hours", With(degrees: [Degree(DegreeLevel.Bachelor, "History")], courses: [.. Core(), Course(CourseCategory.OtherEce, 15)], training: [Training(21)]), 5 },
        { "a master's in ECE, 21 hours", With(degrees: [Degree(DegreeLevel.Master, "Early Childhood Education")], training: [Training(21)]), 5 },
        { "a Program Director permit, 21 hours", With(credentials: [Holds(CredentialType.ChildDevelopmentProgramDirectorPermit)], training: [Training(21)]), 5 },
        { "a Program Director permit, no hours", With(credentials: [Holds(CredentialType.ChildDevelopmentProgramDirectorPermit)]), 2 },
    };

    [Theory]
    [MemberData(nameof(LeadTeacherPoints))]
    public void Lead_teacher_points(string person, Evidence evidence, int points) =>
        Assert.True(Points(evidence, "qcc-lead-teacher") == points, $"{person}: expected {points}, got {Points(evidence, "qcc-lead-teacher")}");

    [Fact]
    public void Family_child_care_earns_point_2_with_12_ECE_units_and_point_1_with_current_CPR_and_first_aid()
    {
        Assert.Equal(2, Points(With(courses: [.. Core(), Course(CourseCategory.OtherEce, 3)]), "qcc-family-child-care"));
        Assert.Equal(1, Points(With(credentials: [Holds(CredentialType.PediatricCprAndFirstAid)]), "qcc-family-child-care"));
        Assert.Equal(0, Points(With(credentials: [Holds(CredentialType.PediatricCprAndFirstAid, expired: true)]), "qcc-family-child-care"));
        Assert.Equal(0, Points(With(courses: [.. Core(), Course(CourseCategory.OtherEce, 3)]), "qcc-lead-teacher"));
    }

    [Fact]
    public void The_PD_year_runs_from_the_site_s_rating_validation_date_when_it_is_known()
    {
        var evidence = With(credentials: [Holds(CredentialType.ChildDevelopmentTeacherPermit)], training: [new TrainingFact("Before validation", new DateOnly(2026, 2, 1), 21, false)]);

        Assert.True(Result(evidence, "qcc-lead-teacher-3").Met);
        var fromValidation = Result(evidence, "qcc-lead-teacher-3", new EvaluationOptions(ValidationDate: new DateOnly(2026, 3, 15)));
        Assert.False(fromValidation.Met);
        var hours = fromValidation.Closest.Requirements.Single(r => r.Requirement.Kind == RequirementKind.ProfessionalDevelopment);
        Assert.Equal((new DateOnly(2026, 3, 16), new DateOnly(2027, 3, 15), 0m), (hours.WindowFrom!.Value, hours.WindowTo!.Value, hours.Have));
        var outside = Assert.Single(hours.NotCounted);
        Assert.Equal((NearMissReason.OutsideWindow, "Before validation"), (outside.Reason, outside.Fact.Text));
    }

    public static TheoryData<string, Evidence, bool> Title22Teacher => new()
    {
        { "12 core ECE units and 50 days in 6 months", With(courses: [.. Core(), Course(CourseCategory.OtherEce, 3)], jobs: [Job(50)]), true },
        { "12 units, 50 days over 8 months", With(courses: [.. Core(), Course(CourseCategory.OtherEce, 3)], jobs: [new JobFact("Sunshine", EmploymentRole.Teacher, Today.AddMonths(-8), null, 1.5m, 4, false, false)]), false },
        { "12 units without the core", With(courses: [Course(CourseCategory.OtherEce, 12)], jobs: [Job(50)]), false },
        { "a current CDA", With(credentials: [Holds(CredentialType.ChildDevelopmentAssociateCredential)]), true },
        { "a Teacher permit", With(credentials: [Holds(CredentialType.ChildDevelopmentTeacherPermit)]), true },
        { "an Assistant permit", With(credentials: [Holds(CredentialType.ChildDevelopmentAssistantPermit)]), false },
    };

    [Theory]
    [MemberData(nameof(Title22Teacher))]
    public void Title_22_teacher(string person, Evidence evidence, bool met) =>
        Assert.True(Result(evidence, "ca-t22-teacher").Met == met, person);

    [Fact]
    public void Title_22_infant_teacher_is_a_qualified_teacher_with_3_infant_units_and_6_units_allow_hiring_while_completing()
    {
        var teacher = With(courses: [.. Core(), Course(CourseCategory.InfantToddler, 3)], jobs: [Job(50)]);
        var twoUnitsShort = With(courses: [.. Core(), Course(CourseCategory.InfantToddler, 2), Course(CourseCategory.OtherEce, 1)], jobs: [Job(50)]);

        Assert.True(Result(teacher, "ca-t22-infant-teacher").Met);
        Assert.False(Result(twoUnitsShort, "ca-t22-infant-teacher").Met);
        Assert.True(Result(With(courses: [Course(CourseCategory.ChildGrowthAndDevelopment, 3), Course(CourseCategory.OtherEce, 3)]), "ca-t22-teacher-while-completing-units").Met);
        Assert.False(Result(With(courses: [Course(CourseCategory.ChildGrowthAndDevelopment, 3), Course(CourseCategory.OtherEce, 2.5m)]), "ca-t22-teacher-while-completing-units").Met);
    }

    public static TheoryData<string, Evidence, bool> Title22Director => new()
    {
        { "high school, 12 core, 3 administration, 4 years teaching", With(reported: EducationLevel.HighSchoolOrGed, courses: [.. Core(), Course(CourseCategory.OtherEce, 3), Course(CourseCategory.Administration, 3)], jobs: [YearsAs(EmploymentRole.Teacher, 4)]), true },
        { "the same with 3.9 years", With(reported: EducationLevel.HighSchoolOrGed, courses: [.. Core(), Course(CourseCategory.OtherEce, 3), Course(CourseCategory.Administration, 3)], jobs: [YearsAs(EmploymentRole.Teacher, 3.9m)]), false },
        { "4 years as an assistant", With(reported: EducationLevel.HighSchoolOrGed, courses: [.. Core(), Course(CourseCategory.OtherEce, 3), Course(CourseCategory.Administration, 3)], jobs: [YearsAs(EmploymentRole.Assistant, 4)]), false },
        { "high school, 12 ECE of which the 3 administration (only 9 besides)", With(reported: EducationLevel.HighSchoolOrGed, courses: [.. Core(), Course(CourseCategory.Administration, 3)], jobs: [YearsAs(EmploymentRole.Teacher, 4)]), false },
        { "an AA in child development, 3 administration, 2 years: the degree stands for the ECE units", With(degrees: [Degree(DegreeLevel.Associate, "Child Development")], courses: [Course(CourseCategory.Administration, 3)], jobs: [YearsAs(EmploymentRole.LeadTeacher, 2)]), true },
        { "an AA in general studies with 12 ECE, 3 administration, 2 years (the AA must be in ECE/CD)", With(degrees: [Degree(DegreeLevel.Associate, "General Studies")], courses: [.. Core(), Course(CourseCategory.OtherEce, 3), Course(CourseCategory.Administration, 3)], jobs: [YearsAs(EmploymentRole.LeadTeacher, 2)]), false },
        { "an AA in ECE, 3 administration, 1.9 years", With(degrees: [Degree(DegreeLevel.Associate, "Early Childhood Education")], courses: [Course(CourseCategory.Administration, 3)], jobs: [YearsAs(EmploymentRole.LeadTeacher, 1.9m)]), false },
        { "a BA in early childhood education, 3 administration, 1 year", With(degrees: [Degree(DegreeLevel.Bachelor, "Early Childhood Education")], courses: [Course(CourseCategory.Administration, 3)], jobs: [YearsAs(EmploymentRole.Teacher, 1)]), true },
        { "a BA in art, 12 ECE, 3 administration, 1 year", With(degrees: [Degree(DegreeLevel.Bachelor, "Art")], courses: [.. Core(), Course(CourseCategory.OtherEce, 3), Course(CourseCategory.Administration, 3)], jobs: [YearsAs(EmploymentRole.Teacher, 1)]), false },
        { "a BA in child development, 2 administration, 1 year", With(degrees: [Degree(DegreeLevel.Bachelor, "Child Development")], courses: [Course(CourseCategory.Administration, 2)], jobs: [YearsAs(EmploymentRole.Teacher, 1)]), false },
        { "a Site Supervisor permit", With(credentials: [Holds(CredentialType.ChildDevelopmentSiteSupervisorPermit)]), true },
    };

    [Theory]
    [MemberData(nameof(Title22Director))]
    public void Title_22_director(string person, Evidence evidence, bool met) =>
        Assert.True(Result(evidence, "ca-t22-director").Met == met, person);

    [Fact]
    public void A_result_resting_on_self_reported_facts_says_so_and_verified_facts_make_it_firm()
    {
        var selfReported = Result(With(courses: [.. Core(), Course(CourseCategory.OtherEce, 3)]), "ca-cdp-assistant");
        var verified = Result(With(courses: [.. Core(verified: true), Course(CourseCategory.OtherEce, 3)]), "ca-cdp-assistant");

        Assert.True(selfReported.Met && selfReported.RestsOnSelfReported);
        Assert.True(verified.Met && !verified.RestsOnSelfReported);
    }

    private static int Points(Evidence evidence, string track) =>
        RuleEngine.Evaluate(California, evidence, Today).Results.Where(r => r.Rule.Track == track && r.Met).Select(r => r.Rule.Level).DefaultIfEmpty(0).Max();
}
