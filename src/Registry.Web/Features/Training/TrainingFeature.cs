namespace Registry.Web.Features.Training;

/// <summary>A person's training records and hours: what this feature adds to the app.</summary>
public static class TrainingFeature
{
    public static WebApplicationBuilder AddTraining(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<TrainingHours.Handler>();
        return builder;
    }
}
