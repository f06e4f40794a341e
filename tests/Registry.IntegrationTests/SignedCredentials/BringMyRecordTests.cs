using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Education;
using Registry.Web.Domain.Verifications;
using Registry.Web.Infrastructure.Rules;
using Registry.Web.Infrastructure.Signed;

namespace Registry.IntegrationTests.SignedCredentials;

/// <summary>
/// Two registries: a person verified on the first brings their record to the second, which trusts
/// the first. The second reads the first's keys and status list from the first itself (its real app,
/// over its test server), sees the signed facts as verified by the first, and its rules count them.
/// </summary>
public sealed class BringMyRecordTests(BringMyRecordTests.Registries registries) : IClassFixture<BringMyRecordTests.Registries>
{
    public sealed class Registries : IAsyncLifetime
    {
        public RegistryAppFactory First { get; } = new();

        public SecondRegistry Second { get; private set; } = null!;

        public Task InitializeAsync()
        {
            _ = First.Server;
            Second = new SecondRegistry(First);
            _ = Second.Server;
            return Task.CompletedTask;
        }

        public async Task DisposeAsync()
        {
            await Second.DisposeAsync();
            await First.DisposeAsync();
        }
    }

    /// <summary>A second registry at https://second.test that trusts the first (did:web:registry.test) and reaches it over the first's test server.</summary>
    public sealed class SecondRegistry(RegistryAppFactory first) : RegistryAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Site:PublicUrl", "https://second.test");
            builder.UseSetting("Site:Name", "Second Registry");
            builder.UseSetting("Credentials:TrustedIssuers:0:Did", "did:web:registry.test");
            builder.UseSetting("Credentials:TrustedIssuers:0:Name", "First Registry");
            builder.UseSetting("Credentials:TrustedIssuers:0:JwksUrl", "https://registry.test/.well-known/jwks.json");
            builder.ConfigureTestServices(services => services.AddHttpClient(TrustedIssuers.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => first.Server.CreateHandler()));
        }
    }

    [Fact]
    public async Task A_person_verified_on_one_registry_brings_the_record_to_another_which_sees_it_verified_once_and_nobody_else_touches_it()
    {
        var (onFirst, firstId) = await registries.First.SignedInProfessionalAsync();
        await FactsAsync(registries.First, firstId);
        var export = await onFirst.GetByteArrayAsync(new Uri("/my-registry/export", UriKind.Relative));

        var (onSecond, secondId) = await registries.Second.SignedInProfessionalAsync();
        var review = await UploadAsync(onSecond, export, "registry-record.zip");
        Assert.Contains("First Registry", review.QuerySelector("#import-source")!.TextContent, StringComparison.Ordinal);
        var lines = review.QuerySelectorAll(".import-line").Select(l => l.TextContent).ToList();
        Assert.Contains(lines, l => l.Contains("Child Development Permit: Teacher", StringComparison.Ordinal) && l.Contains("verified by First Registry", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Child Growth and Development", StringComparison.Ordinal) && l.Contains("verified by First Registry", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Self-reported Course", StringComparison.Ordinal) && l.Contains("self-reported", StringComparison.Ordinal));

        // Someone else on the second registry cannot see or apply it.
        var (stranger, _) = await registries.Second.SignedInProfessionalAsync();
        var reviewPath = new Uri(review.Forms.Single(f => f.Action.Contains("/my-registry/bring-my-record/", StringComparison.Ordinal)).Action).PathAndQuery;
        await stranger.GetPageAsync(reviewPath, HttpStatusCode.NotFound);
        var strangersForm = (await stranger.GetPageAsync("/my-registry/bring-my-record")).Forms.Single(f => f.Action.EndsWith("/my-registry/bring-my-record", StringComparison.Ordinal));
        strangersForm.Action = reviewPath;
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostFormAsync(strangersForm)).StatusCode);
        Assert.Equal(0, await FactCountAsync(secondId));

        Assert.Equal(HttpStatusCode.Redirect, (await onSecond.PostFormAsync(review.Forms.Single(f => f.Action.Contains("/my-registry/bring-my-record/", StringComparison.Ordinal)))).StatusCode);
        await using (var scope = registries.Second.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var permit = await db.Credentials.SingleAsync(c => c.ProfessionalId == secondId);
            Assert.Equal(VerificationStatus.Verified, permit.Verification.Status);
            Assert.Equal("registry:did:web:registry.test", permit.Verification.ByUserId);
            Assert.Equal(CredentialType.ChildDevelopmentTeacherPermit, permit.Type);
            var courses = await db.Courses.Where(c => c.ProfessionalId == secondId).ToListAsync();
            Assert.Equal(VerificationStatus.Verified, courses.Single(c => c.Title == "Child Growth and Development").Verification.Status);
            Assert.Equal(VerificationStatus.SelfReported, courses.Single(c => c.Title == "Self-reported Course").Verification.Status);

            // The second registry's rules see the verified facts as the first's do.
            var metOnSecond = (await scope.ServiceProvider.GetRequiredService<RuleResults.Handler>().EvaluateAsync(secondId, null, CancellationToken.None)).Results.Where(r => r.MetOnVerified).Select(r => r.Rule.Id).ToHashSet();
            await using var firstScope = registries.First.Services.CreateAsyncScope();
            var metOnFirst = (await firstScope.ServiceProvider.GetRequiredService<RuleResults.Handler>().EvaluateAsync(firstId, null, CancellationToken.None)).Results.Where(r => r.MetOnVerified).Select(r => r.Rule.Id).ToHashSet();
            Assert.NotEmpty(metOnSecond);
            Assert.Equal(metOnFirst, metOnSecond);
        }

        var added = await FactCountAsync(secondId);
        Assert.Equal(3, added);

        // Brought again: everything is already there, nothing is added twice.
        var again = await UploadAsync(onSecond, export, "registry-record.zip");
        Assert.All(again.QuerySelectorAll(".import-line"), l => Assert.Equal("AlreadyThere", l.GetAttribute("data-standing")));
        await onSecond.PostFormAsync(again.Forms.Single(f => f.Action.Contains("/my-registry/bring-my-record/", StringComparison.Ordinal)));
        Assert.Equal(added, await FactCountAsync(secondId));
    }

    [Fact]
    public async Task A_changed_revoked_or_untrusted_transcript_brings_nothing_verified_and_a_bad_file_gets_a_message_beside_the_field()
    {
        var (onFirst, firstId) = await registries.First.SignedInProfessionalAsync();
        var courseId = await FactsAsync(registries.First, firstId);
        var export = await onFirst.GetByteArrayAsync(new Uri("/my-registry/export", UriKind.Relative));
        var transcript = ReadEntry(export, "transcript.jwt");
        var (onSecond, secondId) = await registries.Second.SignedInProfessionalAsync();

        // Changed after signing: the signature fails; nothing is verified.
        var parts = transcript.Split('.');
        var payload = System.Text.Encoding.UTF8.GetString(IndependentJws.Base64Url(parts[1])).Replace("Self-reported Course", "Forged Course", StringComparison.Ordinal).Replace("\"A\"", "\"A+\"", StringComparison.Ordinal);
        var changed = parts[0] + "." + IndependentJws.ToBase64Url(System.Text.Encoding.UTF8.GetBytes(payload)) + "." + parts[2];
        var review = await UploadAsync(onSecond, System.Text.Encoding.ASCII.GetBytes(changed), "transcript.jwt");
        Assert.DoesNotContain("verified by", string.Join(" ", review.QuerySelectorAll(".import-line").Select(l => l.TextContent)), StringComparison.Ordinal);
        Assert.Contains("does not hold", review.QuerySelector(".alert-warning")!.TextContent, StringComparison.Ordinal);

        // Revoked by the first registry (a counted course un-verified there): nothing is verified.
        await using (var scope = registries.First.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            (await db.Courses.SingleAsync(c => c.Id == courseId)).RecordVerification(Verification.NotAccepted("not on the transcript", "staff-1", DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        review = await UploadAsync(onSecond, System.Text.Encoding.ASCII.GetBytes(transcript), "transcript.jwt");
        Assert.Contains("revoked", review.QuerySelector(".alert-warning")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("verified by", string.Join(" ", review.QuerySelectorAll(".import-line").Select(l => l.TextContent)), StringComparison.Ordinal);

        // Someone else's genuine record, brought by a person of another name: nothing in it is verified for them.
        var (impostor, impostorId) = await registries.Second.SignedInProfessionalAsync();
        await using (var scope = registries.Second.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            await db.Professionals.Where(p => p.Id == impostorId).ExecuteUpdateAsync(p => p.SetProperty(x => x.FirstName, "Mallory").SetProperty(x => x.LastName, "Smith"));
        }

        var (_, victimId) = await registries.First.SignedInProfessionalAsync();
        await FactsAsync(registries.First, victimId);
        review = await UploadAsync(impostor, await VictimExportAsync(victimId), "registry-record.zip");
        Assert.Contains("someone other than you", review.QuerySelector(".alert-warning")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("verified by", string.Join(" ", review.QuerySelectorAll(".import-line").Select(l => l.TextContent)), StringComparison.Ordinal);

        // Signed by a registry the second does not trust (itself, as far as its list goes).
        await FactsAsync(registries.Second, secondId);
        var own = ReadEntry(await onSecond.GetByteArrayAsync(new Uri("/my-registry/export", UriKind.Relative)), "transcript.jwt");
        review = await UploadAsync(onSecond, System.Text.Encoding.ASCII.GetBytes(own), "transcript.jwt");
        Assert.Contains("does not list as trusted", review.QuerySelector(".alert-warning")!.TextContent, StringComparison.Ordinal);

        // Bad files: nothing kept, a message beside the field.
        var before = await ImportCountAsync();
        foreach (var (bytes, name) in new[] { (Array.Empty<byte>(), "empty.zip"), ("PK\u0003\u0004 not really a zip"u8.ToArray(), "broken.zip"), ("hello"u8.ToArray(), "hello.jwt"), (new byte[] { 0, 1, 2, 3, 255 }, "binary.bin") })
        {
            var page = await onSecond.GetPageAsync("/my-registry/bring-my-record");
            using var response = await PostFileAsync(onSecond, page, bytes, name);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.NotEmpty((await response.ReadPageAsync()).QuerySelector("#file-error")!.TextContent.Trim());
        }

        Assert.Equal(before, await ImportCountAsync());
    }

    private async Task<byte[]> VictimExportAsync(int professionalId)
    {
        await using var scope = registries.First.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<Registry.Web.Features.Export.ExportRecord.Handler>().HandleAsync(professionalId, CancellationToken.None))!.Value.Zip;
    }

    private static string ReadEntry(byte[] zip, string name)
    {
        using var archive = new System.IO.Compression.ZipArchive(new MemoryStream(zip));
        using var reader = new StreamReader(archive.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }

    private static async Task<IHtmlDocument> UploadAsync(HttpClient client, byte[] file, string name)
    {
        var page = await client.GetPageAsync("/my-registry/bring-my-record");
        using var response = await PostFileAsync(client, page, file, name);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await client.GetPageAsync(response.Headers.Location!.OriginalString);
    }

    private static async Task<HttpResponseMessage> PostFileAsync(HttpClient client, IHtmlDocument page, byte[] file, string name)
    {
        var form = page.Forms.Single(f => f.Action.EndsWith("/my-registry/bring-my-record", StringComparison.Ordinal));
        using var content = new MultipartFormDataContent
        {
            { new StringContent(form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value), "__RequestVerificationToken" },
            { new ByteArrayContent(file), "file", name },
        };
        return await client.PostAsync(new Uri(form.Action, UriKind.RelativeOrAbsolute), content);
    }

    /// <summary>A verified permit, a verified course and a self-reported one; the verified course's id.</summary>
    private static async Task<int> FactsAsync(RegistryAppFactory app, int professionalId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var professional = await db.Professionals.SingleAsync(p => p.Id == professionalId);
        var permit = new Credential(CredentialType.ChildDevelopmentTeacherPermit, "240012345", "Commission on Teacher Credentialing", new DateOnly(2024, 7, 1), new DateOnly(2099, 7, 1));
        permit.RecordVerification(Verification.Verified("staff-1", DateTimeOffset.UtcNow));
        professional.AddCredential(permit);
        var course = new Course("City College", "CDEV 10", "Child Growth and Development", 3m, UnitType.Semester, "A", "Fall 2024", CourseCategory.ChildGrowthAndDevelopment, new DateOnly(2024, 12, 15));
        course.RecordVerification(Verification.Verified("staff-1", DateTimeOffset.UtcNow));
        professional.AddCourse(course);
        professional.AddCourse(new Course("City College", "CDEV 20", "Self-reported Course", 3m, UnitType.Semester, "B", "Spring 2025", CourseCategory.ChildFamilyAndCommunity));
        await db.SaveChangesAsync();
        return course.Id;
    }

    private async Task<int> FactCountAsync(int professionalId)
    {
        await using var scope = registries.Second.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        return await db.Courses.CountAsync(c => c.ProfessionalId == professionalId) + await db.Credentials.CountAsync(c => c.ProfessionalId == professionalId)
            + await db.Degrees.CountAsync(c => c.ProfessionalId == professionalId) + await db.TrainingRecords.CountAsync(c => c.ProfessionalId == professionalId);
    }

    private async Task<int> ImportCountAsync()
    {
        await using var scope = registries.Second.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().RecordImports.CountAsync();
    }
}
