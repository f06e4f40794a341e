using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Registry.Web.Data;
using Registry.Web.Domain.Calendar;
using Registry.Web.Domain.Professionals;
using Registry.Web.Domain.Training;
using Registry.Web.Infrastructure.Forms;
using Registry.Web.Infrastructure.Localization;
using Registry.Web.Infrastructure.Training;
using Registry.Web.Infrastructure.Web;

namespace Registry.Web.Features.Sponsors;

/// <summary>
/// Posting attendance: roster marks, a CSV of registry ids and hours, or check-in by QR code all
/// end here. Each attendee gets a sponsor-verified training record at once; a person already
/// posted for the session is skipped (never counted twice); the daily cap and the repeat rule
/// reduce what is credited, with the reason kept; rows that match nobody are held for the sponsor.
/// </summary>
public static class AttendancePosting
{
    public const int MaxCsvBytes = 1_000_000;

    public sealed record Row(string GivenRegistryId, string? GivenName, decimal? Hours);

    /// <summary>What a posting did; <paramref name="AwaitingApproval"/> of the posted wait for registry staff (a session long past).</summary>
    public sealed record Result(int Posted, int AlreadyPosted, IReadOnlyList<(string Name, string Reason)> Reduced, int Unmatched, int AwaitingApproval = 0);

    public sealed record SessionContext(TrainingEvent Event, TrainingSession Session, string SponsorName);

    public sealed record RosterLine(int ProfessionalId, string Name, string RegistryId, RegistrationStatus? Registration, IReadOnlyDictionary<int, (decimal Hours, decimal Credited, string? Reason)> Posted);

    public sealed record UnmatchedLine(int Id, int SessionId, string GivenRegistryId, string? GivenName, decimal? Hours, string Problem);

    public sealed record Sheet(TrainingEvent Event, IReadOnlyList<RosterLine> People, IReadOnlyList<UnmatchedLine> Unmatched);

    public sealed class Handler(RegistryDbContext db, TimeProvider time, IOptions<TrainingOptions> options, PublicAddress site)
    {
        /// <summary>The address a check-in code opens (the configured public address: the QR code is scanned off the site).</summary>
        public string CheckInLink(string code) => site.LinkToAction("CheckIn", "SelfCheckIn", new { code });

        /// <summary>The session's check-in address while its code works; null once it has expired or was never shown.</summary>
        public string? OpenCheckInLink(TrainingSession session) =>
            session.CheckInCode is { } code && session.CheckInExpiresAt > time.GetUtcNow() ? CheckInLink(code) : null;

        public async Task<SessionContext?> SessionAsync(int eventId, int sessionId, CancellationToken ct)
        {
            var e = await db.TrainingEvents.Include(x => x.Sessions).SingleOrDefaultAsync(x => x.Id == eventId, ct);
            if (e?.Sessions.FirstOrDefault(s => s.Id == sessionId) is not { } session)
            {
                return null;
            }

            return new SessionContext(e, session, await db.Sponsors.Where(s => s.Id == e.SponsorId).Select(s => s.Name).SingleAsync(ct));
        }

