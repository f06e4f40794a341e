namespace Registry.Web.Features.History;

/// <summary>A record's history of changes: what this feature adds to the app.</summary>
public static class HistoryFeature
{
    public static WebApplicationBuilder AddHistory(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<RecentChanges.Handler>();
        return builder;
    }
}
