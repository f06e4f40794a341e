using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Registry.UnitTests.Features;

/// <summary>Every text the site shows through the localizer has a Spanish and a Chinese (Traditional) translation.</summary>
public sealed partial class TranslationTests
{
    /// <summary>The problem codes the data quality rules give (DataQualityRules.Check), each shown to staff by name.</summary>
    private static readonly string[] DataQualityCodes =
        ["Name", "County", "EducationLevel", "RaceEthnicity", "DateOfBirth", "JobStart", "DegreeDate", "CourseDate", "TrainingDate", "TotalUnits", "TrainingHours", "JobEndsBeforeStart", "TooManyHours", "EmployerNotMatched", "PermitExpired", "PossibleDuplicate"];

    /// <summary>The kinds of fact "Bring my record" reads, and the notes it may give about a file.</summary>
    private static readonly string[] ImportKinds = ["course", "degree", "permit", "training"];

    private static readonly string[] ImportNotes = ["signature", "revoked", "untrusted", "record", "someone-else"];

    /// <summary>The translation files: one a language, each checked alike.</summary>
    private static readonly string[] Files = ["SharedResource.es.resx", "SharedResource.zh-Hant.resx"];

    public static readonly TheoryData<string> TranslationFiles = new(Files);

    [Fact]
    public void Every_language_of_the_site_has_its_translation_file()
    {
        var files = Registry.Web.Infrastructure.Localization.Languages.All.Skip(1).Select(l => $"SharedResource.{l.Code}.resx");

        Assert.Equal(files.Order(), Files.Order());
    }

    [Theory]
    [MemberData(nameof(TranslationFiles))]
    public void Every_localized_text_has_a_translation(string file)
    {
        var web = Path.Combine(RepositoryRoot(), "src", "Registry.Web");
        var spanish = XDocument.Load(Path.Combine(web, "Resources", file))
            .Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value"));

        var used = Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => LocalizedText().Matches(File.ReadAllText(f)).Select(m => Regex.Unescape(m.Groups["text"].Value)))
            .ToHashSet();

