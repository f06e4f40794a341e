namespace Registry.Web.Features.Education;

/// <summary>Courses and degrees: what this feature adds to the app.</summary>
public static class EducationFeature
{
    public static WebApplicationBuilder AddEducation(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<Courses.Handler>();
        builder.Services.AddScoped<Degrees.Handler>();
        return builder;
    }
}
