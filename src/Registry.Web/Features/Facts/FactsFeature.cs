namespace Registry.Web.Features.Facts;

/// <summary>Verified facts changed since they were verified: what this feature adds to the app.</summary>
public static class FactsFeature
{
    public static WebApplicationBuilder AddFacts(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ChangedFacts.Handler>();
        return builder;
    }
}
