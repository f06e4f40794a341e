namespace Registry.Web.Infrastructure.Storage;

/// <summary>Uploaded files (section "Storage"). Where they live is Storage:DocumentsPath, read by <see cref="LocalDiskDocumentStorage"/>.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>
    /// How much one professional's documents may take together (200 MB): room for years of
    /// transcripts and permits, while one account cannot fill the disk every account shares.
    /// </summary>
    public long QuotaPerPersonBytes { get; set; } = 200L * 1024 * 1024;
}
