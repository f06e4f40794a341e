namespace Registry.Web.Features.Profile;

/// <summary>A person's profile forms: what this feature adds to the app.</summary>
public static class ProfileFeature
{
    public static WebApplicationBuilder AddProfile(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ProfileForms.Handler>();
        builder.Services.AddScoped<NameChanges.Handler>();
        return builder;
    }
}
