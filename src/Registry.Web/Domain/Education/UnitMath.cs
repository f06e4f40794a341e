namespace Registry.Web.Domain.Education;

/// <summary>
/// Units are kept as entered (semester or quarter) and added up exactly in quarter units: a
/// semester unit is 1.5 quarter units, which a decimal holds exactly, while a quarter unit is a
/// repeating 0.666… semester units. A total is converted to semester units once, at the end, and
/// a requirement is decided on the exact quarter-unit total; decimal places are for people only
/// (see docs/decisions/0037-exact-unit-arithmetic.md).
/// </summary>
public static class UnitMath
{
    /// <summary>Quarter units in one semester unit.</summary>
    public const decimal QuarterPerSemester = 1.5m;

    public static decimal InQuarterUnits(decimal units, UnitType type) => type == UnitType.Quarter ? units : units * QuarterPerSemester;

    /// <summary>A quarter-unit total in semester units (the one conversion; round only to show it).</summary>
    public static decimal ToSemesterUnits(decimal quarterUnits) => quarterUnits / QuarterPerSemester;

    /// <summary>Whether an exact quarter-unit total reaches a requirement written in semester units.</summary>
    public static bool Reaches(decimal quarterUnits, decimal semesterUnits) => quarterUnits >= semesterUnits * QuarterPerSemester;

    /// <summary>Semester units of courses entered in either system, added exactly and converted once.</summary>
    public static decimal SemesterTotal(IEnumerable<(decimal Units, UnitType Type)> courses) =>
        ToSemesterUnits(courses.Sum(c => InQuarterUnits(c.Units, c.Type)));
}
