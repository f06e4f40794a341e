using Registry.Web.Infrastructure.Jobs;

namespace Registry.Web.Features.Messages;

/// <summary>What each person chooses to receive, and the reminders: what this feature adds to the app.</summary>
public static class MessagesFeature
{
    public static WebApplicationBuilder AddMessages(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<MessageChoices.Handler>();
        builder.Services.AddHourlyJob<PermitReminders>();
        builder.Services.AddHourlyJob<PdHoursReminders>();
        builder.Services.AddHourlyJob<ProfileReminders>();
        return builder;
    }
}
