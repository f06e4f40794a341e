using System.Globalization;
using Registry.Web.Features.Translations;
using Registry.Web.Infrastructure.Localization;

namespace Registry.UnitTests.Features;

/// <summary>The staff page's lists: texts whose English changed since they were translated, and texts not translated.</summary>
public sealed class TranslationStatusTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("registry-translations-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void A_text_whose_English_changed_after_it_was_translated_is_listed_with_the_English_then_and_now()
    {
        Write("SharedResource.resx", ("DimensionAge", "Age band", null));
        Write("SharedResource.es.resx", ("DimensionAge", "Edad", "Age"), ("Save", "Guardar", "Save"), ("Send", "Enviar", "Send"));
        Write("SharedResource.zh-Hant.resx", ("DimensionAge", "年齡組別", "Age band"), ("Save", "儲存", "Save"), ("Sent", "已傳送", null));

        var status = new TranslationStatus(_folder.FullName).Languages;

        var spanish = status.Single(s => s.Language.Code == "es");
        var changed = Assert.Single(spanish.Changed);
        Assert.Equal(("DimensionAge", "Age", "Age band", "Edad"), (changed.Key, changed.EnglishThen, changed.EnglishNow, changed.Translation));
        Assert.Equal(["Sent"], spanish.Missing.Select(m => m.Key));
        Assert.Equal((4, 2), (spanish.Texts, spanish.UpToDate));

        // A translation that does not say what English it came from is listed as changed (not known to be current).
        var chinese = status.Single(s => s.Language.Code == "zh-Hant");
        Assert.Equal(["Sent"], chinese.Changed.Select(c => c.Key));
        Assert.Null(chinese.Changed[0].EnglishThen);
        Assert.Equal(["Send"], chinese.Missing.Select(m => m.Key));
    }

    [Fact]
    public void The_shipped_translations_are_each_up_to_date_with_their_English()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Registry.sln")))
        {
            folder = folder.Parent;
        }

        var status = new TranslationStatus(Path.Combine(folder!.FullName, "src", "Registry.Web", "Resources")).Languages;

        Assert.Equal(Languages.All.Skip(1).Select(l => l.Code), status.Select(s => s.Language.Code));
        Assert.All(status, s =>
        {
            Assert.True(s.Changed.Count == 0, $"{s.Language.Code}: changed in English since translated: " + string.Join(" | ", s.Changed.Take(20).Select(c => $"{c.Key}: \"{c.EnglishThen}\" → \"{c.EnglishNow}\"")));
            Assert.True(s.Missing.Count == 0, $"{s.Language.Code}: not translated: " + string.Join(" | ", s.Missing.Take(20).Select(c => c.Key)));
        });
    }

    [Theory]
    [InlineData("zh-Hant", "zh-Hant")]
    [InlineData("zh-TW", "zh-Hant")]
    [InlineData("zh-HK", "zh-Hant")]
    [InlineData("zh-Hans", "en")]
    [InlineData("zh-CN", "en")]
    [InlineData("es-MX", "es")]
    [InlineData("fr", "en")]
    public void A_culture_is_shown_in_its_site_language(string culture, string language) =>
        Assert.Equal(language, Languages.Of(CultureInfo.GetCultureInfo(culture)));

    [Theory]
    [InlineData("zh-Hant", "zh-Hant")]
    [InlineData(null, "en")]
    [InlineData("fr", "en")]
    [InlineData("es", "es")]
    public void A_person_is_written_to_in_their_language_or_English(string? preferred, string culture) =>
        Assert.Equal(culture, Languages.CultureFor(preferred).Name);

    [Theory]
    [InlineData("zh-Hant", "zh-Hant")]
    [InlineData("中文", "zh-Hant")]
    [InlineData("Chinese", "zh-Hant")]
    [InlineData("Español", "es")]
    [InlineData("EN", "en")]
    [InlineData("fr", null)]
    [InlineData("", null)]
    public void A_language_written_in_an_import_file_is_read_as_a_site_language(string written, string? language) =>
        Assert.Equal(language, Languages.FromName(written));

    private void Write(string file, params (string Name, string Value, string? Comment)[] entries) =>
        File.WriteAllText(Path.Combine(_folder.FullName, file), new System.Xml.Linq.XElement("root", entries.Select(e => new System.Xml.Linq.XElement(
            "data",
            new System.Xml.Linq.XAttribute("name", e.Name),
            new System.Xml.Linq.XElement("value", e.Value),
            e.Comment is null ? null : new System.Xml.Linq.XElement("comment", e.Comment)))).ToString());
}
