namespace Registry.Web.Infrastructure.Storage;

/// <summary>Where uploaded files live. The local disk is the embedded default; a state could put an object store behind this.</summary>
public interface IDocumentStorage
{
    /// <summary>
    /// Keeps the whole of <paramref name="content"/> under <paramref name="key"/>, or nothing: a
    /// storage that cannot take it (full, read-only, gone) throws <see cref="DocumentStorageException"/>
    /// and leaves no part of the file behind.
    /// </summary>
    Task SaveAsync(string key, Stream content, CancellationToken cancellationToken);

    Task<Stream?> OpenAsync(string key, CancellationToken cancellationToken);

    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Removes what is left of files whose writing never finished (a process killed mid-upload),
    /// last written before <paramref name="before"/>; returns how many.
    /// </summary>
    Task<int> RemoveUnfinishedAsync(DateTimeOffset before, CancellationToken cancellationToken);
}

/// <summary>Files in a folder outside the web root (Storage:DocumentsPath, default data/documents), named by random keys.</summary>
public sealed class LocalDiskDocumentStorage(IConfiguration configuration, IHostEnvironment environment) : IDocumentStorage
{
    private string Folder => Path.GetFullPath(configuration["Storage:DocumentsPath"] ?? "data/documents", environment.ContentRootPath);

    /// <summary>
    /// Written whole or not at all (<see cref="WholeFile"/>), so a full disk, a read-only folder or a
    /// crash mid-write never leaves a half file under a key.
    /// </summary>
    public async Task SaveAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        try
        {
            await WholeFile.WriteAsync(PathOf(key), content.CopyToAsync, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DocumentStorageException($"The document folder {Folder} could not take a file: {e.Message}", e);
        }
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

    public Task<int> RemoveUnfinishedAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var removed = 0;
        if (Directory.Exists(Folder))
        {
            foreach (var part in Directory.EnumerateFiles(Folder, "*" + WholeFile.PartSuffix))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (File.GetLastWriteTimeUtc(part) < before.UtcDateTime)
                {
                    WholeFile.TryDelete(part);
                    removed++;
                }
            }
        }

        return Task.FromResult(removed);
    }

    /// <summary>Keys are generated (32 hex digits); anything else is refused rather than joined to a path.</summary>
    private string PathOf(string key) =>
        key.Length == 32 && key.All(char.IsAsciiHexDigitLower)
            ? Path.Combine(Folder, key)
            : throw new ArgumentException("Not a document key.", nameof(key));
}

/// <summary>The document storage could not keep a file (disk full, folder read-only or missing); nothing of it was kept.</summary>
public sealed class DocumentStorageException : Exception
{
    public DocumentStorageException()
    {
    }

    public DocumentStorageException(string message)
        : base(message)
    {
    }

    public DocumentStorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
