using System.Globalization;
using FluentValidation;
using Microsoft.Extensions.Localization;
using Registry.Web.Infrastructure.Localization;
using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Education;
using Registry.Web.Domain.Employments;
using Registry.Web.Domain.Professionals;
using Registry.Web.Domain.Training;
using Registry.Web.Domain.Verifications;
using Registry.Web.Infrastructure.Forms;

namespace Registry.Web.Features.PeopleImports;

/// <summary>A fact read from a row and checked, ready to add: the entity, whether staff vouch for it, and what makes two the same.</summary>
public sealed record CheckedFact(ImportRow Row, object Entity, bool Verified, string SameAs);

/// <summary>A person read from the people file and checked.</summary>
public sealed record CheckedPerson(ImportRow Row, PersonName Name, DateOnly BirthDate, string Email, string? Phone, string Language);

/// <summary>
/// Each row of an import, checked by the validators of the form that enters the same fact by hand
/// (<see cref="PersonFields"/>, <see cref="JobFields"/>, <see cref="DegreeFields"/>, <see cref="CourseFields"/>,
/// <see cref="PermitFields"/>, <see cref="TrainingFields"/>), after what only a file can get wrong:
/// formulas in cells, dates in other formats, names of kinds and yes/no values.
/// </summary>
public sealed class RowChecks(
    IStringLocalizer<SharedResource> t,
    IValidator<PersonFields.Form> people,
    IValidator<JobFields.Form> jobs,
    IValidator<DegreeFields.Form> degrees,
    IValidator<CourseFields.Form> courses,
    IValidator<PermitFields.Form> permits,
    IValidator<TrainingFields.Form> training)
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "M/d/yyyy"];

    public sealed class Problems(ImportRow row)
    {
        public List<ImportReject> List { get; } = [];

        public void Add(string column, string reason)
        {
            if (!List.Any(p => p.Column == column))
            {
                List.Add(new ImportReject(row.File, row.Line, column, reason));
            }
        }
    }

    public (CheckedPerson? Person, IReadOnlyList<ImportReject> Problems) Person(ImportRow row)
    {
        var problems = Common(row);
        var form = new PersonFields.Form
        {
            FirstName = row.Cell("first_name"),
            MiddleName = Blank(row.Cell("middle_name")),
            LastName = row.Cell("last_name"),
            FormerLastNames = Blank(row.Cell("former_last_names")),
            Phone = Blank(row.Cell("phone")),
            Email = row.Cell("email"),
            HasSavedPassword = true,
        };
        (form.BirthDay, form.BirthMonth, form.BirthYear) = Date(row, "birth_date", problems);
        var cell = row.Cell("preferred_language");
        var language = cell.Length == 0 ? Languages.English : Languages.FromName(cell);
        if (language is null)
        {
            problems.Add("preferred_language", t["Write en (English), es (Spanish) or zh-Hant (Chinese)."]);
        }

        Validate(people, form, problems, new()
        {
            ["FirstName"] = "first_name", ["MiddleName"] = "middle_name", ["LastName"] = "last_name", ["FormerLastNames"] = "former_last_names",
            ["BirthDay"] = "birth_date", ["Phone"] = "phone", ["Email"] = "email",
        });
        if (problems.List.Count > 0)
        {
            return (null, problems.List);
        }

        var birth = FormRules.ParseDate(form.BirthDay, form.BirthMonth, form.BirthYear)!.Value;
        return (new CheckedPerson(row, new PersonName(form.FirstName!, form.MiddleName, form.LastName!, form.FormerLastNames), birth, form.Email!.Trim(), form.Phone?.Trim(), language!), []);
    }

    /// <summary>A fact row checked and made into its entity; <paramref name="employers"/> finds a site's id by its normalised license number.</summary>
    public (CheckedFact? Fact, IReadOnlyList<ImportReject> Problems) Fact(ImportRow row, IReadOnlyDictionary<string, int> employers)
    {
        var problems = Common(row);
        var verified = row.Cell(ImportLayout.Verification).ToLowerInvariant().Replace('_', '-').Replace(' ', '-') switch
        {
            "" or "self-reported" or "no" => (bool?)false,
            "verified" or "yes" => true,
            _ => null,
        };
        if (verified is null)
        {
            problems.Add(ImportLayout.Verification, t["Write verified, or self-reported (or leave it blank)."]);
        }

        var (entity, same) = row.Kind switch
        {
            ImportKind.Jobs => Job(row, employers, problems),
            ImportKind.Degrees => Degree(row, problems),
            ImportKind.Courses => Course(row, problems),
            ImportKind.Permits => Permit(row, problems),
            _ => Training(row, problems),
        };
        return problems.List.Count > 0 || entity is null ? (null, problems.List) : (new CheckedFact(row, entity, verified!.Value, same), []);
    }

    private (object?, string) Job(ImportRow row, IReadOnlyDictionary<string, int> employers, Problems problems)
    {
        var form = new JobFields.Form
        {
            UnlistedName = Blank(row.Cell("employer_name")),
            UnlistedAddress = Blank(row.Cell("employer_address")),
            UnlistedCity = Blank(row.Cell("employer_city")),
            Role = Name<EmploymentRole>(row, "role", problems),
            RoleDescription = Blank(row.Cell("role_description")),
            DaysPerWeek = row.Cell("days_per_week"),
            HoursPerDay = row.Cell("hours_per_day"),
            HourlyWage = Blank(row.Cell("hourly_wage")),
            SupervisesAdults = YesNo(row, "supervises_adults", problems),
        };
        if (row.Cell("site_license_number") is { Length: > 0 } license)
        {
            if (Domain.Employers.LicenseNumber.Normalize(license) is { } number && employers.TryGetValue(number, out var employerId))
            {
                form.EmployerId = employerId;
            }
            else
            {
                problems.Add("site_license_number", t["No site with license number {0} is in the registry's list of sites.", license]);
                form.EmployerFixed = true;
            }
        }

        (form.StartDay, form.StartMonth, form.StartYear) = Date(row, "start_date", problems);
        (form.EndDay, form.EndMonth, form.EndYear) = Date(row, "end_date", problems);
        foreach (var group in row.Cell("age_groups").Split([';', ',', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Parse<AgeGroups>(group) is { } parsed && parsed != AgeGroups.None)
            {
                form.AgeGroups.Add(parsed.ToString());
            }
            else
            {
                problems.Add("age_groups", t["\"{0}\" is not one of: {1}.", group, string.Join(", ", Enum.GetNames<AgeGroups>().Where(n => n != nameof(AgeGroups.None)))]);
            }
        }

        Validate(jobs, form, problems, new()
        {
            ["UnlistedName"] = "employer_name", ["UnlistedAddress"] = "employer_address", ["UnlistedCity"] = "employer_city", ["Role"] = "role",
            ["RoleDescription"] = "role_description", ["StartDay"] = "start_date", ["EndDay"] = "end_date", ["DaysPerWeek"] = "days_per_week",
            ["HoursPerDay"] = "hours_per_day", ["AgeGroups"] = "age_groups", ["HourlyWage"] = "hourly_wage",
        });
        if (problems.List.Count > 0)
        {
            return (null, string.Empty);
        }

        var schedule = new EmploymentSchedule(FormRules.ParseDecimal(form.DaysPerWeek)!.Value, FormRules.ParseDecimal(form.HoursPerDay)!.Value);
        var job = form.EmployerId is { } id
            ? Employment.AtListedEmployer(id, form.ParsedRole!.Value, form.StartDate!.Value, schedule)
            : Employment.AtUnlistedEmployer(new UnlistedEmployer(form.UnlistedName!.Trim(), FormRules.Blank(form.UnlistedAddress), form.UnlistedCity!.Trim()), form.ParsedRole!.Value, form.StartDate!.Value, schedule);
        job.Describe(form.SupervisesAdults, form.ParsedAgeGroups, FormRules.ParseDecimal(form.HourlyWage), form.ParsedRole == EmploymentRole.Other ? form.RoleDescription : null);
        if (form.EndDate is { } end)
        {
            job.End(end);
        }

        return (job, Same(form.EmployerId?.ToString(CultureInfo.InvariantCulture) ?? form.UnlistedName, job.Role.ToString(), job.StartDate.ToString("O", CultureInfo.InvariantCulture)));
    }

    private (object?, string) Degree(ImportRow row, Problems problems)
    {
        var form = new DegreeFields.Form
        {
            Level = Name<DegreeLevel>(row, "level", problems),
            Major = row.Cell("major"),
            Institution = row.Cell("institution"),
            EarnedIn = Blank(row.Cell("earned_in")),
        };
        (form.ConferredDay, form.ConferredMonth, form.ConferredYear) = Date(row, "conferred_date", problems);
        Validate(degrees, form, problems, new() { ["Level"] = "level", ["Major"] = "major", ["Institution"] = "institution", ["EarnedIn"] = "earned_in", ["ConferredDay"] = "conferred_date" });
        return problems.List.Count > 0
            ? (null, string.Empty)
            : (new Degree(form.ParsedLevel!.Value, form.Major!.Trim(), form.Institution!.Trim(), form.ConferredOn, form.EarnedIn), Same(form.Level, form.Major, form.Institution, form.ConferredOn?.ToString("O", CultureInfo.InvariantCulture)));
    }

    private (object?, string) Course(ImportRow row, Problems problems)
    {
        var form = new CourseFields.Form
        {
            Institution = row.Cell("institution"),
            CourseNumber = Blank(row.Cell("course_number")),
            Title = row.Cell("title"),
            Units = row.Cell("units"),
            UnitType = Name<UnitType>(row, "unit_type", problems),
            Grade = Blank(row.Cell("grade")),
            Term = Blank(row.Cell("term")),
            Category = Name<CourseCategory>(row, "category", problems),
        };
        (form.CompletedDay, form.CompletedMonth, form.CompletedYear) = Date(row, "completed_date", problems);
        Validate(courses, form, problems, new()
        {
            ["Institution"] = "institution", ["CourseNumber"] = "course_number", ["Title"] = "title", ["Units"] = "units", ["UnitType"] = "unit_type",
            ["Grade"] = "grade", ["Term"] = "term", ["Category"] = "category", ["CompletedDay"] = "completed_date",
        });
        if (problems.List.Count > 0)
        {
            return (null, string.Empty);
        }

        var units = FormRules.ParseDecimal(form.Units)!.Value;
        var course = new Course(form.Institution!.Trim(), form.CourseNumber, form.Title!.Trim(), units, form.ParsedUnitType!.Value, form.Grade, form.Term, form.ParsedCategory!.Value, form.CompletedOn);
        return (course, Same(form.Institution, form.CourseNumber, form.Title, Number(units), form.UnitType, form.Term, form.CompletedOn?.ToString("O", CultureInfo.InvariantCulture)));
    }

    private (object?, string) Permit(ImportRow row, Problems problems)
    {
        var form = new PermitFields.Form
        {
            Type = Name<CredentialType>(row, "type", problems),
            Description = Blank(row.Cell("description")),
            Number = Blank(row.Cell("number")),
            IssuingBody = row.Cell("issuing_body"),
            EarnedIn = Blank(row.Cell("earned_in")),
            SchoolAgeEmphasis = YesNo(row, "school_age_emphasis", problems),
        };
        (form.IssuedDay, form.IssuedMonth, form.IssuedYear) = Date(row, "issued_date", problems);
        (form.ExpiresDay, form.ExpiresMonth, form.ExpiresYear) = Date(row, "expires_date", problems);
        Validate(permits, form, problems, new()
        {
            ["Type"] = "type", ["Description"] = "description", ["Number"] = "number", ["IssuingBody"] = "issuing_body", ["EarnedIn"] = "earned_in",
            ["IssuedDay"] = "issued_date", ["ExpiresDay"] = "expires_date",
        });
        if (problems.List.Count > 0)
        {
            return (null, string.Empty);
        }

        var credential = new Credential(form.ParsedType!.Value, form.Number, form.IssuingBody!.Trim(), form.IssuedOn!.Value, form.ExpiresOn, form.SchoolAgeEmphasis, form.EarnedIn)
        {
            Description = form.ParsedType == CredentialType.Other ? form.Description?.Trim() : null,
        };
        return (credential, Same(form.Type, form.Number, form.IssuedOn!.Value.ToString("O", CultureInfo.InvariantCulture)));
    }

    private (object?, string) Training(ImportRow row, Problems problems)
    {
        var form = new TrainingFields.Form
        {
            Title = row.Cell("title"),
            Sponsor = row.Cell("sponsor"),
            ClockHours = row.Cell("clock_hours"),
            TopicArea = Blank(row.Cell("topic_area")),
            Language = Blank(row.Cell("language")),
            DeliveryMode = row.Cell("delivery_mode") is { Length: > 0 } ? Name<DeliveryMode>(row, "delivery_mode", problems) : null,
        };
        (form.AttendedDay, form.AttendedMonth, form.AttendedYear) = Date(row, "attended_date", problems);
        Validate(training, form, problems, new()
        {
            ["Title"] = "title", ["Sponsor"] = "sponsor", ["AttendedDay"] = "attended_date", ["ClockHours"] = "clock_hours",
            ["TopicArea"] = "topic_area", ["Language"] = "language", ["DeliveryMode"] = "delivery_mode",
        });
        if (problems.List.Count > 0)
        {
            return (null, string.Empty);
        }

        var hours = FormRules.ParseDecimal(form.ClockHours)!.Value;
        var record = new TrainingRecord(form.Title!.Trim(), form.Sponsor!.Trim(), form.AttendedOn!.Value, hours, form.TopicArea, form.Language, form.ParsedDeliveryMode, TrainingTrustLevel.SelfReported);
        return (record, Same(form.Title, form.Sponsor, form.AttendedOn!.Value.ToString("O", CultureInfo.InvariantCulture), Number(hours)));
    }

    /// <summary>What makes two facts of a person the same, whatever the case of their words.</summary>
    public static string Same(params string?[] parts) => string.Join('\u001F', parts.Select(p => (p ?? string.Empty).Trim().ToUpperInvariant()));

    /// <summary>A number as compared: 3, 3.0 and 3.00 are the same units.</summary>
    private static string Number(decimal value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>The entity's own "same" key, to find a fact the profile already has.</summary>
    public static string SameAs(object entity) => entity switch
    {
        Employment j => Same(j.EmployerId?.ToString(CultureInfo.InvariantCulture) ?? j.UnlistedEmployer?.BusinessName, j.Role.ToString(), j.StartDate.ToString("O", CultureInfo.InvariantCulture)),
        Degree d => Same(d.Level.ToString(), d.Major, d.Institution, d.ConferredOn?.ToString("O", CultureInfo.InvariantCulture)),
        Course c => Same(c.Institution, c.CourseNumber, c.Title, Number(c.Units), c.UnitType.ToString(), c.Term, c.CompletedOn?.ToString("O", CultureInfo.InvariantCulture)),
        Credential p => Same(p.Type.ToString(), p.Number, p.IssuedOn.ToString("O", CultureInfo.InvariantCulture)),
        TrainingRecord r => Same(r.Title, r.Sponsor, r.AttendedOn.ToString("O", CultureInfo.InvariantCulture), Number(r.ClockHours)),
        _ => throw new ArgumentException("Not an imported kind of fact.", nameof(entity)),
    };

    /// <summary>Marks a checked fact verified by the staff member running the import.</summary>
    public static void Vouch(object entity, string byUserId, DateTimeOffset at)
    {
        var verified = Verification.Verified(byUserId, at);
        switch (entity)
        {
            case Employment j: j.RecordVerification(verified); break;
            case Degree d: d.RecordVerification(verified); break;
            case Course c: c.RecordVerification(verified); break;
            case Credential p: p.RecordVerification(verified); break;
            case TrainingRecord r: r.RecordVerification(verified); break;
        }
    }

    private Problems Common(ImportRow row)
    {
        var problems = new Problems(row);
        foreach (var (column, value) in row.Cells)
        {
            if (IsFormula(value))
            {
                problems.Add(column, t["The cell holds a formula (it starts with \"{0}\"): write the value itself.", value[0]]);
            }
        }

        return problems;
    }

    /// <summary>
    /// A cell a spreadsheet would run: it starts with = or @, or with + or - followed by anything but
    /// what a phone number or a signed number holds (digits, spaces, dots, hyphens, slashes, brackets):
    /// "+1 (415) 555-0100" and "-2.5" are values, "-1+cmd|' /C calc'!A0" is a formula.
    /// </summary>
    public static bool IsFormula(string value) =>
        value.Length > 0 && (value[0] is '=' or '@' || (value[0] is '+' or '-' && value.AsSpan(1).ContainsAnyExcept(NumberCharacters)));

    private static readonly System.Buffers.SearchValues<char> NumberCharacters = System.Buffers.SearchValues.Create("0123456789 .-/()");

    private (string?, string?, string?) Date(ImportRow row, string column, Problems problems)
    {
        var value = row.Cell(column);
        if (value.Length == 0)
        {
            return (null, null, null);
        }

        if (DateOnly.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            if (value.Contains('/', StringComparison.Ordinal) && row.DayFirstAt is { } dayFirst)
            {
                problems.Add(column, t["Other dates in this file are written day first (line {0}), so \"{1}\" could be either day: write it year first, such as 2024-03-27.", dayFirst, value]);
                return ("x", "x", "x");
            }

            return (date.Day.ToString(CultureInfo.InvariantCulture), date.Month.ToString(CultureInfo.InvariantCulture), date.Year.ToString(CultureInfo.InvariantCulture));
        }

        problems.Add(column, t["\"{0}\" is not a date the import reads: write 2024-03-27 or 3/27/2024.", value]);
        return ("x", "x", "x");
    }

    private string? Name<TEnum>(ImportRow row, string column, Problems problems)
        where TEnum : struct, Enum
    {
        var value = row.Cell(column);
        if (value.Length == 0)
        {
            return null;
        }

        if (Parse<TEnum>(value) is { } parsed)
        {
            return parsed.ToString();
        }

        problems.Add(column, t["\"{0}\" is not one of: {1}.", value, string.Join(", ", Enum.GetNames<TEnum>())]);
        return null;
    }

    private static TEnum? Parse<TEnum>(string value)
        where TEnum : struct, Enum
    {
        var squeezed = new string(value.Where(char.IsLetterOrDigit).ToArray());
        return Enum.GetNames<TEnum>().FirstOrDefault(n => string.Equals(n, squeezed, StringComparison.OrdinalIgnoreCase)) is { } name ? Enum.Parse<TEnum>(name) : null;
    }

    private bool YesNo(ImportRow row, string column, Problems problems)
    {
        switch (row.Cell(column).ToLowerInvariant())
        {
            case "" or "no" or "n" or "false" or "0":
                return false;
            case "yes" or "y" or "true" or "1":
                return true;
            default:
                problems.Add(column, t["Write yes or no."]);
                return false;
        }
    }

    private static void Validate<TForm>(IValidator<TForm> validator, TForm form, Problems problems, Dictionary<string, string> columns)
    {
        foreach (var failure in validator.Validate(form).Errors)
        {
            var column = columns.TryGetValue(failure.PropertyName.Split('[')[0], out var name) ? name : failure.PropertyName;
            problems.Add(column, failure.ErrorMessage);
        }
    }

    private static string? Blank(string value) => value.Length == 0 ? null : value;
}
