using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;

namespace Registry.Web.Features.Sponsors;

/// <summary>Names the sponsor use cases put in audit entries and emails.</summary>
internal static class SponsorLookups
{
    public static Task<string?> UserEmailAsync(this RegistryDbContext db, string userId, CancellationToken ct) =>
        db.Users.Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(ct);

    public static Task<string> SponsorNameAsync(this RegistryDbContext db, int sponsorId, CancellationToken ct) =>
        db.Sponsors.Where(s => s.Id == sponsorId).Select(s => s.Name).SingleAsync(ct);
}
