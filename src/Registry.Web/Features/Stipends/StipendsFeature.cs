namespace Registry.Web.Features.Stipends;

/// <summary>Stipend programs for their administrators: what this feature adds to the app.</summary>
public static class StipendsFeature
{
    public static WebApplicationBuilder AddStipends(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<StipendPrograms>();
        builder.Services.AddScoped<StipendSites>();
        return builder;
    }
}
