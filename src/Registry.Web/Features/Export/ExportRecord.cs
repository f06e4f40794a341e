using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain.Education;
using Registry.Web.Domain.Professionals;
using Registry.Web.Domain.Verifications;

namespace Registry.Web.Features.Export;

/// <summary>
/// "Download my record": a ZIP holding the whole record as JSON (schema version 1, documented in
/// docs/export-schema.md and docs/export/record.schema.json) and a printable summary. Nobody has
/// to ask anyone for their own data, and nothing is lost if a registry closes.
/// </summary>
public static class ExportRecord
{
    public const string SchemaVersion = "1.6";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase), new PlainDecimals() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>
    /// Numbers written without trailing zeros (3, 2.5), so a record reads the same whichever database
    /// holds it: PostgreSQL reads a decimal at its column's scale (10.00), SQLite as it was written (10.0).
    /// </summary>
    private sealed class PlainDecimals : JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDecimal();

        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(value / 1.000000000000000000000000000000000m);
    }

    public sealed record VerificationDto(VerificationStatus Status, string? Reason, DateTimeOffset? At);

    public sealed record RecordDto(
        string SchemaVersion,
        DateTimeOffset ExportedAt,
        ProfessionalDto Professional,
        IReadOnlyList<EmploymentDto> Employment,
        IReadOnlyList<DegreeDto> Degrees,
        IReadOnlyList<CourseDto> Courses,
        UnitTotalsDto UnitTotals,
        IReadOnlyList<CredentialDto> Credentials,
        IReadOnlyList<PermitApplicationDto> PermitApplications,
        IReadOnlyList<TrainingDto> Training,
        IReadOnlyList<DocumentDto> Documents,
        IReadOnlyList<ChangeDto> Changes,
        IReadOnlyList<EventDto> Events,
        SignedTranscriptDto? SignedTranscript);

    /// <summary>The signed CLR 2.0 transcript of the verified record beside record.json (transcript.jwt): its id, issuer and status list entry.</summary>
    public sealed record SignedTranscriptDto(string File, string CredentialId, string Issuer, string StatusListCredential, int StatusListIndex);

    /// <summary>A training event the person registered for or attended: its status, and each session attended with the hours credited and why fewer.</summary>
    public sealed record EventDto(string Title, string Sponsor, DateOnly FirstDay, string? Registration, IReadOnlyList<AttendedDto> Attended);

    public sealed record AttendedDto(DateOnly Day, decimal Hours, decimal CreditedHours, string? Reason);

    /// <summary>One entry of the record's history; values as stored (dates yyyy-MM-dd, enumerations by name).</summary>
    public sealed record ChangeDto(DateTimeOffset At, string By, string Section, string? Entry, string Kind, string? Field, string? OldValue, string? NewValue);

    public sealed record DocumentDto(string Path, string FileName, string Kind, string FileType, long SizeBytes, string Sha256, DateTimeOffset UploadedAt, bool HiddenFromEmployers);

    public sealed record ProfessionalDto(
        string RegistryId, string FirstName, string? MiddleName, string LastName, string? FormerLastNames, DateOnly DateOfBirth,
        string Email, string? Phone, Address? MailingAddress, string? County, string PreferredLanguage, int? FirstYearInField,
        EducationLevel? HighestEducationLevel, decimal? ReportedEceUnits, DemographicsDto Demographics, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

    public sealed record DemographicsDto(IReadOnlyList<RaceEthnicityDto> RaceEthnicity, bool RaceEthnicityDeclined, Gender? Gender, string? GenderSelfDescription, IReadOnlyList<string> Languages);

    public sealed record RaceEthnicityDto(RaceEthnicityCategory Category, string? Detail);

    public sealed record EmploymentDto(
        string? EmployerLicenseNumber, string EmployerName, bool EmployerUnlisted, string? UnlistedAddress, string? UnlistedCity,
        string Role, string? RoleDescription, DateOnly StartDate, DateOnly? EndDate, decimal DaysPerWeek, decimal HoursPerDay,
        bool SupervisesAdults, string AgeGroupsServed, decimal? HourlyWage, DateTimeOffset? ConfirmedByEmployerAt, VerificationDto Verification);

    public sealed record DegreeDto(DegreeLevel Level, string Major, string Institution, DateOnly? ConferredOn, VerificationDto Verification, string? EarnedIn);

    public sealed record CourseDto(
        string Institution, string? CourseNumber, string Title, decimal Units, UnitType UnitType, decimal SemesterUnits, string? Grade, string? Term,
        DateOnly? CompletedOn, CourseCategory Category, bool Counted, CourseExclusion? NotCountedBecause, VerificationDto Verification);

    public sealed record UnitTotalsDto(decimal Ece, decimal Core, decimal GeneralEducation, decimal Administration, decimal AdultSupervision, decimal Specialization, decimal InfantToddler, decimal SchoolAge);

    public sealed record CredentialDto(string Type, string? Description, bool SchoolAgeEmphasis, string? Number, string IssuingBody, DateOnly IssuedOn, DateOnly? ExpiresOn, bool ExpiryAssumed, VerificationDto Verification, string? EarnedIn);

    public sealed record PermitApplicationDto(string Type, DateOnly AppliedOn);

    public sealed record TrainingDto(string Title, string Sponsor, DateOnly AttendedOn, decimal ClockHours, string? TopicArea, string? Language, string? DeliveryMode, string TrustLevel, VerificationDto Verification);

    /// <summary>A person's record as read for an export: the DTO written as record.json, the stored documents behind it, the signed transcript (when asked for) and the total of counted units.</summary>
    public sealed record ReadRecord(RecordDto Record, IReadOnlyList<Domain.Documents.Document> Documents, Domain.Signed.IssuedCredential? Transcript, decimal TotalUnits);

    /// <summary>Reads a person's whole record once, for the ZIP and for the PDF summary alike.</summary>
    public sealed class RecordReader(RegistryDbContext db, Infrastructure.Signed.CredentialIssuer credentials, Infrastructure.Signed.RegistryIssuer issuer, TimeProvider time)
    {
        /// <param name="signTranscript">Ask for a new signed transcript of the verified record (the ZIP does; the PDF alone does not need one).</param>
        public async Task<ReadRecord?> ReadAsync(int professionalId, bool signTranscript, CancellationToken ct)
        {
            var p = await db.Professionals.AsNoTracking()
                .Include(x => x.RaceEthnicities).Include(x => x.LanguagesSpoken).Include(x => x.Employments)
                .Include(x => x.Degrees).Include(x => x.Courses).Include(x => x.Credentials).Include(x => x.PermitApplications).Include(x => x.TrainingRecords)
                .AsSplitQuery()
                .SingleOrDefaultAsync(x => x.Id == professionalId, ct);
            if (p is null)
            {
                return null;
            }

            var employerIds = p.Employments.Where(e => e.EmployerId is not null).Select(e => e.EmployerId!.Value).Distinct().ToList();
            var employers = await db.Employers.AsNoTracking().Where(e => employerIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
            var totals = UnitTotals.Compute(p.Courses);
            var notCounted = totals.NotCounted.ToDictionary(n => n.Course.Id, n => n.Reason);
            static VerificationDto V(Verification v) => new(v.Status, v.Reason, v.At);

            // Semester units are added exactly and rounded only here, to be read.
            static decimal Shown(decimal semesterUnits) => Math.Round(semesterUnits, 2);
            var documents = await db.Documents.AsNoTracking().Where(d => d.ProfessionalId == professionalId).OrderBy(d => d.Id).ToListAsync(ct);
            var changes = await db.RecordChanges.AsNoTracking().Where(c => c.ProfessionalId == professionalId).OrderBy(c => c.At).ThenBy(c => c.Id).ToListAsync(ct);
            var registrations = await db.Registrations.AsNoTracking().Where(r => r.ProfessionalId == professionalId).ToDictionaryAsync(r => r.EventId, r => r.Status.ToString(), ct);
            var attended = (await db.Attendance.AsNoTracking().Where(a => a.ProfessionalId == professionalId)
                    .Join(db.TrainingSessions, a => a.SessionId, s => s.Id, (a, s) => new { s.EventId, s.Day, a.Hours, a.CreditedHours, a.Reason, a.Status, a.DecisionReason })
                    .ToListAsync(ct))
                .Select(a => new { a.EventId, a.Day, a.Hours, CreditedHours = a.Status == Domain.Calendar.AttendanceStatus.Posted ? a.CreditedHours : 0, Reason = Infrastructure.Localization.AttendanceReasons.Of(a.Status, a.Reason, a.DecisionReason) })
                .ToLookup(a => a.EventId);
            var eventIds = registrations.Keys.Concat(attended.Select(g => g.Key)).Distinct().ToList();
            var events = await db.TrainingEvents.AsNoTracking().Where(e => EF.Parameter(eventIds).Contains(e.Id)).OrderBy(e => e.FirstDay).ThenBy(e => e.Id)
                .Select(e => new { e.Id, e.Title, e.FirstDay, Sponsor = db.Sponsors.Where(s => s.Id == e.SponsorId).Select(s => s.Name).First() }).ToListAsync(ct);

            // Downloading one's record asks for the signed transcript of its verified part too (a new one each time).
            var transcript = signTranscript ? await credentials.TranscriptAsync(professionalId, ct) : null;
            var record = new RecordDto(
                SchemaVersion,
                time.GetUtcNow(),
                new ProfessionalDto(
                    p.RegistryId, p.FirstName, p.MiddleName, p.LastName, p.FormerLastNames, p.DateOfBirth, p.Email, p.Phone, p.MailingAddress, p.County,
                    p.PreferredLanguage, p.FirstYearInField, p.HighestEducationLevel, p.ReportedEceUnits,
                    new DemographicsDto(p.RaceEthnicities.OrderBy(r => r.Id).Select(r => new RaceEthnicityDto(r.Category, r.Detail)).ToList(), p.RaceEthnicityDeclined, p.Gender, p.GenderSelfDescription,
                        p.LanguagesSpoken.Select(l => l.Language).Order(StringComparer.Ordinal).ToList()),
                    p.CreatedAt, p.UpdatedAt),
                p.Employments.OrderBy(e => e.StartDate).ThenBy(e => e.Id).Select(e =>
                {
                    var employer = e.EmployerId is { } id ? employers[id] : null;
                    return new EmploymentDto(
                        employer?.LicenseNumber, employer?.Name ?? e.UnlistedEmployer!.BusinessName, employer is null, e.UnlistedEmployer?.Address, e.UnlistedEmployer?.City,
                        e.Role.ToString(), e.RoleDescription, e.StartDate, e.EndDate, e.Schedule.DaysPerWeek, e.Schedule.HoursPerDay, e.SupervisesAdults,
                        e.AgeGroupsServed.ToString(), e.HourlyWage, e.ConfirmedAt, V(e.Verification));
                }).ToList(),
                p.Degrees.OrderBy(d => d.Id).Select(d => new DegreeDto(d.Level, d.Major, d.Institution, d.ConferredOn, V(d.Verification), d.EarnedIn)).ToList(),
                p.Courses.OrderBy(c => c.Id).Select(c => new CourseDto(
                    c.Institution, c.CourseNumber, c.Title, c.Units, c.UnitType, Shown(c.SemesterUnits), c.Grade, c.Term, c.CompletedOn, c.Category,
                    !notCounted.ContainsKey(c.Id), notCounted.TryGetValue(c.Id, out var reason) ? reason : null, V(c.Verification))).ToList(),
                new UnitTotalsDto(Shown(totals.Ece), Shown(totals.Core), Shown(totals.GeneralEducation), Shown(totals.Administration), Shown(totals.AdultSupervision), Shown(totals.Specialization), Shown(totals.InfantToddler), Shown(totals.SchoolAge)),
                p.Credentials.OrderBy(c => c.IssuedOn).ThenBy(c => c.Id).Select(c => new CredentialDto(
                    c.Type.ToString(), c.Description, c.SchoolAgeEmphasis, c.Number, c.IssuingBody, c.IssuedOn, c.ExpiresOn, c.ExpiryAssumed, V(c.Verification), c.EarnedIn)).ToList(),
                p.PermitApplications.OrderBy(a => a.AppliedOn).ThenBy(a => a.Id).Select(a => new PermitApplicationDto(a.Type.ToString(), a.AppliedOn)).ToList(),
                p.TrainingRecords.OrderBy(t => t.AttendedOn).ThenBy(t => t.Id).Select(t => new TrainingDto(
                    t.Title, t.Sponsor, t.AttendedOn, t.ClockHours, t.TopicArea, t.Language, t.DeliveryMode?.ToString(), t.TrustLevel.ToString(), V(t.Verification))).ToList(),
                documents.Select(d => new DocumentDto($"documents/{d.Id}-{d.FileName}", d.FileName, d.Kind.ToString(), d.FileType.ToString(), d.SizeBytes, d.Sha256, d.UploadedAt, d.HiddenFromEmployers)).ToList(),
                changes.Select(c => new ChangeDto(
                    c.At, c.ByUserId is null ? "registry" : c.ByUserId == p.UserId ? "you" : "registryStaff", c.Section, c.EntryLabel, c.Kind.ToString(), c.Field, c.OldValue, c.NewValue)).ToList(),
                events.Select(e => new EventDto(e.Title, e.Sponsor, e.FirstDay, registrations.GetValueOrDefault(e.Id),
                    attended[e.Id].OrderBy(a => a.Day).Select(a => new AttendedDto(a.Day, a.Hours, a.CreditedHours, a.Reason)).ToList())).ToList(),
                transcript is null ? null : new SignedTranscriptDto("transcript.jwt", "urn:uuid:" + transcript.CredentialId.ToString("D"), issuer.Did, issuer.StatusList(transcript.StatusList), transcript.StatusIndex));

            // Every counted course together (ECE, general education and the rest), added exactly in quarter units like the other totals.
            var totalUnits = Shown(UnitMath.ToSemesterUnits(p.Courses.Where(c => !notCounted.ContainsKey(c.Id)).Sum(c => c.QuarterUnits)));
            return new ReadRecord(record, documents, transcript, totalUnits);
        }
    }

    public sealed class Handler(RecordReader reader, Infrastructure.Storage.IDocumentStorage storage, SummaryPdf.Renderer pdf)
    {
        public async Task<(string FileName, byte[] Zip)?> HandleAsync(int professionalId, CancellationToken ct)
        {
            if (await reader.ReadAsync(professionalId, signTranscript: true, ct) is not { } read)
            {
                return null;
            }

            var (record, documents, transcript, _) = read;
            var summaryPdf = await pdf.RenderAsync(professionalId, read, ct);
            using var zip = new MemoryStream();
            using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
            {
                await Write(archive, "record.json", JsonSerializer.Serialize(record, Json), ct);
                await Write(archive, "summary.html", Summary(record), ct);
                await Write(archive, "summary.pdf", summaryPdf, ct);
                if (transcript is not null)
                {
                    await Write(archive, "transcript.jwt", transcript.Token, ct);
                }

                foreach (var (document, entry) in documents.Zip(record.Documents))
                {
                    if (await storage.OpenAsync(document.StorageKey, ct) is { } content)
                    {
                        await using (content)
                        {
                            await using var target = await archive.CreateEntry(entry.Path, CompressionLevel.NoCompression).OpenAsync(ct);
                            await content.CopyToAsync(target, ct);
                        }
                    }
                }

                await Write(archive, "README.txt",
                    $"Your Registry record, exported {record.ExportedAt:u}.\r\nrecord.json: everything, schema version {SchemaVersion} (see docs/export-schema.md in the Registry source).\r\nsummary.html: a printable summary of your education, permits and training.\r\nsummary.pdf: the same summary as a PDF in your preferred language, with your employment confirmed by employers, your qualifications as of the day and a QR code to your verification page.\r\ntranscript.jwt: your verified record as a signed credential (a CLR 2.0 transcript) that anyone can check, and another Registry can import.\r\ndocuments/: every document you uploaded.\r\n", ct);
            }

            return ($"registry-record-{record.Professional.RegistryId}.zip", zip.ToArray());
        }

        private static Task Write(ZipArchive archive, string name, string content, CancellationToken ct) =>
            Write(archive, name, Encoding.UTF8.GetBytes(content), ct);

        private static async Task Write(ZipArchive archive, string name, byte[] content, CancellationToken ct)
        {
            var entry = archive.CreateEntry(name, CompressionLevel.Optimal);
            await using var stream = await entry.OpenAsync(ct);
            await stream.WriteAsync(content, ct);
        }

        /// <summary>A self-contained page to print: education, permits and training with their statuses.</summary>
        private static string Summary(RecordDto r)
        {
            static string E(object? value) => WebUtility.HtmlEncode(value?.ToString() ?? string.Empty);
            var html = new StringBuilder();
            html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Registry record</title>")
                .Append("<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;width:100%;margin-bottom:1.5em}td,th{border:1px solid #999;padding:4px;text-align:left}</style></head><body>")
                .Append("<h1>").Append(E($"{r.Professional.FirstName} {r.Professional.LastName}")).Append("</h1>")
                .Append("<p>Registry ID ").Append(E(RegistryId.Format(r.Professional.RegistryId))).Append(" · exported ").Append(E(r.ExportedAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture))).Append("</p>")
                .Append("<h2>Unit totals (semester units)</h2><p>ECE ").Append(E(r.UnitTotals.Ece)).Append(" · core ").Append(E(r.UnitTotals.Core))
                .Append(" · general education ").Append(E(r.UnitTotals.GeneralEducation)).Append(" · administration ").Append(E(r.UnitTotals.Administration))
                .Append(" · adult supervision ").Append(E(r.UnitTotals.AdultSupervision)).Append("</p>");
            html.Append("<h2>Courses</h2><table><tr><th>Course</th><th>Institution</th><th>Units</th><th>Grade</th><th>Category</th><th>Status</th></tr>");
            foreach (var c in r.Courses)
            {
                html.Append("<tr><td>").Append(E(c.Title)).Append("</td><td>").Append(E(c.Institution)).Append("</td><td>").Append(E(c.SemesterUnits))
                    .Append("</td><td>").Append(E(c.Grade)).Append("</td><td>").Append(E(c.Category)).Append("</td><td>").Append(E(c.Verification.Status)).Append("</td></tr>");
            }

            html.Append("</table><h2>Degrees</h2><table><tr><th>Degree</th><th>Major</th><th>Institution</th><th>Status</th></tr>");
            foreach (var d in r.Degrees)
            {
                html.Append("<tr><td>").Append(E(d.Level)).Append("</td><td>").Append(E(d.Major)).Append("</td><td>").Append(E(d.Institution)).Append("</td><td>").Append(E(d.Verification.Status)).Append("</td></tr>");
            }

            html.Append("</table><h2>Permits and credentials</h2><table><tr><th>Type</th><th>Number</th><th>Issued</th><th>Expires</th><th>Status</th></tr>");
            foreach (var c in r.Credentials)
            {
                html.Append("<tr><td>").Append(E(c.Description ?? c.Type)).Append("</td><td>").Append(E(c.Number)).Append("</td><td>").Append(E(c.IssuedOn))
                    .Append("</td><td>").Append(E(c.ExpiresOn)).Append("</td><td>").Append(E(c.Verification.Status)).Append("</td></tr>");
            }

            if (r.PermitApplications.Count > 0)
            {
                html.Append("</table><h2>Permits applied for</h2><table><tr><th>Permit</th><th>Applied on</th></tr>");
                foreach (var a in r.PermitApplications)
                {
                    html.Append("<tr><td>").Append(E(a.Type)).Append("</td><td>").Append(E(a.AppliedOn)).Append("</td></tr>");
                }
            }

            html.Append("</table><h2>Training</h2><table><tr><th>Title</th><th>Sponsor</th><th>Date</th><th>Hours</th><th>Trust</th></tr>");
            foreach (var t in r.Training)
            {
                html.Append("<tr><td>").Append(E(t.Title)).Append("</td><td>").Append(E(t.Sponsor)).Append("</td><td>").Append(E(t.AttendedOn))
                    .Append("</td><td>").Append(E(t.ClockHours)).Append("</td><td>").Append(E(t.TrustLevel)).Append("</td></tr>");
            }

            return html.Append("</table></body></html>").ToString();
        }
    }
}
