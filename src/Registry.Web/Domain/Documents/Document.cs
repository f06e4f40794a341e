namespace Registry.Web.Domain.Documents;

public enum DocumentKind
{
    Transcript = 1,
    Permit = 2,
    Certificate = 3,
    Other = 9,
}

/// <summary>The file types the registry keeps, recognised by their content, not their name.</summary>
public enum DocumentFileType
{
    Pdf = 1,
    Jpeg = 2,
    Png = 3,
}

/// <summary>
/// An uploaded proof (a transcript, a permit, a certificate). The file itself is kept by the
/// document storage under <see cref="StorageKey"/>, a random name nobody can guess, outside the
/// web root; only its owner (and, in later features, the roles they allow) can download it.
/// </summary>
public sealed class Document
{
    public const long MaxBytes = 10 * 1024 * 1024;

    private static readonly byte[] JpegStart = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] PngStart = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    public const int MaxFileNameLength = 200;

    private Document()
    {
        FileName = string.Empty;
        StorageKey = string.Empty;
        Sha256 = string.Empty;
    }

    public Document(int professionalId, DocumentKind kind, string fileName, DocumentFileType fileType, long sizeBytes, string storageKey, string sha256, DateTimeOffset uploadedAt)
        : this()
    {
        ProfessionalId = professionalId;
        Kind = kind;
        FileName = fileName;
        FileType = fileType;
        SizeBytes = sizeBytes;
        StorageKey = storageKey;
        Sha256 = sha256;
        UploadedAt = uploadedAt;
    }

    public int Id { get; private set; }

    public int ProfessionalId { get; private set; }

    public DocumentKind Kind { get; private set; }

    /// <summary>The name to offer on download: the uploaded name reduced to safe characters.</summary>
    public string FileName { get; private set; }

    public DocumentFileType FileType { get; private set; }

    public long SizeBytes { get; private set; }

    public string StorageKey { get; private set; }

    public string Sha256 { get; private set; }

    public DateTimeOffset UploadedAt { get; private set; }

    /// <summary>The owner can keep a document from the eyes of employers (site directors).</summary>
    public bool HiddenFromEmployers { get; set; }

    public string ContentType => ContentTypeOf(FileType);

    public static string ContentTypeOf(DocumentFileType type) => type switch
    {
        DocumentFileType.Pdf => "application/pdf",
        DocumentFileType.Jpeg => "image/jpeg",
        _ => "image/png",
    };

    /// <summary>Recognises a PDF, JPEG or PNG by its first bytes; null for anything else (an executable, a script, a document).</summary>
    public static DocumentFileType? Recognise(ReadOnlySpan<byte> start) =>
        start.StartsWith("%PDF-"u8) ? DocumentFileType.Pdf
        : start.StartsWith(JpegStart) ? DocumentFileType.Jpeg
        : start.StartsWith(PngStart) ? DocumentFileType.Png
        : null;

    /// <summary>Whether a file name's extension (if it has one) claims the type its content is.</summary>
    public static bool NameMatches(string fileName, DocumentFileType type)
    {
        var extension = Path.GetExtension(fileName).ToUpperInvariant();
        return extension.Length == 0 || type switch
        {
            DocumentFileType.Pdf => extension == ".PDF",
            DocumentFileType.Jpeg => extension is ".JPG" or ".JPEG",
            _ => extension == ".PNG",
        };
    }

    /// <summary>
    /// A download name made only of letters, digits, spaces, dots, dashes and underscores, from the
    /// last path segment of whatever was uploaded ("../../etc/passwd" is "passwd").
    /// </summary>
    public static string SafeFileName(string? uploaded, DocumentFileType type)
    {
        var name = (uploaded ?? string.Empty).Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        var safe = new string(name.Select(c => char.IsLetterOrDigit(c) || c is ' ' or '.' or '-' or '_' ? c : '_').ToArray()).Trim(' ', '.');
        if (safe.Length == 0)
        {
            safe = "document";
        }

        if (safe.Length > MaxFileNameLength)
        {
            safe = safe[^MaxFileNameLength..];
        }

        return NameMatches(safe, type) && Path.HasExtension(safe) ? safe : safe + type switch
        {
            DocumentFileType.Pdf => ".pdf",
            DocumentFileType.Jpeg => ".jpg",
            _ => ".png",
        };
    }
}
