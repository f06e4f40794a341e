namespace Registry.Web.Features.Employments;

/// <summary>A person's employment: what this feature adds to the app.</summary>
public static class EmploymentFeature
{
    public static WebApplicationBuilder AddEmployment(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<EmploymentHistory.Handler>();
        return builder;
    }
}
