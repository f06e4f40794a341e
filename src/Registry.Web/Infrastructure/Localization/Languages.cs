using System.Globalization;

namespace Registry.Web.Infrastructure.Localization;

/// <summary>A language the registry is written in: its code (a culture name, stored as a person's preferred language) and its own name.</summary>
public sealed record SiteLanguage(string Code, string OwnName)
{
    public CultureInfo Culture { get; } = CultureInfo.GetCultureInfo(Code);
}

/// <summary>
/// The languages of the site, its emails and its PDFs: English (the fallback for any text not
/// translated), Spanish and Traditional Chinese. Adding one is adding it here and its resource file
/// (SharedResource.{code}.resx); the tests then list every text it lacks.
/// </summary>
public static class Languages
{
    public const string English = "en";
    public const string Spanish = "es";
    public const string Chinese = "zh-Hant";

    public static readonly IReadOnlyList<SiteLanguage> All =
        [new(English, "English"), new(Spanish, "Español"), new(Chinese, "中文（繁體）")];

    public static bool IsSupported(string? code) => code is not null && All.Any(l => l.Code == code);

    /// <summary>
    /// The site language of a culture: "es" for es-MX, "zh-Hant" for zh-Hant, zh-TW or zh-HK
    /// (Traditional script), English for any other (Simplified Chinese included: a reader of it
    /// is better served by English than by a script they may not read).
    /// </summary>
    public static string Of(CultureInfo culture)
    {
        for (var c = culture; c != CultureInfo.InvariantCulture; c = c.Parent)
        {
            if (IsSupported(c.Name))
            {
                return c.Name;
            }
        }

        return English;
    }

    /// <summary>The language the current request is shown in.</summary>
    public static string Current => Of(CultureInfo.CurrentUICulture);

    /// <summary>The culture to write to someone in: their preferred language, English when it is missing or unknown.</summary>
    public static CultureInfo CultureFor(string? code) => All.FirstOrDefault(l => l.Code == code)?.Culture ?? All[0].Culture;

    /// <summary>The site language a request culture or a typed language name means, or null when none.</summary>
    public static string? FromName(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "" or null => null,
        "en" or "english" or "inglés" or "ingles" or "英文" or "英語" => English,
        "es" or "spanish" or "español" or "espanol" or "西班牙文" or "西班牙語" => Spanish,
        "zh-hant" or "zh" or "zh-tw" or "zh-hk" or "chinese" or "chino" or "中文" or "中文（繁體）" or "繁體中文" or "cantonese" or "粵語" or "廣東話" => Chinese,
        _ => null,
    };
}
