using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;

namespace Registry.Web.Infrastructure.Security;

/// <summary>
/// The professional record of the signed-in person. Every My Registry query is scoped by its id,
/// so one person's entries are never reachable from another's session (they answer 404).
/// </summary>
public sealed class CurrentProfessional(RegistryDbContext db, UserManager<RegistryUser> users)
{
    public async Task<int?> IdAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var userId = users.GetUserId(user);
        return userId is null
            ? null
            : await db.Professionals.AsNoTracking().Where(p => p.UserId == userId).Select(p => (int?)p.Id).SingleOrDefaultAsync(ct);
    }
}
