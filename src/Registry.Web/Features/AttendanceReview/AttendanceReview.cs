using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain.Calendar;
using Registry.Web.Domain.Professionals;
using Registry.Web.Domain.Training;

namespace Registry.Web.Features.AttendanceReview;

/// <summary>
/// Registry staff's side of posted attendance (decision 0030): postings for sessions long past wait
/// here for approval or refusal, and any posting can be undone with a reason, which removes its
/// training record so the hours count nowhere (rules, ratings, stipends, certificates). Nobody
/// decides a posting of their own hours or one they posted.
/// </summary>
public static class AttendanceApprovals
{
    public sealed record Line(int Id, int ProfessionalId, string Event, string Sponsor, DateOnly Day, string Person, string RegistryId, decimal Hours, decimal Credited, AttendanceStatus Status, string? DecisionReason, DateTimeOffset PostedAt, bool Own);

    public sealed record Page(IReadOnlyList<Line> Waiting, int WaitingTotal, string? RegistryId, IReadOnlyList<Line>? Postings);

    public enum Outcome
    {
        Done,
        NotFound,
        Own,
    }

    public sealed class Handler(RegistryDbContext db, TimeProvider time)
    {
        /// <summary>Postings waiting for approval (oldest first), and the postings of the person with <paramref name="registryId"/>, if asked.</summary>
        public async Task<Page> PageAsync(string? registryId, string staffUserId, CancellationToken ct)
        {
            var total = await db.Attendance.CountAsync(a => a.Status == AttendanceStatus.AwaitingApproval, ct);
            var list = (await Lines(db.Attendance.AsNoTracking().Where(a => a.Status == AttendanceStatus.AwaitingApproval).OrderBy(a => a.Id).Take(100), staffUserId)
                .ToListAsync(ct)).OrderBy(l => l.Id).ToList();
            IReadOnlyList<Line>? postings = null;
            if (RegistryId.Normalize(registryId) is { } id)
            {
                postings = (await Lines(db.Attendance.AsNoTracking().Where(a => db.Professionals.Any(p => p.Id == a.ProfessionalId && p.RegistryId == id)).OrderByDescending(a => a.Id).Take(200), staffUserId)
                    .ToListAsync(ct)).OrderByDescending(l => l.Day).ThenByDescending(l => l.Id).ToList();
            }

            return new Page(list, total, registryId, postings);
        }

        public async Task<Outcome> ApproveAsync(int attendanceId, string staffUserId, CancellationToken ct)
        {
            if (await FindAsync(attendanceId, AttendanceStatus.AwaitingApproval, ct) is not { } found)
            {
                return Outcome.NotFound;
            }

            if (await IsOwnAsync(found, staffUserId, ct))
            {
                return Outcome.Own;
            }

            var e = await db.TrainingSessions.Where(s => s.Id == found.SessionId)
                .Join(db.TrainingEvents, s => s.EventId, x => x.Id, (s, x) => new { s.Day, x.Title, x.Language, x.IsOnline, Sponsor = db.Sponsors.Where(p => p.Id == x.SponsorId).Select(p => p.Name).First() })
                .SingleAsync(ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            found.Approve(staffUserId, time.GetUtcNow());
            TrainingRecord? record = null;
            if (found.CreditedHours > 0)
            {
                record = new TrainingRecord(e.Title, e.Sponsor, e.Day, found.CreditedHours, null, e.Language, e.IsOnline ? DeliveryMode.Online : DeliveryMode.InPerson, TrainingTrustLevel.SponsorVerified);
                (await db.Professionals.SingleAsync(p => p.Id == found.ProfessionalId, ct)).AddTrainingRecord(record);
            }

            await db.SaveChangesAsync(ct);
            if (record is not null)
            {
                found.Credit(record.Id);
                await db.SaveChangesAsync(ct);
            }

            await transaction.CommitAsync(ct);
            return Outcome.Done;
        }

        public async Task<Outcome> RefuseAsync(int attendanceId, string reason, string staffUserId, CancellationToken ct)
        {
            if (await FindAsync(attendanceId, AttendanceStatus.AwaitingApproval, ct) is not { } found)
            {
                return Outcome.NotFound;
            }

            if (await IsOwnAsync(found, staffUserId, ct))
            {
                return Outcome.Own;
            }

            found.Refuse(staffUserId, time.GetUtcNow(), reason.Trim());
            await db.SaveChangesAsync(ct);
            return Outcome.Done;
        }

        /// <summary>Undoes a posting: its training record is removed (the person's history says so), and its hours count nowhere.</summary>
        public async Task<Outcome> UndoAsync(int attendanceId, string reason, string staffUserId, CancellationToken ct)
        {
            if (await FindAsync(attendanceId, AttendanceStatus.Posted, ct) is not { } found)
            {
                return Outcome.NotFound;
            }

            if (await IsOwnAsync(found, staffUserId, ct))
            {
                return Outcome.Own;
            }

            if (found.TrainingRecordId is { } recordId && await db.TrainingRecords.SingleOrDefaultAsync(t => t.Id == recordId, ct) is { } record)
            {
                db.TrainingRecords.Remove(record);
            }

            found.Undo(staffUserId, time.GetUtcNow(), reason.Trim());
            await db.SaveChangesAsync(ct);
            return Outcome.Done;
        }

        private Task<Attendance?> FindAsync(int attendanceId, AttendanceStatus status, CancellationToken ct) =>
            db.Attendance.SingleOrDefaultAsync(a => a.Id == attendanceId && a.Status == status, ct);

        /// <summary>Staff never decide on their own hours, nor on a posting they made as a sponsor's member.</summary>
        private async Task<bool> IsOwnAsync(Attendance attendance, string staffUserId, CancellationToken ct) =>
            attendance.PostedByUserId == staffUserId || await db.Professionals.AnyAsync(p => p.Id == attendance.ProfessionalId && p.UserId == staffUserId, ct);

        private IQueryable<Line> Lines(IQueryable<Attendance> attendance, string staffUserId) =>
            from a in attendance
            join s in db.TrainingSessions on a.SessionId equals s.Id
            join e in db.TrainingEvents on s.EventId equals e.Id
            join p in db.Professionals on a.ProfessionalId equals p.Id
            select new Line(a.Id, a.ProfessionalId, e.Title, db.Sponsors.Where(x => x.Id == e.SponsorId).Select(x => x.Name).First(), s.Day, p.FirstName + " " + p.LastName, p.RegistryId,
                a.Hours, a.CreditedHours, a.Status, a.DecisionReason, a.PostedAt, a.PostedByUserId == staffUserId || p.UserId == staffUserId);
    }
}
