namespace Registry.Web.Domain.BulkLoads;

public enum PeopleImportStatus
{
    Queued = 1,
    Running = 2,
    Finished = 3,
    Failed = 4,
}

/// <summary>
/// One bulk load of people from CSV files (issue 25), or a dry run of one: who ran it, when, which
/// files, how far it has come and what it did. Rows rejected are kept as the CSV report staff download.
/// Facts and profiles it created carry its id (the shadow column ImportId), so their source stays known.
/// </summary>
public sealed class PeopleImport
{
    public const int MaxFilesLength = 1000;

    /// <summary>The column on profiles and facts naming the import that created them.</summary>
    public const string SourceProperty = "ImportId";

    private PeopleImport()
    {
        ByUserId = string.Empty;
        ByName = string.Empty;
        Files = string.Empty;
    }

    public PeopleImport(string byUserId, string byName, string files, bool dryRun, DateTimeOffset at)
        : this()
    {
        ByUserId = byUserId;
        ByName = byName.Length <= 256 ? byName : byName[..256];
        Files = files.Length <= MaxFilesLength ? files : files[..MaxFilesLength];
        DryRun = dryRun;
        CreatedAt = at;
        Status = PeopleImportStatus.Queued;
    }

    public int Id { get; private set; }

    /// <summary>The staff member who ran it (or the command line's named staff member): they vouch for what it marks verified.</summary>
    public string ByUserId { get; private set; }

    public string ByName { get; private set; }

    /// <summary>The files' names, as uploaded ("people.csv, courses.csv").</summary>
    public string Files { get; private set; }

    /// <summary>A dry run checks and reports and changes nothing else.</summary>
    public bool DryRun { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? FinishedAt { get; private set; }

    public PeopleImportStatus Status { get; private set; }

    /// <summary>Why the whole run stopped (a file that is not a CSV of a known layout), in the runner's language.</summary>
    public string? Failure { get; private set; }

    public int PeopleInFiles { get; private set; }

    /// <summary>People checked (and, in a real run, loaded or refused) so far: the progress the page shows.</summary>
    public int PeopleDone { get; private set; }

    /// <summary>New profiles created (or, in a dry run, that would be).</summary>
    public int PeopleCreated { get; private set; }

    /// <summary>Existing profiles, found by email, that facts were added to.</summary>
    public int PeopleMatched { get; private set; }

    /// <summary>New profiles with the name and date of birth of another: flagged for staff, never merged.</summary>
    public int PossibleDuplicates { get; private set; }

    public int PeopleRejected { get; private set; }

    public int FactsAdded { get; private set; }

    /// <summary>Facts the profile already had, the same in every field: not added twice.</summary>
    public int FactsAlreadyThere { get; private set; }

    public int RowsRejected { get; private set; }

    /// <summary>The rejected rows (file, line, column, reason) as CSV; null when none.</summary>
    public string? Rejects { get; private set; }

    public void Start(int people)
    {
        Status = PeopleImportStatus.Running;
        PeopleInFiles = people;
    }

    public void Progress(int done, int created, int matched, int duplicates, int rejected, int facts, int factsThere)
    {
        PeopleDone = done;
        PeopleCreated = created;
        PeopleMatched = matched;
        PossibleDuplicates = duplicates;
        PeopleRejected = rejected;
        FactsAdded = facts;
        FactsAlreadyThere = factsThere;
    }

    public void Finish(int rowsRejected, string? rejects, DateTimeOffset at)
    {
        Status = PeopleImportStatus.Finished;
        Failure = null;
        RowsRejected = rowsRejected;
        Rejects = rejects;
        FinishedAt = at;
    }

    public void Fail(string failure, int rowsRejected, string? rejects, DateTimeOffset at)
    {
        Status = PeopleImportStatus.Failed;
        Failure = failure.Length <= 2000 ? failure : failure[..2000];
        RowsRejected = rowsRejected;
        Rejects = rejects;
        FinishedAt = at;
    }
}

/// <summary>
/// The invitation to claim an account the import created without a password: a one-time link (only
/// its hash kept) to set a password, sent in the person's language, with one reminder a week later.
/// </summary>
public sealed class AccountInvitation
{
    /// <summary>How long an invitation's link works.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    /// <summary>When an unclaimed invitation is sent again, with a new link.</summary>
    public static readonly TimeSpan RemindAfter = TimeSpan.FromDays(7);

    private AccountInvitation()
    {
        UserId = string.Empty;
    }

    public AccountInvitation(string userId, int importId, DateTimeOffset at)
        : this()
    {
        UserId = userId;
        ImportId = importId;
        CreatedAt = at;
    }

    public int Id { get; private set; }

    public string UserId { get; private set; }

    public int ImportId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>SHA-256 of the link's secret (hex); the secret itself is only in the email.</summary>
    public string? TokenHash { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    public DateTimeOffset? RemindedAt { get; private set; }

    public DateTimeOffset? ExpiresAt { get; private set; }

    public DateTimeOffset? ClaimedAt { get; private set; }

    public void Sent(string tokenHash, DateTimeOffset at, bool reminder)
    {
        TokenHash = tokenHash;
        if (reminder)
        {
            RemindedAt = at;
        }
        else
        {
            SentAt = at;
        }

        ExpiresAt = at + Lifetime;
    }

    public void Claimed(DateTimeOffset at)
    {
        ClaimedAt = at;
        TokenHash = null;
    }
}
