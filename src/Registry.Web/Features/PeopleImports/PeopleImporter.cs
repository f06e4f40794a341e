using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Registry.Web.Data;
using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Education;
using Registry.Web.Domain.Employments;
using Registry.Web.Domain.BulkLoads;
using Registry.Web.Domain.Professionals;
using Registry.Web.Domain.Training;
using Registry.Web.Infrastructure.Rules;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.PeopleImports;

/// <summary>
/// Runs one import (or dry run) recorded as a <see cref="PeopleImport"/>: reads every file, checks
/// every row, groups rows by person, matches each person to the registry (by email, then by name
/// and date of birth), and, unless it is a dry run, loads each person with all their facts or not at
/// all: a person with any rejected row is left out whole, and the report says why.
/// </summary>
public sealed class PeopleImporter(
    RegistryDbContext db,
    ImportFiles files,
    RowChecks checks,
    ILookupNormalizer normalizer,
    IStringLocalizer<SharedResource> t,
    TimeProvider time,
    QualificationRebuildSignal rebuild,
    InvitationSignal invitations,
    SecurityAudit audit,
    ILogger<PeopleImporter> logger)
{
    /// <summary>People saved per transaction.</summary>
    public const int Batch = 500;

    private const int LookupChunk = 500;

    private sealed class Person(string key, CheckedPerson? person)
    {
        public string Key { get; } = key;

        public CheckedPerson? Checked { get; set; } = person;

        public List<CheckedFact> Facts { get; } = [];

        public bool Rejected { get; set; }

        public int? ExistingId { get; set; }

        public int? TwinOfId { get; set; }

        public Person? TwinInFile { get; set; }

        public Professional? Created { get; set; }
    }

    private sealed class Counts
    {
        public int Done;
        public int Created;
        public int Matched;
        public int Duplicates;
        public int Rejected;
        public int Facts;
        public int FactsThere;
    }

    public async Task RunAsync(int importId, IReadOnlyList<ImportFile> inputs, CancellationToken ct)
    {
        var import = await db.PeopleImports.SingleAsync(i => i.Id == importId, ct);
        var rejects = new List<ImportReject>();
        var rows = new List<ImportRow>();
        foreach (var input in inputs)
        {
            var read = await files.ReadAsync(input, ct);
            rejects.AddRange(read.Rejects);
            rows.AddRange(read.Rows);
        }

        if (rejects.Any(r => r.Line == 0))
        {
            await FailAsync(import, t["Nothing was loaded: a file could not be read (see the report)."], rejects, ct);
            return;
        }

        if (!rows.Any(r => r.Kind == ImportKind.People) && rejects.Count == 0)
        {
            rejects.Add(new ImportReject(string.Join(", ", inputs.Select(i => i.Name)), 0, string.Empty, t["No people file: every import has one (its rows name each person's person_key)."]));
            await FailAsync(import, t["Nothing was loaded: there is no people file."], rejects, ct);
            return;
        }

        var people = Group(rows, rejects);
        var unreadable = rejects.Where(r => !string.IsNullOrEmpty(r.PersonKey)).Select(r => r.PersonKey!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var person in people.Where(p => unreadable.Contains(p.Key)))
        {
            person.Rejected = true;
        }

        import.Start(people.Count);
        await db.SaveChangesAsync(ct);
        var employers = await EmployersAsync(rows, ct);
        var counts = new Counts();

        CheckRows(people, rows, employers, rejects);
        await MatchAsync(people, rejects, ct);

        var byUser = import.ByUserId;

        // The record history names the staff member who started the import as who added each fact.
        using var acting = Data.History.RecordHistoryInterceptor.ActingAs(byUser);
        foreach (var batch in people.Chunk(Batch))
        {
            ct.ThrowIfCancellationRequested();
            if (import.DryRun)
            {
                var existing = await ExistingFactsAsync(batch, ct);
                foreach (var person in batch)
                {
                    Tally(person, counts, Existing(existing, person));
                }
            }
            else
            {
                await LoadAsync(importId, batch, byUser, counts, rejects, ct);
            }

            counts.Done += batch.Length;
            // Running again, should another instance's start have marked it stopped while it ran (a command-line load).
            await db.PeopleImports.Where(i => i.Id == importId).ExecuteUpdateAsync(s => s
                .SetProperty(i => i.Status, PeopleImportStatus.Running).SetProperty(i => i.Failure, (string?)null).SetProperty(i => i.FinishedAt, (DateTimeOffset?)null)
                .SetProperty(i => i.PeopleDone, counts.Done).SetProperty(i => i.PeopleCreated, counts.Created).SetProperty(i => i.PeopleMatched, counts.Matched)
                .SetProperty(i => i.PossibleDuplicates, counts.Duplicates).SetProperty(i => i.PeopleRejected, counts.Rejected)
                .SetProperty(i => i.FactsAdded, counts.Facts).SetProperty(i => i.FactsAlreadyThere, counts.FactsThere), ct);
        }

        db.ChangeTracker.Clear();
        import = await db.PeopleImports.SingleAsync(i => i.Id == importId, ct);
        import.Progress(counts.Done, counts.Created, counts.Matched, counts.Duplicates, counts.Rejected, counts.Facts, counts.FactsThere);
        import.Finish(rejects.Count, rejects.Count == 0 ? null : RejectsCsv(Kept(rejects)), time.GetUtcNow());
        audit.AddOwn(Domain.Accounts.SecurityEventKind.PeopleImported, import.ByUserId, import.ByName, FormattableString.Invariant(
            $"import {importId} ({(import.DryRun ? "dry run" : "load")} of {import.Files}) finished: {counts.Created} created, {counts.Matched} found by email, {counts.Duplicates} possible duplicates, {counts.Rejected} left out, {counts.Facts} facts added, {rejects.Count} rows rejected"));
        await db.SaveChangesAsync(ct);
        if (!import.DryRun)
        {
            invitations.Notify();
            rebuild.Notify();
        }

        logger.LogInformation("People import {ImportId} ({Mode}): {Created} created, {Matched} matched, {Rejected} rejected, {Facts} facts.",
            importId, import.DryRun ? "dry run" : "load", counts.Created, counts.Matched, counts.Rejected, counts.Facts);
    }

    /// <summary>At most this many problems are kept in a run's report (a file of wrong layout can give one a row).</summary>
    public const int MaxKeptRejects = 100_000;

    /// <summary>The problems kept: all of them, or the first <see cref="MaxKeptRejects"/> (in report order) and, first, a line saying how many there were.</summary>
    private List<ImportReject> Kept(List<ImportReject> rejects)
    {
        if (rejects.Count <= MaxKeptRejects)
        {
            return rejects;
        }

        var kept = rejects.OrderBy(r => r.File, StringComparer.Ordinal).ThenBy(r => r.Line).Take(MaxKeptRejects).ToList();
        kept.Insert(0, new ImportReject(string.Empty, 0, string.Empty, t["Only the first {0:N0} of {1:N0} problems are listed: fix these and run the import again.", MaxKeptRejects, rejects.Count]));
        return kept;
    }

    /// <summary>The rejects report: one line a problem, with file, line, column and reason; cells a spreadsheet would run are quoted out.</summary>
    public static string RejectsCsv(IEnumerable<ImportReject> rejects)
    {
        var text = new StringBuilder("file,line,column,reason\r\n");
        foreach (var reject in rejects.OrderBy(r => r.File, StringComparer.Ordinal).ThenBy(r => r.Line))
        {
            text.Append(Cell(reject.File)).Append(',').Append(reject.Line.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(Cell(reject.Column)).Append(',').Append(Cell(reject.Reason)).Append("\r\n");
        }

        return text.ToString();

        static string Cell(string value)
        {
            if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            {
                value = "'" + value;
            }

            return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
        }
    }

    private async Task FailAsync(PeopleImport import, string why, List<ImportReject> rejects, CancellationToken ct)
    {
        import.Fail(why, rejects.Count, RejectsCsv(Kept(rejects)), time.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }

    /// <summary>People by person_key, in file order; a key or an email on two people rows leaves both out.</summary>
    private List<Person> Group(List<ImportRow> rows, List<ImportReject> rejects)
    {
        var people = new Dictionary<string, Person>(StringComparer.OrdinalIgnoreCase);
        var firstRow = new Dictionary<string, ImportRow>(StringComparer.OrdinalIgnoreCase);
        var byEmail = new Dictionary<string, (Person Person, ImportRow Row)>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows.Where(r => r.Kind == ImportKind.People))
        {
            var key = row.Cell(ImportLayout.PersonKey);
            if (key.Length == 0)
            {
                rejects.Add(new ImportReject(row.File, row.Line, ImportLayout.PersonKey, t["Every row needs a person_key."]));
                continue;
            }

            if (people.TryGetValue(key, out var already))
            {
                var first = firstRow[key];
                rejects.Add(new ImportReject(row.File, row.Line, ImportLayout.PersonKey, t["The person_key {0} is also on line {1} of {2}: each person has one row in the people file.", key, first.Line, first.File]));
                already.Rejected = true;
                continue;
            }

            var (person, problems) = checks.Person(row);
            rejects.AddRange(problems);
            var entry = new Person(key, person) { Rejected = person is null };
            people[key] = entry;
            firstRow[key] = row;
            if (person is not null)
            {
                if (byEmail.TryGetValue(person.Email, out var other))
                {
                    rejects.Add(new ImportReject(row.File, row.Line, "email", t["The email {0} is also on line {1} of {2}: two people cannot share one account.", person.Email, other.Row.Line, other.Row.File]));
                    entry.Rejected = true;
                    other.Person.Rejected = true;
                }
                else
                {
                    byEmail[person.Email] = (entry, row);
                }
            }
        }

        return [.. people.Values];
    }

    private void CheckRows(List<Person> people, List<ImportRow> rows, IReadOnlyDictionary<string, int> employers, List<ImportReject> rejects)
    {
        var byKey = people.ToDictionary(p => p.Key, StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows.Where(r => r.Kind != ImportKind.People))
        {
            var key = row.Cell(ImportLayout.PersonKey);
            if (!byKey.TryGetValue(key, out var person))
            {
                rejects.Add(new ImportReject(row.File, row.Line, ImportLayout.PersonKey, key.Length == 0
                    ? t["Every row needs a person_key."]
                    : t["No row of the people file has the person_key {0}.", key]));
                continue;
            }

            var (fact, problems) = checks.Fact(row, employers);
            if (fact is null)
            {
                rejects.AddRange(problems);
                person.Rejected = true;
                continue;
            }

            if (person.Facts.FirstOrDefault(f => f.Row.Kind == fact.Row.Kind && f.SameAs == fact.SameAs) is { } twin)
            {
                rejects.Add(new ImportReject(row.File, row.Line, string.Empty, t["The same as line {0} of {1}: each fact once.", twin.Row.Line, twin.Row.File]));
                person.Rejected = true;
                continue;
            }

            person.Facts.Add(fact);
        }
    }

    private async Task<IReadOnlyDictionary<string, int>> EmployersAsync(List<ImportRow> rows, CancellationToken ct)
    {
        var numbers = rows.Where(r => r.Kind == ImportKind.Jobs)
            .Select(r => Domain.Employers.LicenseNumber.Normalize(r.Cell("site_license_number")))
            .OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var found = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var chunk in numbers.Chunk(LookupChunk))
        {
            foreach (var employer in await db.Employers.AsNoTracking().Where(e => chunk.Contains(e.LicenseNumber)).Select(e => new { e.LicenseNumber, e.Id }).ToListAsync(ct))
            {
                found[employer.LicenseNumber] = employer.Id;
            }
        }

        return found;
    }

    /// <summary>Finds each person's profile by email (their facts join it); else flags a namesake born the same day, in the registry or earlier in the file.</summary>
    private async Task MatchAsync(List<Person> people, List<ImportReject> rejects, CancellationToken ct)
    {
        var candidates = people.Where(p => !p.Rejected && p.Checked is not null).ToList();
        foreach (var chunk in candidates.Chunk(LookupChunk))
        {
            var emails = chunk.Select(p => normalizer.NormalizeEmail(p.Checked!.Email)).ToList();
            var users = await db.Users.AsNoTracking().Where(u => emails.Contains(u.NormalizedEmail!)).Select(u => new { u.Id, u.NormalizedEmail }).ToListAsync(ct);
            var usersByEmail = users.GroupBy(u => u.NormalizedEmail!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            var userIds = users.Select(u => u.Id).ToList();
            var profiles = await db.Professionals.AsNoTracking().Where(p => userIds.Contains(p.UserId))
                .Select(p => new { p.Id, p.UserId, p.NormalizedFirstName, p.NormalizedLastName, p.DateOfBirth }).ToListAsync(ct);
            var profilesByUser = profiles.GroupBy(p => p.UserId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            foreach (var person in chunk)
            {
                var email = normalizer.NormalizeEmail(person.Checked!.Email);
                if (usersByEmail.GetValueOrDefault(email!) is not { } user)
                {
                    continue;
                }

                if (profilesByUser.GetValueOrDefault(user.Id) is { } profile)
                {
                    // An email typed wrong, or shared in a family, must not put facts (verified ones too) on someone else's record.
                    var sameName = profile.NormalizedLastName == PersonName.NormalizeForLookup(person.Checked.Name.Last)
                        || profile.NormalizedFirstName == PersonName.NormalizeForLookup(person.Checked.Name.First);
                    if (profile.DateOfBirth != person.Checked.BirthDate || !sameName)
                    {
                        rejects.Add(new ImportReject(person.Checked.Row.File, person.Checked.Row.Line, "email", t["The email {0} is on the record of someone with another name or date of birth: check the email, the name and the date of birth.", person.Checked.Email]));
                        person.Rejected = true;
                        continue;
                    }

                    person.ExistingId = profile.Id;
                }
                else
                {
                    rejects.Add(new ImportReject(person.Checked.Row.File, person.Checked.Row.Line, "email", t["The email {0} belongs to an account with no record in the registry (a staff account): use the person's own email.", person.Checked.Email]));
                    person.Rejected = true;
                }
            }

            var newOnes = chunk.Where(p => p.ExistingId is null && !p.Rejected).ToList();
            var lastNames = newOnes.Select(p => PersonName.NormalizeForLookup(p.Checked!.Name.Last)).Distinct(StringComparer.Ordinal).ToList();
            var firstNames = newOnes.Select(p => PersonName.NormalizeForLookup(p.Checked!.Name.First)).Distinct(StringComparer.Ordinal).ToList();
            var births = newOnes.Select(p => p.Checked!.BirthDate).Distinct().ToList();
            var namesakes = (await db.Professionals.AsNoTracking()
                    .Where(p => lastNames.Contains(p.NormalizedLastName) && firstNames.Contains(p.NormalizedFirstName) && births.Contains(p.DateOfBirth))
                    .Select(p => new { p.Id, p.NormalizedLastName, p.NormalizedFirstName, p.DateOfBirth }).ToListAsync(ct))
                .GroupBy(n => (n.NormalizedLastName, n.NormalizedFirstName, n.DateOfBirth)).ToDictionary(g => g.Key, g => g.Min(n => n.Id));
            foreach (var person in newOnes)
            {
                var key = (PersonName.NormalizeForLookup(person.Checked!.Name.Last), PersonName.NormalizeForLookup(person.Checked.Name.First), person.Checked.BirthDate);
                person.TwinOfId = namesakes.TryGetValue(key, out var twin) ? twin : null;
            }
        }

        var seen = new Dictionary<(string, string, DateOnly), Person>();
        foreach (var person in candidates.Where(p => !p.Rejected && p.ExistingId is null && p.TwinOfId is null))
        {
            var key = (PersonName.NormalizeForLookup(person.Checked!.Name.Last), PersonName.NormalizeForLookup(person.Checked.Name.First), person.Checked.BirthDate);
            if (seen.TryGetValue(key, out var first))
            {
                person.TwinInFile = first;
            }
            else
            {
                seen[key] = person;
            }
        }
    }

    /// <summary>The facts the batch's matched people already have (kind and the fields that make a fact that fact), five queries a batch.</summary>
    private async Task<Dictionary<int, HashSet<string>>> ExistingFactsAsync(IEnumerable<Person> batch, CancellationToken ct)
    {
        var ids = batch.Where(p => !p.Rejected && p.ExistingId is not null).Select(p => p.ExistingId!.Value).Distinct().ToList();
        var same = ids.ToDictionary(id => id, _ => new HashSet<string>(StringComparer.Ordinal));
        if (ids.Count == 0)
        {
            return same;
        }

        foreach (var (id, entity) in (await db.Employments.AsNoTracking().Where(x => ids.Contains(x.ProfessionalId)).ToListAsync(ct)).Select(x => (x.ProfessionalId, (object)x))
            .Concat((await db.Degrees.AsNoTracking().Where(x => ids.Contains(x.ProfessionalId)).ToListAsync(ct)).Select(x => (x.ProfessionalId, (object)x)))
            .Concat((await db.Courses.AsNoTracking().Where(x => ids.Contains(x.ProfessionalId)).ToListAsync(ct)).Select(x => (x.ProfessionalId, (object)x)))
            .Concat((await db.Credentials.AsNoTracking().Where(x => ids.Contains(x.ProfessionalId)).ToListAsync(ct)).Select(x => (x.ProfessionalId, (object)x)))
            .Concat((await db.TrainingRecords.AsNoTracking().Where(x => ids.Contains(x.ProfessionalId)).ToListAsync(ct)).Select(x => (x.ProfessionalId, (object)x))))
        {
            same[id].Add(Kind(entity) + RowChecks.SameAs(entity));
        }

        return same;
    }

    private static HashSet<string> Existing(Dictionary<int, HashSet<string>> existing, Person person) =>
        !person.Rejected && person.ExistingId is { } id && existing.TryGetValue(id, out var facts) ? facts : [];

    private static string Kind(object entity) => entity switch
    {
        Employment => "J",
        Degree => "D",
        Course => "C",
        Credential => "P",
        TrainingRecord => "T",
        _ => "?",
    };

    /// <summary>Counts a person as the load would (in a dry run, all it does).</summary>
    private static List<CheckedFact> Tally(Person person, Counts counts, HashSet<string> existing)
    {
        if (person.Rejected)
        {
            counts.Rejected++;
            return [];
        }

        var fresh = person.Facts.Where(f => !existing.Contains(Kind(f.Entity) + f.SameAs)).ToList();
        counts.FactsThere += person.Facts.Count - fresh.Count;
        counts.Facts += fresh.Count;
        if (person.ExistingId is not null)
        {
            counts.Matched++;
        }
        else
        {
            counts.Created++;
            if (person.TwinOfId is not null || person.TwinInFile is not null)
            {
                counts.Duplicates++;
            }
        }

        return fresh;
    }

    private async Task LoadAsync(int importId, Person[] batch, string byUserId, Counts counts, List<ImportReject> rejects, CancellationToken ct)
    {
        var before = (counts.Created, counts.Matched, counts.Duplicates, counts.Rejected, counts.Facts, counts.FactsThere);
        try
        {
            await SaveAsync(importId, batch, byUserId, counts, ct);
        }
        catch (DbUpdateException e)
        {
            // One person the database would not take (an email or id taken meanwhile): the others go in one by one.
            logger.LogWarning(e, "A batch of import {ImportId} failed; loading its people one at a time.", importId);
            (counts.Created, counts.Matched, counts.Duplicates, counts.Rejected, counts.Facts, counts.FactsThere) = before;
            db.ChangeTracker.Clear();
            foreach (var person in batch)
            {
                var one = (counts.Created, counts.Matched, counts.Duplicates, counts.Rejected, counts.Facts, counts.FactsThere);
                try
                {
                    await SaveAsync(importId, [person], byUserId, counts, ct);
                }
                catch (DbUpdateException)
                {
                    // Counted as saved before the save failed: counted as left out instead.
                    (counts.Created, counts.Matched, counts.Duplicates, counts.Rejected, counts.Facts, counts.FactsThere) = one;
                    db.ChangeTracker.Clear();
                    var row = person.Checked?.Row;
                    rejects.Add(new ImportReject(row?.File ?? string.Empty, row?.Line ?? 0, string.Empty, t["The registry could not save this person (their email or another unique value was taken while the import ran); run the import again."]));
                    person.Rejected = true;
                    person.Created = null;
                    counts.Rejected++;
                }
            }
        }
    }

    private async Task SaveAsync(int importId, Person[] batch, string byUserId, Counts counts, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var matchedIds = batch.Where(p => !p.Rejected && p.ExistingId is not null).Select(p => p.ExistingId!.Value).ToList();
        var matched = await db.Professionals.Where(p => matchedIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var ids = await NewRegistryIdsAsync(batch.Count(p => !p.Rejected && p.ExistingId is null), ct);
        var next = 0;
        var existing = await ExistingFactsAsync(batch, ct);
        foreach (var person in batch)
        {
            var fresh = Tally(person, counts, Existing(existing, person));
            if (person.Rejected)
            {
                continue;
            }

            Professional professional;
            if (person.ExistingId is { } existingId)
            {
                professional = matched[existingId];
            }
            else
            {
                var p = person.Checked!;
                var user = new RegistryUser { UserName = p.Email, Email = p.Email, SecurityStamp = Guid.NewGuid().ToString("N") };
                user.NormalizedEmail = normalizer.NormalizeEmail(p.Email);
                user.NormalizedUserName = normalizer.NormalizeName(p.Email);
                db.Users.Add(user);
                professional = new Professional(ids[next++], user.Id, p.Name, p.BirthDate, p.Email, now) { Phone = p.Phone, PreferredLanguage = p.Language };
                if (person.TwinOfId is { } twin)
                {
                    professional.FlagPossibleDuplicateOf(twin);
                }
                else if (person.TwinInFile?.Created is { Id: > 0 } earlier)
                {
                    professional.FlagPossibleDuplicateOf(earlier.Id);
                }

                db.Professionals.Add(professional);
                db.Entry(professional).Property(PeopleImport.SourceProperty).CurrentValue = importId;
                db.AccountInvitations.Add(new AccountInvitation(user.Id, importId, now));
                person.Created = professional;
            }

            foreach (var fact in fresh)
            {
                if (fact.Verified)
                {
                    RowChecks.Vouch(fact.Entity, byUserId, now);
                }

                switch (fact.Entity)
                {
                    case Employment j: professional.AddEmployment(j); break;
                    case Degree d: professional.AddDegree(d); break;
                    case Course c: professional.AddCourse(c); break;
                    case Credential c: professional.AddCredential(c); break;
                    case TrainingRecord r: professional.AddTrainingRecord(r); break;
                }

                db.Entry(fact.Entity).Property(PeopleImport.SourceProperty).CurrentValue = importId;
            }
        }

        await db.SaveChangesAsync(ct);

        // A namesake earlier in this very batch has its id only now.
        foreach (var person in batch.Where(p => p.Created is not null && p.TwinOfId is null && p.TwinInFile?.Created is { } earlier && p.Created.PossibleDuplicateOfId is null))
        {
            person.Created!.FlagPossibleDuplicateOf(person.TwinInFile!.Created!.Id);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
    }

    private async Task<List<string>> NewRegistryIdsAsync(int count, CancellationToken ct)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        while (ids.Count < count)
        {
            var wanted = Enumerable.Range(0, (count - ids.Count) + 8).Select(_ => RegistryId.FromSerial(RandomNumberGenerator.GetInt32(0, 10_000_000))).Where(i => !ids.Contains(i)).Distinct().ToList();
            var taken = await db.Professionals.IgnoreQueryFilters().AsNoTracking().Where(p => wanted.Contains(p.RegistryId)).Select(p => p.RegistryId).ToListAsync(ct);
            foreach (var id in wanted.Except(taken).Take(count - ids.Count))
            {
                ids.Add(id);
            }
        }

        return [.. ids];
    }
}
