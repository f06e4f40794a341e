namespace Registry.Web.Features.SecurityEvents;

/// <summary>The security events list: what this feature adds to the app.</summary>
public static class SecurityEventsFeature
{
    public static WebApplicationBuilder AddSecurityEvents(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<SecurityEventList.Handler>();
        return builder;
    }
}
