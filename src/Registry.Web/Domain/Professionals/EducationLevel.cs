namespace Registry.Web.Domain.Professionals;

/// <summary>The highest level of education completed, as asked at sign-up.</summary>
public enum EducationLevel
{
    LessThanHighSchool = 1,
    HighSchoolOrGed = 2,
    SomeCollege = 3,
    Certificate = 4,
    Associate = 5,
    Bachelor = 6,
    Master = 7,
    Doctorate = 8,
}
