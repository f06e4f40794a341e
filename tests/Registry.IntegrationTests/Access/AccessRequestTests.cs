using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Domain.Access;
using Registry.Web.Features.Access;
using Registry.Web.Infrastructure.Security;

namespace Registry.IntegrationTests.Access;

/// <summary>Administrative access: a request with proof, registry staff's decision, the email either way, expiry reminders.</summary>
public sealed class AccessRequestTests : IClassFixture<RegistryAppFactory>
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray();

    private readonly RegistryAppFactory _app;

    public AccessRequestTests(RegistryAppFactory app) => _app = app;

    private static async Task<HttpResponseMessage> RequestAsync(HttpClient client, string query, IReadOnlyDictionary<string, string> fields, byte[]? proof, string proofName = "letter.pdf", bool tickFirstSite = true)
    {
        var page = await client.GetPageAsync($"/access/request?q={Uri.EscapeDataString(query)}");
        var form = page.Forms.Single(f => f.Enctype == "multipart/form-data");
        var action = form.GetAttribute("action")!;
        using var content = new MultipartFormDataContent { { new StringContent(form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value), "__RequestVerificationToken" } };
        if (tickFirstSite)
        {
            foreach (var site in form.QuerySelectorAll<IHtmlInputElement>("input[name=Sites]"))
            {
                content.Add(new StringContent(site.Value), "Sites");
            }
        }

        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        if (proof is not null)
        {
            var file = new ByteArrayContent(proof);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Add(file, "Proof", proofName);
        }

        return await client.PostAsync(Relative(action), content);
    }

    /// <summary>A link or form address as the site wrote it (a path), for the test client.</summary>
    private static Uri Relative(string address) =>
        address.StartsWith('/') ? new Uri(address, UriKind.Relative) : new Uri(new Uri(address).PathAndQuery, UriKind.Relative);

    [Fact]
    public async Task A_request_with_proof_is_approved_by_staff_the_person_is_emailed_and_sees_the_site()
    {
        var (person, personId) = await _app.SignedInProfessionalAsync();
        var response = await RequestAsync(person, "380500086, 380500086", new Dictionary<string, string> { ["Position"] = "Site director" }, Pdf);
        Assert.Equal("/access", response.Headers.Location?.OriginalString);
        Assert.Equal("Waiting for registry staff", (await person.GetPageAsync("/access")).QuerySelector(".access-request .status")?.TextContent);

        var (staff, _) = await _app.SignedInWithRoleAsync(Roles.RegistryStaff);
        var queue = await staff.GetPageAsync("/staff/access-requests");
        var request = queue.QuerySelectorAll(".access-request").Single(r => r.TextContent.Contains("Site director", StringComparison.Ordinal) && r.TextContent.Contains("JCCSF BROTHERHOOD WAY PRESCHOOL", StringComparison.Ordinal));
        using (var proof = await staff.GetAsync(Relative(request.QuerySelector<IHtmlAnchorElement>("a")!.GetAttribute("href")!)))
        {
            Assert.Equal(Pdf, await proof.Content.ReadAsByteArrayAsync());
        }

        var approve = queue.Forms.Single(f => f.Action.EndsWith("/approve", StringComparison.Ordinal) && request.Contains(f));
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(approve)).StatusCode);

        // Now a director, the person sets up a second factor before anything else opens.
        using (var gate = await person.GetAsync(new Uri("/access", UriKind.Relative)))
        {
            Assert.Equal("/account/two-factor?returnUrl=%2Faccess", gate.Headers.Location?.OriginalString);
        }

        await _app.SetUpThroughTheFormsAsync(person, await _app.UserIdAsync(personId), "/access");
        var mine = await person.GetPageAsync("/access");
        var grant = mine.QuerySelector(".grant")!;
        Assert.Contains("JCCSF BROTHERHOOD WAY PRESCHOOL", grant.TextContent, StringComparison.Ordinal);
        Assert.Contains("Site director", grant.TextContent, StringComparison.Ordinal);
        var siteId = await _app.EmployerIdAsync("380500086");
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync(new Uri($"/sites/{siteId}/staff", UriKind.Relative))).StatusCode);
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var email = await db.OutboxMessages.Where(m => m.Kind == "access-approved").OrderByDescending(m => m.Id).FirstAsync();
        Assert.Contains("JCCSF BROTHERHOOD WAY PRESCHOOL (380500086)", email.TextBody, StringComparison.Ordinal);
        var expires = await db.AccessGrants.Where(g => g.EmployerId == siteId && g.Role == AccessRole.SiteDirector).Select(g => g.ExpiresAt).ToListAsync();
        Assert.Contains(expires, e => Math.Abs((e - DateTimeOffset.UtcNow.AddDays(365)).TotalHours) < 1);
    }

    [Fact]
    public async Task A_denial_needs_a_reason_which_the_person_reads_in_the_email_and_on_the_page()
    {
        var (person, _) = await _app.SignedInProfessionalAsync();
        await RequestAsync(person, "380500086", new Dictionary<string, string> { ["Position"] = "Owner deny-test" }, Pdf);
        var (staff, _) = await _app.SignedInWithRoleAsync(Roles.RegistryStaff);
        var queue = await staff.GetPageAsync("/staff/access-requests");
        var request = queue.QuerySelectorAll(".access-request").Single(r => r.TextContent.Contains("Owner deny-test", StringComparison.Ordinal));
        var deny = queue.Forms.Single(f => f.Action.EndsWith("/deny", StringComparison.Ordinal) && request.Contains(f));

        var empty = await staff.PostFormAsync(deny, values: new Dictionary<string, string> { ["reason"] = " " });
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("Say why", (await empty.ReadPageAsync()).QuerySelector("[id$=-error]")?.TextContent, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(deny, values: new Dictionary<string, string> { ["reason"] = "The letter is not signed by the site's director." })).StatusCode);
        var mine = await person.GetPageAsync("/access");
        Assert.Equal("Not approved", mine.QuerySelector(".access-request .status")?.TextContent);
        Assert.Contains("The letter is not signed by the site's director.", mine.QuerySelector(".access-request .reason")?.TextContent, StringComparison.Ordinal);
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        Assert.True(await db.OutboxMessages.AnyAsync(m => m.Kind == "access-denied" && m.TextBody.Contains("The letter is not signed by the site's director.")));
    }

    [Theory]
    [InlineData("nosite", "Position", "Site director", "Sites", "Find your site and tick it")]
    [InlineData("380500086", "Position", "", "Position", "Enter your position at the site")]
    [InlineData("380500086", "Position", "Site director", "Proof", "Upload a document that shows your position")]
    [InlineData("380500086", "Position", "Site director", "Proof", "This file is not a PDF, JPEG or PNG")]
    public async Task Bad_input_is_answered_beside_the_field_and_nothing_is_saved(string query, string field, string value, string errorField, string message)
    {
        var (person, _) = await _app.SignedInProfessionalAsync();
        var proof = errorField == "Proof" ? (message.StartsWith("This file", StringComparison.Ordinal) ? "MZ\x90\0 an executable"u8.ToArray() : null) : Pdf;

        var response = await RequestAsync(person, query == "nosite" ? "380500086" : query, new Dictionary<string, string> { [field] = value }, proof, proofName: "setup.pdf", tickFirstSite: query != "nosite");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, (await response.ReadPageAsync()).QuerySelector($"#{errorField}-error")?.TextContent, StringComparison.Ordinal);
        Assert.NotNull((await person.GetPageAsync("/access")).QuerySelector("#no-grants"));
        Assert.Empty((await person.GetPageAsync("/access")).QuerySelectorAll(".access-request"));
    }

    [Fact]
    public async Task A_proof_whose_content_does_not_match_its_name_is_refused_like_any_upload()
    {
        var (person, _) = await _app.SignedInProfessionalAsync();
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

        var response = await RequestAsync(person, "380500086", new Dictionary<string, string> { ["Position"] = "Site director" }, png, proofName: "letter.pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The file's content does not match its name.", (await response.ReadPageAsync()).QuerySelector("#Proof-error")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_registry_staff_reach_the_staff_workspace()
    {
        var (person, _) = await _app.SignedInProfessionalAsync();

        using var response = await person.GetAsync(new Uri("/staff/access-requests", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/error/403", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Access_ending_within_30_days_is_reminded_once()
    {
        var siteId = await _app.EmployerIdAsync("380500086");
        var (_, professionalId) = await _app.SignedInProfessionalAsync();
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var userId = await db.Professionals.Where(p => p.Id == professionalId).Select(p => p.UserId).SingleAsync();
        var email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleAsync();
        db.AccessGrants.Add(AccessGrant.ForSite(userId, AccessRole.SiteDirector, siteId, DateTimeOffset.UtcNow.AddDays(-300), DateTimeOffset.UtcNow.AddDays(10)));
        await db.SaveChangesAsync();
        var reminders = scope.ServiceProvider.GetRequiredService<AccessReminders>();

        await reminders.RunOnceAsync(CancellationToken.None);
        await reminders.RunOnceAsync(CancellationToken.None);

        var sent = await db.OutboxMessages.Where(m => m.Kind == "access-ending" && m.ToAddress == email).ToListAsync();
        var reminder = Assert.Single(sent);
        Assert.Contains("JCCSF BROTHERHOOD WAY PRESCHOOL", reminder.TextBody, StringComparison.Ordinal);
        Assert.Contains("/access/request", reminder.TextBody, StringComparison.Ordinal);
    }
}