        /// <summary>Everyone registered or waiting, and everyone posted, with what was posted per session; and the rows held as unmatched.</summary>
        public async Task<Sheet?> SheetAsync(int eventId, CancellationToken ct)
        {
            var e = await db.TrainingEvents.AsNoTracking().Include(x => x.Sessions).SingleOrDefaultAsync(x => x.Id == eventId, ct);
            if (e is null)
            {
                return null;
            }

            var sessionIds = e.Sessions.Select(s => s.Id).ToList();
            var registrations = await db.Registrations.AsNoTracking().Where(r => r.EventId == eventId && r.Status != RegistrationStatus.Withdrawn)
                .Select(r => new { r.ProfessionalId, r.Status }).ToListAsync(ct);
            var posted = (await db.Attendance.AsNoTracking().Where(a => EF.Parameter(sessionIds).Contains(a.SessionId))
                    .Select(a => new { a.ProfessionalId, a.SessionId, a.Hours, a.CreditedHours, a.Reason, a.Status, a.DecisionReason }).ToListAsync(ct))
                .Select(a => new { a.ProfessionalId, a.SessionId, a.Hours, CreditedHours = a.Status == AttendanceStatus.Posted ? a.CreditedHours : 0, Reason = AttendanceReasons.Of(a.Status, a.Reason, a.DecisionReason) }).ToList();
            var ids = registrations.Select(r => r.ProfessionalId).Concat(posted.Select(p => p.ProfessionalId)).Distinct().ToList();
            var people = await db.Professionals.AsNoTracking().Where(p => EF.Parameter(ids).Contains(p.Id))
                .Select(p => new { p.Id, Name = p.FirstName + " " + p.LastName, p.RegistryId }).ToListAsync(ct);
            var status = registrations.ToDictionary(r => r.ProfessionalId, r => r.Status);
            var byPerson = posted.ToLookup(p => p.ProfessionalId);
            var unmatched = await db.UnmatchedAttendance.AsNoTracking().Where(u => EF.Parameter(sessionIds).Contains(u.SessionId) && u.ResolvedAt == null).OrderBy(u => u.Id)
                .Select(u => new UnmatchedLine(u.Id, u.SessionId, u.GivenRegistryId, u.GivenName, u.Hours, u.Problem)).ToListAsync(ct);
            var lines = people.Select(p => new RosterLine(p.Id, p.Name, RegistryId.Format(p.RegistryId), status.TryGetValue(p.Id, out var s) ? s : null,
                    byPerson[p.Id].ToDictionary(a => a.SessionId, a => (a.Hours, a.CreditedHours, a.Reason))))
                .OrderBy(l => l.Registration == RegistrationStatus.Waitlisted).ThenBy(l => l.Name, StringComparer.CurrentCulture).ToList();
            return new Sheet(e, lines, unmatched);
        }

        /// <summary>Posts the people marked present on the roster, each for the session's full hours (ids of nobody are ignored).</summary>
        public Task<Result> PostRosterAsync(SessionContext context, IReadOnlyCollection<int> professionalIds, string byUserId, CancellationToken ct) =>
            PostAsync(context, professionalIds.Select(id => (id, context.Session.Hours)).ToList(), AttendanceSource.Roster, byUserId, [], ct);

        /// <summary>Posts a CSV of registry ids and hours: bad rows, unknown ids and repeated ids are held as unmatched.</summary>
        public async Task<Result> PostCsvAsync(SessionContext context, IReadOnlyList<Row> rows, string byUserId, CancellationToken ct)
        {
            var normalized = rows.Select(r => (Row: r, Id: RegistryId.Normalize(r.GivenRegistryId))).ToList();
            var ids = normalized.Where(r => r.Id is not null).Select(r => r.Id!).Distinct().ToList();
            var people = await db.Professionals.AsNoTracking().Where(p => EF.Parameter(ids).Contains(p.RegistryId)).Select(p => new { p.Id, p.RegistryId }).ToDictionaryAsync(p => p.RegistryId, p => p.Id, ct);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var good = new List<(int, decimal)>();
            var held = new List<UnmatchedAttendance>();
            var now = time.GetUtcNow();
            foreach (var (row, id) in normalized)
            {
                var problem = id is null ? "Not a registry id"
                    : row.Hours is not { } hours || hours <= 0 ? "Hours missing or not a number"
                    : hours > context.Session.Hours ? "More hours than the session lasted"
                    : !people.ContainsKey(id) ? "No one has this registry id"
                    : !seen.Add(id) ? "Listed twice in the file"
                    : null;
                if (problem is null)
                {
                    good.Add((people[id!], row.Hours!.Value));
                }
                else
                {
                    held.Add(new UnmatchedAttendance(context.Session.Id, Clip(row.GivenRegistryId), row.GivenName is null ? null : Clip(row.GivenName), row.Hours is { } h and >= 0 and < 10_000 ? h : null, problem, now));
                }
            }

            return await PostAsync(context, good, AttendanceSource.Csv, byUserId, held, ct);
        }

