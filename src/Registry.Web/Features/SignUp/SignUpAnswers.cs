using Registry.Web.Domain.Accounts;
using Registry.Web.Domain.Education;
using Registry.Web.Domain.Employments;
using Registry.Web.Domain.Professionals;

namespace Registry.Web.Features.SignUp;

/// <summary>What a person has answered so far, step by step; stored as JSON in their <see cref="SignUpDraft"/>.</summary>
public sealed class SignUpAnswers
{
    public PersonalAnswers? Personal { get; set; }

    public EmployerAnswers? Employer { get; set; }

    public EmploymentAnswers? Employment { get; set; }

    public EducationAnswers? Education { get; set; }

    /// <summary>The first step not yet answered: where "continue" takes someone who comes back.</summary>
    public SignUpStep NextStep =>
        Personal is null ? SignUpStep.Personal
        : Employer is null ? SignUpStep.Employer
        : Employment is null ? SignUpStep.Employment
        : SignUpStep.Education;
}

public enum SignUpStep
{
    Personal = 1,
    Employer = 2,
    Employment = 3,
    Education = 4,
}

public sealed record PersonalAnswers(
    string FirstName,
    string? MiddleName,
    string LastName,
    string? FormerLastNames,
    DateOnly DateOfBirth,
    string? Phone,
    string Email,
    string PasswordHash);

/// <summary>A listed employer (by id), or what the person typed when theirs was not found.</summary>
public sealed record EmployerAnswers(
    int? EmployerId,
    string? EmployerName,
    string? LicenseNumber,
    string? UnlistedName,
    string? UnlistedAddress,
    string? UnlistedCity);

public sealed record EmploymentAnswers(
    EmploymentRole Role,
    string? RoleDescription,
    DateOnly StartDate,
    decimal DaysPerWeek,
    decimal HoursPerWeek,
    AgeGroups AgeGroups);

public sealed record EducationAnswers(
    EducationLevel HighestLevel,
    DegreeLevel? DegreeLevel,
    string? DegreeMajor,
    string? DegreeInstitution,
    decimal? EceUnits);
