using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Registry.Web.Data;
using Registry.Web.Domain.Access;
using Registry.Web.Domain.Accounts;
using Registry.Web.Domain.Calendar;

namespace Registry.Web.Infrastructure.Security;

/// <summary>
/// Server-side sessions behind the sign-in cookie. The cookie carries a session id (claim
/// <see cref="SessionClaim"/>); every request reads that session, the account's security stamp and,
/// for a session without a second factor, whether the account now sees other people's records, in
/// one query. A session ended here (sign-out, "sign out everywhere", a password reset, a role or grant
/// taken away, a merge), past its absolute lifetime, idle too long, or whose account's security stamp
/// changed, is refused at the next request, whoever holds a copy of the cookie.
/// </summary>
public sealed class AccountSessions(RegistryDbContext db, TimeProvider time, IOptions<AccountSessionOptions> options)
{
    public const string SessionClaim = "sid";

    /// <summary>Set on the request when the account needs a second factor this session has not proved.</summary>
    public const string SecondFactorRequiredItem = "Registry.SecondFactorRequired";

    private const string SecurityStampClaim = "AspNet.Identity.SecurityStamp";

    public sealed record ActiveSession(string Id, string Method, bool SecondFactor, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, string? IpAddress, string? UserAgent);

    private sealed record State(DateTimeOffset? EndedAt, DateTimeOffset ExpiresAt, DateTimeOffset LastSeenAt, bool SecondFactor, string? SecurityStamp, bool Privileged);

    /// <summary>
    /// The session, the account's stamp and, for a session that has not proved a second factor, the rule of
    /// <see cref="NeedsSecondFactorAsync"/> (with <see cref="AccessGrant.ActiveAt"/> written out, as a
    /// compiled query takes no expression built at run time): one query, compiled once, on every request.
    /// </summary>
    private static readonly PerModelQuery<Func<RegistryDbContext, string, string, DateTimeOffset, Task<State?>>> SessionState = new(() =>
        EF.CompileAsyncQuery((RegistryDbContext db, string sessionId, string userId, DateTimeOffset now) => db.AccountSessions.AsNoTracking()
            .Where(s => s.Id == sessionId && s.UserId == userId)
            .Select(s => new State(
                s.EndedAt,
                s.ExpiresAt,
                s.LastSeenAt,
                s.SecondFactor,
                db.Users.Where(u => u.Id == s.UserId).Select(u => u.SecurityStamp).FirstOrDefault(),
                !s.SecondFactor && (
                    db.UserRoles.Any(r => r.UserId == s.UserId)
                    || db.AccessGrants.Any(g => g.UserId == s.UserId && g.RevokedAt == null && g.ExpiresAt > now && g.GrantedAt <= now)
                    || db.SponsorMembers.Any(m => m.UserId == s.UserId && m.ApprovedAt != null
                        && db.Sponsors.Any(p => p.Id == m.SponsorId && p.Status == SponsorStatus.Approved)))))
            .FirstOrDefault()));

    /// <summary>Starts a session for a sign-in; returns its id for the cookie.</summary>
    public async Task<string> StartAsync(string userId, SignInMethod method, HttpContext? context, CancellationToken ct = default)
    {
        var id = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var session = new AccountSession(id, userId, method, time.GetUtcNow(), options.Value.AbsoluteLifetime,
            context?.Connection.RemoteIpAddress?.ToString(), context?.Request.Headers.UserAgent.ToString());
        db.AccountSessions.Add(session);
        await db.SaveChangesAsync(ct);
        return id;
    }

    public Task EndAsync(string sessionId, string reason, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        return db.AccountSessions.Where(s => s.Id == sessionId && s.EndedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now).SetProperty(s => s.EndReason, reason), ct);
    }

    /// <summary>Ends every session of the account (but <paramref name="exceptSessionId"/>, the caller's own, when given); returns how many.</summary>
    public Task<int> EndAllAsync(string userId, string reason, string? exceptSessionId = null, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        return db.AccountSessions.Where(s => s.UserId == userId && s.EndedAt == null && s.Id != exceptSessionId)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now).SetProperty(s => s.EndReason, reason), ct);
    }

    /// <summary>The second factor was proved in this session (set up, or asked for again); or, with <paramref name="proved"/> false, removed.</summary>
    public Task ProveSecondFactorAsync(string sessionId, bool proved = true, CancellationToken ct = default) =>
        db.AccountSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(u => u.SetProperty(s => s.SecondFactor, proved), ct);

    public async Task<IReadOnlyList<ActiveSession>> ActiveAsync(string userId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var idleSince = now - options.Value.IdleTimeout;
        return await db.AccountSessions.AsNoTracking()
            .Where(s => s.UserId == userId && s.EndedAt == null && s.ExpiresAt > now && s.LastSeenAt > idleSince)
            .OrderByDescending(s => s.LastSeenAt)
            .Select(s => new ActiveSession(s.Id, s.Method, s.SecondFactor, s.CreatedAt, s.LastSeenAt, s.IpAddress, s.UserAgent))
            .ToListAsync(ct);
    }

    /// <summary>
    /// Whether the account sees other people's records now: a registry-wide role, an active grant, an
    /// approved sponsor membership. The same rule as inside <see cref="ValidateAsync"/>'s one query
    /// (kept there so that each request costs one round trip).
    /// </summary>
    public Task<bool> NeedsSecondFactorAsync(string userId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var active = AccessGrant.ActiveAt(now);
        return db.Users.Where(u => u.Id == userId).AnyAsync(u =>
            db.UserRoles.Any(r => r.UserId == u.Id)
            || db.AccessGrants.Where(active).Any(g => g.UserId == u.Id)
            || db.SponsorMembers.Any(m => m.UserId == u.Id && m.ApprovedAt != null && db.Sponsors.Any(p => p.Id == m.SponsorId && p.Status == SponsorStatus.Approved)), ct);
    }

    /// <summary>The sign-in cookie's check on every request (wired as <c>OnValidatePrincipal</c>).</summary>
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var sessions = context.HttpContext.RequestServices.GetRequiredService<AccountSessions>();
        if (!await sessions.ValidateAsync(context.HttpContext, context.Principal, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }

    /// <summary>Whether the request's sign-in still stands; marks the request when a second factor is owed.</summary>
    public async Task<bool> ValidateAsync(HttpContext context, ClaimsPrincipal? principal, CancellationToken ct)
    {
        var sessionId = principal?.FindFirstValue(SessionClaim);
        var userId = principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = principal?.FindFirstValue(SecurityStampClaim);
        if (sessionId is null || userId is null || stamp is null)
        {
            return false;
        }

        // A signed-in page reads several times (this check, the record, its lists): the request keeps one
        // connection from here until its scope ends, instead of taking one from the pool per query.
        await db.Database.OpenConnectionAsync(ct);
        var now = time.GetUtcNow();
        var state = await SessionState.For(db)(db, sessionId, userId, now);
        if (state is null || state.EndedAt is not null)
        {
            return false;
        }

        var ending = now >= state.ExpiresAt ? "lifetime reached"
            : now - state.LastSeenAt >= options.Value.IdleTimeout ? "idle"
            : !string.Equals(state.SecurityStamp, stamp, StringComparison.Ordinal) ? "account changed"
            : null;
        if (ending is not null)
        {
            await EndAsync(sessionId, ending, ct);
            return false;
        }

        if (now - state.LastSeenAt >= options.Value.LastSeenResolution)
        {
            await db.AccountSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now), ct);
        }

        if (state.Privileged)
        {
            context.Items[SecondFactorRequiredItem] = true;
        }

        return true;
    }
}
