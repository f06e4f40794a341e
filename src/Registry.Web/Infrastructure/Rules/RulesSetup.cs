using Registry.Web.Domain.Rules;

namespace Registry.Web.Infrastructure.Rules;

public static class RulesSetup
{
    /// <summary>The folder of rule files: <c>Rules:Folder</c>, relative to the content root; <c>Rules/</c> by default.</summary>
    public static IServiceCollection AddRegistryRules(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddSingleton(_ => RuleSetLoader.LoadFolder(Path.GetFullPath(configuration["Rules:Folder"] ?? "Rules", environment.ContentRootPath)));
        services.AddScoped<RuleResults.Handler>();
        services.AddScoped<QualificationText>();
        return services;
    }
}
