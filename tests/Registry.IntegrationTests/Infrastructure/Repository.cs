namespace Registry.IntegrationTests.Infrastructure;

/// <summary>The repository the tests run from: for files kept beside the code (schemas, docs).</summary>
public static class Repository
{
    public static string Root()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Registry.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("Registry.sln not found.");
    }
}
