using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Registry.Web.Data;
using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Professionals;
using Registry.Web.Domain.Signed;
using Registry.Web.Domain.Verifications;
using Registry.Web.Infrastructure.Rules;

namespace Registry.Web.Infrastructure.Signed;

/// <summary>
/// Issues the registry's signed credentials, each only when the person asks (a button on their
/// credentials page, or their own record download for the transcript): the credential is kept
/// with its place in the status lists, so a change to what it states revokes it.
/// </summary>
public sealed class CredentialIssuer(RegistryDbContext db, RegistryIssuer issuer, CredentialTokens tokens, StatusLists lists, RuleResults.Handler rules, TimeProvider time, IStringLocalizer<SharedResource> t)
{
    /// <summary>The person's verified permits and credentials not expired today: what they may ask a credential of.</summary>
    public IQueryable<Credential> VerifiedPermits(int professionalId)
    {
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        return db.Credentials.AsNoTracking().Where(c => c.ProfessionalId == professionalId && c.Verification.Status == VerificationStatus.Verified
            && (c.ExpiresOn == null || c.ExpiresOn > today)
            && db.Professionals.Any(p => p.Id == professionalId && p.MergedIntoId == null));
    }

    /// <summary>A signed credential of one of the person's own verified, current permits; null when it is not one.</summary>
    public async Task<IssuedCredential?> PermitAsync(int professionalId, int permitId, bool withNumber, CancellationToken ct)
    {
        var permit = await VerifiedPermits(professionalId).Where(c => c.Id == permitId).SingleOrDefaultAsync(ct);
        if (permit is null || await HolderAsync(professionalId, ct) is not { } holder)
        {
            return null;
        }

        var name = PermitName(permit);
        var validUntil = permit.ExpiresOn is { } expires ? Midnight(expires) : (DateTimeOffset?)null;
        var facts = new OpenBadges.Permit(permit.Type.ToString(), name, permit.Number, permit.IssuingBody, permit.IssuedOn, permit.ExpiresOn, permit.Verification.At ?? time.GetUtcNow());
        return await IssueAsync(
            new IssuedCredential(professionalId, IssuedCredentialKind.Permit, $"{name} (verified)", permit.Id, permit.ConcurrencyStamp, permit.Verification.At, Guid.NewGuid(), time.GetUtcNow(), validUntil),
            issued => OpenBadges.ForPermit(issuer, issued, holder, facts, validUntil, withNumber), ct);
    }

    /// <summary>A signed credential of the person's membership; null when they have no record (or it was merged into another).</summary>
    public async Task<IssuedCredential?> MembershipAsync(int professionalId, CancellationToken ct) =>
        await HolderAsync(professionalId, ct) is { } holder
            ? await IssueAsync(
                new IssuedCredential(professionalId, IssuedCredentialKind.Membership, $"{issuer.Name} membership", null, null, null, Guid.NewGuid(), time.GetUtcNow(), null),
                issued => OpenBadges.ForMembership(issuer, issued, holder), ct)
            : null;

    /// <summary>The card's signed payload: the newest card credential that still holds, or a new one.</summary>
    public async Task<IssuedCredential?> CardAsync(int professionalId, CancellationToken ct)
    {
        var cards = db.IssuedCredentials.Where(c => c.ProfessionalId == professionalId && c.Kind == IssuedCredentialKind.Card);
        var holding = lists.Holding(cards);
        if (await cards.AsNoTracking().Where(c => holding.Contains(c.Id)).OrderByDescending(c => c.Id).FirstOrDefaultAsync(ct) is { } card)
        {
            return card;
        }

        return await HolderAsync(professionalId, ct) is { } holder
            ? await IssueAsync(
                new IssuedCredential(professionalId, IssuedCredentialKind.Card, $"{issuer.Name} membership card: the code on the card", null, null, null, Guid.NewGuid(), time.GetUtcNow(), null),
                issued => OpenBadges.ForCard(issuer, issued, holder), ct)
            : null;
    }

    /// <summary>A signed credential of a training certificate: what the person attended of an event, with the hours posted; null when they attended none of it.</summary>
    public Task<IssuedCredential?> TrainingAsync(int professionalId, int eventId, CancellationToken ct) =>
        TrainingAsync(professionalId, eventId, IssuedCredentialKind.TrainingCertificate, ct);

