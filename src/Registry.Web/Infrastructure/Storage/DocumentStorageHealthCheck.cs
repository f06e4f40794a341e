using System.Security.Cryptography;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Registry.Web.Infrastructure.Storage;

/// <summary>
/// Readiness: whether the document storage takes a file (a one-byte probe, kept and removed).
/// A full disk or a read-only folder is reported as degraded, not unhealthy: every page but
/// uploads still works, and uploads say so to the person.
/// </summary>
public sealed class DocumentStorageHealthCheck(IDocumentStorage storage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var key = RandomNumberGenerator.GetHexString(32, lowercase: true);
        try
        {
            await using (var probe = new MemoryStream([0]))
            {
                await storage.SaveAsync(key, probe, cancellationToken);
            }

            await storage.DeleteAsync(key, cancellationToken);
            return HealthCheckResult.Healthy("Documents can be stored.");
        }
        catch (Exception exception) when (exception is DocumentStorageException or IOException or UnauthorizedAccessException)
        {
            return HealthCheckResult.Degraded("Uploads are refused: the document storage cannot take a file.", exception);
        }
    }
}
