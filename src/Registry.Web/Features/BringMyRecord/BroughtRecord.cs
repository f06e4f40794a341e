using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Education;
using Registry.Web.Domain.Signed;
using Registry.Web.Domain.Training;
using Registry.Web.Domain.Verifications;

namespace Registry.Web.Features.BringMyRecord;

/// <summary>
/// "Bring my record": a person who moves from another registry uploads what it gave them; they review
/// what will be added (verified by that registry, or self-reported), what is already in their record
/// and what differs from it; then it is added once. Bringing the same file again adds nothing.
/// </summary>
public static class BroughtRecord
{
    public enum Standing
    {
        /// <summary>Not in the record: will be added.</summary>
        New,

        /// <summary>Already in the record as it is: nothing to do.</summary>
        AlreadyThere,

        /// <summary>In the record with other details: added only if the person asks.</summary>
        Differs,

        /// <summary>Cannot be kept as it is (a missing title, a date out of range): not added.</summary>
        Unusable,
    }

    public sealed record Line(int Index, ImportedFact Fact, Standing Standing, string? Mine);

    public sealed record Review(int Id, string FileName, string? IssuerName, DateTimeOffset? AppliedAt, int Added, IReadOnlyList<Line> Lines);

    public sealed record Past(int Id, string FileName, DateTimeOffset At, DateTimeOffset? AppliedAt, int Added);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed class Handler(RegistryDbContext db, RecordFile files, TimeProvider time)
    {
        public async Task<IReadOnlyList<Past>> PastAsync(int professionalId, CancellationToken ct) =>
            await db.RecordImports.AsNoTracking().Where(i => i.ProfessionalId == professionalId).OrderByDescending(i => i.Id).Take(20)
                .Select(i => new Past(i.Id, i.FileName, i.CreatedAt, i.AppliedAt, i.Added)).ToListAsync(ct);

        /// <summary>Reads the file and keeps what it says for review; null (nothing kept) when it is not a record Registry can read.</summary>
        public async Task<(int Id, IReadOnlyList<string> Notes)?> UploadAsync(int professionalId, string fileName, Stream file, CancellationToken ct)
        {
            var person = await db.Professionals.AsNoTracking().Where(p => p.Id == professionalId).Select(p => new { p.FirstName, p.MiddleName, p.LastName, p.FormerLastNames }).SingleAsync(ct);
            var lastNames = new[] { person.LastName }.Concat((person.FormerLastNames ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            var names = lastNames.SelectMany(last => new[] { $"{person.FirstName} {last}", $"{person.FirstName} {person.MiddleName} {last}" })
                .Select(Domain.SearchText.Normalize).ToHashSet(StringComparer.Ordinal);
            if (await files.ReadAsync(file, names, ct) is not { } read)
            {
                return null;
            }

            var import = new RecordImport(professionalId, Path.GetFileName(fileName), read.IssuerDid, read.IssuerName, JsonSerializer.Serialize(read.Facts, Json), time.GetUtcNow());
            db.RecordImports.Add(import);
            await db.SaveChangesAsync(ct);
            return (import.Id, read.Notes);
        }

        /// <summary>The person's own import with each fact's standing against their record now; null when it is not theirs.</summary>
        public async Task<Review?> ReviewAsync(int professionalId, int importId, CancellationToken ct)
        {
            var import = await db.RecordImports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == importId && i.ProfessionalId == professionalId, ct);
            if (import is null)
            {
                return null;
            }

            var facts = JsonSerializer.Deserialize<List<ImportedFact>>(import.Facts, Json) ?? [];
            var mine = await MineAsync(professionalId, ct);
            var lines = facts.Select((f, i) =>
                Usable(f) is false ? new Line(i, f, Standing.Unusable, null)
                : !mine.TryGetValue(f.Key, out var existing) ? new Line(i, f, Standing.New, null)
                : existing.Details == f.Details ? new Line(i, f, Standing.AlreadyThere, null)
                : new Line(i, f, Standing.Differs, existing.Details)).ToList();
            return new Review(import.Id, import.FileName, import.IssuerName, import.AppliedAt, import.Added, lines);
        }

        /// <summary>
        /// Adds the new facts (and those that differ where the person asked), once: verified by the trusted
        /// registry when they came signed by it, else self-reported. False when the import is not theirs.
        /// </summary>
        public async Task<bool> ApplyAsync(int professionalId, int importId, IReadOnlySet<int> alsoAdd, CancellationToken ct)
        {
            var strategy = db.Database.CreateExecutionStrategy();
            return await strategy.ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var import = await db.RecordImports.SingleOrDefaultAsync(i => i.Id == importId && i.ProfessionalId == professionalId, ct);
                if (import is null)
                {
                    return false;
                }

                if (import.AppliedAt is not null)
                {
                    return true;
                }

                var review = (await ReviewAsync(professionalId, importId, ct))!;
                var person = await db.Professionals.SingleAsync(p => p.Id == professionalId, ct);
                var now = time.GetUtcNow();
                var added = 0;
                foreach (var line in review.Lines.Where(l => l.Standing == Standing.New || (l.Standing == Standing.Differs && alsoAdd.Contains(l.Index))))
                {
                    var verification = line.Fact.Verified && import.IssuerDid is { } did ? Verification.Verified("registry:" + did, now) : null;
                    switch (line.Fact.Kind)
                    {
                        case ImportedFact.Course:
                            var course = new Course(line.Fact.Institution!, line.Fact.Number, line.Fact.Title, line.Fact.Units!.Value, UnitType.Semester, line.Fact.Grade, line.Fact.Term,
                                Enum.Parse<CourseCategory>(line.Fact.Category!), line.Fact.On);
                            if (verification is not null)
                            {
                                course.RecordVerification(verification);
                            }

                            person.AddCourse(course);
                            break;
                        case ImportedFact.Degree:
                            var degree = new Degree(Enum.Parse<DegreeLevel>(line.Fact.Level!), line.Fact.Title, line.Fact.Institution!, line.Fact.On);
                            if (verification is not null)
                            {
                                degree.RecordVerification(verification);
                            }

                            person.AddDegree(degree);
                            break;
                        case ImportedFact.Permit:
                            var permit = new Credential(Enum.Parse<CredentialType>(line.Fact.Type!), line.Fact.Number, line.Fact.Institution!, line.Fact.On!.Value, line.Fact.Until);
                            if (permit.Type == CredentialType.Other)
                            {
                                permit.Description = line.Fact.Title;
                            }

                            if (verification is not null)
                            {
                                permit.RecordVerification(verification);
                            }

                            person.AddCredential(permit);
                            break;
                        default:
                            var training = new TrainingRecord(line.Fact.Title, line.Fact.Institution!, line.Fact.On!.Value, line.Fact.Hours!.Value, null, null, null, TrainingTrustLevel.SelfReported);
                            if (verification is not null)
                            {
                                training.RecordVerification(verification);
                            }

                            person.AddTrainingRecord(training);
                            break;
                    }

                    added++;
                }

                import.Applied(now, added);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return true;
            });
        }

