namespace Registry.Web.Infrastructure.Storage;

/// <summary>
/// Writes a file whole or not at all: to a ".part" file beside its name, flushed to disk, then
/// renamed. Nothing watching the folder ever opens half a file, and a failure (a full disk, a
/// read-only folder, a cancelled write) leaves no part behind. A process killed mid-write can leave
/// a ".part", never the file itself.
/// </summary>
public static class WholeFile
{
    public const string PartSuffix = ".part";

    public static async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        var part = path + PartSuffix;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await using (var file = new FileStream(part, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                await write(file, cancellationToken);
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
            }

            File.Move(part, path);
        }
        catch
        {
            TryDelete(part);
            throw;
        }
    }

    /// <summary>Deletes a file if it can; a folder that refuses the delete (read-only) is left as it is.</summary>
    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A read-only folder that refused the file cannot have kept any of it either.
        }
    }
}