    /// <summary>The printed certificate's compact signed payload: the newest one for the event that still holds, or a new one; null when the person attended none of it.</summary>
    public async Task<IssuedCredential?> CertificateCodeAsync(int professionalId, int eventId, CancellationToken ct)
    {
        var codes = db.IssuedCredentials.Where(c => c.ProfessionalId == professionalId && c.Kind == IssuedCredentialKind.CertificateCode && c.FactId == eventId);
        var holding = lists.Holding(codes);
        return await codes.AsNoTracking().Where(c => holding.Contains(c.Id)).OrderByDescending(c => c.Id).FirstOrDefaultAsync(ct)
            ?? await TrainingAsync(professionalId, eventId, IssuedCredentialKind.CertificateCode, ct);
    }

    private async Task<IssuedCredential?> TrainingAsync(int professionalId, int eventId, IssuedCredentialKind kind, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var attended = await db.Attendance.AsNoTracking()
            .Where(a => a.ProfessionalId == professionalId && a.CreditedHours > 0 && a.Status == Domain.Calendar.AttendanceStatus.Posted && a.PostedAt <= now)
            .Join(db.TrainingSessions.Where(s => s.EventId == eventId), a => a.SessionId, s => s.Id, (a, s) => new { s.Day, a.CreditedHours })
            .ToListAsync(ct);
        if (attended.Count == 0 || await HolderAsync(professionalId, ct) is not { } holder)
        {
            return null;
        }

        var e = await db.TrainingEvents.AsNoTracking().Where(x => x.Id == eventId)
            .Select(x => new { x.Title, Sponsor = db.Sponsors.Where(s => s.Id == x.SponsorId).Select(s => s.Name).First() }).SingleAsync(ct);
        var days = attended.Select(a => a.Day).Distinct().Order().ToList();
        var hours = attended.Sum(a => a.CreditedHours);
        var title = kind == IssuedCredentialKind.CertificateCode ? $"{e.Title} ({e.Sponsor}): the code on the printed certificate" : $"{e.Title} ({e.Sponsor})";
        var issued = new IssuedCredential(professionalId, kind, title, eventId, null, null, Guid.NewGuid(), now, null);
        issued.Counted(attended.Count);
        return await IssueAsync(issued, i => kind == IssuedCredentialKind.CertificateCode
            ? OpenBadges.ForCertificateCode(issuer, i, holder, e.Title, e.Sponsor, days, hours)
            : OpenBadges.ForTraining(issuer, i, holder, e.Title, e.Sponsor, days, hours), ct);
    }

    /// <summary>What the person qualifies for today on verified facts, with the rule sets and versions it was worked out under.</summary>
    public async Task<IssuedCredential?> QualificationsAsync(int professionalId, CancellationToken ct)
    {
        if (await HolderAsync(professionalId, ct) is not { } holder)
        {
            return null;
        }

        var evaluation = await rules.EvaluateAsync(professionalId, null, ct);
        var met = evaluation.Results.Where(r => r.MetOnVerified)
            .Select(r => new OpenBadges.Met(r.Rule.Id, r.Rule.Name.En, r.Set.Id, r.Set.Version, r.Rule.Track, r.Rule.Level)).ToList();
        var sets = evaluation.Sets.Select(s => (s.Id, s.Version, s.Title.En)).ToList();
        return await IssueAsync(
            new IssuedCredential(professionalId, IssuedCredentialKind.Qualifications, $"Qualifications on {OpenBadges.Day(evaluation.AsOf)}", null, null, null, Guid.NewGuid(), time.GetUtcNow(), null),
            issued => OpenBadges.ForQualifications(issuer, issued, holder, evaluation.AsOf, sets, met), ct);
    }

