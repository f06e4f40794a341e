using Registry.Web.Infrastructure.Hosting;

namespace Registry.Web.Features.Operations;

/// <summary>Backups and restores: what this feature adds to the app.</summary>
public static class OperationsFeature
{
    public static WebApplicationBuilder AddOperations(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<Backups>();
        builder.Services.AddCommand(BackupCommand.Restore, CommandStage.BeforeDatabase, (app, args) => BackupCommand.RunAsync(app.Services, args, Console.Out, CancellationToken.None));
        builder.Services.AddCommand(BackupCommand.Backup, CommandStage.AfterDatabase, (app, args) => BackupCommand.RunAsync(app.Services, args, Console.Out, CancellationToken.None));
        return builder;
    }
}
