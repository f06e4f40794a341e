namespace Registry.Web.Features.Ratings;

/// <summary>The Quality Counts rater's view: what this feature adds to the app.</summary>
public static class RatingsFeature
{
    public static WebApplicationBuilder AddRatings(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<RaterSites>();
        return builder;
    }
}
