namespace Registry.Web.Domain.Messages;

/// <summary>The kinds of messages a person chooses to receive; account messages cannot be turned off.</summary>
public enum MessageKind
{
    /// <summary>Required: confirmations, password resets, decisions about their record and access, registrations.</summary>
    Account = 0,

    /// <summary>Deadlines and compliance: permits expiring, hours short of a year's requirement.</summary>
    Deadlines = 1,

    /// <summary>Training near them.</summary>
    TrainingNearby = 2,

    /// <summary>News from the registry and the state.</summary>
    News = 3,
}

/// <summary>The kinds a person may turn off (every kind but <see cref="MessageKind.Account"/>).</summary>
public static class MessageKinds
{
    public static readonly MessageKind[] Optional = [MessageKind.Deadlines, MessageKind.TrainingNearby, MessageKind.News];
}

/// <summary>A person's choice not to receive one optional kind of message (no row: they receive it).</summary>
public sealed class MessageOptOut
{
    private MessageOptOut()
    {
        UserId = string.Empty;
    }

    public MessageOptOut(string userId, MessageKind kind, DateTimeOffset at, bool byLink, int? viaAnnouncementId = null)
    {
        if (kind == MessageKind.Account)
        {
            throw new ArgumentException("Account messages cannot be turned off.", nameof(kind));
        }

        UserId = userId;
        Kind = kind;
        At = at;
        ByLink = byLink;
        ViaAnnouncementId = viaAnnouncementId;
    }

    public string UserId { get; private set; }

    public MessageKind Kind { get; private set; }

    public DateTimeOffset At { get; private set; }

    /// <summary>Chosen with the one-click link in an email rather than on the preferences page.</summary>
    public bool ByLink { get; private set; }

    /// <summary>The announcement whose link was used, for its record of unsubscribes.</summary>
    public int? ViaAnnouncementId { get; private set; }
}

/// <summary>A reminder the registry sent on its own (what, about which record, at which stage), so each is sent once.</summary>
public sealed class ReminderSent
{
    private ReminderSent()
    {
        Reminder = string.Empty;
    }

    public ReminderSent(string reminder, int subjectId, int stage, DateTimeOffset at)
    {
        Reminder = reminder;
        SubjectId = subjectId;
        Stage = stage;
        At = at;
    }

    /// <summary>Which reminder ("permit-expiry").</summary>
    public string Reminder { get; private set; }

    /// <summary>The record it is about (a credential's id).</summary>
    public int SubjectId { get; private set; }

    /// <summary>Which of its steps (days before: 90, 30).</summary>
    public int Stage { get; private set; }

    public DateTimeOffset At { get; private set; }
}
