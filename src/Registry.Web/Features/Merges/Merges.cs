using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain.Accounts;
using Registry.Web.Domain.Professionals;
using Registry.Web.Domain.Training;
using Registry.Web.Domain.Verifications;
using Registry.Web.Infrastructure.Email;
using Registry.Web.Infrastructure.Security;

using Registry.Web.Infrastructure.Rules;
using Registry.Web.Infrastructure.Web;

namespace Registry.Web.Features.Merges;

/// <summary>
/// Safe merges of two profiles of one person (decision 0031): every difference side by side, the
/// survivor Registry recommends (the profile holding verified facts, then the confirmed email,
/// then the earlier) unless staff give a reason, both addresses told, the merged account locked
/// and signed out, and an undo for 30 days that moves back exactly what was moved.
/// </summary>
public static class ProfileMerges
{
    public const string KeepOriginal = "original";
    public const string KeepNewer = "newer";

    /// <summary>One line of a profile's record in the comparison; <paramref name="LabelKey"/> is a resource key (a role, a permit) or null.</summary>
    public sealed record Entry(string Section, string? LabelKey, string Text, string? Dates, bool Verified);

    public sealed record Side(
        int Id, string RegistryId, string FirstName, string? MiddleName, string LastName, string? FormerLastNames, DateOnly DateOfBirth,
        string ProfileEmail, string? AccountEmail, bool EmailConfirmed, string? Phone, string? Address, string? County, string PreferredLanguage,
        DateTimeOffset CreatedAt, IReadOnlyList<Entry> Entries)
    {
        public int VerifiedFacts => Entries.Count(e => e.Verified);
    }

    public sealed record Comparison(int FlaggedId, Side Newer, Side Original, string Recommended)
    {
        public Side Keep(string keep) => keep == KeepOriginal ? Original : Newer;
    }

    public sealed record RecentMerge(int Id, string KeptRegistryId, string KeptName, string MergedRegistryId, DateTimeOffset MergedAt, string? Reason,
        DateTimeOffset? UndoneAt, string? UndoReason, bool CanUndo, bool Own, bool KeptMergedSince = false);

    public enum Outcome
    {
        Done,
        NotFound,
        Own,
    }

    public sealed class Handler(RegistryDbContext db, UserManager<RegistryUser> users, SecurityAudit audit, AccountSessions sessions, AccountEmails emails, TimeProvider time, QualificationSummaries summaries, IPublicPageCache pages)
    {
        /// <summary>The flagged pair side by side, with the survivor Registry recommends.</summary>
        public async Task<Comparison?> CompareAsync(int flaggedId, CancellationToken ct)
        {
            var pair = await db.Professionals.AsNoTracking().Where(p => p.Id == flaggedId && p.PossibleDuplicateOfId != null)
                .Select(p => new { p.Id, Original = p.PossibleDuplicateOfId!.Value }).SingleOrDefaultAsync(ct);
            if (pair is null || await SideAsync(pair.Id, ct) is not { } newer || await SideAsync(pair.Original, ct) is not { } original)
            {
                return null;
            }

            return new Comparison(pair.Id, newer, original, Recommend(newer, original));
        }

        /// <summary>Whether either profile of the pair is <paramref name="userId"/>'s own: nobody merges their own.</summary>
        public Task<bool> IsOwnAsync(Comparison comparison, string userId, CancellationToken ct) =>
            db.Professionals.AsNoTracking().AnyAsync(p => (p.Id == comparison.Newer.Id || p.Id == comparison.Original.Id) && p.UserId == userId, ct);

        /// <summary>
        /// The profile that holds verified facts survives; between equals, the one whose email is
        /// confirmed; then the earlier. An impostor who signs up with a real person's name and date
        /// of birth holds no verified facts, so the real record is never handed over by default.
        /// </summary>
        public static string Recommend(Side newer, Side original)
        {
            static (bool, bool, int) Rank(Side side) => (side.VerifiedFacts > 0, side.EmailConfirmed, side.VerifiedFacts);
            return Rank(newer).CompareTo(Rank(original)) > 0 ? KeepNewer : KeepOriginal;
        }

