namespace Registry.Web.Domain.History;

public enum HistoryValueKind
{
    Text,
    Date,
    Time,
    Number,
    YesNo,
    Enum,
    Flags,

    /// <summary>A state or country code (see <see cref="Places"/>), shown by name.</summary>
    Place,
}

/// <summary>How one recorded field is named and shown; <see cref="EnumPrefix"/> prefixes enum names to find their display text.</summary>
public sealed record HistoryField(string Label, HistoryValueKind Kind = HistoryValueKind.Text, string? EnumPrefix = null);

/// <summary>
/// The parts of a professional's record that history keeps, and how each is shown. Only what is
/// listed here is recorded, so internal columns (stamps, search keys, storage names) never
/// appear in a person's "Recent changes". Field keys are "Entity.Property" or
/// "Entity.Owned.Property", as EF Core names them.
/// </summary>
public static class HistoryFields
{
    /// <summary>Entity type name → what the person calls that kind of entry.</summary>
    public static readonly IReadOnlyDictionary<string, string> Sections = new Dictionary<string, string>
    {
        ["Professional"] = "Personal information",
        ["ProfessionalRaceEthnicity"] = "Race and ethnicity",
        ["ProfessionalLanguage"] = "Languages you speak",
        ["Employment"] = "Job",
        ["Degree"] = "Degree",
        ["Course"] = "Course",
        ["Credential"] = "Permit or credential",
        ["PermitApplication"] = "Permit applied for",
        ["TrainingRecord"] = "Training",
        ["Document"] = "Document",
    };

    private static readonly HistoryField Status = new("Status", HistoryValueKind.Enum, "Status");
    private static readonly HistoryField Reason = new("Reason");

