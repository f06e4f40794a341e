using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Infrastructure.Security;

namespace Registry.IntegrationTests.Calendar;

/// <summary>
/// Instructors post verified hours, so registry staff approve them (issue 19, item 1; decision 0030):
/// a sponsor's manager only asks, unless staff delegated instructor approval to that sponsor, which
/// is recorded with who and when, and can be taken back.
/// </summary>
public sealed class InstructorApprovalTests(RegistryAppFactory app) : IClassFixture<RegistryAppFactory>
{
    [Fact]
    public async Task A_managers_approval_is_a_request_until_registry_staff_approve_or_delegate_it()
    {
        var (manager, managerId) = await app.SignedInProfessionalAsync();
        var sponsorId = await app.SponsorAsync(managerId);
        var first = await app.InstructorRequestAsync(sponsorId);

        // The manager approves: the instructor is not approved yet, and the page says who decides.
        var home = await manager.GetPageAsync($"/sponsors/{sponsorId}");
        using (await manager.PostFormAsync(Form(home, $"/members/{first}/approve"), values: new Dictionary<string, string> { ["canManageEvents"] = "true" }))
        {
        }

        home = await manager.GetPageAsync($"/sponsors/{sponsorId}");
        Assert.Equal("Sent to registry staff: they approve instructors for your sponsor. The person can take attendance once they do.", home.QuerySelector("[role=status]")?.TextContent.Trim());
        Assert.Contains(home.QuerySelectorAll(".member .status"), s => s.TextContent == "Waiting for registry staff to approve");
        Assert.Null(await DbAsync(db => db.SponsorMembers.Where(m => m.Id == first).Select(m => m.ApprovedAt).SingleAsync()));

        // Registry staff approve it; it is recorded as theirs.
        var (staff, staffId) = await app.SignedInWithRoleAsync(Roles.RegistryStaff);
        var page = await staff.GetPageAsync("/staff/instructors");
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(Form(page, $"/staff/instructors/{first}/approve"))).StatusCode);
        var approved = await DbAsync(db => db.SponsorMembers.Where(m => m.Id == first).Select(m => new { m.ApprovedAt, m.ApprovedByUserId, m.CanManageEvents }).SingleAsync());
        Assert.Equal((true, staffId, true), (approved.ApprovedAt is not null, approved.ApprovedByUserId, approved.CanManageEvents));

        // Staff delegate approval to this sponsor: recorded, and the manager's next approval is final.
        page = await staff.GetPageAsync("/staff/instructors");
        Assert.DoesNotContain(page.Forms, f => f.Action.EndsWith($"/staff/instructors/sponsors/{sponsorId}/delegation", StringComparison.Ordinal));
        var second = await app.InstructorRequestAsync(sponsorId);
        using (await manager.PostFormAsync(Form(await manager.GetPageAsync($"/sponsors/{sponsorId}"), $"/members/{second}/approve")))
        {
        }

        page = await staff.GetPageAsync("/staff/instructors");
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(Form(page, $"/staff/instructors/sponsors/{sponsorId}/delegation"))).StatusCode);
        var delegation = await DbAsync(db => db.Sponsors.Where(s => s.Id == sponsorId).Select(s => new { s.InstructorApprovalDelegatedAt, s.InstructorApprovalDelegatedByUserId }).SingleAsync());
        Assert.Equal((true, staffId), (delegation.InstructorApprovalDelegatedAt is not null, delegation.InstructorApprovalDelegatedByUserId));
        Assert.True(await DbAsync(db => db.SecurityEvents.AnyAsync(e => e.Kind == "InstructorApprovalDelegated" && e.ActorUserId == staffId)));

        using (await manager.PostFormAsync(Form(await manager.GetPageAsync($"/sponsors/{sponsorId}"), $"/members/{second}/approve")))
        {
        }

        var managerUserId = await DbAsync(db => db.Professionals.Where(p => p.Id == managerId).Select(p => p.UserId).SingleAsync());
        Assert.Equal(managerUserId, await DbAsync(db => db.SponsorMembers.Where(m => m.Id == second).Select(m => m.ApprovedByUserId).SingleAsync()));

        // Taken back: the next instructor waits for staff again.
        page = await staff.GetPageAsync("/staff/instructors");
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(Form(page, $"/staff/instructors/sponsors/{sponsorId}/delegation"))).StatusCode);
        var third = await app.InstructorRequestAsync(sponsorId);
        using (await manager.PostFormAsync(Form(await manager.GetPageAsync($"/sponsors/{sponsorId}"), $"/members/{third}/approve")))
        {
        }

        Assert.Null(await DbAsync(db => db.SponsorMembers.Where(m => m.Id == third).Select(m => m.ApprovedAt).SingleAsync()));

        // Refused by staff: the request is gone.
        page = await staff.GetPageAsync("/staff/instructors");
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(Form(page, $"/staff/instructors/{third}/refuse"))).StatusCode);
        Assert.False(await DbAsync(db => db.SponsorMembers.AnyAsync(m => m.Id == third)));
    }

    private static IHtmlFormElement Form(IHtmlDocument page, string actionEnding) =>
        page.Forms.SingleOrDefault(f => f.Action.EndsWith(actionEnding, StringComparison.Ordinal)) ?? throw new InvalidOperationException("No form ending " + actionEnding);

    private async Task<T> DbAsync<T>(Func<RegistryDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<RegistryDbContext>());
    }
}
