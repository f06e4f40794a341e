namespace Registry.Web.Features.MyRegistry;

/// <summary>A person's own page: what this feature adds to the app.</summary>
public static class MyRegistryFeature
{
    public static WebApplicationBuilder AddMyRegistry(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<MyRegistryPage.Handler>();
        return builder;
    }
}
