using Registry.Web.Infrastructure.Signed;

namespace Registry.Web.Features.BringMyRecord;

/// <summary>"Bring my record" from another registry: what this feature adds to the app.</summary>
public static class BringMyRecordFeature
{
    public static WebApplicationBuilder AddBringMyRecord(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CredentialsOptions>().Bind(builder.Configuration.GetSection(CredentialsOptions.Section));
        builder.Services.AddMemoryCache();
        builder.Services.AddHttpClient(TrustedIssuers.HttpClientName);
        builder.Services.AddScoped<TrustedIssuers>();
        builder.Services.AddScoped<RecordFile>();
        builder.Services.AddScoped<BroughtRecord.Handler>();
        return builder;
    }
}