    public static readonly IReadOnlyDictionary<string, HistoryField> Fields = new Dictionary<string, HistoryField>
    {
        ["Professional.FirstName"] = new("First name"),
        ["Professional.MiddleName"] = new("Middle name"),
        ["Professional.LastName"] = new("Last name"),
        ["Professional.FormerLastNames"] = new("Former last names"),
        ["Professional.DateOfBirth"] = new("Date of birth", HistoryValueKind.Date),
        ["Professional.Email"] = new("Personal email"),
        ["Professional.Phone"] = new("Phone number"),
        ["Professional.County"] = new("County"),
        ["Professional.PreferredLanguage"] = new("Preferred language"),
        ["Professional.FirstYearInField"] = new("First year working with children", HistoryValueKind.Number),
        ["Professional.HighestEducationLevel"] = new("Highest level of education", HistoryValueKind.Enum, "Level"),
        ["Professional.ReportedEceUnits"] = new("ECE units you reported", HistoryValueKind.Number),
        ["Professional.RaceEthnicityDeclined"] = new("Prefer not to say (race and ethnicity)", HistoryValueKind.YesNo),
        ["Professional.AllowsPublicVerification"] = new("Public verification page", HistoryValueKind.YesNo),
        ["Professional.Gender"] = new("Gender", HistoryValueKind.Enum, "Gender"),
        ["Professional.GenderSelfDescription"] = new("Gender, in your words"),
        ["Professional.MailingAddress.Line1"] = new("Mailing address"),
        ["Professional.MailingAddress.Line2"] = new("Address line 2"),
        ["Professional.MailingAddress.City"] = new("City"),
        ["Professional.MailingAddress.State"] = new("State"),
        ["Professional.MailingAddress.Zip"] = new("ZIP code"),
        ["Professional.MergedRegistryId"] = new("Record merged into this one (registry id)"),

        ["Employment.EmployerId"] = new("Employer"),
        ["Employment.UnlistedEmployer.BusinessName"] = new("Employer"),
        ["Employment.UnlistedEmployer.Address"] = new("Employer's address"),
        ["Employment.UnlistedEmployer.City"] = new("Employer's city"),
        ["Employment.Role"] = new("Role", HistoryValueKind.Enum, "Role"),
        ["Employment.RoleDescription"] = new("Role, in your words"),
        ["Employment.StartDate"] = new("Start date", HistoryValueKind.Date),
        ["Employment.EndDate"] = new("End date", HistoryValueKind.Date),
        ["Employment.Schedule.DaysPerWeek"] = new("Days a week", HistoryValueKind.Number),
        ["Employment.Schedule.HoursPerDay"] = new("Hours a day", HistoryValueKind.Number),
        ["Employment.SupervisesAdults"] = new("Supervises other adults", HistoryValueKind.YesNo),
        ["Employment.AgeGroupsServed"] = new("Age groups", HistoryValueKind.Flags, "AgeGroup"),
        ["Employment.HourlyWage"] = new("Hourly wage", HistoryValueKind.Number),
        ["Employment.ConfirmedAt"] = new("Employer's confirmation", HistoryValueKind.Time),
        ["Employment.Verification.Status"] = Status,
        ["Employment.Verification.Reason"] = Reason,

        ["Degree.Level"] = new("Degree", HistoryValueKind.Enum, "Degree"),
        ["Degree.Major"] = new("Major or field"),
        ["Degree.Institution"] = new("College or school"),
        ["Degree.ConferredOn"] = new("Date awarded", HistoryValueKind.Date),
        ["Degree.EarnedIn"] = new("Where it was earned", HistoryValueKind.Place),
        ["Degree.Verification.Status"] = Status,
        ["Degree.Verification.Reason"] = Reason,

        ["Course.Institution"] = new("College"),
        ["Course.CourseNumber"] = new("Course number"),
        ["Course.Title"] = new("Course title"),
        ["Course.Units"] = new("Units", HistoryValueKind.Number),
        ["Course.UnitType"] = new("Unit type", HistoryValueKind.Enum, "UnitType"),
        ["Course.Grade"] = new("Grade"),
        ["Course.Term"] = new("Term"),
        ["Course.Category"] = new("Counts toward", HistoryValueKind.Enum, "Category"),
        ["Course.CompletedOn"] = new("Date the course ended", HistoryValueKind.Date),
        ["Course.Verification.Status"] = Status,
        ["Course.Verification.Reason"] = Reason,

        ["Credential.Type"] = new("Permit or credential", HistoryValueKind.Enum, "Credential"),
        ["Credential.Description"] = new("Description"),
        ["Credential.SchoolAgeEmphasis"] = new("With the school-age emphasis", HistoryValueKind.YesNo),
        ["Credential.Number"] = new("Number"),
        ["Credential.IssuingBody"] = new("Issued by"),
        ["Credential.IssuedOn"] = new("Issue date", HistoryValueKind.Date),
        ["Credential.ExpiresOn"] = new("Expiry date", HistoryValueKind.Date),
        ["Credential.EarnedIn"] = new("Where it was earned", HistoryValueKind.Place),
        ["Credential.Verification.Status"] = Status,
        ["Credential.Verification.Reason"] = Reason,
        ["PermitApplication.Type"] = new("Permit applied for", HistoryValueKind.Enum, "Credential"),
        ["PermitApplication.AppliedOn"] = new("Date applied", HistoryValueKind.Date),

        ["TrainingRecord.Title"] = new("Training title"),
        ["TrainingRecord.Sponsor"] = new("Sponsor"),
        ["TrainingRecord.AttendedOn"] = new("Date attended", HistoryValueKind.Date),
        ["TrainingRecord.ClockHours"] = new("Clock hours", HistoryValueKind.Number),
        ["TrainingRecord.TopicArea"] = new("Topic area"),
        ["TrainingRecord.Language"] = new("Language"),
        ["TrainingRecord.DeliveryMode"] = new("How it was given", HistoryValueKind.Enum, "Delivery"),
        ["TrainingRecord.Verification.Status"] = Status,
        ["TrainingRecord.Verification.Reason"] = Reason,

        ["Document.Kind"] = new("Kind of document", HistoryValueKind.Enum, "DocumentKind"),
        ["Document.HiddenFromEmployers"] = new("Hidden from employers", HistoryValueKind.YesNo),
    };

    private static readonly Dictionary<string, int> FieldOrder = Fields.Keys.Select((key, index) => (key, index)).ToDictionary(f => f.key, f => f.index);

    /// <summary>Where a field comes in the list above (the order of the forms), for showing one save's changes in order.</summary>
    public static int Order(string field) => FieldOrder.GetValueOrDefault(field, int.MaxValue);
}
