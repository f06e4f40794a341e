using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Registry.Web.Infrastructure.Localization;

public static class LocalizationSetup
{
    public static readonly IReadOnlyList<CultureInfo> SupportedCultures = [new("en"), new("es")];

    public static IServiceCollection AddRegistryLocalization(this IServiceCollection services)
    {
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture("en");
            options.SupportedCultures = [.. SupportedCultures];
            options.SupportedUICultures = [.. SupportedCultures];

            // The language chosen on the site (a cookie) wins over the browser's; ?culture=es also works.
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
