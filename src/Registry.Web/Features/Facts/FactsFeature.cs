namespace Registry.Web.Features.Facts;

/// <summary>Changed facts, name changes and the log of fact changes: what this feature adds to the app.</summary>
public static class FactsFeature
{
    public static WebApplicationBuilder AddFacts(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ChangedFacts.Handler>();
        builder.Services.AddScoped<NameChanges.Handler>();
        return builder;
    }
}
