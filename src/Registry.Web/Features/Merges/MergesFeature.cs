namespace Registry.Web.Features.Merges;

/// <summary>Merging duplicate profiles, and undoing a merge: what this feature adds to the app.</summary>
public static class MergesFeature
{
    public static WebApplicationBuilder AddMerges(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ProfileMerges.Handler>();
        builder.Services.AddScoped<DuplicateProfiles>();
        return builder;
    }
}
