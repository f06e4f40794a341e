using Registry.Web.Domain.Education;
using static Registry.Web.Domain.Education.CourseCategory;

namespace Registry.UnitTests.Domain;

/// <summary>Unit totals checked against examples worked by hand.</summary>
public sealed class UnitTotalsTests
{
    private static Course Course(decimal units, CourseCategory category, string? grade = "B", UnitType type = UnitType.Semester) =>
        new("City College", null, category.ToString(), units, type, grade, "Fall 2024", category);

    [Fact]
    public void An_associate_teacher_s_twelve_core_units()
    {
        // 3 + 3 + 3 semester units in the three core areas, plus 4.5 quarter units of other ECE (= 3 semester).
        var totals = UnitTotals.Compute(
        [
            Course(3, ChildGrowthAndDevelopment), Course(3, ChildFamilyAndCommunity), Course(3, ProgramAndCurriculum),
            Course(4.5m, OtherEce, type: UnitType.Quarter),
        ]);

        Assert.Equal(12m, totals.Ece);
        Assert.Equal(9m, totals.Core);
        Assert.True(totals.HasEveryCoreArea);
        Assert.Equal(0m, totals.GeneralEducation);
        Assert.Empty(totals.NotCounted);
    }

    [Fact]
    public void Grades_below_C_and_courses_without_a_grade_do_not_count_and_say_why()
    {
        var failed = Course(3, ChildGrowthAndDevelopment, "D");
        var cMinus = Course(3, ChildFamilyAndCommunity, "C-");
        var inProgress = Course(3, ProgramAndCurriculum, "IP");
        var noGrade = Course(3, OtherEce, null);
        var passed = Course(3, ProgramAndCurriculum, "P");
        var cPlus = Course(3, ChildFamilyAndCommunity, "c+");

        var totals = UnitTotals.Compute([failed, cMinus, inProgress, noGrade, passed, cPlus]);

        Assert.Equal(6m, totals.Ece);
        Assert.False(totals.HasEveryCoreArea);
        Assert.Equal(
            [(failed, CourseExclusion.GradeBelowC), (cMinus, CourseExclusion.GradeBelowC), (inProgress, CourseExclusion.NoPassingGrade), (noGrade, CourseExclusion.NoPassingGrade)],
            totals.NotCounted);
    }

    [Fact]
    public void A_teacher_s_general_education_across_the_four_areas()
    {
        // 16 GE units: English 3, math 4 quarter (2.67 shown), social science 6, humanities 4.5 + 2 quarter (4.33 shown).
        // Rounded course by course (2.67 + 3 + 1.33) the same transcript came to 16.00 only by luck; added in
        // quarter units (10.5 quarter = 7 semester) it is exactly 16.
        var totals = UnitTotals.Compute(
        [
            Course(3, EnglishLanguageArts), Course(4, MathOrScience, type: UnitType.Quarter), Course(6, SocialSciences),
            Course(4.5m, HumanitiesOrFineArts, type: UnitType.Quarter), Course(2, HumanitiesOrFineArts, type: UnitType.Quarter),
        ]);

        Assert.Equal(2.67m, Math.Round(totals.MathOrScience, 2));
        Assert.Equal(4.33m, Math.Round(totals.HumanitiesOrFineArts, 2));
        Assert.Equal(16m, totals.GeneralEducation);
        Assert.True(totals.HasEveryGeneralEducationArea);
        Assert.Equal(0m, totals.Ece);
    }

    [Fact]
    public void Administration_supervision_and_specialization_count_as_ECE_and_on_their_own()
    {
        var totals = UnitTotals.Compute([Course(3, Administration), Course(3, Administration), Course(2, AdultSupervision), Course(6, Specialization), Course(3, InfantToddler)]);

        Assert.Equal(6m, totals.Administration);
        Assert.Equal(2m, totals.AdultSupervision);
        Assert.Equal(6m, totals.Specialization);
        Assert.Equal(3m, totals.InfantToddler);
        Assert.Equal(17m, totals.Ece);
        Assert.Equal(0m, totals.Core);
    }
}
