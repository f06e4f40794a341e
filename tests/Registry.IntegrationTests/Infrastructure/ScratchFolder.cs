namespace Registry.IntegrationTests.Infrastructure;

/// <summary>A temporary folder of a test's own (a database file, documents, mail), deleted afterwards.</summary>
public sealed class ScratchFolder : IDisposable
{
    public ScratchFolder(string purpose)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"registry-{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>A path inside the folder.</summary>
    public string this[string name] => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        // SQLite keeps pooled connections (and so the file) open until told.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Path, recursive: true);
    }
}
