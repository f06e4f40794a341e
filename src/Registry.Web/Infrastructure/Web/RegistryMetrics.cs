using System.Diagnostics.Metrics;
using System.Net;

namespace Registry.Web.Infrastructure.Web;

/// <summary>
/// The registry's own measurements, beside .NET's built-in meters (requests, errors, Kestrel):
/// the outbox's sent, failed and refused messages and how many wait. Exposed with them at
/// /metrics in Prometheus' text format (OpenTelemetry), to internal addresses only.
/// </summary>
public static class RegistryMetrics
{
    public const string MeterName = "Registry";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> OutboxSent = Meter.CreateCounter<long>("registry.outbox.sent", "{message}", "Messages the outbox delivered.");

    public static readonly Counter<long> OutboxFailed = Meter.CreateCounter<long>("registry.outbox.failed", "{message}", "Failed delivery attempts (retried later).");

    public static readonly Counter<long> OutboxRefused = Meter.CreateCounter<long>("registry.outbox.refused", "{message}", "Messages whose address a mail server refused for good.");

    private static long _waiting;

    static RegistryMetrics()
    {
        Meter.CreateObservableGauge("registry.outbox.waiting", () => Interlocked.Read(ref _waiting), "{message}", "Messages waiting to be sent, as the sender last counted them.");
    }

    public static void SetOutboxWaiting(long count) => Interlocked.Exchange(ref _waiting, count);

    /// <summary>/metrics answers loopback and private-network addresses (the scraper), not the internet.</summary>
    public static bool IsInternal(IPAddress? address)
    {
        if (address is null || IPAddress.IsLoopback(address))
        {
            return true;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        return address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            ? bytes[0] == 10 || (bytes[0] == 172 && bytes[1] is >= 16 and <= 31) || (bytes[0] == 192 && bytes[1] == 168)
            : address.IsIPv6UniqueLocal || address.IsIPv6LinkLocal;
    }
}
