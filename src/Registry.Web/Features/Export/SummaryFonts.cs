using System.Collections.Concurrent;
using System.Text;
using PdfSharp.Fonts;

namespace Registry.Web.Features.Export;

/// <summary>
/// The PDF summary's fonts, read from the Fonts folder beside the app (shipped in the repository,
/// so nothing needs installing): DejaVu Sans for Latin text and Droid Sans Fallback for Chinese,
/// which has no Latin letters, so a line is drawn in runs, each in the font that has its letters.
/// See docs/decisions/0057-pdf-summary-pdfsharp.md for the fonts' licences.
/// </summary>
public sealed class SummaryFonts : IFontResolver
{
    public const string Latin = "DejaVu Sans";
    public const string Cjk = "Droid Sans Fallback";

    private static readonly Lock Gate = new();
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);

    private SummaryFonts()
    {
    }

    /// <summary>PDFsharp's font resolver is one setting for the whole process: set it once, before any font is used.</summary>
    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not SummaryFonts)
            {
                GlobalFontSettings.FontResolver = new SummaryFonts();
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        familyName == Cjk
            // Droid Sans Fallback has one weight: bold is drawn by PDFsharp's simulation.
            ? new FontResolverInfo("DroidSansFallbackFull", bold, false)
            : new FontResolverInfo(bold ? "DejaVuSans-Bold" : "DejaVuSans", false, italic);

    public byte[]? GetFont(string faceName) =>
        _files.GetOrAdd(faceName, name => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fonts", name + ".ttf")));

    /// <summary>Whether a character is drawn from the CJK font: Han ideographs and their punctuation, kana, Hangul, full-width forms.</summary>
    public static bool IsCjk(Rune rune) => rune.Value switch
    {
        >= 0x2E80 and <= 0x9FFF => true, // CJK radicals, punctuation, kana, bopomofo, unified ideographs
        >= 0xAC00 and <= 0xD7AF => true, // Hangul syllables
        >= 0xF900 and <= 0xFAFF => true, // compatibility ideographs
        >= 0xFE30 and <= 0xFE4F => true, // compatibility forms
        >= 0xFF00 and <= 0xFFEF => true, // full-width forms (the Chinese colon and comma)
        >= 0x20000 and <= 0x3FFFF => true, // supplementary ideographs
        _ => false,
    };
}
