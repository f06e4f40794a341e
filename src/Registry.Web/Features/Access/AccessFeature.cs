using Registry.Web.Infrastructure.Jobs;

namespace Registry.Web.Features.Access;

/// <summary>Asking for and deciding access to a site: what this feature adds to the app.</summary>
public static class AccessFeature
{
    public static WebApplicationBuilder AddAccess(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<AccessOptions>(builder.Configuration.GetSection(AccessOptions.Section));
        builder.Services.AddScoped<AccessRequests.Handler>();
        builder.Services.AddHourlyJob<AccessReminders>();
        return builder;
    }
}
