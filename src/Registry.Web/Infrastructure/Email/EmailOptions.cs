using MailKit.Security;

namespace Registry.Web.Infrastructure.Email;

/// <summary>Email settings (section "Email").</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>The sender people see: "LoginSupport" by default, as California's users know it.</summary>
    public string FromName { get; set; } = "LoginSupport";

    public string FromAddress { get; set; } = "loginsupport@registry.localhost";

    /// <summary>The SMTP server. Empty (the embedded default): messages are written as .eml files to <see cref="PickupFolder"/>.</summary>
    public string? SmtpHost { get; set; }

    public int SmtpPort { get; set; } = 587;

    /// <summary>None, Auto, StartTls, StartTlsWhenAvailable or SslOnConnect.</summary>
    public SecureSocketOptions SmtpSecurity { get; set; } = SecureSocketOptions.StartTls;

    public string? SmtpUserName { get; set; }

    public string? SmtpPassword { get; set; }

    public int SmtpTimeoutSeconds { get; set; } = 30;

    /// <summary>Where .eml files go without an SMTP server; relative to the app's folder.</summary>
    public string PickupFolder { get; set; } = "data/mail";
}

/// <summary>How the outbox sender works (section "Email:Outbox").</summary>
public sealed class OutboxOptions
{
    public const string Section = "Email:Outbox";

    /// <summary>How often the sender looks for messages when it has not been woken.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a claim lasts: a sender that dies mid-send loses its messages to another after this.</summary>
    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromMinutes(2);

    public int BatchSize { get; set; } = 20;

    /// <summary>The first retry waits this long; each later one twice as long, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan FirstBackoff { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(1);

    /// <summary>With the default backoffs, 30 attempts keep trying for about 23 hours before the message is given up.</summary>
    public int MaxAttempts { get; set; } = 30;

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// At most this many messages a second from each instance (0: no limit), so a 300,000-person
    /// announcement goes out at a pace the mail service accepts. A person's own messages
    /// (confirmations, resets) are sent before announcements waiting in the queue.
    /// </summary>
    public double MessagesPerSecond { get; set; } = 20;

    public TimeSpan BackoffAfter(int attempts)
    {
        var factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        var backoff = TimeSpan.FromTicks((long)Math.Min(FirstBackoff.Ticks * factor, MaxBackoff.Ticks));
        return backoff;
    }
}
