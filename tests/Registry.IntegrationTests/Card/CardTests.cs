using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Verifications;

namespace Registry.IntegrationTests.Card;

/// <summary>The membership card and the public verification page, which shows only what the person allowed.</summary>
public sealed class CardTests : IClassFixture<RegistryAppFactory>
{
    private readonly RegistryAppFactory _app;

    public CardTests(RegistryAppFactory app) => _app = app;

    [Fact]
    public async Task The_card_shows_the_registry_id_and_a_QR_code_and_the_public_page_needs_consent()
    {
        var (client, professionalId) = await _app.SignedInProfessionalAsync();
        string registryId;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var professional = await db.Professionals.SingleAsync(p => p.Id == professionalId);
            registryId = professional.RegistryId;
            var verified = new Credential(CredentialType.ChildDevelopmentTeacherPermit, "240012345", "CTC", new DateOnly(2024, 7, 1), new DateOnly(2099, 7, 1));
            verified.RecordVerification(Verification.Verified("staff-1", DateTimeOffset.UtcNow));
            professional.AddCredential(verified);
            professional.AddCredential(new Credential(CredentialType.ChildDevelopmentSiteSupervisorPermit, null, "CTC", new DateOnly(2025, 1, 1), new DateOnly(2099, 1, 1)));
            await db.SaveChangesAsync();
        }

        var card = await client.GetPageAsync("/my-registry/card");
        Assert.Equal($"{registryId[..4]} {registryId[4..]}", card.QuerySelector("#card-registry-id")?.TextContent);
        using var qr = await client.GetAsync(new Uri("/my-registry/card/qr.png", UriKind.Relative));
        Assert.Equal("image/png", qr.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], (await qr.Content.ReadAsByteArrayAsync())[..4]);

        var anonymous = _app.CreateClient();
        var hidden = await anonymous.GetPageAsync($"/verify/{registryId}", HttpStatusCode.NotFound);
        Assert.NotNull(hidden.QuerySelector("#not-shared"));
        Assert.DoesNotContain("Rosa", hidden.Body?.TextContent, StringComparison.Ordinal);

        var allow = card.Forms.Single(f => f.Action.EndsWith("/my-registry/card/public", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(allow)).StatusCode);

        var shown = await anonymous.GetPageAsync($"/verify/{registryId}");
        Assert.Equal("Rosa Ortiz", shown.QuerySelector("#verified-name")?.TextContent);
        var permits = shown.QuerySelector("#verified-permits")!.TextContent;
        Assert.Contains("Child Development Permit: Teacher", permits, StringComparison.Ordinal);
        Assert.DoesNotContain("Site Supervisor", permits, StringComparison.Ordinal);
        Assert.DoesNotContain("@", shown.Body?.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00000000")]
    [InlineData("not-an-id")]
    public async Task An_unknown_or_malformed_id_gets_the_same_page(string id)
    {
        var page = await _app.CreateClient().GetPageAsync($"/verify/{id}", HttpStatusCode.NotFound);

        Assert.NotNull(page.QuerySelector("#not-shared"));
    }
}
