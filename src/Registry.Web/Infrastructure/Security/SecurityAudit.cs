using System.Security.Claims;
using Registry.Web.Data;
using Registry.Web.Domain.Accounts;

namespace Registry.Web.Infrastructure.Security;

/// <summary>
/// Writes the security audit (<see cref="SecurityEvent"/>): who acted is read from the request (or
/// named as the command line), the subject and detail are the caller's. <see cref="Add"/> puts the
/// entry into the context, so it is saved with the caller's next <c>SaveChangesAsync</c>, in the
/// same transaction as the change it records; <see cref="RecordAsync"/> saves it at once.
/// </summary>
public sealed class SecurityAudit(RegistryDbContext db, IHttpContextAccessor http, TimeProvider time)
{
    /// <summary>Set by a command-line verb: entries then name the command line and the operating-system user as the actor.</summary>
    public string? CommandLineActor { get; set; }

    /// <summary>Someone (the request's account, the command line, or an anonymous visitor) acted on the subject.</summary>
    public SecurityEvent Add(SecurityEventKind kind, string? subjectUserId, string? subject, string? detail = null)
    {
        var principal = http.HttpContext?.User;
        if (CommandLineActor is { } commandLine)
        {
            return Write(kind, null, commandLine, subjectUserId, subject, detail);
        }

        return principal?.Identity?.IsAuthenticated == true
            ? Write(kind, principal.FindFirstValue(ClaimTypes.NameIdentifier), principal.Identity.Name ?? "?", subjectUserId, subject, detail)
            : Write(kind, null, "anonymous", subjectUserId, subject, detail);
    }

    /// <summary>A person acted on their own account, signed in or not yet (signing in, resetting a password by a link).</summary>
    public SecurityEvent AddOwn(SecurityEventKind kind, string? userId, string? email, string? detail = null) =>
        Write(kind, userId, email ?? "?", userId, email, detail);

    private SecurityEvent Write(SecurityEventKind kind, string? actorUserId, string actor, string? subjectUserId, string? subject, string? detail)
    {
        var entry = new SecurityEvent(kind, time.GetUtcNow(), actorUserId, actor, subjectUserId, subject, detail,
            CommandLineActor is null ? http.HttpContext?.Connection.RemoteIpAddress?.ToString() : null);
        db.SecurityEvents.Add(entry);
        return entry;
    }

    public async Task RecordAsync(SecurityEventKind kind, string? subjectUserId, string? subject, string? detail, CancellationToken ct)
    {
        Add(kind, subjectUserId, subject, detail);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The actor label for the command line: "command line (USER)".</summary>
    public static string CommandLine() => $"command line ({Environment.UserName})";
}
