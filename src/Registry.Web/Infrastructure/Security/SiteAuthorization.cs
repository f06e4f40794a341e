using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Registry.Web.Domain.Access;

namespace Registry.Web.Infrastructure.Security;

/// <summary>A site, as authorization sees it: its id and county (a rater's scope may be a county).</summary>
public sealed record SiteResource(int EmployerId, string? County);

/// <summary>What can be done with a site's staff.</summary>
public static class SiteOperations
{
    /// <summary>See who works there and their qualifications (directors, raters in scope, staff).</summary>
    public static readonly OperationAuthorizationRequirement ViewStaff = new() { Name = nameof(ViewStaff) };

    /// <summary>Confirm, correct or end their employment (directors of the site, staff).</summary>
    public static readonly OperationAuthorizationRequirement ConfirmStaff = new() { Name = nameof(ConfirmStaff) };
}

/// <summary>
/// A director of site A never sees the staff of site B: access to a site's staff needs an
/// active grant for that site (a rater's grant may name the site or its county), or a registry
/// staff role.
/// </summary>
public sealed class SiteAuthorizationHandler(IServiceProvider services, TimeProvider time)
    : ResourceAuthorizationHandler<SiteResource>(services)
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, SiteResource site)
    {
        var db = Database;
        if (context.User.IsRegistryStaff())
        {
            context.Succeed(requirement);
            return;
        }

        if (context.User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
        {
            return;
        }

        var now = time.GetUtcNow();
        var grants = db.AccessGrants.Where(AccessGrant.ActiveAt(now)).Where(g => g.UserId == userId);
        var allowed = requirement.Name == SiteOperations.ConfirmStaff.Name
            ? await grants.AnyAsync(g => g.Role == AccessRole.SiteDirector && g.EmployerId == site.EmployerId)
            : requirement.Name == SiteOperations.ViewStaff.Name && await grants.AnyAsync(g =>
                (g.Role == AccessRole.SiteDirector && g.EmployerId == site.EmployerId)
                || (g.Role == AccessRole.Rater && (g.EmployerId == site.EmployerId || (site.County != null && g.County == site.County))));
        if (allowed)
        {
            context.Succeed(requirement);
        }
    }
}

/// <summary>A stipend program in a county, as authorization sees it.</summary>
public sealed record StipendScope(string Program, string County);

public static class StipendOperations
{
    public static readonly OperationAuthorizationRequirement Review = new() { Name = nameof(Review) };

    /// <summary>Keeping the program's list of eligible sites in the county: the same people as <see cref="Review"/>.</summary>
    public static readonly OperationAuthorizationRequirement ManageSites = new() { Name = nameof(ManageSites) };
}

/// <summary>A stipend administrator sees the applicants, and keeps the eligible sites, of the programs and counties granted to them (staff: all).</summary>
public sealed class StipendAuthorizationHandler(IServiceProvider services, TimeProvider time)
    : ResourceAuthorizationHandler<StipendScope>(services)
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, StipendScope scope)
    {
        var db = Database;
        if (context.User.IsRegistryStaff())
        {
            context.Succeed(requirement);
            return;
        }

        if (context.User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
        {
            return;
        }

        var now = time.GetUtcNow();
        if (await db.AccessGrants.Where(AccessGrant.ActiveAt(now)).AnyAsync(g => g.UserId == userId && g.Role == AccessRole.StipendAdministrator
            && g.County == scope.County && (g.Program == null || g.Program == scope.Program)))
        {
            context.Succeed(requirement);
        }
    }
}
