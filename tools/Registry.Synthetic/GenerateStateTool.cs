using Registry.Web.Data.Licensing;
using Registry.Web.Domain.Rules;
using Registry.Web.Features.Workforce;
using Registry.Web.Infrastructure.Hosting;

namespace Registry.Synthetic;

/// <summary>
/// <c>generate-state [--people N] [--employers N] [--training N] [--courses N] [--seed N] [--snapshot]</c>
/// (docs/synthetic-state.md): the app's own host, configuration and database (the app's folder is the
/// content root, so the default database is the one <c>dotnet run --project src/Registry.Web</c> serves),
/// with the generator beside the app rather than inside it.
/// </summary>
internal static class GenerateStateTool
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] != GenerateStateCommand.Name)
        {
            Console.Error.WriteLine($"Usage: dotnet run --project tools/Registry.Synthetic -- {GenerateStateCommand.Name} [--people N] [--employers N] [--training N] [--courses N] [--seed N] [--snapshot]");
            return 2;
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppFolder() });
        builder.AddRegistryCore().AddWorkforce();
        builder.Services.AddScoped<ImportEmployers.Handler>();
        builder.Services.AddScoped<SyntheticState>();
        var app = builder.Build();
        app.Services.GetRequiredService<RuleBook>();
        if (!await app.InitializeDatabaseAsync())
        {
            return 1;
        }

        return await GenerateStateCommand.RunAsync(app.Services, args, Console.Out, CancellationToken.None);
    }

    // The app's folder (src/Registry.Web beside this tool in a clone), else the current folder (a deployed app's).
    private static string AppFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Registry.sln")))
            {
                return Path.Combine(folder.FullName, "src", "Registry.Web");
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
