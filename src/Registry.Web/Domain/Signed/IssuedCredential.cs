namespace Registry.Web.Domain.Signed;

/// <summary>What a signed credential states.</summary>
public enum IssuedCredentialKind
{
    /// <summary>A permit or credential registry staff verified (the fact is a <see cref="Credentials.Credential"/>).</summary>
    Permit = 1,

    /// <summary>Registry membership: the person's name and registry id.</summary>
    Membership = 2,

    /// <summary>What the person qualifies for on verified facts, as of the day issued (the rule sets and their versions named).</summary>
    Qualifications = 3,

    /// <summary>The whole verified record as a Comprehensive Learner Record (CLR 2.0).</summary>
    Transcript = 4,

    /// <summary>The membership card's compact signed payload, carried in its QR code.</summary>
    Card = 5,

    /// <summary>A training certificate: the hours a sponsor posted for an event (the fact is the event).</summary>
    TrainingCertificate = 6,

    /// <summary>The printed certificate's compact signed payload, carried in its QR code (the fact is the event).</summary>
    CertificateCode = 7,
}

/// <summary>
/// A signed credential the person asked for: which fact it states, as the fact stood then, and its
/// place in the registry's status list. It shows as revoked when the person withdraws it, or when
/// the fact it states has changed at all since (un-verified, verified again, edited, removed, moved to
/// another person by a merge): it keeps the fact's concurrency stamp and verification time of the day
/// it was issued, and a fact never gets those back, so a revoked credential never comes back to life.
/// </summary>
public sealed class IssuedCredential
{
    /// <summary>Entries in one status list: 131,072 bits, the smallest list the Bitstring Status List recommendation allows (16 KB).</summary>
    public const int StatusListSize = 131_072;

    public const int MaxTitleLength = 200;

    private IssuedCredential()
    {
        Title = string.Empty;
    }

    public IssuedCredential(int professionalId, IssuedCredentialKind kind, string title, int? factId, Guid? factStamp, DateTimeOffset? factVerifiedAt, Guid credentialId, DateTimeOffset issuedAt, DateTimeOffset? validUntil)
    {
        Title = title.Length <= MaxTitleLength ? title : title[..MaxTitleLength];
        ProfessionalId = professionalId;
        Kind = kind;
        FactId = factId;
        FactStamp = factStamp;
        FactVerifiedAt = factVerifiedAt;
        CredentialId = credentialId;
        IssuedAt = issuedAt;
        ValidUntil = validUntil;
    }

    /// <summary>Also the credential's place in the status lists: list <see cref="StatusList"/>, bit <see cref="StatusIndex"/>.</summary>
    public int Id { get; private set; }

    public int ProfessionalId { get; private set; }

    public IssuedCredentialKind Kind { get; private set; }

    /// <summary>The credential's name, as it says it ("Child Development Permit: Teacher (verified)").</summary>
    public string Title { get; private set; }

    /// <summary>The fact stated (a permit's id), if the kind has one.</summary>
    public int? FactId { get; private set; }

    /// <summary>The fact's concurrency stamp when the credential was issued.</summary>
    public Guid? FactStamp { get; private set; }

    /// <summary>When the fact was verified, as it stood when the credential was issued: verified again later is another verification.</summary>
    public DateTimeOffset? FactVerifiedAt { get; private set; }

    /// <summary>
    /// For a credential of the whole verified record (qualifications, transcript): how many of the
    /// person's facts were verified when it was issued. It holds while the same number still are
    /// (verified then and not changed since); one un-verified, edited, removed or verified again makes it revoked.
    /// For a training certificate: how many posted attendances it counted; it holds while those are all
    /// still posted and none was posted (or posted again) since.
    /// </summary>
    public int? FactCount { get; private set; }

    /// <summary>The credential's own id ("urn:uuid:…" in its JSON and its JWT's jti).</summary>
    public Guid CredentialId { get; private set; }

    public DateTimeOffset IssuedAt { get; private set; }

    public DateTimeOffset? ValidUntil { get; private set; }

    /// <summary>The signed credential as the person received it (a compact JWT), to download again.</summary>
    public string Token { get; private set; } = string.Empty;

    /// <summary>When the person withdrew it.</summary>
    public DateTimeOffset? WithdrawnAt { get; private set; }

    public int StatusList => ((Id - 1) / StatusListSize) + 1;

    public int StatusIndex => (Id - 1) % StatusListSize;

    public static (int First, int Last) IdsOfList(int list) => (((list - 1) * StatusListSize) + 1, list * StatusListSize);

    public void Keep(string token) => Token = token;

    public void Counted(int verifiedFacts) => FactCount = verifiedFacts;

    public void Withdraw(DateTimeOffset at) => WithdrawnAt ??= at;
}
