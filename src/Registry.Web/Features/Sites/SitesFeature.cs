namespace Registry.Web.Features.Sites;

/// <summary>A site's staff, for its director: what this feature adds to the app.</summary>
public static class SitesFeature
{
    public static WebApplicationBuilder AddSites(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<SiteStaff.Handler>();
        return builder;
    }
}