        /// <summary>
        /// Moves everything of the merged-away profile onto the kept one, recording each row moved;
        /// the merged-away profile stays (hidden), its account is locked and signed out everywhere,
        /// and both addresses are told.
        /// </summary>
        public async Task<Outcome> MergeAsync(Comparison comparison, string keep, string? reason, string staffUserId, CancellationToken ct)
        {
            var kept = comparison.Keep(keep);
            var gone = keep == KeepOriginal ? comparison.Newer : comparison.Original;
            var userIds = await db.Professionals.AsNoTracking().Where(p => p.Id == kept.Id || p.Id == gone.Id).Select(p => new { p.Id, p.UserId }).ToDictionaryAsync(p => p.Id, p => p.UserId, ct);
            if (userIds.Count != 2)
            {
                return Outcome.NotFound;
            }

            if (userIds.ContainsValue(staffUserId))
            {
                return Outcome.Own;
            }

            var (keepId, goneId) = (kept.Id, gone.Id);
            var strategy = db.Database.CreateExecutionStrategy();
            await strategy.ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var goneUser = await users.FindByIdAsync(userIds[goneId]) ?? throw new InvalidOperationException("The merged profile's account is gone.");
                var keptUser = await users.FindByIdAsync(userIds[keepId]) ?? throw new InvalidOperationException("The kept profile's account is gone.");
                var moves = new MergeMoves();

                // Told first, in each person's language, while both profiles are still visible.
                await emails.QueueNoticeAsync(goneUser.Id, "profile-merged-away", (t, _) =>
                    (t["Your Registry profile was merged into another"],
                     [t["Registry staff found that registry ids {0} and {1} belong to the same person and merged them.", RegistryId.Format(gone.RegistryId), RegistryId.Format(kept.RegistryId)].Value,
                      t["Everything that was on registry id {0} is now on registry id {1}, and this account ({2}) can no longer sign in.", RegistryId.Format(gone.RegistryId), RegistryId.Format(kept.RegistryId), goneUser.Email!].Value,
                      t["If this is wrong, contact registry staff within 30 days: the merge can be undone with nothing lost."].Value],
                     t["Open Registry"]), emails.LinkTo("Index", "Home"));
                await emails.QueueNoticeAsync(keptUser.Id, "profile-merged-into", (t, _) =>
                    (t["Another Registry profile was merged into yours"],
                     [t["Registry staff found that registry ids {0} and {1} belong to the same person and merged them.", RegistryId.Format(gone.RegistryId), RegistryId.Format(kept.RegistryId)].Value,
                      t["Everything that was on registry id {0} is now on your record, registry id {1}. Please sign in again.", RegistryId.Format(gone.RegistryId), RegistryId.Format(kept.RegistryId)].Value,
                      t["If this is wrong, contact registry staff within 30 days: the merge can be undone with nothing lost."].Value],
                     t["Open my record"]), emails.LinkTo("Index", "MyRegistry"));

                moves.Rows["Employments"] = await Ids(db.Employments.Where(e => e.ProfessionalId == goneId).Select(e => (long)e.Id));
                await db.Employments.Where(e => e.ProfessionalId == goneId).ExecuteUpdateAsync(s => s.SetProperty(e => e.ProfessionalId, keepId), ct);
                moves.Rows["Degrees"] = await Ids(db.Degrees.Where(e => e.ProfessionalId == goneId).Select(e => (long)e.Id));
                await db.Degrees.Where(e => e.ProfessionalId == goneId).ExecuteUpdateAsync(s => s.SetProperty(e => e.ProfessionalId, keepId), ct);
                moves.Rows["Courses"] = await Ids(db.Courses.Where(e => e.ProfessionalId == goneId).Select(e => (long)e.Id));
                await db.Courses.Where(e => e.ProfessionalId == goneId).ExecuteUpdateAsync(s => s.SetProperty(e => e.ProfessionalId, keepId), ct);
                moves.Rows["Credentials"] = await Ids(db.Credentials.Where(e => e.ProfessionalId == goneId).Select(e => (long)e.Id));
                await db.Credentials.Where(e => e.ProfessionalId == goneId).ExecuteUpdateAsync(s => s.SetProperty(e => e.ProfessionalId, keepId), ct);
                moves.Rows["PermitApplications"] = await Ids(db.PermitApplications.Where(e => e.ProfessionalId == goneId).Select(e => (long)e.Id));
                await db.PermitApplications.Where(e => e.ProfessionalId == goneId).ExecuteUpdateAsync(s => s.SetProperty(e => e.ProfessionalId, keepId), ct);
                moves.Rows["TrainingRecords"] = await Ids(db.TrainingRecords.Where(e => e.ProfessionalId == goneId).Select(e => (long)e.Id));
                await db.TrainingRecords.Where(e => e.ProfessionalId == goneId).ExecuteUpdateAsync(s => s.SetProperty(e => e.ProfessionalId, keepId), ct);
                moves.Rows["Documents"] = await Ids(db.Documents.Where(e => e.ProfessionalId == goneId).Select(e => (long)e.Id));
                await db.Documents.Where(e => e.ProfessionalId == goneId).ExecuteUpdateAsync(s => s.SetProperty(e => e.ProfessionalId, keepId), ct);
                moves.Rows["RecordChanges"] = await Ids(db.RecordChanges.Where(e => e.ProfessionalId == goneId).Select(e => e.Id));
                await db.RecordChanges.Where(e => e.ProfessionalId == goneId).ExecuteUpdateAsync(s => s.SetProperty(e => e.ProfessionalId, keepId), ct);
                moves.Rows["FactChanges"] = await Ids(db.FactChanges.Where(e => e.ProfessionalId == goneId).Select(e => e.Id));
                await db.FactChanges.Where(e => e.ProfessionalId == goneId).ExecuteUpdateAsync(s => s.SetProperty(e => e.ProfessionalId, keepId), ct);
                moves.Rows["AccessLog"] = await Ids(db.AccessLog.Where(e => e.ProfessionalId == goneId).Select(e => e.Id));
                await db.AccessLog.Where(e => e.ProfessionalId == goneId).ExecuteUpdateAsync(s => s.SetProperty(e => e.ProfessionalId, keepId), ct);

                // A name change asked on the merged record was about that record's name: it no longer waits.
                moves.ReplacedNameChanges = (await Ids(db.NameChanges.Where(e => e.ProfessionalId == goneId && e.Status == Domain.Facts.NameChangeStatus.Pending).Select(e => (long)e.Id))).ConvertAll(id => (int)id);
                await db.NameChanges.Where(e => e.ProfessionalId == goneId && e.Status == Domain.Facts.NameChangeStatus.Pending)
                    .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, Domain.Facts.NameChangeStatus.Replaced).SetProperty(e => e.DecidedAt, time.GetUtcNow()), ct);
                moves.Rows["NameChanges"] = await Ids(db.NameChanges.Where(e => e.ProfessionalId == goneId).Select(e => (long)e.Id));
                await db.NameChanges.Where(e => e.ProfessionalId == goneId).ExecuteUpdateAsync(s => s.SetProperty(e => e.ProfessionalId, keepId), ct);

