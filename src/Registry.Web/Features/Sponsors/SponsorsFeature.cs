namespace Registry.Web.Features.Sponsors;

/// <summary>Training sponsors, their events and attendance: what this feature adds to the app.</summary>
public static class SponsorsFeature
{
    public static WebApplicationBuilder AddSponsors(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<Sponsors.Handler>();
        builder.Services.AddScoped<SponsorEvents.Handler>();
        builder.Services.AddScoped<AttendancePosting.Handler>();
        builder.Services.Configure<TrainingOptions>(builder.Configuration.GetSection(TrainingOptions.Section));
        return builder;
    }
}
