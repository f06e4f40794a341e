using System.Globalization;
using Registry.Web.Domain.Verifications;

namespace Registry.Web.Domain.Facts;

/// <summary>The kinds of fact someone else vouches for: an employer confirms a job, registry staff verify the rest.</summary>
public enum FactKind
{
    Job = 1,
    Course = 2,
    Degree = 3,
    Credential = 4,
    Training = 5,
}

/// <summary>
/// A fact the person reports and someone else may vouch for. <see cref="Facts"/> lists what the
/// rules and reports read, keyed as <see cref="History.HistoryFields"/> keys them, as invariant
/// text: a change to any of them undoes the vouching; anything else does not.
/// </summary>
public interface IVouchedFact : IVerifiable
{
    int Id { get; }

    int ProfessionalId { get; }

    FactKind FactKind { get; }

    IReadOnlyDictionary<string, string?> Facts();
}

/// <summary>
/// One field of a confirmed or verified fact the person changed, which undid the confirmation or
/// verification: what it was, what it became, when, and who had vouched for it. Directors read
/// these on their staff page, registry staff on "Changed facts"; kept for good.
/// </summary>
public sealed class FactChange
{
    public const int MaxValueLength = 500;

    private FactChange()
    {
        Field = string.Empty;
    }

    public FactChange(int professionalId, FactKind kind, int factId, int? employerId, string field, string? oldValue, string? newValue, DateTimeOffset changedAt, string? changedByUserId,
        string? confirmedByUserId, DateTimeOffset? confirmedAt, string? verifiedByUserId, DateTimeOffset? verifiedAt)
        : this()
    {
        ProfessionalId = professionalId;
        Kind = kind;
        FactId = factId;
        EmployerId = employerId;
        Field = field;
        OldValue = Clip(oldValue);
        NewValue = Clip(newValue);
        ChangedAt = changedAt;
        ChangedByUserId = changedByUserId;
        ConfirmedByUserId = confirmedByUserId;
        ConfirmedAt = confirmedAt;
        VerifiedByUserId = verifiedByUserId;
        VerifiedAt = verifiedAt;
    }

    public long Id { get; private set; }

    public int ProfessionalId { get; private set; }

    public FactKind Kind { get; private set; }

    /// <summary>The job's, course's, degree's, credential's or training record's id.</summary>
    public int FactId { get; private set; }

    /// <summary>For a job: the site whose director had confirmed it.</summary>
    public int? EmployerId { get; private set; }

    /// <summary>A key of <see cref="History.HistoryFields.Fields"/> ("Employment.SupervisesAdults").</summary>
    public string Field { get; private set; }

    public string? OldValue { get; private set; }

    public string? NewValue { get; private set; }

    public DateTimeOffset ChangedAt { get; private set; }

    public string? ChangedByUserId { get; private set; }

    /// <summary>The director who had confirmed the job, and when: the confirmation this change undid.</summary>
    public string? ConfirmedByUserId { get; private set; }

    public DateTimeOffset? ConfirmedAt { get; private set; }

    /// <summary>The registry staff member who had verified the fact, and when: the verification this change undid.</summary>
    public string? VerifiedByUserId { get; private set; }

    public DateTimeOffset? VerifiedAt { get; private set; }

    /// <summary>A value as invariant text: dates as yyyy-MM-dd, enums by name, numbers without trailing zeros (as history keeps them).</summary>
    public static string? Format(object? value) => value switch
    {
        null => null,
        string s => s.Length == 0 ? null : s,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        decimal m => m.ToString("0.####", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        Enum e => e.ToString(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static string? Clip(string? value) =>
        value is null || value.Length <= MaxValueLength ? value : value[..(MaxValueLength - 1)] + "…";
}

/// <summary>
/// What a vouched fact said before the person changed it. Take it before the change; after it,
/// <see cref="Changes"/> gives one <see cref="FactChange"/> per changed field, but only when the
/// change undid an employer's confirmation or a staff verification (a self-reported fact's
/// changes are the person's own business, kept in their history).
/// </summary>
public sealed class FactWatch
{
    private readonly IReadOnlyDictionary<string, string?> _before;
    private readonly Verification _verification;
    private readonly string? _confirmedBy;
    private readonly DateTimeOffset? _confirmedAt;

    private FactWatch(IVouchedFact fact)
    {
        _before = fact.Facts();
        _verification = fact.Verification;
        if (fact is Employments.Employment job)
        {
            _confirmedBy = job.ConfirmedByUserId;
            _confirmedAt = job.ConfirmedAt;
        }
    }

    public static FactWatch Before(IVouchedFact fact) => new(fact);

    /// <summary>The fields whose value differs now, in the order the fact lists them.</summary>
    public static IReadOnlyList<(string Field, string? Old, string? New)> Differences(IReadOnlyDictionary<string, string?> before, IReadOnlyDictionary<string, string?> after) =>
        after.Where(a => !string.Equals(before.GetValueOrDefault(a.Key), a.Value, StringComparison.Ordinal))
            .Select(a => (a.Key, before.GetValueOrDefault(a.Key), a.Value)).ToList();

    public IReadOnlyList<FactChange> Changes(IVouchedFact after, DateTimeOffset at, string? byUserId)
    {
        var lostConfirmation = _confirmedAt is not null && after is Employments.Employment { IsConfirmedByEmployer: false };
        var lostVerification = _verification.Status == VerificationStatus.Verified && after.Verification.Status != VerificationStatus.Verified;
        if (!lostConfirmation && !lostVerification)
        {
            return [];
        }

        var employerId = (after as Employments.Employment)?.EmployerId;
        return Differences(_before, after.Facts())
            .Select(d => new FactChange(after.ProfessionalId, after.FactKind, after.Id, employerId, d.Field, d.Old, d.New, at, byUserId,
                lostConfirmation ? _confirmedBy : null, lostConfirmation ? _confirmedAt : null,
                lostVerification ? _verification.ByUserId : null, lostVerification ? _verification.At : null))
            .ToList();
    }
}
