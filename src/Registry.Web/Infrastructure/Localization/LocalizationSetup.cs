using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Registry.Web.Infrastructure.Localization;

public static class LocalizationSetup
{
    public static readonly IReadOnlyList<CultureInfo> SupportedCultures = [.. Languages.All.Select(l => l.Culture)];

    public static IServiceCollection AddRegistryLocalization(this IServiceCollection services)
    {
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture("en");
            options.SupportedCultures = [.. SupportedCultures];
            options.SupportedUICultures = [.. SupportedCultures];

            // zh-TW and zh-HK browsers get zh-Hant (their parent culture); ?culture=es also works.
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;

            // The language chosen on the site (a cookie) wins over the browser's.
            options.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        return services;
    }
}
