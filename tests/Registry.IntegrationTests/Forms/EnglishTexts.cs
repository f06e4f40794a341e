using System.Text.RegularExpressions;
using System.Xml.Linq;
using Registry.IntegrationTests.Infrastructure;

namespace Registry.IntegrationTests.Forms;

/// <summary>
/// The registry's English texts that have a different Spanish one (from the two resource files), and
/// the framework's own English messages: one of them on a Spanish page is a text left untranslated.
/// </summary>
public static class EnglishTexts
{
    private static readonly Lazy<List<Regex>> Texts = new(Load);

    /// <summary>The framework's English, if a message ever bypassed the registry's own.</summary>
    private static readonly string[] Framework = ["is not valid", "is invalid", "field is required", "must be a number", "The value '"];

    public static bool IsEnglish(string message) =>
        Framework.Any(f => message.Contains(f, StringComparison.Ordinal)) || Texts.Value.Any(t => t.IsMatch(message));

    private static List<Regex> Load()
    {
        var folder = Path.Combine(Repository.Root(), "src", "Registry.Web", "Resources");
        static Dictionary<string, string> Read(string file) => XDocument.Load(file).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? string.Empty, StringComparer.Ordinal);
        var spanish = Read(Path.Combine(folder, "SharedResource.es.resx"));
        var english = Read(Path.Combine(folder, "SharedResource.resx"));

        // A text's English is its name, or its value in the English file for a named text.
        var texts = spanish.Select(s => (English: english.GetValueOrDefault(s.Key, s.Key), Spanish: s.Value)).Where(t => t.English != t.Spanish).Select(t => t.English);

        // Placeholders ({0}) stand for anything; short texts must be the whole message, longer ones anywhere in it.
        return texts.Select(t => Regex.Escape(t).Replace(@"\{", "{", StringComparison.Ordinal) is var escaped
                ? Regex.Replace(escaped, @"\{\d+(:[^}]*)?}", ".+") : string.Empty)
            .Select(pattern => new Regex(pattern.Length < 15 ? $"^{pattern}$" : pattern, RegexOptions.CultureInvariant))
            .ToList();
    }
}
