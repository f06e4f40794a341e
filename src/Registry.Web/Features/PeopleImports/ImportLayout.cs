namespace Registry.Web.Features.PeopleImports;

/// <summary>The kinds of file a bulk load reads: one CSV file a kind, each row naming its person by <see cref="ImportLayout.PersonKey"/>.</summary>
public enum ImportKind
{
    People = 1,
    Jobs = 2,
    Degrees = 3,
    Courses = 4,
    Permits = 5,
    Training = 6,
}

/// <summary>A column of an import file: its header, whether every row must fill it, and an example (the template's second row).</summary>
public sealed record ImportColumn(string Name, bool Required, string Example);

/// <summary>
/// The documented layout of the import files (docs/import-format.md, which also gives each column's
/// meaning and CEDS element name). Headers are matched without regard to case, spaces or underscores;
/// a file's kind is known from its header.
/// </summary>
public static class ImportLayout
{
    public const string PersonKey = "person_key";

    /// <summary>The column every fact file may have: "verified" when the importing staff member vouches the fact was checked; blank or "self-reported" otherwise.</summary>
    public const string Verification = "verification";

    public static readonly IReadOnlyDictionary<ImportKind, IReadOnlyList<ImportColumn>> Columns = new Dictionary<ImportKind, IReadOnlyList<ImportColumn>>
    {
        [ImportKind.People] =
        [
            new(PersonKey, true, "OLD-000123"),
            new("first_name", true, "Rosa"),
            new("middle_name", false, "María"),
            new("last_name", true, "Ortiz"),
            new("former_last_names", false, "Lopez"),
            new("birth_date", true, "1990-03-27"),
            new("email", true, "rosa.ortiz@example.com"),
            new("phone", false, "415 555 0123"),
            new("preferred_language", false, "es"),
        ],
        [ImportKind.Jobs] =
        [
            new(PersonKey, true, "OLD-000123"),
            new("site_license_number", false, "384001234"),
            new("employer_name", false, ""),
            new("employer_address", false, ""),
            new("employer_city", false, ""),
            new("role", true, "Teacher"),
            new("role_description", false, ""),
            new("start_date", true, "2019-08-15"),
            new("end_date", false, ""),
            new("days_per_week", true, "5"),
            new("hours_per_day", true, "8"),
            new("age_groups", true, "Preschool"),
            new("supervises_adults", false, "no"),
            new("hourly_wage", false, "21.50"),
            new(Verification, false, "verified"),
        ],
        [ImportKind.Degrees] =
        [
            new(PersonKey, true, "OLD-000123"),
            new("level", true, "Associate"),
            new("major", true, "Child Development"),
            new("institution", true, "City College of San Francisco"),
            new("conferred_date", false, "2018-05-25"),
            new("earned_in", false, "California"),
            new(Verification, false, "verified"),
        ],
        [ImportKind.Courses] =
        [
            new(PersonKey, true, "OLD-000123"),
            new("institution", true, "City College of San Francisco"),
            new("course_number", false, "CDEV 53"),
            new("title", true, "Child Growth and Development"),
            new("units", true, "3"),
            new("unit_type", true, "Semester"),
            new("grade", false, "A"),
            new("term", false, "Fall 2016"),
            new("category", true, "ChildGrowthAndDevelopment"),
            new("completed_date", false, "2016-12-16"),
            new(Verification, false, "verified"),
        ],
        [ImportKind.Permits] =
        [
            new(PersonKey, true, "OLD-000123"),
            new("type", true, "ChildDevelopmentTeacherPermit"),
            new("description", false, ""),
            new("number", false, "230012345"),
            new("issuing_body", true, "Commission on Teacher Credentialing"),
            new("issued_date", true, "2021-07-01"),
            new("expires_date", false, "2026-07-01"),
            new("school_age_emphasis", false, "no"),
            new("earned_in", false, "California"),
            new(Verification, false, "verified"),
        ],
        [ImportKind.Training] =
        [
            new(PersonKey, true, "OLD-000123"),
            new("title", true, "Supporting Dual Language Learners"),
            new("sponsor", true, "San Francisco Child Care Planning Council"),
            new("attended_date", true, "2024-02-10"),
            new("clock_hours", true, "3"),
            new("topic_area", false, "Dual language learners"),
            new("language", false, "Spanish"),
            new("delivery_mode", false, "InPerson"),
            new(Verification, false, "self-reported"),
        ],
    };

    /// <summary>A header as compared: lower case, with spaces and hyphens read as underscores.</summary>
    public static string Normalize(string header) =>
        header.Trim().Trim('\uFEFF').ToLowerInvariant().Replace(' ', '_').Replace('-', '_');

    /// <summary>The file's kind from its header, or the nearest kind with what is missing and what is unknown.</summary>
    public static (ImportKind? Kind, ImportKind Nearest, IReadOnlyList<string> Missing, IReadOnlyList<string> Unknown, IReadOnlyList<string> Repeated) Recognise(IReadOnlyList<string> header)
    {
        var names = header.Select(Normalize).ToList();
        var repeated = names.Where(n => n.Length > 0).GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        var best = Columns
            .Select(kind => (
                kind.Key,
                Missing: kind.Value.Where(c => c.Required && !names.Contains(c.Name)).Select(c => c.Name).ToList(),
                Unknown: names.Where(n => kind.Value.All(c => c.Name != n)).ToList(),
                Known: names.Count(n => kind.Value.Any(c => c.Name == n))))
            .OrderBy(k => k.Missing.Count + k.Unknown.Count)
            .ThenByDescending(k => k.Known)
            .First();
        var ok = best.Missing.Count == 0 && best.Unknown.Count == 0 && repeated.Count == 0;
        return (ok ? best.Key : null, best.Key, best.Missing, best.Unknown, repeated);
    }

    /// <summary>The template of a kind: its header and one example row.</summary>
    public static string Template(ImportKind kind) =>
        string.Join(',', Columns[kind].Select(c => c.Name)) + "\r\n" +
        string.Join(',', Columns[kind].Select(c => c.Example.Contains(',', StringComparison.Ordinal) ? "\"" + c.Example + "\"" : c.Example)) + "\r\n";
}
