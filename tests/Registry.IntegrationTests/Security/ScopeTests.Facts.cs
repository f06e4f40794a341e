using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.Web.Data;
using Registry.Web.Domain.Documents;
using Registry.Web.Domain.Facts;
using Registry.Web.Infrastructure.Storage;

namespace Registry.IntegrationTests.Security;

/// <summary>Issue 19, item 4: a person's name change and its proof are registry staff's alone to read and decide.</summary>
public sealed partial class ScopeTests
{
    [Fact]
    public async Task Nobody_but_registry_staff_reads_or_decides_a_name_change()
    {
        await world.ReadyAsync();
        var v = world.Victim;
        int changeId;
        await using (var scope = world.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var key = System.Security.Cryptography.RandomNumberGenerator.GetHexString(32, lowercase: true);
            await scope.ServiceProvider.GetRequiredService<IDocumentStorage>().SaveAsync(key, new MemoryStream("%PDF-1.4\n%%EOF\n"u8.ToArray()), CancellationToken.None);
            var person = await db.Professionals.SingleAsync(p => p.Id == v.ProfessionalId);
            var was = new PersonNameAndBirth(person.FirstName, person.MiddleName, person.LastName, person.DateOfBirth);
            var change = new NameChange(v.ProfessionalId, was, was with { LastName = "Forged" }, key, "court-order.pdf", DocumentFileType.Pdf, v.UserId, DateTimeOffset.UtcNow);
            db.NameChanges.Add(change);
            await db.SaveChangesAsync();
            changeId = change.Id;
        }

        // The person themselves and their site's director may not either: only registry staff decide.
        var failures = new List<string>();
        foreach (var (persona, client) in world.Outsiders().Append(("the person", world.Owner)).Append(("the person's director", world.Director)))
        {
            using (var proof = await client.GetAsync(new Uri($"/staff/name-changes/{changeId}/proof", UriKind.Relative)))
            {
                var body = await proof.Content.ReadAsStringAsync();
                if (!Refused(proof) || body.Contains("%PDF", StringComparison.Ordinal))
                {
                    failures.Add($"{persona} GET proof: {(int)proof.StatusCode}");
                }
            }

            var token = await TokenAsync(client);
            foreach (var (action, fields) in new[] { ("approve", new Dictionary<string, string>()), ("refuse", new Dictionary<string, string> { ["reason"] = "Forged" }) })
            {
                using var response = await client.PostAsync(new Uri($"/staff/name-changes/{changeId}/{action}", UriKind.Relative),
                    new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))));
                if (!Refused(response))
                {
                    failures.Add($"{persona} POST {action}: {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        await using var check = world.App.Services.CreateAsyncScope();
        var checkDb = check.ServiceProvider.GetRequiredService<RegistryDbContext>();
        Assert.Equal(NameChangeStatus.Pending, await checkDb.NameChanges.Where(c => c.Id == changeId).Select(c => c.Status).SingleAsync());
        Assert.Equal(v.LastName, await checkDb.Professionals.Where(p => p.Id == v.ProfessionalId).Select(p => p.LastName).SingleAsync());

        // Leaves nothing waiting for the other tests here.
        var mine = await checkDb.NameChanges.SingleAsync(c => c.Id == changeId);
        mine.Refuse("Scope test", "scope-tests", DateTimeOffset.UtcNow);
        await checkDb.SaveChangesAsync();
    }

    /// <summary>Forbidden as the site answers it: 403, or a redirect to the 403 page; or not found.</summary>
    private static bool Refused(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound
        || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains("/error/403", StringComparison.Ordinal) == true);
}
