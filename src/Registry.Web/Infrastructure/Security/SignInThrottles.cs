using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Registry.Web.Data;
using Registry.Web.Domain.Accounts;

namespace Registry.Web.Infrastructure.Security;

/// <summary>How many wrong tries pause signing in, and for how long (<c>SignIn:*</c>).</summary>
public sealed class SignInThrottleOptions
{
    public const string Section = "SignIn";

    /// <summary>Wrong tries for one email from one client address before that address is paused for it.</summary>
    public int FailuresPerSource { get; set; } = 5;

    public TimeSpan SourceWindow { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan SourcePause { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Wrong tries for one email from anywhere before every address is paused for it (a sign-in link by email still works).</summary>
    public int FailuresPerAccount { get; set; } = 20;

    public TimeSpan AccountWindow { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan AccountPause { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// Pauses signing in for an email after wrong tries: from one client address first (so someone
/// guessing from elsewhere cannot lock the owner out), from everywhere after many more. What was
/// typed is counted whether or not an account has that email, so a pause says nothing about
/// whether the account exists; the keys are hashes, so the table holds no email or address.
/// The way out of a pause is a sign-in link sent to the email, or a password reset.
/// </summary>
public sealed class SignInThrottles(RegistryDbContext db, TimeProvider time, IOptions<SignInThrottleOptions> options)
{
    public async Task<bool> IsPausedAsync(string email, string? source, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var keys = Keys(email, source);
        return await db.SignInThrottles.AsNoTracking().AnyAsync(t => keys.Contains(t.Key) && t.PausedUntil > now, ct);
    }

    /// <summary>Counts a wrong try; returns whether signing in is now paused for this email and address.</summary>
    public async Task<bool> FailAsync(string email, string? source, CancellationToken ct)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        var (sourceKey, accountKey) = (Key("source", email, source), Key("account", email, null));
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var rows = await db.SignInThrottles.Where(t => t.Key == sourceKey || t.Key == accountKey).ToListAsync(ct);
                var bySource = rows.SingleOrDefault(t => t.Key == sourceKey) ?? Add(sourceKey, now);
                var byAccount = rows.SingleOrDefault(t => t.Key == accountKey) ?? Add(accountKey, now);
                bySource.Fail(now, o.FailuresPerSource, o.SourceWindow, o.SourcePause);
                byAccount.Fail(now, o.FailuresPerAccount, o.AccountWindow, o.AccountPause);
                await db.SaveChangesAsync(ct);
                return bySource.IsPausedAt(now) || byAccount.IsPausedAt(now);
            }
            catch (DbUpdateException) when (attempt < 2)
            {
                // Two wrong tries at once both added the first row: count again on what the other wrote.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>A right password from this address: its count starts again.</summary>
    public Task SucceedAsync(string email, string? source, CancellationToken ct)
    {
        var key = Key("source", email, source);
        return db.SignInThrottles.Where(t => t.Key == key).ExecuteDeleteAsync(ct);
    }

    /// <summary>The owner proved they hold the email (a sign-in link, a password reset): every pause on it ends.</summary>
    public Task ClearAccountAsync(string email, CancellationToken ct)
    {
        var key = Key("account", email, null);
        return db.SignInThrottles.Where(t => t.Key == key).ExecuteDeleteAsync(ct);
    }

    /// <summary>Removes counts nobody has touched for a day (the hourly tidy).</summary>
    public Task<int> TidyAsync(CancellationToken ct)
    {
        var before = time.GetUtcNow().AddDays(-1);
        return db.SignInThrottles.Where(t => t.WindowStartedAt < before && (t.PausedUntil == null || t.PausedUntil < before)).ExecuteDeleteAsync(ct);
    }

    private SignInThrottle Add(string key, DateTimeOffset now)
    {
        var row = new SignInThrottle(key, now);
        db.SignInThrottles.Add(row);
        return row;
    }

    private static string[] Keys(string email, string? source) => [Key("source", email, source), Key("account", email, null)];

    private static string Key(string scope, string email, string? source)
    {
        var text = scope + "\n" + email.Trim().ToUpperInvariant() + "\n" + (source ?? string.Empty);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
