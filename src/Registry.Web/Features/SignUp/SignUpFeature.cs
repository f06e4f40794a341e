namespace Registry.Web.Features.SignUp;

/// <summary>Create a Profile: the four-step wizard: what this feature adds to the app.</summary>
public static class SignUpFeature
{
    public static WebApplicationBuilder AddSignUp(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<SignUpDraftStore>();
        builder.Services.AddScoped<PersonalStep.Handler>();
        builder.Services.AddScoped<EmployerStep.Handler>();
        builder.Services.AddScoped<EmploymentStep.Handler>();
        builder.Services.AddScoped<CreateProfile.Handler>();
        return builder;
    }
}
