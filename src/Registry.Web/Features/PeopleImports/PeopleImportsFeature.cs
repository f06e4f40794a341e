using Registry.Web.Infrastructure.Hosting;

namespace Registry.Web.Features.PeopleImports;

/// <summary>The bulk load of people from CSV files, its staff pages and command, and the invitations to claim the accounts it makes.</summary>
public static class PeopleImportsFeature
{
    public static WebApplicationBuilder AddPeopleImports(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ImportFiles>();
        builder.Services.AddScoped<RowChecks>();
        builder.Services.AddScoped<PeopleImporter>();
        builder.Services.AddScoped<ImportPages>();
        builder.Services.AddScoped<Invitations>();
        builder.Services.AddSingleton<ImportRuns>();
        builder.Services.AddSingleton<InvitationSignal>();
        builder.Services.AddHostedService<ImportRunner>();
        builder.Services.AddHostedService<InvitationSender>();
        builder.Services.AddCommand(ImportPeopleCommand.Name, CommandStage.AfterDatabase, (app, args) => ImportPeopleCommand.RunAsync(app.Services, args, Console.Out, CancellationToken.None));
        return builder;
    }
}