    /// <summary>The whole verified record as a signed CLR 2.0 transcript.</summary>
    public async Task<IssuedCredential?> TranscriptAsync(int professionalId, CancellationToken ct)
    {
        if (await HolderAsync(professionalId, ct) is not { } holder)
        {
            return null;
        }

        static bool Verified(Verification v) => v.Status == VerificationStatus.Verified;
        var p = await db.Professionals.AsNoTracking()
            .Include(x => x.Courses).Include(x => x.Degrees).Include(x => x.Credentials).Include(x => x.TrainingRecords).Include(x => x.Employments)
            .AsSplitQuery().SingleAsync(x => x.Id == professionalId, ct);
        var employerIds = p.Employments.Where(e => e.EmployerId is not null).Select(e => e.EmployerId!.Value).Distinct().ToList();
        var employers = await db.Employers.AsNoTracking().Where(e => employerIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => (e.Name, e.LicenseNumber), ct);
        var record = new Clr.Record(
            p.Courses.Where(c => Verified(c.Verification)).OrderBy(c => c.CompletedOn).ThenBy(c => c.Id)
                .Select(c => new Clr.Course(c.Title, c.CourseNumber, c.Institution, Math.Round(c.SemesterUnits, 2), c.Grade, c.Term, c.CompletedOn, c.Category.ToString())).ToList(),
            p.Degrees.Where(d => Verified(d.Verification)).OrderBy(d => d.ConferredOn)
                .Select(d => new Clr.Degree(d.Level.ToString(), d.Major, d.Institution, d.ConferredOn)).ToList(),
            p.Credentials.Where(c => Verified(c.Verification)).OrderBy(c => c.IssuedOn)
                .Select(c => new Clr.Permit(c.Type.ToString(), PermitName(c), c.Number, c.IssuingBody, c.IssuedOn, c.ExpiresOn)).ToList(),
            p.TrainingRecords.Where(r => Verified(r.Verification)).OrderBy(r => r.AttendedOn)
                .Select(r => new Clr.Attended(r.Title, r.Sponsor, r.AttendedOn, r.ClockHours)).ToList(),
            p.Employments.Where(e => e.ConfirmedAt is not null || Verified(e.Verification)).OrderBy(e => e.StartDate)
                .Select(e =>
                {
                    var employer = e.EmployerId is { } id ? employers[id] : (e.UnlistedEmployer!.BusinessName, (string?)null);
                    return new Clr.Job(employer.Item1, employer.Item2, English("Role" + e.Role), e.StartDate, e.EndDate, e.ConfirmedAt is not null);
                }).ToList());
        return await IssueAsync(
            new IssuedCredential(professionalId, IssuedCredentialKind.Transcript, $"Verified record of {holder.Name}", null, null, null, Guid.NewGuid(), time.GetUtcNow(), null),
            issued => Clr.ForTranscript(issuer, issued, holder, record), ct);
    }

    private async Task<IssuedCredential> IssueAsync(IssuedCredential issued, Func<IssuedCredential, JsonObject> build, CancellationToken ct)
    {
        // The credential's place in the status list is its row's id: the row is saved, then the
        // credential signed and kept, in one transaction (no row without its credential). A
        // credential of the whole record counts the facts verified when it was issued.
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (issued.Kind is IssuedCredentialKind.Qualifications or IssuedCredentialKind.Transcript)
            {
                issued.Counted(await lists.VerifiedFactsAsync(issued.ProfessionalId, issued.IssuedAt, ct));
            }

            db.IssuedCredentials.Add(issued);
            await db.SaveChangesAsync(ct);
            issued.Keep(await tokens.SignAsync(build(issued), ct));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return issued;
        });
    }

    private async Task<OpenBadges.Holder?> HolderAsync(int professionalId, CancellationToken ct) =>
        await db.Professionals.AsNoTracking().Where(p => p.Id == professionalId && p.MergedIntoId == null)
            .Select(p => new { p.FirstName, p.LastName, p.RegistryId }).SingleOrDefaultAsync(ct) is { } p
            ? new OpenBadges.Holder($"{p.FirstName} {p.LastName}", RegistryId.Format(p.RegistryId))
            : null;

    private string PermitName(Credential permit) =>
        permit.Type == CredentialType.Other && permit.Description is { } description ? description : English("Credential" + permit.Type);

    /// <summary>Credentials are written in English (see <see cref="OpenBadges"/>), whatever the page's language.</summary>
    private string English(string key)
    {
        var culture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        try
        {
            return t[key].Value;
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
    }

    /// <summary>The start of the day, where the registry is: the permit has lapsed from then.</summary>
    private DateTimeOffset Midnight(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, time.LocalTimeZone.GetUtcOffset(local));
    }
}
