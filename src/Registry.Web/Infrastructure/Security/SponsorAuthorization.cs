using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Registry.Web.Domain.Calendar;

namespace Registry.Web.Infrastructure.Security;

/// <summary>A training sponsor, as authorization sees it.</summary>
public sealed record SponsorResource(int SponsorId);

public static class SponsorOperations
{
    /// <summary>Approve instructors and decide who manages events: the sponsor's manager.</summary>
    public static readonly OperationAuthorizationRequirement Manage = new() { Name = nameof(Manage) };

    /// <summary>Create, edit, copy and cancel events: the manager, and instructors allowed to.</summary>
    public static readonly OperationAuthorizationRequirement ManageEvents = new() { Name = nameof(ManageEvents) };

    /// <summary>See the sponsor's events and registrations and post attendance: any approved member.</summary>
    public static readonly OperationAuthorizationRequirement TakeAttendance = new() { Name = nameof(TakeAttendance) };
}

/// <summary>
/// A sponsor's people act for it once registry staff approved the sponsor and the sponsor approved
/// them; nobody acts for another sponsor. Registry staff may do everything (support).
/// </summary>
public sealed class SponsorAuthorizationHandler(IServiceProvider services)
    : ResourceAuthorizationHandler<SponsorResource>(services)
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, SponsorResource sponsor)
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

        var member = await db.SponsorMembers.AsNoTracking()
            .Where(m => m.UserId == userId && m.SponsorId == sponsor.SponsorId && m.ApprovedAt != null
                && db.Sponsors.Any(s => s.Id == sponsor.SponsorId && s.Status == SponsorStatus.Approved))
            .Select(m => new { m.Role, m.CanManageEvents })
            .FirstOrDefaultAsync();
        var allowed = member is not null && requirement.Name switch
        {
            nameof(SponsorOperations.Manage) => member.Role == SponsorRole.Manager,
            nameof(SponsorOperations.ManageEvents) => member.Role == SponsorRole.Manager || member.CanManageEvents,
            nameof(SponsorOperations.TakeAttendance) => true,
            _ => false,
        };
        if (allowed)
        {
            context.Succeed(requirement);
        }
    }
}
