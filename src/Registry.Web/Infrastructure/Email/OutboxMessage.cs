using System.Collections.Frozen;

namespace Registry.Web.Infrastructure.Email;

/// <summary>
/// An email waiting to be sent, written in the same transaction as the change that causes it,
/// so that a registration never commits without its confirmation email and never loses it.
/// </summary>
public sealed class OutboxMessage
{
    public const int MaxAddressLength = 256;
    public const int MaxSubjectLength = 300;
    public const int MaxKindLength = 50;

    /// <summary>
    /// Kinds of message whose body holds a one-time secret (a link carrying a confirmation, reset or
    /// change-email token). Once such a message is sent, or given up, its bodies are replaced by
    /// <see cref="RemovedAfterSending"/> or <see cref="RemovedAfterGivingUp"/>: the outbox, and every
    /// backup of the database, keeps no working link. A new kind of email with a secret in it is
    /// added here (no column: the kind decides).
    /// </summary>
    public static readonly FrozenSet<string> KindsWithOneTimeSecret = FrozenSet.Create(StringComparer.Ordinal,
        "confirm-email",
        "reset-password",
        "change-email",
        "sign-in-link",
        "undo-email-change",
        "claim-account");

    public const string RemovedAfterSending = "[removed after sending: this message held a one-time link]";
    public const string RemovedAfterGivingUp = "[removed after giving up: this message held a one-time link]";

    private OutboxMessage()
    {
        ToAddress = string.Empty;
        Subject = string.Empty;
        TextBody = string.Empty;
        Kind = string.Empty;
    }

    public OutboxMessage(string kind, string toAddress, string? toName, string subject, string textBody, string? htmlBody, DateTimeOffset createdAt)
        : this()
    {
        Kind = kind;
        ToAddress = toAddress;
        ToName = toName;
        Subject = subject;
        TextBody = textBody;
        HtmlBody = htmlBody;
        CreatedAt = createdAt;
        NextAttemptAt = createdAt;
    }

    public long Id { get; private set; }

    /// <summary>What the message is for ("confirm-email", "reset-password"), for support and metrics.</summary>
    public string Kind { get; private set; }

    public string ToAddress { get; private set; }

    public string? ToName { get; private set; }

    public string Subject { get; private set; }

    /// <summary>Every message has a plain-text part.</summary>
    public string TextBody { get; private set; }

    public string? HtmlBody { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Not before this time: the backoff after a failed attempt.</summary>
    public DateTimeOffset NextAttemptAt { get; private set; }

    public int AttemptCount { get; private set; }

    /// <summary>The claim of the sender now holding the message; another sender may take it only after <see cref="ClaimedUntil"/>.</summary>
    public Guid? ClaimToken { get; private set; }

    public DateTimeOffset? ClaimedUntil { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    /// <summary>Set when the sender stopped trying (after <see cref="OutboxOptions.MaxAttempts"/>); staff can see and resend.</summary>
    public DateTimeOffset? GaveUpAt { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>For an optional kind of message: the signed one-click unsubscribe address (List-Unsubscribe, RFC 8058).</summary>
    public string? UnsubscribeUrl { get; private set; }

    /// <summary>Sent before bulk messages: 0 for a person's own messages (confirmations, resets), 1 for announcements.</summary>
    public int Priority { get; private set; }

    /// <summary>
    /// An announcement's message: its body is written at sending time from the announcement (one
    /// copy of the text, not 300,000), in <see cref="Language"/>.
    /// </summary>
    public int? AnnouncementId { get; private set; }

    /// <summary>The language the message is written in ("en", "es"), for an announcement's record.</summary>
    public string? Language { get; private set; }

    /// <summary>Whether the body holds a one-time secret, removed once the message is sent or given up (<see cref="KindsWithOneTimeSecret"/>).</summary>
    public bool HoldsOneTimeSecret => KindsWithOneTimeSecret.Contains(Kind);

    public OutboxMessage WithUnsubscribe(string url)
    {
        UnsubscribeUrl = url;
        return this;
    }

    /// <summary>The receiving server refused the address for good: no more tries.</summary>
    public void MarkRejected(string error, DateTimeOffset at)
    {
        AttemptCount++;
        LastError = error.Length > 1000 ? error[..1000] : error;
        ClaimToken = null;
        ClaimedUntil = null;
        GaveUpAt = at;
        RemoveOneTimeSecret(RemovedAfterGivingUp);
    }

    public void MarkSent(DateTimeOffset at)
    {
        SentAt = at;
        ClaimToken = null;
        ClaimedUntil = null;
        AttemptCount++;
        LastError = null;
        RemoveOneTimeSecret(RemovedAfterSending);
    }

    public void MarkFailed(string error, DateTimeOffset at, TimeSpan backoff, int maxAttempts)
    {
        AttemptCount++;
        LastError = error.Length > 1000 ? error[..1000] : error;
        ClaimToken = null;
        ClaimedUntil = null;
        if (AttemptCount >= maxAttempts)
        {
            GaveUpAt = at;
            RemoveOneTimeSecret(RemovedAfterGivingUp);
        }
        else
        {
            NextAttemptAt = at + backoff;
        }
    }

    /// <summary>The subject stays (support can still see what was sent, and when); the link with its token goes.</summary>
    private void RemoveOneTimeSecret(string notice)
    {
        if (!HoldsOneTimeSecret)
        {
            return;
        }

        TextBody = notice;
        HtmlBody = HtmlBody is null ? null : "<p>" + System.Net.WebUtility.HtmlEncode(notice) + "</p>";
    }
}

/// <summary>
/// An address a mail server refused for good (550 no such mailbox): the owner is asked to fix it
/// in My Registry. Cleared when a message to it is delivered or the owner says it is right.
/// </summary>
public sealed class UndeliverableAddress
{
    public const int MaxReasonLength = 500;

    private UndeliverableAddress()
    {
        Address = string.Empty;
        Reason = string.Empty;
    }

    public UndeliverableAddress(string address, string reason, DateTimeOffset at)
    {
        Address = Normalize(address);
        Reason = reason.Length > MaxReasonLength ? reason[..MaxReasonLength] : reason;
        At = at;
    }

    /// <summary>Upper case, as Identity normalizes emails.</summary>
    public string Address { get; private set; }

    public string Reason { get; private set; }

    public DateTimeOffset At { get; private set; }

    public static string Normalize(string address) => address.Trim().ToUpperInvariant();
}

/// <summary>The receiving server refused the recipient for good (a 5xx reply to RCPT TO): retrying will not help.</summary>
public sealed class RecipientRejectedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>One try at sending an outbox message, kept for support ("did my email go out?").</summary>
public sealed class OutboxAttempt
{
    private OutboxAttempt()
    {
        SenderId = string.Empty;
    }

    public OutboxAttempt(long messageId, string senderId, DateTimeOffset at, bool succeeded, string? error)
    {
        MessageId = messageId;
        SenderId = senderId;
        At = at;
        Succeeded = succeeded;
        Error = error is { Length: > 1000 } ? error[..1000] : error;
    }

    public long Id { get; private set; }

    public long MessageId { get; private set; }

    /// <summary>Which app instance tried (machine and process), for several instances behind a load balancer.</summary>
    public string SenderId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public bool Succeeded { get; private set; }

    public string? Error { get; private set; }
}
