using Registry.Web.Data.Licensing;
using Registry.Web.Infrastructure.Hosting;

namespace Registry.Web.Features.Employers;

/// <summary>The employer look-up and the licensing list import: what this feature adds to the app.</summary>
public static class EmployersFeature
{
    public static WebApplicationBuilder AddEmployers(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ImportEmployers.Handler>();
        builder.Services.AddScoped<UnlistedEmployers>();
        builder.Services.AddCommand(ImportEmployersCommand.Name, CommandStage.AfterDatabase, (app, args) => ImportEmployersCommand.RunAsync(app.Services, args, Console.Out, CancellationToken.None));
        return builder;
    }
}
