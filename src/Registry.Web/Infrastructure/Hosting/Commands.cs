namespace Registry.Web.Infrastructure.Hosting;

/// <summary>When a command runs: before the database is opened (it needs none, or must come before one exists), or once it is migrated.</summary>
public enum CommandStage
{
    BeforeDatabase,
    AfterDatabase,
}

/// <summary>A command-line verb (<c>dotnet run -- VERB ...</c>), registered by the feature it belongs to.</summary>
public sealed record RegistryCommand(string Name, CommandStage Stage, Func<WebApplication, string[], Task<int>> RunAsync);

/// <summary>The table of command-line verbs: the first argument names one, or the app serves.</summary>
public static class Commands
{
    public static IServiceCollection AddCommand(this IServiceCollection services, string name, CommandStage stage, Func<WebApplication, string[], Task<int>> run) =>
        services.AddSingleton(new RegistryCommand(name, stage, run));

    /// <summary>The verb the first argument names, or null (no argument, or one no feature registered: the app serves, as before).</summary>
    public static RegistryCommand? Named(IServiceProvider services, string[] args) =>
        args.Length == 0 ? null : services.GetServices<RegistryCommand>().FirstOrDefault(c => string.Equals(c.Name, args[0], StringComparison.Ordinal));
}
