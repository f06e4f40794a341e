using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain.Professionals;

namespace Registry.Web.Infrastructure.Training;

/// <summary>
/// Certificates of completion: what a person attended of an event, with the hours credited, and a
/// code that the public verification page checks (signed with the registry's keys, so it cannot be
/// made up; it names the event and the person, nothing else).
/// </summary>
public sealed class TrainingCertificates(RegistryDbContext db, IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Registry.TrainingCertificates.v1");

    public sealed record Certificate(string Name, string RegistryId, int EventId, string Title, string Sponsor, IReadOnlyList<DateOnly> Days, decimal Hours, string Code);

    public async Task<Certificate?> ForAsync(int eventId, int professionalId, CancellationToken ct)
    {
        var attended = await db.Attendance.AsNoTracking().Where(a => a.ProfessionalId == professionalId && a.CreditedHours > 0 && a.Status == Domain.Calendar.AttendanceStatus.Posted)
            .Join(db.TrainingSessions.Where(s => s.EventId == eventId), a => a.SessionId, s => s.Id, (a, s) => new { s.Day, a.CreditedHours })
            .ToListAsync(ct);
        if (attended.Count == 0)
        {
            return null;
        }

        var e = await db.TrainingEvents.AsNoTracking().Where(x => x.Id == eventId)
            .Select(x => new { x.Title, Sponsor = db.Sponsors.Where(s => s.Id == x.SponsorId).Select(s => s.Name).First() }).SingleAsync(ct);
        var person = await db.Professionals.AsNoTracking().Where(p => p.Id == professionalId).Select(p => new { Name = p.FirstName + " " + p.LastName, p.RegistryId }).SingleAsync(ct);
        var code = _protector.Protect(FormattableString.Invariant($"{eventId}:{professionalId}"));
        return new Certificate(person.Name, RegistryId.Format(person.RegistryId), eventId, e.Title, e.Sponsor, attended.Select(a => a.Day).Distinct().Order().ToList(), attended.Sum(a => a.CreditedHours), code);
    }

    /// <summary>The certificate a code stands for, when it is genuine and belongs to the registry id asked.</summary>
    public async Task<Certificate?> VerifyAsync(string registryId, string code, CancellationToken ct)
    {
        string text;
        try
        {
            text = _protector.Unprotect(code);
        }
        catch (CryptographicException)
        {
            return null;
        }

        var parts = text.Split(':');
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var eventId) || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var professionalId))
        {
            return null;
        }

        var normalized = Domain.Professionals.RegistryId.Normalize(registryId);
        if (normalized is null || !await db.Professionals.AnyAsync(p => p.Id == professionalId && p.RegistryId == normalized, ct))
        {
            return null;
        }

        return await ForAsync(eventId, professionalId, ct);
    }
}
