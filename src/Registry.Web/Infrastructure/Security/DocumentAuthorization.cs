using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Registry.Web.Domain.Access;
using Registry.Web.Domain.Documents;

namespace Registry.Web.Infrastructure.Security;

/// <summary>What can be done with an uploaded document.</summary>
public static class DocumentOperations
{
    public static readonly OperationAuthorizationRequirement Read = new() { Name = nameof(Read) };
}

/// <summary>
/// Who may read a document: its owner and registry staff always; a director of a site where the owner works now,
/// unless the owner hid the document from employers. Everyone else is refused (and is answered
/// 404, so a document's existence is not revealed).
/// </summary>
public sealed class DocumentAuthorizationHandler(IServiceProvider services, TimeProvider time)
    : ResourceAuthorizationHandler<Document>(services)
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, Document resource)
    {
        var db = Database;
        if (requirement.Name != DocumentOperations.Read.Name || context.User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
        {
            return;
        }

        if (context.User.IsRegistryStaff()
            || await db.Professionals.AnyAsync(p => p.Id == resource.ProfessionalId && p.UserId == userId))
        {
            context.Succeed(requirement);
            return;
        }

        if (resource.HiddenFromEmployers)
        {
            return;
        }

        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var currentJobs = db.Employments.Where(Domain.Employments.Employment.CurrentOn(today));
        var directsTheirSite = await db.AccessGrants.Where(AccessGrant.ActiveAt(now)).AnyAsync(g =>
            g.UserId == userId && g.Role == AccessRole.SiteDirector
            && currentJobs.Any(e => e.ProfessionalId == resource.ProfessionalId && e.EmployerId == g.EmployerId));
        if (directsTheirSite)
        {
            context.Succeed(requirement);
        }
    }
}
