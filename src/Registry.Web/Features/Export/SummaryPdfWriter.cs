using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.UniversalAccessibility;
using Registry.Web.Infrastructure.Web;

namespace Registry.Web.Features.Export;

/// <summary>
/// Writes a tagged PDF (PDF/UA structure through PDFsharp's <see cref="UAManager"/>) of headings and
/// wrapped paragraphs on A4 pages, top to bottom, so a screen reader reads it in order. Text is
/// drawn in runs: Chinese in Droid Sans Fallback, everything else in DejaVu Sans.
/// </summary>
public sealed class SummaryPdfWriter : IDisposable
{
    private const double Margin = 56; // points: about 2 cm
    private const double BodySize = 10;
    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);

    private readonly PdfDocument _document = new();
    private readonly StructureBuilder _structure;
    private readonly Dictionary<(bool Cjk, bool Bold, double Size), XFont> _fonts = [];
    private XGraphics _page;
    private double _y;

    public SummaryPdfWriter(string title, string language)
    {
        SummaryFonts.EnsureInstalled();
        _document.Info.Title = title;
        _document.Info.Creator = "Registry";
        _document.ViewerPreferences.DisplayDocTitle = true;
        var ua = UAManager.ForDocument(_document);
        ua.SetDocumentLanguage(language);
        _structure = ua.StructureBuilder;
        _page = NewPage();
    }

    private double Width => _page.PageSize.Width - (2 * Margin);

    private double Bottom => _page.PageSize.Height - Margin;

    public void Heading(int level, string text)
    {
        var size = level switch { 1 => 18, 2 => 14, _ => 11.5 };
        var lines = Wrap(text, bold: true, size, Width);
        _y += level == 1 ? 0 : size * 0.8;

        // A heading is not left alone at the foot of a page: it keeps a line of what follows.
        EnsureRoom((lines.Count * LineHeight(size)) + LineHeight(BodySize));
        _structure.BeginElement(level switch { 1 => PdfBlockLevelElementTag.Heading1, 2 => PdfBlockLevelElementTag.Heading2, _ => PdfBlockLevelElementTag.Heading3 });
        DrawLines(lines, bold: true, size, Margin);
        _structure.End();
        _y += size * 0.25;
    }

    public void Paragraph(string text, bool bold = false, double size = BodySize)
    {
        var lines = Wrap(text, bold, size, Width);
        EnsureRoom(lines.Count * LineHeight(size));
        _structure.BeginElement(PdfBlockLevelElementTag.Paragraph);
        DrawLines(lines, bold, size, Margin);
        _structure.End();
        _y += size * 0.35;
    }

    /// <summary>A QR code for a link, tagged as a figure with its alternative text, and beside it a caption and the link itself.</summary>
    public void QrCode(string url, string altText, string caption)
    {
        const double side = 96;
        EnsureRoom(side + 8);
        var top = _y + 4;
        var modules = QrCodes.Modules(url);
        var module = side / modules.Count;
        // The figure's bounding box is written as given, in PDF space (from the foot of the page, upwards).
        var box = new XRect(Margin, _page.PageSize.Height - top - side, side, side);
        _structure.BeginElement(PdfIllustrationElementTag.Figure, altText, box);
        for (var row = 0; row < modules.Count; row++)
        {
            // One rectangle per run of dark modules: no hairlines between neighbours when printed.
            for (var column = 0; column < modules[row].Length; column++)
            {
                if (!modules[row][column])
                {
                    continue;
                }

                var start = column;
                while (column + 1 < modules[row].Length && modules[row][column + 1])
                {
                    column++;
                }

                _page.DrawRectangle(XBrushes.Black, Margin + (start * module), top + (row * module), (column - start + 1) * module, module);
            }
        }

        _structure.End();

        var left = Margin + side + 14;
        var width = Width - side - 14;
        _y = top + 10;
        foreach (var (text, bold) in new[] { (caption, false), (url, true) })
        {
            var lines = Wrap(text, bold, BodySize, width);
            _structure.BeginElement(PdfBlockLevelElementTag.Paragraph);
            DrawLines(lines, bold, BodySize, left);
            _structure.End();
            _y += 4;
        }

        _y = Math.Max(_y, top + side) + 8;
    }

    public byte[] Save()
    {
        using var stream = new MemoryStream();
        _document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    public void Dispose()
    {
        _page.Dispose();
        _document.Dispose();
    }

    private static double LineHeight(double size) => size * 1.4;

    private XGraphics NewPage()
    {
        var page = _document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        _y = Margin;
        return XGraphics.FromPdfPage(page);
    }

    private void EnsureRoom(double height)
    {
        if (_y + height > Bottom && _y > Margin)
        {
            _page.Dispose();
            _page = NewPage();
        }
    }

    private XFont Font(bool cjk, bool bold, double size)
    {
        if (!_fonts.TryGetValue((cjk, bold, size), out var font))
        {
            font = new XFont(cjk ? SummaryFonts.Cjk : SummaryFonts.Latin, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, Unicode);
            _fonts[(cjk, bold, size)] = font;
        }

        return font;
    }

    /// <summary>Lines of runs (text, in the CJK font or not) no wider than the width: breaks after spaces, and between Chinese characters.</summary>
    private List<List<(string Text, bool Cjk)>> Wrap(string text, bool bold, double size, double width)
    {
        var lines = new List<List<(string Text, bool Cjk)>>();
        var line = new List<(string Text, bool Cjk)>();
        var used = 0.0;
        foreach (var (piece, cjk) in Pieces(text))
        {
            var pieceWidth = _page.MeasureString(piece, Font(cjk, bold, size)).Width;
            if (line.Count > 0 && used + _page.MeasureString(piece.TrimEnd(), Font(cjk, bold, size)).Width > width)
            {
                lines.Add(line);
                line = [];
                used = 0;
            }

            if (line.Count > 0 && line[^1].Cjk == cjk)
            {
                line[^1] = (line[^1].Text + piece, cjk);
            }
            else
            {
                line.Add((piece, cjk));
            }

            used += pieceWidth;
        }

        if (line.Count > 0 || lines.Count == 0)
        {
            lines.Add(line);
        }

        return lines;
    }

    /// <summary>The pieces a line may break between: a word with the spaces after it, or one Chinese character.</summary>
    private static IEnumerable<(string Text, bool Cjk)> Pieces(string text)
    {
        var word = new StringBuilder();
        var afterSpace = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (SummaryFonts.IsCjk(rune))
            {
                if (word.Length > 0)
                {
                    yield return (word.ToString(), false);
                    word.Clear();
                }

                afterSpace = false;
                yield return (rune.ToString(), true);
                continue;
            }

            var space = Rune.IsWhiteSpace(rune);
            if (afterSpace && !space && word.Length > 0)
            {
                yield return (word.ToString(), false);
                word.Clear();
            }

            afterSpace = space;
            word.Append(rune.ToString());
        }

        if (word.Length > 0)
        {
            yield return (word.ToString(), false);
        }
    }

    private void DrawLines(List<List<(string Text, bool Cjk)>> lines, bool bold, double size, double left)
    {
        foreach (var line in lines)
        {
            var x = left;
            var baseline = _y + size;
            foreach (var (text, cjk) in line)
            {
                var font = Font(cjk, bold, size);
                _page.DrawString(text, font, XBrushes.Black, x, baseline);
                x += _page.MeasureString(text, font).Width;
            }

            _y += LineHeight(size);
        }
    }
}
