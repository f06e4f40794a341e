using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain.Access;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Staff;

/// <summary>Registry staff's other work: jobs at employers "not found", and accounts with their roles and scopes.</summary>
public static class Workspace
{
    public sealed record UnlistedJob(int EmploymentId, string PersonName, string RegistryId, string BusinessName, string? Address, string? City);

    public sealed record Account(string Id, string Email, string? Name, IReadOnlyList<string> Roles, IReadOnlyList<(int Id, AccessRole Role, string Scope, DateTimeOffset ExpiresAt)> Grants);

    public sealed class Handler(RegistryDbContext db, UserManager<RegistryUser> users, TimeProvider time)
    {
        public async Task<(IReadOnlyList<UnlistedJob> Jobs, int Total)> UnlistedAsync(int take, CancellationToken ct)
        {
            var query = db.Employments.AsNoTracking().Where(e => e.EmployerId == null);
            var jobs = await query.OrderBy(e => e.Id).Take(take)
                .Join(db.Professionals, e => e.ProfessionalId, p => p.Id, (e, p) => new UnlistedJob(e.Id, p.FirstName + " " + p.LastName, p.RegistryId, e.UnlistedEmployer!.BusinessName, e.UnlistedEmployer.Address, e.UnlistedEmployer.City))
                .ToListAsync(ct);
            return (jobs, await query.CountAsync(ct));
        }

        public async Task<bool> LinkAsync(int employmentId, int employerId, CancellationToken ct)
        {
            var job = await db.Employments.SingleOrDefaultAsync(e => e.Id == employmentId && e.EmployerId == null, ct);
            if (job is null || !await db.Employers.AnyAsync(e => e.Id == employerId, ct))
            {
                return false;
            }

            job.LinkToEmployer(employerId);
            await db.SaveChangesAsync(ct);
            return true;
        }

        public async Task<IReadOnlyList<Account>> AccountsAsync(string? email, CancellationToken ct)
        {
            if (string.IsNullOrWhiteSpace(email))
            {
                return [];
            }

            var normalized = email.Trim().ToUpperInvariant();
            var found = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail != null && u.NormalizedEmail.StartsWith(normalized)).OrderBy(u => u.NormalizedEmail).Take(20).ToListAsync(ct);
            var now = time.GetUtcNow();
            var result = new List<Account>();
            foreach (var user in found)
            {
                var grants = await db.AccessGrants.AsNoTracking().Where(g => g.UserId == user.Id && g.RevokedAt == null && g.ExpiresAt > now)
                    .Select(g => new { g.Id, g.Role, g.County, g.Program, Site = db.Employers.Where(e => e.Id == g.EmployerId).Select(e => e.Name).FirstOrDefault(), g.ExpiresAt })
                    .ToListAsync(ct);
                var name = await db.Professionals.AsNoTracking().Where(p => p.UserId == user.Id).Select(p => p.FirstName + " " + p.LastName).FirstOrDefaultAsync(ct);
                result.Add(new Account(user.Id, user.Email ?? string.Empty, name, [.. await users.GetRolesAsync(user)],
                    grants.Select(g => (g.Id, g.Role, g.Site ?? string.Join(" · ", new[] { g.County, g.Program }.Where(x => x is not null)), g.ExpiresAt)).ToList()));
            }

            return result;
        }

        public async Task<bool> SetRoleAsync(string userId, string role, bool give, CancellationToken ct)
        {
            if (!Roles.All.Contains(role) || await users.FindByIdAsync(userId) is not { } user)
            {
                return false;
            }

            var result = give ? await users.AddToRoleAsync(user, role) : await users.RemoveFromRoleAsync(user, role);
            return result.Succeeded || result.Errors.All(e => e.Code is "UserAlreadyInRole" or "UserNotInRole");
        }

        public async Task<bool> GrantCountyAsync(string userId, AccessRole role, string county, string? program, CancellationToken ct)
        {
            if (!await db.Users.AnyAsync(u => u.Id == userId, ct))
            {
                return false;
            }

            var now = time.GetUtcNow();
            db.AccessGrants.Add(AccessGrant.ForCounty(userId, role, county, now, now.AddYears(1), program));
            await db.SaveChangesAsync(ct);
            return true;
        }

        public async Task<bool> RevokeAsync(int grantId, CancellationToken ct)
        {
            if (await db.AccessGrants.SingleOrDefaultAsync(g => g.Id == grantId, ct) is not { } grant)
            {
                return false;
            }

            grant.Revoke(time.GetUtcNow());
            await db.SaveChangesAsync(ct);
            return true;
        }
    }
}
