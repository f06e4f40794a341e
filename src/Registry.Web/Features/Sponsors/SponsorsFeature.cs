namespace Registry.Web.Features.Sponsors;

/// <summary>Training sponsors (and registry staff approving them and their instructors), their events and attendance: what this feature adds to the app.</summary>
public static class SponsorsFeature
{
    public static WebApplicationBuilder AddSponsors(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<SponsorOrganizations.Handler>();
        builder.Services.AddScoped<SponsorApplications>();
        builder.Services.AddScoped<SponsorMembers>();
        builder.Services.AddScoped<SponsorEvents.Handler>();
        builder.Services.AddScoped<AttendancePosting.Handler>();
        builder.Services.AddScoped<SponsorGate>();
        builder.Services.AddScoped<InstructorApprovals.Handler>();
        return builder;
    }
}
