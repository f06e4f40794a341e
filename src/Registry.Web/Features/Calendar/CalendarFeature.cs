using Registry.Web.Infrastructure.Jobs;

namespace Registry.Web.Features.Calendar;

/// <summary>The training calendar, certificates and training reminders: what this feature adds to the app.</summary>
public static class CalendarFeature
{
    public static WebApplicationBuilder AddCalendar(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<TrainingCalendar.Handler>();
        builder.Services.AddScoped<EventRegistrations>();
        builder.Services.AddScoped<CalendarFeed>();
        builder.Services.AddHourlyJob<TrainingReminders>();
        return builder;
    }
}
