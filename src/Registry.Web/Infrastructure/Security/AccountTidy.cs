using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Infrastructure.Jobs;

namespace Registry.Web.Infrastructure.Security;

/// <summary>
/// Hourly: removes sessions over for 30 days (the account page lists only live ones; the audit keeps
/// the sign-ins) and sign-in counts nobody has touched for a day.
/// </summary>
public sealed class AccountTidy(RegistryDbContext db, SignInThrottles throttles, TimeProvider time) : IHourlyJob
{
    public static readonly TimeSpan KeepSessions = TimeSpan.FromDays(30);

    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var before = time.GetUtcNow() - KeepSessions;
        var sessions = await db.AccountSessions.Where(s => s.ExpiresAt < before || s.EndedAt < before).ExecuteDeleteAsync(ct);
        return sessions + await throttles.TidyAsync(ct);
    }
}
