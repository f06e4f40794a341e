namespace Registry.Web.Domain.Signed;

/// <summary>
/// "Bring my record": a record the person uploaded from another registry (its export, or a signed
/// transcript), read and waiting for them to review, then applied once. The facts are kept as read
/// (JSON) so the review shows exactly what will be added.
/// </summary>
public sealed class RecordImport
{
    public const int MaxFileNameLength = 200;

    private RecordImport()
    {
        FileName = string.Empty;
        Facts = string.Empty;
    }

    public RecordImport(int professionalId, string fileName, string? issuerDid, string? issuerName, string facts, DateTimeOffset at)
        : this()
    {
        ProfessionalId = professionalId;
        FileName = fileName.Length <= MaxFileNameLength ? fileName : fileName[..MaxFileNameLength];
        IssuerDid = issuerDid;
        IssuerName = issuerName;
        Facts = facts;
        CreatedAt = at;
    }

    public int Id { get; private set; }

    public int ProfessionalId { get; private set; }

    public string FileName { get; private set; }

    /// <summary>The trusted registry whose signature held, when one did: its facts arrive verified by it.</summary>
    public string? IssuerDid { get; private set; }

    public string? IssuerName { get; private set; }

    /// <summary>The facts read from the file (JSON), each marked verified or self-reported.</summary>
    public string Facts { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? AppliedAt { get; private set; }

    public int Added { get; private set; }

    public void Applied(DateTimeOffset at, int added) => (AppliedAt, Added) = (at, added);
}
