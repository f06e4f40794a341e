using System.Text.Json;

namespace Registry.Web.Domain.Professionals;

/// <summary>
/// One merge of two profiles by registry staff, kept so it can be undone for
/// <see cref="UndoWindow"/>: which profile survived, who chose and why, every row moved from the
/// merged-away profile (by id, so an undo moves exactly those back), and the merged account's
/// lockout before the merge (decision 0031).
/// </summary>
public sealed class ProfileMerge
{
    public const int MaxReasonLength = 500;

    public static readonly TimeSpan UndoWindow = TimeSpan.FromDays(30);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public ProfileMerge(int keptProfessionalId, string keptRegistryId, int mergedProfessionalId, string mergedRegistryId,
        string mergedByUserId, DateTimeOffset mergedAt, string? reason, MergeMoves moves, bool mergedLockoutEnabled, DateTimeOffset? mergedLockoutEnd)
    {
        KeptProfessionalId = keptProfessionalId;
        KeptRegistryId = keptRegistryId;
        MergedProfessionalId = mergedProfessionalId;
        MergedRegistryId = mergedRegistryId;
        MergedByUserId = mergedByUserId;
        MergedAt = mergedAt;
        Reason = reason;
        Moves = JsonSerializer.Serialize(moves, Json);
        MergedLockoutEnabled = mergedLockoutEnabled;
        MergedLockoutEnd = mergedLockoutEnd;
    }

    private ProfileMerge()
    {
        KeptRegistryId = MergedRegistryId = MergedByUserId = Moves = string.Empty;
    }

    public int Id { get; private set; }

    public int KeptProfessionalId { get; private set; }

    public string KeptRegistryId { get; private set; }

    public int MergedProfessionalId { get; private set; }

    public string MergedRegistryId { get; private set; }

    public string MergedByUserId { get; private set; }

    public DateTimeOffset MergedAt { get; private set; }

    /// <summary>Why staff kept the other profile than the one Registry recommends; null when they kept the recommended one.</summary>
    public string? Reason { get; private set; }

    /// <summary>The rows moved, as JSON (<see cref="MergeMoves"/>).</summary>
    public string Moves { get; private set; }

    public bool MergedLockoutEnabled { get; private set; }

    public DateTimeOffset? MergedLockoutEnd { get; private set; }

    public DateTimeOffset? UndoneAt { get; private set; }

    public string? UndoneByUserId { get; private set; }

    public string? UndoReason { get; private set; }

    public MergeMoves ReadMoves() => JsonSerializer.Deserialize<MergeMoves>(Moves, Json) ?? new MergeMoves();

    public bool CanUndoAt(DateTimeOffset now) => UndoneAt is null && now < MergedAt + UndoWindow;

    public void Undo(string userId, string reason, DateTimeOffset at)
    {
        if (!CanUndoAt(at))
        {
            throw new InvalidOperationException("This merge can no longer be undone.");
        }

        UndoneAt = at;
        UndoneByUserId = userId;
        UndoReason = reason;
    }
}

/// <summary>What a merge moved, by table and row id; and what it changed in place, with the values before.</summary>
public sealed class MergeMoves
{
    public Dictionary<string, List<long>> Rows { get; set; } = [];

    /// <summary>Languages spoken moved to the kept profile (a language both listed stays with each).</summary>
    public List<string> Languages { get; set; } = [];

    /// <summary>Professional id → the possible-duplicate flag it had before the merge cleared it.</summary>
    public Dictionary<int, int> DuplicateFlags { get; set; } = [];

    /// <summary>Name changes that were waiting on the merged-away profile and were closed as replaced.</summary>
    public List<int> ReplacedNameChanges { get; set; } = [];

    /// <summary>The history line the merge wrote on the kept record.</summary>
    public long? HistoryLineId { get; set; }
}
