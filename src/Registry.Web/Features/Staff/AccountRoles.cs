using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain.Access;
using Registry.Web.Domain.Accounts;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Staff;

/// <summary>Accounts with their registry-wide roles and their scoped grants, for administrators.</summary>
public static class AccountRoles
{
    public sealed record AccountRow(string Id, string Email, string? Name, IReadOnlyList<string> Roles, IReadOnlyList<(int Id, AccessRole Role, string Scope, DateTimeOffset ExpiresAt)> Grants, bool SecondFactor);

    /// <summary>
    /// Every change to who may see what (roles, grants, merges) is written to the security audit in
    /// the same save, and ends the sessions of the account it changes: a cookie carries its roles,
    /// so the person signs in again and holds exactly what they now have.
    /// </summary>
    public sealed class Handler(RegistryDbContext db, UserManager<RegistryUser> users, SecurityAudit audit, AccountSessions sessions, TimeProvider time)
    {
        public async Task<IReadOnlyList<AccountRow>> AccountsAsync(string? email, CancellationToken ct)
        {
            if (string.IsNullOrWhiteSpace(email))
            {
                return [];
            }

            var normalized = email.Trim().ToUpperInvariant();
            var found = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail != null && u.NormalizedEmail.StartsWith(normalized)).OrderBy(u => u.NormalizedEmail).Take(20).ToListAsync(ct);
            // Four queries for the page, whatever the number of accounts found.
            var ids = found.Select(u => u.Id).ToList();
            var now = time.GetUtcNow();
            var grants = (await db.AccessGrants.AsNoTracking().Where(Domain.Access.AccessGrant.ActiveAt(now)).Where(g => EF.Parameter(ids).Contains(g.UserId))
                .Select(g => new { g.UserId, g.Id, g.Role, g.County, g.Program, Site = db.Employers.Where(e => e.Id == g.EmployerId).Select(e => e.Name).FirstOrDefault(), g.ExpiresAt })
                .ToListAsync(ct)).ToLookup(g => g.UserId);
            var names = await db.Professionals.AsNoTracking().Where(p => EF.Parameter(ids).Contains(p.UserId))
                .Select(p => new { p.UserId, Name = p.FirstName + " " + p.LastName }).ToDictionaryAsync(p => p.UserId, p => p.Name, ct);
            var roles = (await db.UserRoles.AsNoTracking().Where(r => EF.Parameter(ids).Contains(r.UserId))
                .Join(db.Roles, r => r.RoleId, role => role.Id, (r, role) => new { r.UserId, role.Name }).ToListAsync(ct))
                .ToLookup(r => r.UserId, r => r.Name!);
            var result = found.Select(user => new AccountRow(user.Id, user.Email ?? string.Empty, names.GetValueOrDefault(user.Id), [.. roles[user.Id].Order(StringComparer.Ordinal)],
                grants[user.Id].Select(g => (g.Id, g.Role, g.Site ?? string.Join(" · ", new[] { g.County, g.Program }.Where(x => x is not null)), g.ExpiresAt)).ToList(),
                user.TwoFactorEnabled)).ToList();

            return result;
        }

        public async Task<bool> SetRoleAsync(string userId, string role, bool give, CancellationToken ct)
        {
            if (!Roles.All.Contains(role) || await users.FindByIdAsync(userId) is not { } user)
            {
                return false;
            }

            var result = await ChangeRoleAsync(user, role, give, ct);
            return result.Succeeded || result.Errors.All(e => e.Code is "UserAlreadyInRole" or "UserNotInRole");
        }

        /// <summary>
        /// Gives or takes away a registry-wide role (the administrators' page and the <c>grant-role</c>
        /// command both come here): the audit entry is saved with the role, and the account's
        /// sessions end in the same transaction. Giving a role someone has, or taking one they
        /// lack, changes nothing and records nothing.
        /// </summary>
        public async Task<IdentityResult> ChangeRoleAsync(RegistryUser user, string role, bool give, CancellationToken ct)
        {
            var result = IdentityResult.Success;
            await InOneTransactionAsync(async () =>
            {
                var entry = audit.Add(give ? SecurityEventKind.RoleGiven : SecurityEventKind.RoleRemoved, user.Id, user.Email, role);

                // The user store saves through this same context, so the entry goes with the role.
                result = give ? await users.AddToRoleAsync(user, role) : await users.RemoveFromRoleAsync(user, role);
                if (!result.Succeeded)
                {
                    db.Entry(entry).State = EntityState.Detached;
                    return false;
                }

                await sessions.EndAllAsync(user.Id, give ? "role given" : "role removed", ct: ct);
                return true;
            }, ct);
            return result;
        }

        public async Task<bool> GrantCountyAsync(string userId, AccessRole role, string county, string? program, CancellationToken ct)
        {
            if (await db.Users.Where(u => u.Id == userId).Select(u => new { u.Email }).SingleOrDefaultAsync(ct) is not { } account)
            {
                return false;
            }

            var now = time.GetUtcNow();
            var grant = AccessGrant.ForCounty(userId, role, county, now, now.AddYears(1), program);
            db.AccessGrants.Add(grant);
            audit.Add(SecurityEventKind.GrantGiven, userId, account.Email, grant.AuditText(null));
            await db.SaveChangesAsync(ct);
            return true;
        }

        /// <summary>Revokes a grant (audited) and ends the account's sessions; revoking one already revoked changes nothing.</summary>
        public async Task<bool> RevokeAsync(int grantId, CancellationToken ct)
        {
            if (await db.AccessGrants.SingleOrDefaultAsync(g => g.Id == grantId, ct) is not { } grant)
            {
                return false;
            }

            if (grant.RevokedAt is not null)
            {
                return true;
            }

            var email = await db.Users.Where(u => u.Id == grant.UserId).Select(u => u.Email).FirstOrDefaultAsync(ct);
            var site = grant.EmployerId is { } employerId
                ? await db.Employers.Where(e => e.Id == employerId).Select(e => e.Name + " (" + e.LicenseNumber + ")").FirstOrDefaultAsync(ct)
                : null;
            await InOneTransactionAsync(async () =>
            {
                grant.Revoke(time.GetUtcNow());
                audit.Add(SecurityEventKind.GrantRevoked, grant.UserId, email, grant.AuditText(site));
                await db.SaveChangesAsync(ct);
                await sessions.EndAllAsync(grant.UserId, "grant revoked", ct: ct);
                return true;
            }, ct);
            return true;
        }

        /// <summary>Runs the work in one transaction, committed when it returns true.</summary>
        private async Task InOneTransactionAsync(Func<Task<bool>> work, CancellationToken ct)
        {
            var strategy = db.Database.CreateExecutionStrategy();
            await strategy.ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                if (await work())
                {
                    await transaction.CommitAsync(ct);
                }
            });
        }
    }
}
