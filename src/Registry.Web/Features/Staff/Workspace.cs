using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain.Access;
using Registry.Web.Domain.Accounts;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Staff;

/// <summary>Registry staff's other work: jobs at employers "not found", and accounts with their roles and scopes.</summary>
public static class Workspace
{
    public sealed record UnlistedJob(int EmploymentId, int ProfessionalId, string PersonName, string RegistryId, string BusinessName, string? Address, string? City);

    public sealed record AccountRow(string Id, string Email, string? Name, IReadOnlyList<string> Roles, IReadOnlyList<(int Id, AccessRole Role, string Scope, DateTimeOffset ExpiresAt)> Grants, bool SecondFactor);

    public sealed record PersonSummary(int Id, string RegistryId, string Name, DateOnly DateOfBirth, string Email, string? Phone, DateTimeOffset CreatedAt, int Jobs, int Courses, int Degrees, int Credentials, int Training, int Documents);

    public sealed record DuplicatePair(PersonSummary Newer, PersonSummary Original);

    /// <summary>
    /// Every change to who may see what (roles, grants, merges) is written to the security audit in
    /// the same save, and ends the sessions of the account it changes: a cookie carries its roles,
    /// so the person signs in again and holds exactly what they now have.
    /// </summary>
    public sealed class Handler(RegistryDbContext db, UserManager<RegistryUser> users, SecurityAudit audit, AccountSessions sessions, TimeProvider time)
    {
        /// <summary>Profiles flagged at sign-up as possibly the same person as an earlier one, side by side.</summary>
        /// <summary>The profile of the signed-in staff member, if they have one: nobody merges or keeps apart their own.</summary>
        public Task<int?> OwnProfileAsync(string userId, CancellationToken ct) =>
            db.Professionals.AsNoTracking().Where(p => p.UserId == userId).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);

        /// <summary>Whether the flagged pair holds <paramref name="userId"/>'s own profile (either side).</summary>
        public Task<bool> IsOwnPairAsync(int flaggedId, string userId, CancellationToken ct) =>
            db.Professionals.AsNoTracking().Where(p => p.Id == flaggedId)
                .AnyAsync(p => p.UserId == userId || db.Professionals.Any(o => o.Id == p.PossibleDuplicateOfId && o.UserId == userId), ct);

        public async Task<IReadOnlyList<DuplicatePair>> DuplicatesAsync(CancellationToken ct)
        {
            var pairs = await db.Professionals.AsNoTracking().Where(p => p.PossibleDuplicateOfId != null)
                .OrderBy(p => p.CreatedAt).Take(50).Select(p => new { p.Id, Original = p.PossibleDuplicateOfId!.Value }).ToListAsync(ct);
            var ids = pairs.SelectMany(p => new[] { p.Id, p.Original }).Distinct().ToList();
            var people = await db.Professionals.AsNoTracking().Where(p => EF.Parameter(ids).Contains(p.Id))
                .Select(p => new PersonSummary(p.Id, p.RegistryId, p.FirstName + " " + p.LastName, p.DateOfBirth, p.Email, p.Phone, p.CreatedAt,
                    p.Employments.Count, p.Courses.Count, p.Degrees.Count, p.Credentials.Count, p.TrainingRecords.Count,
                    db.Documents.Count(d => d.ProfessionalId == p.Id)))
                .ToDictionaryAsync(p => p.Id, ct);
            return pairs.Where(p => people.ContainsKey(p.Id) && people.ContainsKey(p.Original)).Select(p => new DuplicatePair(people[p.Id], people[p.Original])).ToList();
        }

        public async Task<bool> NotDuplicateAsync(int professionalId, CancellationToken ct)
        {
            if (await db.Professionals.SingleOrDefaultAsync(p => p.Id == professionalId && p.PossibleDuplicateOfId != null, ct) is not { } professional)
            {
                return false;
            }

            professional.ClearPossibleDuplicate();
            await db.SaveChangesAsync(ct);
            return true;
        }

        public async Task<(IReadOnlyList<UnlistedJob> Jobs, int Total)> UnlistedAsync(int take, CancellationToken ct)
        {
            var query = db.Employments.AsNoTracking().Where(e => e.EmployerId == null);
            var jobs = await query.OrderBy(e => e.Id).Take(take)
                .Join(db.Professionals, e => e.ProfessionalId, p => p.Id, (e, p) => new UnlistedJob(e.Id, p.Id, p.FirstName + " " + p.LastName, p.RegistryId, e.UnlistedEmployer!.BusinessName, e.UnlistedEmployer.Address, e.UnlistedEmployer.City))
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

        /// <summary>
        /// A site missing from the imported list (newly licensed, say): registry staff add it with its
        /// license number and the job is matched to it. Returns the problem beside its field, if any.
        /// </summary>
        public async Task<(string Field, string Message)?> CreateSiteAsync(int employmentId, string? licenseNumber, string? name, string? county, Domain.Employers.FacilityType? type, Microsoft.Extensions.Localization.IStringLocalizer t, CancellationToken ct)
        {
            var job = await db.Employments.SingleOrDefaultAsync(e => e.Id == employmentId && e.EmployerId == null, ct);
            if (job is null)
            {
                return ("", "");
            }

            if (Domain.Employers.LicenseNumber.Normalize(licenseNumber) is not { } license)
            {
                return ("licenseNumber", t["Enter the 9-digit license number."]);
            }

            if (await db.Employers.AnyAsync(e => e.LicenseNumber == license, ct))
            {
                return ("licenseNumber", t["That license number is already on the list: search for it and match it."]);
            }

            if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 200)
            {
                return ("name", t["Enter the site's name as licensed."]);
            }

            if (!Domain.CaliforniaCounties.IsCounty(county))
            {
                return ("county", t["Choose a county from the list."]);
            }

            if (type is null || !Enum.IsDefined(type.Value))
            {
                return ("facilityType", t["Choose the kind of site."]);
            }

            var unlisted = job.UnlistedEmployer;
            var employer = new Domain.Employers.Employer(license, new Domain.Employers.EmployerDetails(name.Trim().ToUpperInvariant(), type.Value, unlisted?.Address, unlisted?.City, "CA", null, county, null, Domain.Employers.EmployerStatus.Licensed), "registry staff", time.GetUtcNow());
            db.Employers.Add(employer);
            await db.SaveChangesAsync(ct);
            await Data.Licensing.EmployerNameIndex.ReplaceAsync(db, [(employer.Id, employer.Name)], ct);
            job.LinkToEmployer(employer.Id);
            await db.SaveChangesAsync(ct);
            return null;
        }

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
