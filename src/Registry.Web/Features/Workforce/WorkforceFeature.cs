namespace Registry.Web.Features.Workforce;

/// <summary>Workforce reports, the census snapshots and the extract: what this feature adds to the app.</summary>
public static class WorkforceFeature
{
    public static WebApplicationBuilder AddWorkforce(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<Snapshots.Handler>();
        builder.Services.AddScoped<CensusTaking>();
        builder.Services.AddScoped<Reports.Handler>();
        builder.Services.AddSingleton<Reports.TableCache>();
        builder.Services.AddScoped<WorkforceExtract>();
        builder.Services.AddSingleton<CensusSignal>();
        builder.Services.AddSingleton<CountyShapes>();
        builder.Services.AddScoped<WorkforceRequests>();
        builder.Services.Configure<CensusOptions>(builder.Configuration.GetSection(CensusOptions.Section));
        builder.Services.AddHostedService<CensusWorker>();
        return builder;
    }
}
