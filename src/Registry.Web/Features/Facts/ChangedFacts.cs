using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain.Facts;
using Registry.Web.Domain.Verifications;

namespace Registry.Web.Features.Facts;

/// <summary>
/// Registry staff's "Changed facts": verified courses, degrees, permits, training and jobs the
/// person changed since, so back to self-reported, newest first, with who had verified each and
/// where the fact stands now (waiting again, verified again, or self-reported).
/// </summary>
public static class ChangedFacts
{
    public const int PageSize = 100;

    public sealed record Row(int ProfessionalId, string Name, string RegistryId, FactKind Kind, int FactId, string Field, string? OldValue, string? NewValue,
        DateTimeOffset ChangedAt, string? VerifiedBy, DateTimeOffset? VerifiedAt, bool VerifiedByMe, VerificationStatus? StatusNow);

    public sealed record ViewModel(IReadOnlyList<Row> Rows, bool MineOnly);

    private sealed record IdStatus(int Id, VerificationStatus Status);

    public sealed class Handler(RegistryDbContext db)
    {
        public async Task<ViewModel> ListAsync(string staffUserId, bool mineOnly, CancellationToken ct)
        {
            var rows = await (from c in db.FactChanges.AsNoTracking()
                              where c.VerifiedAt != null && (!mineOnly || c.VerifiedByUserId == staffUserId)
                              join p in db.Professionals on c.ProfessionalId equals p.Id
                              join u in db.Users on c.VerifiedByUserId equals u.Id into verifiers
                              from u in verifiers.DefaultIfEmpty()
                              orderby c.ChangedAt descending, c.Id
                              select new { c, p.FirstName, p.LastName, p.RegistryId, Verifier = u == null ? null : u.Email })
                .Take(PageSize).ToListAsync(ct);

            // Where each fact stands now, read once per kind.
            var status = new Dictionary<(FactKind, int), VerificationStatus>();
            foreach (var kind in rows.Select(r => r.c.Kind).Distinct())
            {
                var ids = rows.Where(r => r.c.Kind == kind).Select(r => r.c.FactId).Distinct().ToList();
                IQueryable<IdStatus> now = kind switch
                {
                    FactKind.Course => db.Courses.AsNoTracking().Where(f => EF.Parameter(ids).Contains(f.Id)).Select(f => new IdStatus(f.Id, f.Verification.Status)),
                    FactKind.Degree => db.Degrees.AsNoTracking().Where(f => EF.Parameter(ids).Contains(f.Id)).Select(f => new IdStatus(f.Id, f.Verification.Status)),
                    FactKind.Credential => db.Credentials.AsNoTracking().Where(f => EF.Parameter(ids).Contains(f.Id)).Select(f => new IdStatus(f.Id, f.Verification.Status)),
                    FactKind.Training => db.TrainingRecords.AsNoTracking().Where(f => EF.Parameter(ids).Contains(f.Id)).Select(f => new IdStatus(f.Id, f.Verification.Status)),
                    _ => db.Employments.AsNoTracking().Where(f => EF.Parameter(ids).Contains(f.Id)).Select(f => new IdStatus(f.Id, f.Verification.Status)),
                };
                foreach (var fact in await now.ToListAsync(ct))
                {
                    status[(kind, fact.Id)] = fact.Status;
                }
            }

            return new ViewModel(rows.Select(r => new Row(r.c.ProfessionalId, r.FirstName + " " + r.LastName, r.RegistryId, r.c.Kind, r.c.FactId, r.c.Field, r.c.OldValue, r.c.NewValue,
                r.c.ChangedAt, r.Verifier, r.c.VerifiedAt, r.c.VerifiedByUserId == staffUserId, status.TryGetValue((r.c.Kind, r.c.FactId), out var s) ? s : null)).ToList(), mineOnly);
        }
    }
}
