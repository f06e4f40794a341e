using Registry.Web.Infrastructure.Hosting;

namespace Registry.Web.Features.Moving;

/// <summary>Moving a whole registry to another host (export-registry, import-registry): what this feature adds to the app.</summary>
public static class MovingFeature
{
    public static WebApplicationBuilder AddMoving(this WebApplicationBuilder builder)
    {
        builder.Services.AddCommand(ExportRegistryCommand.Name, CommandStage.AfterDatabase, (app, args) => ExportRegistryCommand.RunAsync(app.Services, args, Console.Out, CancellationToken.None));
        builder.Services.AddCommand(ImportRegistryCommand.Name, CommandStage.AfterDatabase, (app, args) => ImportRegistryCommand.RunAsync(app.Services, args, Console.Out, CancellationToken.None));
        return builder;
    }
}
