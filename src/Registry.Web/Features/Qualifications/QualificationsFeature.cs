using Registry.Web.Infrastructure.Hosting;

namespace Registry.Web.Features.Qualifications;

/// <summary>What a person qualifies for, and the state's rule tests: what this feature adds to the app.</summary>
public static class QualificationsFeature
{
    public static WebApplicationBuilder AddQualifications(this WebApplicationBuilder builder)
    {
        builder.Services.AddCommand(TestRulesCommand.Name, CommandStage.BeforeDatabase, (app, args) => TestRulesCommand.RunAsync(app.Services, app.Configuration, app.Environment, args, Console.Out));
        return builder;
    }
}
