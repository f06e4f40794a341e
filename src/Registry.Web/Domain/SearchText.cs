using System.Globalization;
using System.Text;

namespace Registry.Web.Domain;

/// <summary>
/// The search form of a name (a business, a licensee, a person): lower case, accents removed, punctuation
/// turned into spaces (apostrophes simply dropped, so "CHILDREN'S" is "childrens"), single
/// spaces. "GARCIA, MARÍA" and "garcia maria" have the same search form.
/// </summary>
public static class SearchText
{
    /// <summary>Longest word kept in the word index; longer words are cut to this length.</summary>
    public const int MaxWordLength = 40;

    public static string Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return string.Empty;
        }

        var decomposed = input.Normalize(NormalizationForm.FormKD);
        var builder = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            if (c is '\'' or '\u2019' or '\u2018' or '`')
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                if (pendingSpace && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                pendingSpace = false;
                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                pendingSpace = true;
            }
        }

        return builder.ToString();
    }

    /// <summary>The distinct words of a name's search form, for the word index.</summary>
    /// <summary>
    /// The range of indexed words that start with <paramref name="word"/>: every word from "garc" up
    /// to "garczzz…" (words hold only a-z and 0-9), which SQLite and SQL Server both answer from an
    /// index keyed by word, whatever their collation.
    /// </summary>
    public static (string From, string To) PrefixRange(string word) => (word, word + new string('z', MaxWordLength));

    public static IReadOnlyList<string> Words(string? input) =>
        Normalize(input)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Length > MaxWordLength ? w[..MaxWordLength] : w)
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
