namespace Registry.Web.Features.Permits;

/// <summary>Permits and credentials, and permit applications: what this feature adds to the app.</summary>
public static class PermitsFeature
{
    public static WebApplicationBuilder AddPermits(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<PermitRecords.Handler>();
        builder.Services.AddScoped<PermitApplications.Handler>();
        return builder;
    }
}