        /// <summary>Posts a held row once the sponsor has put the right registry id to it.</summary>
        public async Task<(bool Found, Result? Posted)> ResolveAsync(int eventId, int unmatchedId, string registryId, string byUserId, CancellationToken ct)
        {
            // The row must belong to a session of the event the sponsor was authorized for.
            if (await db.UnmatchedAttendance.SingleOrDefaultAsync(u => u.Id == unmatchedId && u.ResolvedAt == null && db.TrainingSessions.Any(s => s.Id == u.SessionId && s.EventId == eventId), ct) is not { } row
                || await SessionAsync(eventId, row.SessionId, ct) is not { } context)
            {
                return (false, null);
            }

            var id = RegistryId.Normalize(registryId);
            var person = id is null ? null : await db.Professionals.Where(p => p.RegistryId == id).Select(p => (int?)p.Id).SingleOrDefaultAsync(ct);
            if (person is null)
            {
                return (true, null);
            }

            row.Resolve(time.GetUtcNow());
            var hours = row.Hours is { } h && h > 0 && h <= context.Session.Hours ? h : context.Session.Hours;
            return (true, await PostAsync(context, [(person.Value, hours)], AttendanceSource.Csv, byUserId, [], ct));
        }

        public enum DoorOutcome
        {
            CheckedIn,
            NoMatch,
            Self,
        }

        /// <summary>
        /// Checks someone in at the door, as a sign-in sheet would: their registry id, last name and
        /// date of birth, all three matching one person (which one did not match is never said).
        /// Registration is not needed (they are at the door); the member posting never checks in themselves.
        /// </summary>
        public async Task<(DoorOutcome Outcome, Result? Posted)> DoorCheckInAsync(SessionContext context, string? registryId, string lastName, DateOnly dateOfBirth, string byUserId, CancellationToken ct)
        {
            var id = RegistryId.Normalize(registryId);
            var name = PersonName.NormalizeForLookup(lastName.Trim());
            var person = id is null ? null : await db.Professionals.AsNoTracking()
                .Where(p => p.RegistryId == id && p.NormalizedLastName == name && p.DateOfBirth == dateOfBirth)
                .Select(p => new { p.Id, p.UserId }).SingleOrDefaultAsync(ct);
            if (person is null)
            {
                return (DoorOutcome.NoMatch, null);
            }

            if (person.UserId == byUserId)
            {
                return (DoorOutcome.Self, null);
            }

            return (DoorOutcome.CheckedIn, await PostAsync(context, [(person.Id, context.Session.Hours)], AttendanceSource.Door, byUserId, [], ct));
        }

        /// <summary>Shows a new check-in code for the session (the old one stops working).</summary>
        public async Task<(string Code, DateTimeOffset ExpiresAt)> OpenCheckInAsync(SessionContext context, CancellationToken ct)
        {
            var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
            var expires = time.GetUtcNow().Add(options.Value.CheckInLifetime);
            context.Session.OpenCheckIn(code, expires);
            await db.SaveChangesAsync(ct);
            return (code, expires);
        }

        /// <summary>The session a check-in code opens, if it has not expired.</summary>
        public async Task<(int EventId, int SessionId)?> CheckInSessionAsync(string code, CancellationToken ct)
        {
            var now = time.GetUtcNow();
            var found = await db.TrainingSessions.AsNoTracking().Where(s => s.CheckInCode == code)
                .Select(s => new { s.EventId, s.Id, s.CheckInExpiresAt }).SingleOrDefaultAsync(ct);
            return found is not null && found.CheckInExpiresAt > now ? (found.EventId, found.Id) : null;
        }

        public async Task<Result> CheckInAsync(SessionContext context, int professionalId, string byUserId, CancellationToken ct) =>
            await PostAsync(context, [(professionalId, context.Session.Hours)], AttendanceSource.CheckIn, byUserId, [], ct);

