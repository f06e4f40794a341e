using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Sponsors;

/// <summary>Whether a person may act for a sponsor (or for an event's sponsor): every sponsor action asks the sponsor authorization handler here.</summary>
public sealed class SponsorGate(RegistryDbContext db, IAuthorizationService authorization)
{
    public async Task<bool> AllowedAsync(ClaimsPrincipal user, int sponsorId, OperationAuthorizationRequirement operation) =>
        (await authorization.AuthorizeAsync(user, new SponsorResource(sponsorId), operation)).Succeeded;

    /// <summary>Whether the event exists and the person may do <paramref name="operation"/> for its sponsor.</summary>
    public async Task<bool> EventAllowedAsync(ClaimsPrincipal user, int eventId, OperationAuthorizationRequirement operation, CancellationToken ct) =>
        await db.TrainingEvents.AsNoTracking().Where(e => e.Id == eventId).Select(e => (int?)e.SponsorId).SingleOrDefaultAsync(ct) is { } sponsorId
        && await AllowedAsync(user, sponsorId, operation);
}
