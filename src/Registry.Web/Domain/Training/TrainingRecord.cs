using Registry.Web.Domain.Facts;
using Registry.Web.Domain.Verifications;

namespace Registry.Web.Domain.Training;

/// <summary>How much a training record is trusted: hours a sponsor posted beat hours a person typed.</summary>
public enum TrainingTrustLevel
{
    SelfReported = 0,
    SponsorVerified = 1,
}

public enum DeliveryMode
{
    InPerson = 1,
    Online = 2,
    Hybrid = 3,
}

/// <summary>Professional development the person attended, in clock hours.</summary>
public sealed class TrainingRecord : IVouchedFact
{
    public const int MaxTextLength = 200;

    private TrainingRecord()
    {
        Title = string.Empty;
        Sponsor = string.Empty;
        Verification = Verification.SelfReported();
    }

    public TrainingRecord(string title, string sponsor, DateOnly attendedOn, decimal clockHours, string? topicArea, string? language, DeliveryMode? deliveryMode, TrainingTrustLevel trustLevel)
        : this()
    {
        TrustLevel = trustLevel;
        Apply(title, sponsor, attendedOn, clockHours, topicArea, language, deliveryMode);
    }

    /// <summary>Changes a self-reported record. Hours a sponsor posted are the sponsor's to change.</summary>
    public void Update(string title, string sponsor, DateOnly attendedOn, decimal clockHours, string? topicArea, string? language, DeliveryMode? deliveryMode)
    {
        if (TrustLevel == TrainingTrustLevel.SponsorVerified)
        {
            throw new InvalidOperationException("Hours posted by a sponsor cannot be changed by the attendee.");
        }

        var before = Facts();
        Apply(title, sponsor, attendedOn, clockHours, topicArea, language, deliveryMode);
        if (FactWatch.Differences(before, Facts()).Count > 0)
        {
            Verification = Verification.SelfReported();
        }
    }

    public FactKind FactKind => FactKind.Training;

    /// <summary>Everything the person says of the training: all of it is on the certificate staff verified against.</summary>
    public IReadOnlyDictionary<string, string?> Facts() => new Dictionary<string, string?>
    {
        ["TrainingRecord.Title"] = Title,
        ["TrainingRecord.Sponsor"] = Sponsor,
        ["TrainingRecord.AttendedOn"] = FactChange.Format(AttendedOn),
        ["TrainingRecord.ClockHours"] = FactChange.Format(ClockHours),
        ["TrainingRecord.TopicArea"] = TopicArea,
        ["TrainingRecord.Language"] = Language,
        ["TrainingRecord.DeliveryMode"] = FactChange.Format(DeliveryMode),
    };

    private void Apply(string title, string sponsor, DateOnly attendedOn, decimal clockHours, string? topicArea, string? language, DeliveryMode? deliveryMode)
    {
        if (clockHours is <= 0 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(clockHours), "Clock hours are more than 0 and at most 1,000.");
        }

        Title = title.Trim();
        Sponsor = sponsor.Trim();
        AttendedOn = attendedOn;
        ClockHours = clockHours;
        TopicArea = string.IsNullOrWhiteSpace(topicArea) ? null : topicArea.Trim();
        Language = string.IsNullOrWhiteSpace(language) ? null : language.Trim();
        DeliveryMode = deliveryMode;
    }

    public int Id { get; private set; }

    public int ProfessionalId { get; private set; }

    public string Title { get; private set; }

    public string Sponsor { get; private set; }

    public DateOnly AttendedOn { get; private set; }

    public decimal ClockHours { get; private set; }

    public string? TopicArea { get; private set; }

    public string? Language { get; private set; }

    public DeliveryMode? DeliveryMode { get; private set; }

    public TrainingTrustLevel TrustLevel { get; private set; }

    /// <summary>Another registry this one trusts verified it (the person brought their record).</summary>
    public void RecordVerification(Verification verification) => Verification = verification;

    public Verification Verification { get; private set; }

    public Guid ConcurrencyStamp { get; private set; } = Guid.NewGuid();
}
