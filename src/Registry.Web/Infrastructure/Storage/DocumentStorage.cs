namespace Registry.Web.Infrastructure.Storage;

/// <summary>Where uploaded files live. The local disk is the embedded default; a state could put an object store behind this.</summary>
public interface IDocumentStorage
{
    Task SaveAsync(string key, Stream content, CancellationToken cancellationToken);

    Task<Stream?> OpenAsync(string key, CancellationToken cancellationToken);

    Task DeleteAsync(string key, CancellationToken cancellationToken);
}

/// <summary>Files in a folder outside the web root (Storage:DocumentsPath, default data/documents), named by random keys.</summary>
public sealed class LocalDiskDocumentStorage(IConfiguration configuration, IHostEnvironment environment) : IDocumentStorage
{
    private string Folder => Path.GetFullPath(configuration["Storage:DocumentsPath"] ?? "data/documents", environment.ContentRootPath);

    public async Task SaveAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        await using var file = new FileStream(PathOf(key), FileMode.CreateNew, FileAccess.Write, FileShare.None);
        await content.CopyToAsync(file, cancellationToken);
    }

    public Task<Stream?> OpenAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        return Task.FromResult<Stream?>(File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read) : null);
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }

    /// <summary>Keys are generated (32 hex digits); anything else is refused rather than joined to a path.</summary>
    private string PathOf(string key) =>
        key.Length == 32 && key.All(char.IsAsciiHexDigitLower)
            ? Path.Combine(Folder, key)
            : throw new ArgumentException("Not a document key.", nameof(key));
}
