using Registry.Web.Infrastructure.Email;

namespace Registry.Web.Features.Announcements;

/// <summary>Announcements and the notices they leave: what this feature adds to the app.</summary>
public static class AnnouncementsFeature
{
    public static WebApplicationBuilder AddAnnouncements(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<AnnouncementScopes>();
        builder.Services.AddScoped<AnnouncementRecords>();
        builder.Services.AddScoped<AnnouncementDrafts>();
        builder.Services.AddScoped<AnnouncementSending>();
        builder.Services.AddScoped<AnnouncementQueuing>();
        builder.Services.AddScoped<IOutboxTemplate, AnnouncementTemplate>();
        builder.Services.AddSingleton<AnnouncementSignal>();
        builder.Services.AddHostedService<AnnouncementWorker>();
        return builder;
    }
}