                // One row per person and event, session, language or answer: what the kept profile already has stays with the merged one.
                var registrations = db.Registrations.Where(r => r.ProfessionalId == goneId && !db.Registrations.Any(k => k.ProfessionalId == keepId && k.EventId == r.EventId));
                moves.Rows["Registrations"] = await Ids(registrations.Select(e => (long)e.Id));
                await MoveAsync(db.Registrations, moves.Rows["Registrations"], goneId, keepId);
                var attendance = db.Attendance.Where(a => a.ProfessionalId == goneId && !db.Attendance.Any(k => k.ProfessionalId == keepId && k.SessionId == a.SessionId));
                moves.Rows["Attendance"] = await Ids(attendance.Select(e => (long)e.Id));
                await MoveAsync(db.Attendance, moves.Rows["Attendance"], goneId, keepId);
                var languages = db.Set<ProfessionalLanguage>().Where(l => l.ProfessionalId == goneId && !db.Set<ProfessionalLanguage>().Any(k => k.ProfessionalId == keepId && k.Language == l.Language));
                moves.Languages = await languages.Select(l => l.Language).ToListAsync(ct);
                await languages.ExecuteUpdateAsync(s => s.SetProperty(l => l.ProfessionalId, keepId), ct);
                var answers = db.Set<ProfessionalRaceEthnicity>().Where(r => r.ProfessionalId == goneId && !db.Set<ProfessionalRaceEthnicity>().Any(k => k.ProfessionalId == keepId && k.Category == r.Category));
                moves.Rows["RaceEthnicities"] = await Ids(answers.Select(e => (long)e.Id));
                await MoveAsync(db.Set<ProfessionalRaceEthnicity>(), moves.Rows["RaceEthnicities"], goneId, keepId);

