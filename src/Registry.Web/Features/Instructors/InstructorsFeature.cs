namespace Registry.Web.Features.Instructors;

/// <summary>Staff approval of instructors: what this feature adds to the app.</summary>
public static class InstructorsFeature
{
    public static WebApplicationBuilder AddInstructors(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<Instructors.Handler>();
        return builder;
    }
}
