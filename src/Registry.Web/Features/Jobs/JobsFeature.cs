namespace Registry.Web.Features.Jobs;

/// <summary>A person's employment: what this feature adds to the app.</summary>
public static class JobsFeature
{
    public static WebApplicationBuilder AddJobs(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<Jobs.Handler>();
        return builder;
    }
}
