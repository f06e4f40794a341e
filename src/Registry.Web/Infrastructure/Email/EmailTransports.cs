using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;
using Registry.Web.Infrastructure.Storage;

namespace Registry.Web.Infrastructure.Email;

/// <summary>Hands one message to the world: an SMTP server, or a folder of .eml files.</summary>
public interface IEmailTransport
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>Sends over SMTP with MailKit: TLS as configured, credentials if given, a timeout, cancellation.</summary>
public sealed class MailKitEmailTransport(IOptions<EmailOptions> options) : IEmailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var client = new SmtpClient { Timeout = settings.SmtpTimeoutSeconds * 1000 };
        var host = settings.SmtpHost ?? throw new InvalidOperationException("Email:SmtpHost is not set.");
        await client.ConnectAsync(host, settings.SmtpPort, settings.SmtpSecurity, cancellationToken);
        if (!string.IsNullOrEmpty(settings.SmtpUserName))
        {
            await client.AuthenticateAsync(settings.SmtpUserName, settings.SmtpPassword ?? string.Empty, cancellationToken);
        }

        try
        {
            await client.SendAsync(message, cancellationToken);
        }
        catch (SmtpCommandException refused) when (refused.ErrorCode == SmtpErrorCode.RecipientNotAccepted && (int)refused.StatusCode >= 500)
        {
            throw new RecipientRejectedException($"{(int)refused.StatusCode} {refused.Message}", refused);
        }

        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}

/// <summary>
/// With no SMTP server (the embedded default): each message becomes an .eml file that any mail
/// program opens, and its path is logged, so someone trying Registry on a laptop can follow a
/// confirmation link.
/// </summary>
public sealed class PickupFolderEmailTransport(IOptions<EmailOptions> options, IHostEnvironment environment, TimeProvider time, ILogger<PickupFolderEmailTransport> logger)
    : IEmailTransport
{
    public string Folder => Path.GetFullPath(options.Value.PickupFolder, environment.ContentRootPath);

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, $"{time.GetUtcNow():yyyyMMdd-HHmmss}-{Guid.NewGuid():N}.eml");
        // As an SMTP client would: any non-ASCII text is encoded, so every mail program reads it.
        message.Prepare(EncodingConstraint.SevenBit);
        // Written whole or not at all, so a mail program (or a test) watching the folder never opens
        // half a message, and a failed write (the outbox tries again) leaves nothing behind.
        await WholeFile.WriteAsync(path, (file, ct) => message.WriteToAsync(file, ct), cancellationToken);

        // The path only: no address or content of the message (no personal data in logs).
        logger.LogInformation("Email written to {Path}", path);
    }
}
