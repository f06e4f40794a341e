using Registry.Web.Domain.Education;
using Registry.Web.Domain.Rules;
using static Registry.UnitTests.Rules.People;

namespace Registry.UnitTests.Rules;

/// <summary>
/// Units are added as entered and converted once, at the total (decision 0037): every boundary of
/// the Assistant (6 units) and Teacher (24 ECE units) requirements in semester units, quarter units
/// and both, and what the person is shown.
/// </summary>
public sealed class UnitArithmeticTests
{
    private static CourseFact[] Quarters(int count, decimal each, CourseCategory category = CourseCategory.OtherEce) =>
        Enumerable.Range(1, count).Select(i => Quarter(category, each, name: $"ECE {i}")).ToArray();

    public static TheoryData<string, CourseFact[], bool> SixUnits => new()
    {
        { "6 semester", [Course(CourseCategory.OtherEce, 6)], true },
        { "5.99 semester", [Course(CourseCategory.OtherEce, 5.99m)], false },
        { "9 quarter as three 3-unit courses", Quarters(3, 3), true },
        { "9 quarter as nine 1-unit courses", Quarters(9, 1), true },
        { "8.99 quarter", [Quarter(CourseCategory.OtherEce, 4), Quarter(CourseCategory.OtherEce, 4.99m)], false },
        { "9 quarter as 5 + 4", [Quarter(CourseCategory.OtherEce, 5), Quarter(CourseCategory.OtherEce, 4)], true },
        { "4 semester + 3 quarter", [Course(CourseCategory.OtherEce, 4), Quarter(CourseCategory.OtherEce, 3)], true },
        { "4 semester + 2.99 quarter", [Course(CourseCategory.OtherEce, 4), Quarter(CourseCategory.OtherEce, 2.99m)], false },
        { "5.5 semester + 0.75 quarter", [Course(CourseCategory.OtherEce, 5.5m), Quarter(CourseCategory.OtherEce, 0.75m)], true },
        { "three 1-quarter-unit courses + 4 semester", [.. Quarters(3, 1), Course(CourseCategory.OtherEce, 4)], true },
    };

    [Theory]
    [MemberData(nameof(SixUnits))]
    public void Six_units_at_the_boundary_in_either_system_and_mixed(string name, CourseFact[] courses, bool met)
    {
        var result = Result(With(courses: courses), "ca-cdp-assistant");
        Assert.True(met == result.Met, name);
    }

    public static TheoryData<string, CourseFact[], bool> TwentyFourUnits => new()
    {
        // Rounded per course, seven 5-unit courses and one 1-unit course came to 23.98 semester units.
        { "36 quarter as 5-unit courses and one of 1", [.. Quarters(7, 5), Quarter(CourseCategory.OtherEce, 1)], true },
        { "36 quarter as twelve 3-unit courses", Quarters(12, 3), true },
        { "36 quarter as thirty-six 1-unit courses", Quarters(36, 1), true },
        { "35.99 quarter", [.. Quarters(7, 5), Quarter(CourseCategory.OtherEce, 0.99m)], false },
        { "12 semester + 18 quarter", [Course(CourseCategory.OtherEce, 12), .. Quarters(6, 3)], true },
        { "12 semester + 17.99 quarter", [Course(CourseCategory.OtherEce, 12), .. Quarters(5, 3), Quarter(CourseCategory.OtherEce, 2.99m)], false },
        { "23 semester + 1.5 quarter", [Course(CourseCategory.OtherEce, 23), Quarter(CourseCategory.OtherEce, 1.5m)], true },
        { "23.99 semester", [Course(CourseCategory.OtherEce, 23.99m)], false },
        { "24 semester", [Course(CourseCategory.OtherEce, 24)], true },
    };

    [Theory]
    [MemberData(nameof(TwentyFourUnits))]
    public void Twenty_four_ECE_units_at_the_boundary_in_either_system_and_mixed(string name, CourseFact[] courses, bool met)
    {
        // Quality Counts point 2's unit route: 24 ECE units, nothing else.
        var route = Result(With(courses: courses), "qcc-lead-teacher-2").Routes.Single(r => r.Route.Id == "units");
        Assert.True(met == route.Met, name);
        Assert.True(met == route.Requirements.Single().Have >= 24m, name + ": the total shown agrees with the answer");
    }

    [Fact]
    public void The_total_shown_is_converted_once_and_the_gap_is_never_a_hundredth_that_does_not_exist()
    {
        var requirement = Result(With(courses: [.. Quarters(7, 5), Quarter(CourseCategory.OtherEce, 1)]), "qcc-lead-teacher-2")
            .Routes.Single(r => r.Route.Id == "units").Requirements.Single();
        Assert.Equal(24m, requirement.Have);
        Assert.Equal(0m, requirement.Effort);

        var short1 = Result(With(courses: Quarters(7, 5)), "qcc-lead-teacher-2").Routes.Single(r => r.Route.Id == "units").Requirements.Single();
        Assert.Equal("23.33", short1.Have.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_persons_unit_totals_add_exactly_and_convert_once()
    {
        var courses = Enumerable.Range(1, 3).Select(i => new Course("City College", $"ECE {i}", "Course", 1, UnitType.Quarter, "A", null, CourseCategory.OtherEce)).ToList();
        var totals = UnitTotals.Compute(courses);
        Assert.Equal(2m, totals.Ece);
        Assert.Equal(2m, UnitMath.SemesterTotal(courses.Select(c => (c.Units, c.UnitType))));
    }
}
