namespace Registry.Web.Features.DataQuality;

/// <summary>The data quality rules and their runs: what this feature adds to the app.</summary>
public static class DataQualityFeature
{
    public static WebApplicationBuilder AddDataQuality(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<DataQualityRuns.Handler>();
        builder.Services.AddSingleton<DataQualitySignal>();
        builder.Services.AddHostedService<DataQualityWorker>();
        builder.Services.Configure<DataQualityOptions>(builder.Configuration.GetSection(DataQualityOptions.Section));
        return builder;
    }
}