        /// <summary>Whether the fact can be kept as the forms would keep it.</summary>
        private static bool Usable(ImportedFact f)
        {
            static bool Text(string? s, int max, bool required = true) => string.IsNullOrWhiteSpace(s) ? !required : s.Length <= max && !s.Contains('\0', StringComparison.Ordinal);
            static bool Date(DateOnly? d, bool required = true) => d is null ? !required : d.Value.Year is >= 1900 and <= 2200;
            return f.Kind switch
            {
                ImportedFact.Course => Text(f.Title, Course.MaxTextLength) && Text(f.Institution, Course.MaxTextLength) && Text(f.Number, 50, false)
                    && Text(f.Grade, Course.MaxGradeLength, false) && Text(f.Term, Course.MaxTermLength, false) && f.Units is > 0 and <= 30
                    && Enum.TryParse<CourseCategory>(f.Category, out var c) && Enum.IsDefined(c) && Date(f.On, false),
                ImportedFact.Degree => Text(f.Title, Degree.MaxTextLength) && Text(f.Institution, Degree.MaxTextLength)
                    && Enum.TryParse<DegreeLevel>(f.Level, out var l) && Enum.IsDefined(l) && Date(f.On, false),
                ImportedFact.Permit => Text(f.Institution, Credential.MaxTextLength) && Text(f.Number, 50, false) && Text(f.Title, Credential.MaxTextLength)
                    && Enum.TryParse<CredentialType>(f.Type, out var p) && Enum.IsDefined(p) && Date(f.On) && Date(f.Until, false) && (f.Until is null || f.Until > f.On),
                ImportedFact.Training => Text(f.Title, TrainingRecord.MaxTextLength) && Text(f.Institution, TrainingRecord.MaxTextLength) && Date(f.On) && f.Hours is > 0 and <= 100,
                _ => false,
            };
        }

        /// <summary>The person's own facts, by the same keys an import uses.</summary>
        private async Task<Dictionary<string, ImportedFact>> MineAsync(int professionalId, CancellationToken ct)
        {
            var p = await db.Professionals.AsNoTracking().Include(x => x.Courses).Include(x => x.Degrees).Include(x => x.Credentials).Include(x => x.TrainingRecords)
                .AsSplitQuery().SingleAsync(x => x.Id == professionalId, ct);
            var mine = new List<ImportedFact>();
            mine.AddRange(p.Courses.Select(c => new ImportedFact(ImportedFact.Course, false, c.Title, c.CourseNumber, c.Institution, Math.Round(c.SemesterUnits, 2), c.Grade, c.Term, c.CompletedOn, null, c.Category.ToString(), null, null, null)));
            mine.AddRange(p.Degrees.Select(d => new ImportedFact(ImportedFact.Degree, false, d.Major, null, d.Institution, null, null, null, d.ConferredOn, null, null, d.Level.ToString(), null, null)));
            mine.AddRange(p.Credentials.Select(c => new ImportedFact(ImportedFact.Permit, false, c.Description ?? c.Type.ToString(), c.Number, c.IssuingBody, null, null, null, c.IssuedOn, c.ExpiresOn, null, null, c.Type.ToString(), null)));
            mine.AddRange(p.TrainingRecords.Select(t => new ImportedFact(ImportedFact.Training, false, t.Title, null, t.Sponsor, null, null, null, t.AttendedOn, null, null, null, null, t.ClockHours)));
            return mine.GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        }
    }

    /// <summary>How the review names a fact.</summary>
    public static string Describe(ImportedFact f) => f.Kind switch
    {
        ImportedFact.Course => string.Join(" · ", new[] { f.Title, f.Institution, f.Units?.ToString("0.##", CultureInfo.CurrentCulture), f.Grade, f.Term }.Where(s => !string.IsNullOrEmpty(s))),
        ImportedFact.Degree => string.Join(" · ", new[] { f.Level, f.Title, f.Institution }.Where(s => !string.IsNullOrEmpty(s))),
        ImportedFact.Permit => string.Join(" · ", new[] { f.Title, f.Number, f.Institution, f.On?.ToString("d", CultureInfo.CurrentCulture) }.Where(s => !string.IsNullOrEmpty(s))),
        _ => string.Join(" · ", new[] { f.Title, f.Institution, f.On?.ToString("d", CultureInfo.CurrentCulture), f.Hours?.ToString("0.##", CultureInfo.CurrentCulture) }.Where(s => !string.IsNullOrEmpty(s))),
    };
}
