using FluentValidation;
using Registry.Web.Data;
using Registry.Web.Data.Seed;
using Registry.Web.Infrastructure.Email;
using Registry.Web.Infrastructure.DataQuality;
using Registry.Web.Infrastructure.Employers;
using Registry.Web.Infrastructure.History;
using Registry.Web.Infrastructure.Jobs;
using Registry.Web.Infrastructure.Localization;
using Registry.Web.Infrastructure.Rules;
using Registry.Web.Infrastructure.Security;
using Registry.Web.Infrastructure.Storage;
using Registry.Web.Infrastructure.Training;
using Registry.Web.Infrastructure.Sites;
using Registry.Web.Infrastructure.Web;

namespace Registry.Web.Infrastructure.Hosting;

/// <summary>The shared core every feature stands on: the clock, the database, accounts and sign-in, mail, uploads, the site's address, limits, languages and MVC.</summary>
public static class RegistryCore
{
    public static WebApplicationBuilder AddRegistryCore(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddRegistryDatabase(builder.Configuration, builder.Environment);
        builder.Services.AddScoped<DatabaseInitializer>();

        // The synthetic-state generator is a tool beside the app now: the old verb says where it went
        // rather than starting the site.
        builder.Services.AddCommand("generate-state", CommandStage.BeforeDatabase, async (_, _) =>
        {
            await Console.Error.WriteLineAsync("generate-state is a tool beside the app: dotnet run --project tools/Registry.Synthetic -- generate-state [--people N] [--employers N] [--training N] [--courses N] [--seed N] [--snapshot]");
            return 2;
        });
        builder.Services.AddScoped<JobLeases>();
        builder.Services.AddScoped<SearchEmployers.Handler>();
        builder.Services.AddScoped<FactChangeLog>();
        builder.Services.AddScoped<RecentChanges.Handler>();
        builder.Services.AddScoped<DataQualityChecks>();
        builder.Services.AddScoped<SiteRoster.Handler>();
        builder.Services.AddScoped<TrainingCertificates>();
        builder.Services.AddValidatorsFromAssembly(typeof(RegistryCore).Assembly, ServiceLifetime.Scoped);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddRegistryEmail(builder.Configuration);
        builder.Services.AddScoped<AccountEmails>();
        builder.Services.AddSingleton<UnsubscribeLinks>();
        builder.Services.AddSingleton<IDocumentStorage, LocalDiskDocumentStorage>();
        builder.Services.Configure<StorageOptions>(builder.Configuration.GetSection(StorageOptions.Section));
        builder.Services.Configure<TrainingOptions>(builder.Configuration.GetSection(TrainingOptions.Section));
        builder.Services.AddHourlyJob<UnfinishedUploads>();
        builder.Services.AddRegistryRateLimits(builder.Configuration);
        builder.Services.AddRegistrySite(builder.Configuration, builder.Environment);
        builder.Services.AddRegistryLocalization();
        builder.Services.AddRegistryRules(builder.Configuration, builder.Environment);
        return builder.AddRegistryIdentity().AddRegistryWeb();
    }

    /// <summary>Creates or migrates the database and seeds it; false (said on the console) when it must be migrated first.</summary>
    public static async Task<bool> InitializeDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        try
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
            return true;
        }
        catch (DatabaseNotMigratedException e)
        {
            app.Logger.LogCritical("{Problem}", e.Message);
            await Console.Error.WriteLineAsync(e.Message);
            return false;
        }
    }

    /// <summary>
    /// Serving needs the public address (Site:PublicUrl): every link in an email comes from it, and
    /// outside Development only its host is answered. Commands do without it. False (said on the console) when it is missing.
    /// </summary>
    public static async Task<bool> HasPublicAddressAsync(this WebApplication app)
    {
        if (SiteOptions.Problem(app.Configuration, app.Environment) is not { } problem)
        {
            return true;
        }

        app.Logger.LogCritical("{Problem}", problem);
        await Console.Error.WriteLineAsync(problem);
        return false;
    }
}