                moves.DuplicateFlags = await db.Professionals.Where(p => p.PossibleDuplicateOfId == goneId || p.PossibleDuplicateOfId == keepId)
                    .ToDictionaryAsync(p => p.Id, p => p.PossibleDuplicateOfId!.Value, ct);
                await db.Professionals.Where(p => p.PossibleDuplicateOfId == goneId || p.PossibleDuplicateOfId == keepId).ExecuteUpdateAsync(s => s.SetProperty(p => p.PossibleDuplicateOfId, (int?)null), ct);
                await db.Professionals.Where(p => p.Id == goneId).ExecuteUpdateAsync(s => s.SetProperty(p => p.MergedIntoId, keepId), ct);

                var history = new Domain.History.RecordChange(keepId, time.GetUtcNow(), staffUserId, "Professional", null, Domain.History.RecordChangeKind.Changed, "Professional.MergedRegistryId", null, gone.RegistryId);
                db.RecordChanges.Add(history);
                await db.SaveChangesAsync(ct);
                moves.HistoryLineId = history.Id;

                db.ProfileMerges.Add(new ProfileMerge(keepId, kept.RegistryId, goneId, gone.RegistryId, staffUserId, time.GetUtcNow(),
                    keep == comparison.Recommended ? null : reason?.Trim(), moves, goneUser.LockoutEnabled, goneUser.LockoutEnd));
                await db.Users.Where(u => u.Id == goneUser.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnabled, true).SetProperty(u => u.LockoutEnd, DateTimeOffset.MaxValue), ct);

                // One entry for each account, so a search for either person finds the merge.
                audit.Add(SecurityEventKind.ProfilesMerged, goneUser.Id, goneUser.Email,
                    $"registry id {gone.RegistryId} merged into registry id {kept.RegistryId} ({keptUser.Email}); this account is locked");
                audit.Add(SecurityEventKind.ProfilesMerged, keptUser.Id, keptUser.Email,
                    $"registry id {kept.RegistryId} kept and given the record of registry id {gone.RegistryId} ({goneUser.Email})"
                    + (keep == comparison.Recommended ? string.Empty : $"; not the recommended survivor: {reason?.Trim()}"));
                // The facts moved in bulk (no change tracker): both summaries are worked out again in this transaction.
                await summaries.StageAsync(db, [keepId, goneId], ct);
                await db.SaveChangesAsync(ct);

                // The locked account must not stay signed in anywhere; the kept one now holds another record.
                await sessions.EndAllAsync(goneUser.Id, "profiles merged", ct: ct);
                await sessions.EndAllAsync(keptUser.Id, "profiles merged", ct: ct);
                await transaction.CommitAsync(ct);
            });
            await pages.EvictAsync(CacheTags.Person(keepId), ct);
            await pages.EvictAsync(CacheTags.Person(goneId), ct);
            return Outcome.Done;

            Task<List<long>> Ids(IQueryable<long> ids) => ids.ToListAsync(ct);
        }

        /// <summary>Merges of the last 30 days and more (newest first), each with whether it can still be undone.</summary>
        public async Task<IReadOnlyList<RecentMerge>> RecentAsync(string staffUserId, CancellationToken ct)
        {
            var now = time.GetUtcNow();
            var merges = await db.ProfileMerges.AsNoTracking().OrderByDescending(m => m.Id).Take(50).ToListAsync(ct);
            var ids = merges.SelectMany(m => new[] { m.KeptProfessionalId, m.MergedProfessionalId }).Distinct().ToList();
            var people = await db.Professionals.IgnoreQueryFilters().AsNoTracking().Where(p => EF.Parameter(ids).Contains(p.Id))
                .Select(p => new { p.Id, Name = p.FirstName + " " + p.LastName, p.UserId, Merged = p.MergedIntoId != null }).ToDictionaryAsync(p => p.Id, ct);
            return merges.Select(m => new RecentMerge(m.Id, m.KeptRegistryId, people.TryGetValue(m.KeptProfessionalId, out var kept) ? kept.Name : string.Empty,
                m.MergedRegistryId, m.MergedAt, m.Reason, m.UndoneAt, m.UndoReason, m.CanUndoAt(now) && kept is { Merged: false },
                (people.TryGetValue(m.KeptProfessionalId, out var k) && k.UserId == staffUserId) || (people.TryGetValue(m.MergedProfessionalId, out var g) && g.UserId == staffUserId),
                kept is { Merged: true })).ToList();
        }

        /// <summary>
        /// Undoes a merge of the last 30 days: moves back exactly the rows it moved, restores the
        /// duplicate flags, the name changes it closed and the merged account's lockout, removes its
        /// history line, ends both accounts' sessions and tells both addresses.
        /// </summary>
        public async Task<Outcome> UndoAsync(int mergeId, string reason, string staffUserId, CancellationToken ct)
        {
            var merge = await db.ProfileMerges.AsNoTracking().SingleOrDefaultAsync(m => m.Id == mergeId, ct);
            // A survivor merged on into a third profile is undone from the last merge back, never around it.
            if (merge is null || !merge.CanUndoAt(time.GetUtcNow()) || !await db.Professionals.AnyAsync(p => p.Id == merge.KeptProfessionalId, ct))
            {
                return Outcome.NotFound;
            }

            var userIds = await db.Professionals.IgnoreQueryFilters().AsNoTracking().Where(p => p.Id == merge.KeptProfessionalId || p.Id == merge.MergedProfessionalId)
                .ToDictionaryAsync(p => p.Id, p => p.UserId, ct);
            if (userIds.Count != 2)
            {
                return Outcome.NotFound;
            }

            if (userIds.ContainsValue(staffUserId))
            {
                return Outcome.Own;
            }

            var (keepId, goneId) = (merge.KeptProfessionalId, merge.MergedProfessionalId);
            var moves = merge.ReadMoves();
            var strategy = db.Database.CreateExecutionStrategy();
            await strategy.ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var tracked = await db.ProfileMerges.SingleAsync(m => m.Id == mergeId, ct);
                tracked.Undo(staffUserId, reason.Trim(), time.GetUtcNow());

                await db.Professionals.IgnoreQueryFilters().Where(p => p.Id == goneId).ExecuteUpdateAsync(s => s.SetProperty(p => p.MergedIntoId, (int?)null), ct);
                await MoveAsync(db.Employments, Rows("Employments"), keepId, goneId);
                await MoveAsync(db.Degrees, Rows("Degrees"), keepId, goneId);
                await MoveAsync(db.Courses, Rows("Courses"), keepId, goneId);
                await MoveAsync(db.Credentials, Rows("Credentials"), keepId, goneId);
                await MoveAsync(db.PermitApplications, Rows("PermitApplications"), keepId, goneId);
                await MoveAsync(db.TrainingRecords, Rows("TrainingRecords"), keepId, goneId);
                await MoveAsync(db.Documents, Rows("Documents"), keepId, goneId);
                var changes = Rows("RecordChanges");
                await db.RecordChanges.Where(e => e.ProfessionalId == keepId && EF.Parameter(changes).Contains(e.Id)).ExecuteUpdateAsync(s => s.SetProperty(e => e.ProfessionalId, goneId), ct);
                var facts = Rows("FactChanges");
                await db.FactChanges.Where(e => e.ProfessionalId == keepId && EF.Parameter(facts).Contains(e.Id)).ExecuteUpdateAsync(s => s.SetProperty(e => e.ProfessionalId, goneId), ct);
                var log = Rows("AccessLog");
                await db.AccessLog.Where(e => e.ProfessionalId == keepId && EF.Parameter(log).Contains(e.Id)).ExecuteUpdateAsync(s => s.SetProperty(e => e.ProfessionalId, goneId), ct);
                await MoveAsync(db.NameChanges, Rows("NameChanges"), keepId, goneId);
                var replaced = moves.ReplacedNameChanges;
                await db.NameChanges.Where(e => EF.Parameter(replaced).Contains(e.Id) && e.Status == Domain.Facts.NameChangeStatus.Replaced)
                    .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, Domain.Facts.NameChangeStatus.Pending).SetProperty(e => e.DecidedAt, (DateTimeOffset?)null), ct);
                await MoveAsync(db.Registrations, Rows("Registrations"), keepId, goneId);
                await MoveAsync(db.Attendance, Rows("Attendance"), keepId, goneId);
                var spoken = moves.Languages;
                await db.Set<ProfessionalLanguage>().Where(l => l.ProfessionalId == keepId && EF.Parameter(spoken).Contains(l.Language))
                    .ExecuteUpdateAsync(s => s.SetProperty(l => l.ProfessionalId, goneId), ct);
                await MoveAsync(db.Set<ProfessionalRaceEthnicity>(), Rows("RaceEthnicities"), keepId, goneId);
                foreach (var (professionalId, flag) in moves.DuplicateFlags)
                {
                    await db.Professionals.IgnoreQueryFilters().Where(p => p.Id == professionalId).ExecuteUpdateAsync(s => s.SetProperty(p => p.PossibleDuplicateOfId, flag), ct);
                }

                if (moves.HistoryLineId is { } line)
                {
                    await db.RecordChanges.Where(c => c.Id == line).ExecuteDeleteAsync(ct);
                }

                await db.Users.Where(u => u.Id == userIds[goneId])
                    .ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnabled, merge.MergedLockoutEnabled).SetProperty(u => u.LockoutEnd, merge.MergedLockoutEnd), ct);
                var goneUser = await users.FindByIdAsync(userIds[goneId]) ?? throw new InvalidOperationException("The merged profile's account is gone.");
                var keptUser = await users.FindByIdAsync(userIds[keepId]) ?? throw new InvalidOperationException("The kept profile's account is gone.");
                audit.Add(SecurityEventKind.ProfileMergeUndone, goneUser.Id, goneUser.Email, $"merge of registry id {merge.MergedRegistryId} into {merge.KeptRegistryId} undone: {reason.Trim()}");
                audit.Add(SecurityEventKind.ProfileMergeUndone, keptUser.Id, keptUser.Email, $"merge of registry id {merge.MergedRegistryId} into {merge.KeptRegistryId} undone: {reason.Trim()}");
                foreach (var user in new[] { goneUser, keptUser })
                {
                    await emails.QueueNoticeAsync(user.Id, "profile-merge-undone", (t, _) =>
                        (t["A merge of your Registry profile was undone"],
                         [t["Registry staff undid the merge of registry id {0} into registry id {1}: each has its own record again, as it was before the merge.", RegistryId.Format(merge.MergedRegistryId), RegistryId.Format(merge.KeptRegistryId)].Value],
                         t["Open my record"]), emails.LinkTo("Index", "MyRegistry"));
                }

                await summaries.StageAsync(db, [merge.KeptProfessionalId, merge.MergedProfessionalId], ct);
                await db.SaveChangesAsync(ct);
                await sessions.EndAllAsync(goneUser.Id, "profile merge undone", ct: ct);
                await sessions.EndAllAsync(keptUser.Id, "profile merge undone", ct: ct);
                await transaction.CommitAsync(ct);
            });
            await pages.EvictAsync(CacheTags.Person(merge.KeptProfessionalId), ct);
            await pages.EvictAsync(CacheTags.Person(merge.MergedProfessionalId), ct);
            return Outcome.Done;

            List<long> Rows(string table) => moves.Rows.TryGetValue(table, out var rows) ? rows : [];
        }

        private static Task<int> MoveAsync<T>(IQueryable<T> rows, List<long> ids, int from, int to)
            where T : class
        {
            // Every table moved here has an integer id and a ProfessionalId; EF reads them by name.
            var intIds = ids.ConvertAll(id => (int)id);
            return rows.Where(r => EF.Property<int>(r, "ProfessionalId") == from && EF.Parameter(intIds).Contains(EF.Property<int>(r, "Id")))
                .ExecuteUpdateAsync(s => s.SetProperty(r => EF.Property<int>(r, "ProfessionalId"), to));
        }

        private async Task<Side?> SideAsync(int professionalId, CancellationToken ct)
        {
            var p = await db.Professionals.AsNoTracking().Where(x => x.Id == professionalId)
                .Select(x => new
                {
                    x.Id, x.RegistryId, x.FirstName, x.MiddleName, x.LastName, x.FormerLastNames, x.DateOfBirth, x.Email, x.Phone, x.MailingAddress, x.County, x.PreferredLanguage, x.CreatedAt,
                    Account = db.Users.Where(u => u.Id == x.UserId).Select(u => new { u.Email, u.EmailConfirmed }).FirstOrDefault(),
                })
                .SingleOrDefaultAsync(ct);
            if (p is null)
            {
                return null;
            }

            var entries = new List<Entry>();
            entries.AddRange((await db.Employments.AsNoTracking().Where(e => e.ProfessionalId == professionalId).OrderBy(e => e.StartDate)
                    .Select(e => new
                    {
                        e.Role, e.StartDate, e.EndDate, e.ConfirmedAt, e.Verification.Status,
                        Employer = db.Employers.Where(s => s.Id == e.EmployerId).Select(s => s.Name).FirstOrDefault() ?? e.UnlistedEmployer!.BusinessName,
                    }).ToListAsync(ct))
                .Select(e => new Entry("Jobs", "Role" + e.Role, e.Employer, Dates(e.StartDate, e.EndDate), e.ConfirmedAt is not null || e.Status == VerificationStatus.Verified)));
            entries.AddRange((await db.Degrees.AsNoTracking().Where(e => e.ProfessionalId == professionalId).OrderBy(e => e.Id)
                    .Select(e => new { e.Level, e.Major, e.Institution, e.ConferredOn, e.EarnedIn, e.Verification.Status }).ToListAsync(ct))
                .Select(e => new Entry("Degrees", "Degree" + e.Level, $"{e.Major}, {e.Institution}{(e.EarnedIn is null ? string.Empty : ", " + Domain.Places.Name(e.EarnedIn))}", e.ConferredOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), e.Status == VerificationStatus.Verified)));
            entries.AddRange((await db.Courses.AsNoTracking().Where(e => e.ProfessionalId == professionalId).OrderBy(e => e.Id)
                    .Select(e => new { e.Title, e.Institution, e.Units, e.UnitType, e.Grade, e.CompletedOn, e.Verification.Status }).ToListAsync(ct))
                .Select(e => new Entry("Courses", "UnitType" + e.UnitType, $"{e.Title}, {e.Institution} ({e.Units:0.##}{(e.Grade is null ? string.Empty : ", " + e.Grade)})", e.CompletedOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), e.Status == VerificationStatus.Verified)));
            entries.AddRange((await db.Credentials.AsNoTracking().Where(e => e.ProfessionalId == professionalId).OrderBy(e => e.Id)
                    .Select(e => new { e.Type, e.Number, e.IssuedOn, e.ExpiresOn, e.EarnedIn, e.Verification.Status }).ToListAsync(ct))
                .Select(e => new Entry("Permits", "Credential" + e.Type, string.Join(", ", new[] { e.Number, e.EarnedIn is null ? null : Domain.Places.Name(e.EarnedIn) }.Where(x => !string.IsNullOrEmpty(x))), Dates(e.IssuedOn, e.ExpiresOn), e.Status == VerificationStatus.Verified)));
            entries.AddRange((await db.TrainingRecords.AsNoTracking().Where(e => e.ProfessionalId == professionalId).OrderBy(e => e.AttendedOn).Take(200)
                    .Select(e => new { e.Title, e.Sponsor, e.ClockHours, e.AttendedOn, e.TrustLevel, e.Verification.Status }).ToListAsync(ct))
                .Select(e => new Entry("Training", null, $"{e.Title}, {e.Sponsor} ({e.ClockHours:0.##} h)", e.AttendedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    e.Status == VerificationStatus.Verified || e.TrustLevel == TrainingTrustLevel.SponsorVerified)));
            entries.AddRange((await db.Documents.AsNoTracking().Where(e => e.ProfessionalId == professionalId).OrderBy(e => e.Id)
                    .Select(e => new { e.FileName, e.UploadedAt }).ToListAsync(ct))
                .Select(e => new Entry("Documents", null, e.FileName, e.UploadedAt.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), false)));

            var address = p.MailingAddress is { } a ? string.Join(", ", new[] { a.Line1, a.Line2, a.City, a.State, a.Zip }.Where(x => !string.IsNullOrWhiteSpace(x))) : null;
            return new Side(p.Id, p.RegistryId, p.FirstName, p.MiddleName, p.LastName, p.FormerLastNames, p.DateOfBirth, p.Email, p.Account?.Email, p.Account?.EmailConfirmed ?? false,
                p.Phone, string.IsNullOrEmpty(address) ? null : address, p.County, p.PreferredLanguage, p.CreatedAt, entries);

            static string Dates(DateOnly from, DateOnly? to) =>
                from.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + " – " + (to?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "…");
        }
    }
}