        Assert.NotEmpty(used);
        var missing = used.Where(text => !spanish.TryGetValue(text, out var value) || string.IsNullOrWhiteSpace(value)).Order().ToList();
        Assert.True(missing.Count == 0, $"No translation in {file} for: " + string.Join(" | ", missing));
    }

    [Fact]
    public void Every_listed_value_has_an_English_and_a_Spanish_name()
    {
        var resources = Path.Combine(RepositoryRoot(), "src", "Registry.Web", "Resources");
        var names = Enum.GetNames<Registry.Web.Domain.Employers.FacilityType>()
            .Concat(Enum.GetNames<Registry.Web.Domain.Employers.EmployerStatus>())
            .Concat(Enum.GetNames<Registry.Web.Domain.Employments.EmploymentRole>().Select(n => "Role" + n))
            .Concat(Enum.GetNames<Registry.Web.Domain.Employments.AgeGroups>().Where(n => n != "None").Select(n => "AgeGroup" + n))
            .Concat(Enum.GetNames<Registry.Web.Domain.Professionals.EducationLevel>().Select(n => "Level" + n))
            .Concat(Enum.GetNames<Registry.Web.Domain.Education.DegreeLevel>().Where(n => n is not ("HighSchoolDiploma" or "Certificate")).Select(n => "Degree" + n))
            .Concat(Enum.GetNames<Registry.Web.Domain.Verifications.VerificationStatus>().Select(n => "Status" + n))
            .Concat(Enum.GetNames<Registry.Web.Domain.Education.UnitType>().Select(n => "UnitType" + n))
            .Concat(Enum.GetNames<Registry.Web.Domain.Credentials.CredentialType>().Select(n => "Credential" + n))
            .Concat(Enum.GetNames<Registry.Web.Domain.Training.DeliveryMode>().Select(n => "Delivery" + n))
            .Concat(Enum.GetNames<Registry.Web.Domain.Professionals.RaceEthnicityCategory>().Select(n => "Race" + n))
            .Concat(Enum.GetNames<Registry.Web.Domain.Professionals.Gender>().Select(n => "Gender" + n))
            .Concat(Enum.GetNames<Registry.Web.Domain.Documents.DocumentKind>().Select(n => "DocumentKind" + n))
            .Concat(Enum.GetNames<Registry.Web.Domain.Education.CourseCategory>().Select(n => "Category" + n))
            .Concat(Enum.GetNames<Registry.Web.Domain.Education.CourseExclusion>().Select(n => "Not counted: " + n))
            .Concat(Enum.GetNames<Registry.Web.Domain.Access.AccessRole>().Select(n => "AccessRole" + n))
            .Concat(Enum.GetNames<Registry.Web.Domain.Accounts.SignInMethod>().Select(n => "SignInMethod" + n))
            .Concat(Enum.GetNames<Registry.Web.Domain.Documents.ProvableEntry>().Select(n => "ProvableEntry" + n))
            .Concat(Enum.GetNames<Registry.Web.Domain.Access.AccessRequestStatus>().Select(n => "AccessRequest" + n))
            .Concat(Enum.GetNames<Registry.Web.Domain.Calendar.TrainingTopic>().Select(n => "Topic" + n))
            .Concat(Enum.GetNames<Registry.Web.Domain.Calendar.TrainingAudience>().Select(n => "Audience" + n))
            .Concat(Enum.GetNames<Registry.Web.Domain.Calendar.SponsorRole>().Select(n => "SponsorRole" + n))
            .Concat(Enum.GetNames<Registry.Web.Domain.Calendar.SponsorStatus>().Select(n => "SponsorStatus" + n))
            .Concat(Registry.Web.Domain.Calendar.TrainingLanguages.All.Select(l => "Language-" + l))
            .Concat(Registry.Web.Features.Workforce.Dimensions.All.Append(Registry.Web.Features.Workforce.Dimension.None).Select(d => "Dimension" + d))
            .Concat(Registry.Web.Features.Workforce.Dimensions.All.Where(d => d != Registry.Web.Features.Workforce.Dimension.County)
                .SelectMany(d => Registry.Web.Features.Workforce.Dimensions.Keys(d).Select(k => Registry.Web.Features.Workforce.Dimensions.LabelKey(d, k))))
            .Concat(["County not known"])
            .Concat(Enum.GetNames<Registry.Web.Features.Workforce.MapMeasure>().Select(n => "Measure" + n))
            .Concat(["ScheduleQuarterly", "ScheduleMonthly", "ScheduleOff"])
            .Concat(Enum.GetNames<Registry.Web.Domain.DataQuality.DataQualityRule>().Select(n => "DataQualityRule" + n))
            .Concat(DataQualityCodes.Select(c => "DataQualityCode" + c))
            .Concat(Enum.GetNames<Registry.Web.Domain.Messages.MessageKind>().Select(n => "MessageKind" + n))
            .Concat(Enum.GetNames<Registry.Web.Domain.Messages.AnnouncementStatus>().Select(n => "AnnouncementStatus" + n))
            .Concat(["AccessViewerSiteDirector", "AccessViewerRater", "AccessViewerRegistryStaff", "AccessWhat roster", "AccessWhat roster export", "AccessWhat rating view", "AccessWhat rating export", "AccessWhat review", "AccessWhat stipend review", "AccessWhat stipend export", "AccessViewerStipendAdministrator", "AccessWhat employer matching", "AccessWhat duplicate comparison",
                "AccessWhat staff list", "AccessWhat data quality list", "AccessWhat attendance sheet", "AccessWhat training registration list", "AccessWhat access request proof", "AccessViewerTrainingSponsor", "AccessWhat changed facts", "AccessWhat name changes", "AccessWhat name change proof", "AccessWhat attendance review", "AccessViewerVerifier", "AccessWhat credential"])
            .Concat(Enum.GetNames<Registry.Web.Features.SignedCredentials.MyCredentials.Standing>().Select(n => "CredentialStanding" + n))
            .Concat(Enum.GetNames<Registry.Web.Features.BringMyRecord.BroughtRecord.Standing>().Select(n => "ImportStanding" + n))
            .Concat(ImportKinds.Select(k => "ImportKind" + k))
            .Concat(ImportNotes.Select(k => "ImportNote" + k))
            .Concat(Enum.GetNames<Registry.Web.Domain.Accounts.SecurityEventKind>().Select(n => "SecurityEvent" + n))
            .Concat(Enum.GetNames<Registry.Web.Features.PeopleImports.ImportKind>().Select(n => "Import kind " + n))
            .Concat(Enum.GetNames<Registry.Web.Domain.BulkLoads.PeopleImportStatus>().Select(n => "Import status " + n))
            .ToList();

        foreach (var file in new[] { "SharedResource.resx", "SharedResource.es.resx", "SharedResource.zh-Hant.resx" })
        {
            var keys = XDocument.Load(Path.Combine(resources, file)).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet();
            Assert.All(names, name => Assert.Contains(name, keys));
        }
    }

    /// <summary>
    /// Texts a Spanish reader would see, whose words are words in both languages or a name:
    /// the only Spanish values allowed to equal their English.
    /// </summary>
    private static readonly HashSet<string> SameInBothLanguages = new(StringComparer.Ordinal) { "California", "Error:", "Instructor", "No", "Total" };

    /// <summary>English copied into a translation file (a value equal to its English text) reads as untranslated: flagged unless allowed.</summary>
    [Theory]
    [MemberData(nameof(TranslationFiles))]
    public void No_translated_text_is_the_English_text_copied(string file)
    {
        var resources = Path.Combine(RepositoryRoot(), "src", "Registry.Web", "Resources");
        static Dictionary<string, string> Read(string path) => XDocument.Load(path).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => ((string?)d.Element("value") ?? string.Empty).Trim(), StringComparer.Ordinal);
        var english = Read(Path.Combine(resources, "SharedResource.resx"));
        var spanish = Read(Path.Combine(resources, file));

        // A key's English is its value in SharedResource.resx when it has one, else the key itself.
        var copied = spanish.Where(s => s.Value.Length > 0 && s.Value == (english.TryGetValue(s.Key, out var en) ? en : s.Key) && !SameInBothLanguages.Contains(s.Value))
            .Select(s => s.Key).Order(StringComparer.Ordinal).ToList();

        Assert.True(copied.Count == 0, $"In {file}, equal to the English: " + string.Join(" | ", copied));
    }

    /// <summary>Resource names that differ only in case collide when compiled: one of them silently shows untranslated.</summary>
    [Theory]
    [InlineData("SharedResource.resx")]
    [InlineData("SharedResource.es.resx")]
    [InlineData("SharedResource.zh-Hant.resx")]
    public void No_two_texts_differ_only_in_case(string file)
    {
        var names = XDocument.Load(Path.Combine(RepositoryRoot(), "src", "Registry.Web", "Resources", file))
            .Root!.Elements("data").Select(d => (string)d.Attribute("name")!);

        var clashes = names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => string.Join(" / ", g)).ToList();

        Assert.True(clashes.Count == 0, "Differ only in case: " + string.Join(" | ", clashes));
    }

    [Theory]
    [MemberData(nameof(TranslationFiles))]
    public void Every_kind_of_entry_and_field_in_the_history_has_a_translated_name(string file)
    {
        var spanish = XDocument.Load(Path.Combine(RepositoryRoot(), "src", "Registry.Web", "Resources", file))
            .Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet();
        var labels = Registry.Web.Domain.History.HistoryFields.Sections.Values
            .Concat(Registry.Web.Domain.History.HistoryFields.Fields.Values.Select(f => f.Label))
            .Distinct();

        Assert.All(labels, label => Assert.Contains(label, spanish));
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Registry.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("Registry.sln not found above the test folder.");
    }

    // T["text"] in views, t["text"] in validators: string literals only (enum names are checked by their own keys).
    [GeneratedRegex("""\b[Tt]\["(?<text>(?:[^"\\]|\\.)+)"(?:,|\])""")]
    private static partial Regex LocalizedText();
}
