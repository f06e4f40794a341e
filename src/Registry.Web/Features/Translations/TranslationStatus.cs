using System.Xml.Linq;
using Registry.Web.Infrastructure.Localization;

namespace Registry.Web.Features.Translations;

/// <summary>
/// Where each language's translations stand against the English of today, read from the resource
/// files (Resources/SharedResource.resx holds the English of texts named by a key; every other text's
/// English is its key). Each translation records the English it was translated from (the entry's
/// comment), so a text whose English changed after it was translated is found, as is a text with no
/// translation yet. A state that edits the English of its copy sees here what to send its translators.
/// </summary>
public sealed class TranslationStatus
{
    private readonly string _folder;
    private readonly Lazy<IReadOnlyList<LanguageStatus>> _status;

    public TranslationStatus(IWebHostEnvironment environment)
        : this(Path.Combine(environment.ContentRootPath, "Resources"))
    {
    }

    public TranslationStatus(string folder)
    {
        _folder = folder;
        _status = new(() => Read());
    }

    /// <summary>A text whose translation is missing or older than its English.</summary>
    /// <param name="Key">The text's name in the resource files.</param>
    /// <param name="EnglishNow">Its English today.</param>
    /// <param name="EnglishThen">The English it was translated from (null when missing, or when the file does not say).</param>
    /// <param name="Translation">The translation as it stands (null when missing).</param>
    public sealed record Gap(string Key, string EnglishNow, string? EnglishThen, string? Translation);

    public sealed record LanguageStatus(SiteLanguage Language, int Texts, int UpToDate, IReadOnlyList<Gap> Changed, IReadOnlyList<Gap> Missing);

    /// <summary>Every language but English, in the order of the language switch.</summary>
    public IReadOnlyList<LanguageStatus> Languages => _status.Value;

    private List<LanguageStatus> Read()
    {
        var english = Entries(Path.Combine(_folder, "SharedResource.resx")).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        var translations = Registry.Web.Infrastructure.Localization.Languages.All.Skip(1)
            .Select(l => (Language: l, Entries: Entries(Path.Combine(_folder, $"SharedResource.{l.Code}.resx")).ToDictionary(e => e.Key, StringComparer.Ordinal)))
            .ToList();

        // The texts of the site: every text any file names (a text only the English file names is a name's English).
        var keys = english.Keys.Concat(translations.SelectMany(t => t.Entries.Keys)).ToHashSet(StringComparer.Ordinal);
        string EnglishOf(string key) => english.TryGetValue(key, out var value) ? value : key;

        return translations.Select(t =>
        {
            var changed = new List<Gap>();
            var missing = new List<Gap>();
            foreach (var key in keys.Order(StringComparer.Ordinal))
            {
                if (!t.Entries.TryGetValue(key, out var entry) || string.IsNullOrWhiteSpace(entry.Value))
                {
                    missing.Add(new Gap(key, EnglishOf(key), null, null));
                }
                else if (entry.Source != EnglishOf(key))
                {
                    changed.Add(new Gap(key, EnglishOf(key), entry.Source, entry.Value));
                }
            }

            return new LanguageStatus(t.Language, keys.Count, keys.Count - changed.Count - missing.Count, changed, missing);
        }).ToList();
    }

    private sealed record Entry(string Key, string Value, string? Source);

    private static IEnumerable<Entry> Entries(string file) => !File.Exists(file)
        ? []
        : XDocument.Load(file).Root!.Elements("data")
            .Select(d => new Entry((string)d.Attribute("name")!, (string?)d.Element("value") ?? string.Empty, (string?)d.Element("comment")));
}
