namespace Registry.Web.Domain.History;

public enum RecordChangeKind
{
    Added = 1,
    Changed = 2,
    Removed = 3,
}

/// <summary>
/// One change to a professional's record, kept for good: who made it, when, and for a changed
/// field its old and new value. Values are stored as invariant text (dates as yyyy-MM-dd, enums
/// by name) and shown through <see cref="HistoryFields"/> in the reader's language.
/// </summary>
public sealed class RecordChange
{
    public const int MaxValueLength = 500;
    public const int MaxLabelLength = 200;

    private RecordChange()
    {
        Section = string.Empty;
    }

    public RecordChange(int professionalId, DateTimeOffset at, string? byUserId, string section, string? entryLabel, RecordChangeKind kind, string? field, string? oldValue, string? newValue)
        : this()
    {
        ProfessionalId = professionalId;
        At = at;
        ByUserId = byUserId;
        Section = section;
        EntryLabel = Clip(entryLabel, MaxLabelLength);
        Kind = kind;
        Field = field;
        OldValue = Clip(oldValue, MaxValueLength);
        NewValue = Clip(newValue, MaxValueLength);
    }

    public long Id { get; private set; }

    public int ProfessionalId { get; private set; }

    public DateTimeOffset At { get; private set; }

    /// <summary>The Identity user who made the change; null when the registry itself did (an import, a scheduled job).</summary>
    public string? ByUserId { get; private set; }

    /// <summary>The kind of entry: a key of <see cref="HistoryFields.Sections"/> ("Course", "Employment").</summary>
    public string Section { get; private set; }

    /// <summary>What the person would call the entry (a course title, an employer's name), as it was then.</summary>
    public string? EntryLabel { get; private set; }

    public RecordChangeKind Kind { get; private set; }

    /// <summary>For <see cref="RecordChangeKind.Changed"/>: a key of <see cref="HistoryFields.Fields"/>.</summary>
    public string? Field { get; private set; }

    public string? OldValue { get; private set; }

    public string? NewValue { get; private set; }

    private static string? Clip(string? value, int length) =>
        value is null || value.Length <= length ? value : value[..(length - 1)] + "…";
}
