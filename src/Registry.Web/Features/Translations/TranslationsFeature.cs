namespace Registry.Web.Features.Translations;

/// <summary>The staff page of translations to bring up to date.</summary>
public static class TranslationsFeature
{
    public static WebApplicationBuilder AddTranslations(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TranslationStatus>();
        return builder;
    }
}
