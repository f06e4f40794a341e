using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Employers;
using Registry.Web.Domain.Employments;
using Registry.Web.Domain.Messages;

namespace Registry.Web.Features.Announcements;

/// <summary>Writing an announcement: its audience read from the form, and the draft saved.</summary>
public sealed class AnnouncementDrafts(RegistryDbContext db, TimeProvider time)
{
    /// <summary>Reads a form into an audience; returns null (with the error's field) when the licence number names no site.</summary>
    public async Task<(Audience? Audience, string? UnknownField)> AudienceAsync(Announcing.Form form, CancellationToken ct)
    {
        int? employerId = null;
        if (!string.IsNullOrWhiteSpace(form.LicenseNumber))
        {
            var license = form.LicenseNumber.Trim();
            employerId = await db.Employers.Where(e => e.LicenseNumber == license).Select(e => (int?)e.Id).FirstOrDefaultAsync(ct);
            if (employerId is null)
            {
                return (null, nameof(Announcing.Form.LicenseNumber));
            }
        }

        return (new Audience(
            string.IsNullOrEmpty(form.County) ? null : form.County,
            string.IsNullOrEmpty(form.Role) ? null : Enum.Parse<EmploymentRole>(form.Role),
            string.IsNullOrEmpty(form.Setting) ? null : Enum.Parse<FacilityType>(form.Setting),
            employerId,
            string.IsNullOrEmpty(form.Permit) ? null : Enum.Parse<CredentialType>(form.Permit),
            string.IsNullOrEmpty(form.Language) ? null : form.Language), null);
    }

    public async Task<Announcement> SaveAsync(Announcement? existing, string userId, Announcing.Scope scope, Announcing.Form form, Audience audience, CancellationToken ct)
    {
        var announcement = existing ?? new Announcement(userId, scope.EmployerId, scope.SponsorId, time.GetUtcNow());
        if (existing is null)
        {
            db.Announcements.Add(announcement);
        }

        announcement.Write(Enum.Parse<MessageKind>(form.Kind!), form.SubjectEnglish!.Trim(), form.BodyEnglish!.Trim(),
            string.IsNullOrWhiteSpace(form.SubjectSpanish) ? null : form.SubjectSpanish.Trim(),
            string.IsNullOrWhiteSpace(form.BodySpanish) ? null : form.BodySpanish.Trim(), audience);
        await db.SaveChangesAsync(ct);
        return announcement;
    }
}
