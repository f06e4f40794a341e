using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;

namespace Registry.IntegrationTests.Web;

/// <summary>Checks every page a person can reach: each form that posts carries its antiforgery token, and each field has a label.</summary>
public sealed class FormsTests : IClassFixture<RegistryAppFactory>
{
    private static readonly string[] Pages =
    [
        "/", "/employers", "/sign-up/personal", "/sign-up/employer/not-found", "/account/sign-in", "/account/forgot-password",
        "/my-registry", "/my-registry/personal", "/my-registry/demographics", "/my-registry/education", "/my-registry/education/courses/add", "/my-registry/education/degrees/add", "/my-registry/permits", "/my-registry/permits/add", "/my-registry/training", "/my-registry/training/add", "/my-registry/employment", "/my-registry/employment/add", "/my-registry/employment/add?notFound=true", "/my-registry/documents", "/my-registry/card", "/my-registry/history", "/my-registry/qualifications", "/my-registry/access-log", "/my-registry/messages", "/my-registry/notices", "/access", "/access/request?q=380500086", "/account/change-password", "/account/change-email", "/account", "/account/two-factor",
    ];

    private readonly RegistryAppFactory _app;

    public FormsTests(RegistryAppFactory app) => _app = app;

    [Fact]
    public async Task Every_form_that_posts_has_an_antiforgery_token_and_every_field_a_label()
    {
        var (client, _) = await _app.SignedInProfessionalAsync();
        await CheckAsync(client, Pages);
    }

    /// <summary>The same for the pages of directors, raters, stipend administrators, registry staff and administrators, with something on each.</summary>
    [Fact]
    public async Task The_pages_of_every_role_have_antiforgery_tokens_and_labels()
    {
        var site = await _app.EmployerIdAsync("380500086");
        await _app.StaffAtAsync(site, 2);
        await _app.StaffAtAsync(site, 2, confirmed: true);
        var (director, _) = await _app.SignedInWithGrantAsync(Registry.Web.Domain.Access.AccessRole.SiteDirector, site);
        var (admin, _) = await _app.SignedInWithRoleAsync(Registry.Web.Infrastructure.Security.Roles.Administrator);

        int draft;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Registry.Web.Data.RegistryDbContext>();
            var announcement = new Registry.Web.Domain.Messages.Announcement("author", null, null, DateTimeOffset.UtcNow);
            announcement.Write(Registry.Web.Domain.Messages.MessageKind.News, "Subject", "Body", "Asunto", "Cuerpo", new Registry.Web.Domain.Messages.Audience(County: "San Francisco"));
            db.Announcements.Add(announcement);
            await db.SaveChangesAsync();
            draft = announcement.Id;
        }

        await CheckAsync(director, [$"/sites/{site}/staff", $"/sites/{site}/roster", "/access", "/announcements", "/announcements/new"]);
        await CheckAsync(admin,
        [
            "/staff/review", "/staff/access-requests", "/staff/unlisted-employers", "/staff/duplicates", "/staff/review-reasons", "/staff/users?email=staff",
            "/ratings", $"/ratings/sites/{site}", "/stipends", "/stipends?program=ab212-example-county&county=San%20Francisco",
            "/announcements", "/announcements/new", $"/announcements/{draft}", $"/announcements/{draft}/edit",
            "/account", "/account/two-factor", "/staff/security-events",
        ]);
    }

    /// <summary>The same for the calendar and a sponsor's pages.</summary>
    [Fact]
    public async Task The_calendar_and_sponsor_pages_have_antiforgery_tokens_and_labels()
    {
        var (manager, managerId) = await _app.SignedInProfessionalAsync();
        var (attendee, attendeeId) = await _app.SignedInProfessionalAsync();
        var sponsor = await _app.SponsorAsync(managerId);
        var eventId = await _app.EventAsync(sponsor);
        await attendee.PostFormAsync((await attendee.GetPageAsync($"/training/events/{eventId}")).Forms.Single(f => f.GetAttribute("action")!.EndsWith("/register", StringComparison.Ordinal)));
        var (admin, _) = await _app.SignedInWithRoleAsync(Registry.Web.Infrastructure.Security.Roles.Administrator);

        await CheckAsync(_app.CreateBrowserLikeClient(), ["/training", "/training?Q=language&County=San%20Francisco", $"/training/events/{eventId}"]);
        await CheckAsync(attendee, [$"/training/events/{eventId}", "/sponsors", "/sponsors/apply", "/sponsors/join?q=Sponsor"]);
        await CheckAsync(manager, [$"/sponsors/{sponsor}", $"/sponsors/{sponsor}/events/new", $"/sponsors/events/{eventId}/edit", $"/sponsors/events/{eventId}/copy", $"/sponsors/events/{eventId}/attendance"]);
        await CheckAsync(admin, ["/staff/sponsors"]);
    }

    /// <summary>The same for the workforce pages, public and for analysts, with a published snapshot.</summary>
    [Fact]
    public async Task The_workforce_pages_have_antiforgery_tokens_and_labels()
    {
        var site = await _app.EmployerIdAsync("380500086");
        await _app.StaffAtAsync(site, 12);
        var (analyst, _) = await _app.SignedInWithRoleAsync(Registry.Web.Infrastructure.Security.Roles.Analyst);
        int id;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var taking = scope.ServiceProvider.GetRequiredService<Registry.Web.Features.Workforce.CensusTaking>();
            var snapshots = scope.ServiceProvider.GetRequiredService<Registry.Web.Features.Workforce.Snapshots.Handler>();
            id = await taking.RequestAsync(Registry.Web.Domain.Workforce.SnapshotKind.OnDemand, null, CancellationToken.None);
            await taking.FillAsync(id, CancellationToken.None);
            await snapshots.PublishAsync(id, "test", publish: true, CancellationToken.None);
        }

        await CheckAsync(_app.CreateBrowserLikeClient(), ["/workforce", "/workforce?rows=Age&by=Race1997&county=San%20Francisco", "/workforce/map"]);
        await CheckAsync(analyst, [$"/workforce/analysis?snapshot={id}&rows=Wage&by=Permit", "/workforce/trend?rows=Setting", "/workforce/snapshots", "/data-quality"]);
    }

    private static async Task CheckAsync(HttpClient client, IEnumerable<string> pages)
    {
        foreach (var path in pages)
        {
            var page = await client.GetPageAsync(path);
            foreach (var form in page.Forms.Where(f => string.Equals(f.Method, "post", StringComparison.OrdinalIgnoreCase)))
            {
                Assert.True(form.QuerySelector("input[name=__RequestVerificationToken]") is not null, $"{path}: form posting to {form.Action} has no antiforgery token");
            }

            foreach (var field in page.QuerySelectorAll("input:not([type=hidden]), select, textarea"))
            {
                var id = field.Id;
                var labelled = (id is not null && page.QuerySelector($"label[for='{id}']") is not null) || field.HasAttribute("aria-label") || field.Closest("label") is not null;
                Assert.True(labelled, $"{path}: field {field.GetAttribute("name")} has no label");
            }
        }
    }
}
