using System.Data.Common;
using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Registry.Web.Infrastructure.Email;

namespace Registry.Web.Infrastructure.Web;

/// <summary>
/// Whether the SMTP server accepts a connection. Reported, never fatal: the outbox keeps messages
/// until it is back, so the app stays ready ("Degraded").
/// </summary>
public sealed class SmtpHealthCheck(IOptions<EmailOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.SmtpHost))
        {
            return HealthCheckResult.Healthy("No SMTP server: email is written to the pickup folder.");
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            using var client = new TcpClient();
            await client.ConnectAsync(settings.SmtpHost, settings.SmtpPort, timeout.Token);
            return HealthCheckResult.Healthy("The SMTP server accepts connections.");
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return HealthCheckResult.Degraded("The SMTP server does not answer; email waits in the outbox.");
        }
    }
}

/// <summary>Whether an exception means the database cannot be reached (a restart, a network failure), not a bug.</summary>
public static class DatabaseUnavailable
{
    public static bool Is(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is DbException { IsTransient: true } or SocketException or TimeoutException)
            {
                return true;
            }
        }

        return false;
    }
}