        private async Task<Result> PostAsync(SessionContext context, IReadOnlyList<(int ProfessionalId, decimal Hours)> rows, AttendanceSource source, string byUserId, List<UnmatchedAttendance> held, CancellationToken ct)
        {
            var (e, session, sponsorName) = context;
            if (source is not (AttendanceSource.CheckIn or AttendanceSource.Door))
            {
                // Only people who were there: registered for the event (or its waiting list), or checked in to the session;
                // never the one posting. Anyone else is held as unmatched (a CSV row, with only what the sponsor typed) or not posted.
                var asked = rows.Select(r => r.ProfessionalId).Distinct().ToList();
                var eligible = (await db.Registrations.Where(r => r.EventId == e.Id && EF.Parameter(asked).Contains(r.ProfessionalId)
                            && (r.Status == RegistrationStatus.Registered || r.Status == RegistrationStatus.Waitlisted))
                        .Select(r => r.ProfessionalId)
                        .Union(db.Attendance.Where(a => a.SessionId == session.Id && EF.Parameter(asked).Contains(a.ProfessionalId)).Select(a => a.ProfessionalId))
                        .ToListAsync(ct)).ToHashSet();
                var self = await db.Professionals.Where(p => p.UserId == byUserId).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
                var refused = rows.Where(r => !eligible.Contains(r.ProfessionalId) || r.ProfessionalId == self).ToList();
                if (refused.Count > 0)
                {
                    var registryIds = await db.Professionals.Where(p => EF.Parameter(refused.Select(r => r.ProfessionalId).ToList()).Contains(p.Id))
                        .ToDictionaryAsync(p => p.Id, p => p.RegistryId, ct);
                    foreach (var (id, hours) in refused.Where(r => source != AttendanceSource.Roster && registryIds.ContainsKey(r.ProfessionalId)))
                    {
                        held.Add(new UnmatchedAttendance(session.Id, RegistryId.Format(registryIds[id]), null, hours,
                            id == self ? "Hours are not posted by the person who attended" : "Not registered for this event or checked in", time.GetUtcNow()));
                    }

                    rows = rows.Where(r => eligible.Contains(r.ProfessionalId) && r.ProfessionalId != self).ToList();
                }
            }

            var ids = rows.Select(r => r.ProfessionalId).Distinct().ToList();
            var already = (await db.Attendance.Where(a => a.SessionId == session.Id && EF.Parameter(ids).Contains(a.ProfessionalId)).Select(a => a.ProfessionalId).ToListAsync(ct)).ToHashSet();

            // What each person already has credited that day (the daily cap), and earlier runs of the same training (the repeat rule).
            var counting = db.Attendance.Where(a => a.Status == AttendanceStatus.Posted || a.Status == AttendanceStatus.AwaitingApproval);
            var creditedThatDay = (await counting.Where(a => EF.Parameter(ids).Contains(a.ProfessionalId))
                    .Join(db.TrainingSessions.Where(s => s.Day == session.Day), a => a.SessionId, s => s.Id, (a, s) => new { a.ProfessionalId, a.CreditedHours })
                    .ToListAsync(ct))
                .GroupBy(a => a.ProfessionalId).ToDictionary(g => g.Key, g => g.Sum(a => a.CreditedHours));
            var repeatSince = session.Day.AddMonths(-options.Value.RepeatWindowMonths);
            var repeats = options.Value.RepeatWindowMonths <= 0 ? [] : (await counting.Where(a => EF.Parameter(ids).Contains(a.ProfessionalId) && a.CreditedHours > 0)
                    .Join(db.TrainingSessions.Where(s => s.Day > repeatSince && s.Day <= session.Day && s.EventId != e.Id), a => a.SessionId, s => s.Id, (a, s) => new { a.ProfessionalId, s.EventId, s.Day })
                    .Join(db.TrainingEvents.Where(x => x.SponsorId == e.SponsorId && x.Title == e.Title), a => a.EventId, x => x.Id, (a, x) => new { a.ProfessionalId, a.Day })
                    .ToListAsync(ct))
                .GroupBy(a => a.ProfessionalId).ToDictionary(g => g.Key, g => g.Max(a => a.Day));
            var professionals = await db.Professionals.Where(p => EF.Parameter(ids).Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);

            var now = time.GetUtcNow();

            // A session long past is posted only once registry staff approve it: back-dated hours are where forgery hides.
            var needsApproval = session.Day < DateOnly.FromDateTime(now.UtcDateTime).AddDays(-options.Value.ApprovalAfterDays);
            var reduced = new List<(string, string)>();
            var posting = new List<(Attendance Attendance, TrainingRecord? Record)>();
            foreach (var (professionalId, hours) in rows.DistinctBy(r => r.ProfessionalId).Where(r => !already.Contains(r.ProfessionalId) && professionals.ContainsKey(r.ProfessionalId)))
            {
                var credited = hours;
                string? reason = null;
                if (repeats.TryGetValue(professionalId, out var earlier))
                {
                    credited = 0;
                    reason = FormattableString.Invariant($"Repeat of the same training credited on {earlier:yyyy-MM-dd}");
                }
                else if (options.Value.MaxHoursPerDay is { } cap && creditedThatDay.GetValueOrDefault(professionalId) + credited > cap)
                {
                    credited = Math.Max(0, cap - creditedThatDay.GetValueOrDefault(professionalId));
                    reason = FormattableString.Invariant($"At most {cap:0.##} hours are credited per day");
                }

                creditedThatDay[professionalId] = creditedThatDay.GetValueOrDefault(professionalId) + credited;
                TrainingRecord? record = null;
                if (credited > 0 && !needsApproval)
                {
                    record = new TrainingRecord(e.Title, sponsorName, session.Day, credited, null, e.Language, e.IsOnline ? DeliveryMode.Online : DeliveryMode.InPerson, TrainingTrustLevel.SponsorVerified);
                    professionals[professionalId].AddTrainingRecord(record);
                }

                if (reason is not null)
                {
                    reduced.Add(($"{professionals[professionalId].FirstName} {professionals[professionalId].LastName}", reason));
                }

                var attendance = new Attendance(session.Id, professionalId, hours, credited, reason, source, byUserId, now);
                if (needsApproval)
                {
                    attendance.AwaitApproval();
                }

                posting.Add((attendance, record));
            }

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            db.UnmatchedAttendance.AddRange(held);
            await db.SaveChangesAsync(ct);
            foreach (var (attendance, record) in posting)
            {
                if (record is not null)
                {
                    attendance.Credit(record.Id);
                }

                db.Attendance.Add(attendance);
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return new Result(posting.Count, rows.Count(r => already.Contains(r.ProfessionalId)), reduced, held.Count, needsApproval ? posting.Count : 0);
        }

        private static string Clip(string text) => text.Trim().Length <= UnmatchedAttendance.MaxTextLength ? text.Trim() : text.Trim()[..UnmatchedAttendance.MaxTextLength];
    }

    /// <summary>
    /// Reads an attendance CSV: a header naming a registry id column ("registry_id") and an hours
    /// column ("hours"), optionally a name; one row per attendee. Null when the file is not such a CSV.
    /// </summary>
    public static IReadOnlyList<Row>? ParseCsv(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
        if (lines.Count == 0)
        {
            return null;
        }

        var header = Csv.Split(lines[0]).Select(h => h.Trim().ToLowerInvariant().Replace(' ', '_')).ToList();
        var idColumn = header.FindIndex(h => h is "registry_id" or "registryid" or "id");
        var hoursColumn = header.FindIndex(h => h is "hours" or "clock_hours");
        var nameColumn = header.FindIndex(h => h is "name" or "full_name");
        if (idColumn < 0 || hoursColumn < 0)
        {
            return null;
        }

        return lines.Skip(1).Select(line =>
        {
            var cells = Csv.Split(line);
            string? Cell(int i) => i >= 0 && i < cells.Count ? cells[i].Trim() : null;
            return new Row(Cell(idColumn) ?? string.Empty, Cell(nameColumn), FormRules.ParseDecimal(Cell(hoursColumn)));
        }).ToList();
    }
}
