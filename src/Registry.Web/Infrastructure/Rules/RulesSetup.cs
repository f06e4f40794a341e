using Registry.Web.Domain.Rules;
using Registry.Web.Infrastructure.Hosting;

namespace Registry.Web.Infrastructure.Rules;

public static class RulesSetup
{
    /// <summary>The folder of rule files: <c>Rules:Folder</c>, relative to the content root; <c>Rules/</c> by default.</summary>
    public static IServiceCollection AddRegistryRules(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddSingleton(_ => RuleSetLoader.LoadFolder(Path.GetFullPath(configuration["Rules:Folder"] ?? "Rules", environment.ContentRootPath)));
        services.AddScoped<RuleResults.Handler>();
        services.AddScoped<QualificationText>();

        // Each person's rule results, stored when their facts change and rebuilt in the background when a window moves or the rule files change.
        services.AddSingleton<QualificationSummaries>();
        services.AddSingleton<QualificationRebuildSignal>();
        services.AddSingleton<QualificationRebuildProgress>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, QualificationSummaryInterceptor>();
        services.Configure<QualificationRebuildOptions>(configuration.GetSection(QualificationRebuildOptions.Section));
        services.AddHostedService<QualificationSummaryRebuild>();
        services.AddCommand("rebuild-qualifications", CommandStage.AfterDatabase, async (app, _) =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var done = await scope.ServiceProvider.GetRequiredService<QualificationRebuilder>().RebuildAsync(everyone: true, CancellationToken.None);
            Console.WriteLine($"Worked out {done:N0} qualification summaries in {clock.Elapsed.TotalSeconds:N1} s.");
            return 0;
        });
        services.AddScoped<QualificationRebuilder>();
        return services;
    }
}
