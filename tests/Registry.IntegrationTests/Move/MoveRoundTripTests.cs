using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Registry.IntegrationTests.Infrastructure;
using Registry.Synthetic;
using Registry.Web.Data;
using Registry.Web.Domain.Access;
using Registry.Web.Infrastructure.Security;
using Registry.Web.Infrastructure.Storage;

namespace Registry.IntegrationTests.Move;

/// <summary>
/// Moving Registry (docs/operations.md): a SQLite registry exported while it runs, imported into a
/// fresh PostgreSQL database of the test's own, exported again from there and imported into a fresh
/// SQLite registry; every table's count and every person's whole record export the same on all
/// three, and a person signs in with their password on the moved registries.
/// </summary>
[Trait("Servers", "Own")]
#pragma warning disable CA1001 // Disposed in IAsyncLifetime.DisposeAsync.
public sealed class MoveRoundTripTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray();

    /// <summary>A moment with digits below the tenth of a millisecond, which no provider is asked to keep.</summary>
    private static readonly DateTimeOffset RevokedAt = new DateTimeOffset(2026, 10, 30, 8, 15, 42, TimeSpan.Zero).AddTicks(1_234_567);

    private static readonly Uri Site = new(RegistryAppFactory.PublicUrl);

    private readonly ScratchFolder _folder = new("move");
    private PrivatePostgres _postgres = null!;

    public async Task InitializeAsync() => _postgres = await PrivatePostgres.StartAsync();

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await _postgres.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_registry_moved_from_SQLite_to_PostgreSQL_and_back_keeps_every_row_every_record_and_every_password()
    {
        await using var source = AppOn.Fresh();
        var (email, userId, documentKey) = await FillAsync(source);

        // Someone signed in on the old host before the move (their cookie is protected by the Data Protection keys).
        var cookies = new CookieContainer();
        var browser = source.CreateDefaultClient(Site, new CookieContainerHandler(cookies));
        Assert.Equal("/my-registry", (await source.SignInAsync(browser, email)).Headers.Location?.OriginalString);

        // Exported while the site runs; into PostgreSQL.
        var first = _folder["from-sqlite"];
        var exported = await Moves.ExportAsync(source, first);
        Assert.True(exported.ExitCode == 0, exported.Output);
        var sourceCounts = await Moves.CountsAsync(source);
        var manifest = Moves.Manifest(first);
        Assert.Equal(sourceCounts, new SortedDictionary<string, long>(manifest.Tables.ToDictionary(t => t.Name, t => t.Rows), StringComparer.Ordinal));
        Assert.Equal("Microsoft.EntityFrameworkCore.Sqlite", manifest.Provider);
        Assert.Contains(manifest.Rules, r => r.Path.EndsWith(".json", StringComparison.Ordinal));

        var postgresSettings = await PostgresDatabaseAsync("moved");
        await using var postgres = new AppOn(postgresSettings);
        var imported = await Moves.ImportAsync(postgres, first);
        Assert.True(imported.ExitCode == 0, imported.Output);
        Assert.Equal(sourceCounts, await Moves.CountsAsync(postgres));

        // From PostgreSQL into a fresh SQLite registry.
        var second = _folder["from-postgresql"];
        exported = await Moves.ExportAsync(postgres, second);
        Assert.True(exported.ExitCode == 0, exported.Output);
        Assert.Equal("Npgsql.EntityFrameworkCore.PostgreSQL", Moves.Manifest(second).Provider);
        await using var copy = AppOn.Fresh();
        imported = await Moves.ImportAsync(copy, second);
        Assert.True(imported.ExitCode == 0, imported.Output);
        Assert.Equal(sourceCounts, await Moves.CountsAsync(copy));

        // Exported again from the SQLite copy, every table reads byte for byte as it did from the original:
        // every row and every value of every table (not only people's records) came through both moves whole.
        var third = _folder["from-the-copy"];
        exported = await Moves.ExportAsync(copy, third);
        Assert.True(exported.ExitCode == 0, exported.Output);
        foreach (var table in manifest.Tables)
        {
            var before = await File.ReadAllTextAsync(Path.Combine(first, "tables", table.Name + ".jsonl"));
            var after = await File.ReadAllTextAsync(Path.Combine(third, "tables", table.Name + ".jsonl"));
            Assert.True(before == after, $"{table.Name} differs after the round trip: {FirstDifference(before, after)}");
        }

        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(first, "documents.jsonl")), await File.ReadAllTextAsync(Path.Combine(third, "documents.jsonl")));

        // Fresh apps on the moved databases (nothing cached from before the import), documents where the importing app put them.
        await using var movedPostgres = new AppOn(new Dictionary<string, string?>(postgresSettings) { ["Storage:DocumentsPath"] = postgres.DocumentsPath });
        await using var movedCopy = new AppOn(new Dictionary<string, string?>(copy.SameDatabase()) { ["Storage:DocumentsPath"] = copy.DocumentsPath });

        // Every person's whole record, byte for byte, timestamps included.
        var people = await Moves.PeopleAsync(source);
        Assert.Equal(people, await Moves.PeopleAsync(movedPostgres));
        Assert.Equal(people, await Moves.PeopleAsync(movedCopy));
        foreach (var id in people)
        {
            var record = await Moves.RecordAsync(source, id);
            Assert.Equal(record, await Moves.RecordAsync(movedCopy, id));
            Assert.Equal(record, await Moves.RecordAsync(movedPostgres, id));
        }

        // A time with 100-ns digits reads back the same everywhere: as every provider keeps it (decision 0055).
        foreach (var moved in new[] { movedPostgres, movedCopy })
        {
            Assert.Equal(KeptTime.Of(RevokedAt), await Moves.RevokedAtAsync(moved, userId));
        }

        Assert.Equal(KeptTime.Of(RevokedAt), await Moves.RevokedAtAsync(source, userId));

        // The hidden document's file arrived with it.
        foreach (var moved in new[] { movedPostgres, movedCopy })
        {
            await using var scope = moved.Services.CreateAsyncScope();
            await using var stored = await scope.ServiceProvider.GetRequiredService<IDocumentStorage>().OpenAsync(documentKey, CancellationToken.None);
            using var bytes = new MemoryStream();
            await stored!.CopyToAsync(bytes);
            Assert.Equal(Pdf, bytes.ToArray());
        }

        // The person signs in with their password on both moved registries, and sees their record.
        foreach (var moved in new[] { movedPostgres, movedCopy })
        {
            var client = moved.CreateBrowserLikeClient();
            Assert.Equal("/my-registry", (await moved.SignInAsync(client, email)).Headers.Location?.OriginalString);
            var page = await client.GetPageAsync("/my-registry/documents");
            Assert.Equal("Hidden from employers", page.QuerySelector(".document .visibility")?.TextContent);

            // The cookie made by the old host still opens the record on the new one: the keys and the session moved.
            using var stillSignedIn = moved.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = Site });
            stillSignedIn.DefaultRequestHeaders.Add("Cookie", cookies.GetCookieHeader(Site));
            using var response = await stillSignedIn.GetAsync(new Uri("/my-registry/documents", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // New rows after the move take new keys (PostgreSQL's sequences were set past the moved ones).
        var (_, _, newcomer) = await movedPostgres.ProfessionalAsync();
        Assert.True(newcomer > people.Max());
    }

    private static string FirstDifference(string before, string after)
    {
        var (a, b) = (before.Split('\n'), after.Split('\n'));
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var (x, y) = (i < a.Length ? a[i] : "(no line)", i < b.Length ? b[i] : "(no line)");
            if (x != y)
            {
                return $"line {i + 1}:\n  before {x}\n  after  {y}";
            }
        }

        return "(the same lines)";
    }

    /// <summary>A database of its own on the test's PostgreSQL server, and the settings that point an app at it.</summary>
    private async Task<Dictionary<string, string?>> PostgresDatabaseAsync(string name)
    {
        await using (var connection = new NpgsqlConnection(_postgres.ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var create = connection.CreateCommand();
            create.CommandText = $"CREATE DATABASE \"{name}\"";
            await create.ExecuteNonQueryAsync();
        }

        return new()
        {
            ["Database:Provider"] = "PostgreSql",
            ["Database:MigrateOnStartup"] = "true",
            ["Database:SeedDemoData"] = "true",
            ["ConnectionStrings:Registry"] = _postgres.ConnectionString(name),
        };
    }

    /// <summary>
    /// A small synthetic state, and by hand what it lacks: a professional with a password, a course
    /// (record history), a document hidden from employers with its file, a sponsor's event attended,
    /// a merged profile, a revoked grant and an expired one.
    /// </summary>
    private static async Task<(string Email, string UserId, string DocumentKey)> FillAsync(AppOn source)
    {
        await using (var scope = source.Services.CreateAsyncScope())
        {
            await ActivatorUtilities.CreateInstance<SyntheticState>(scope.ServiceProvider)
                .GenerateAsync(new SyntheticStateSize(People: 120, Employers: 30, TrainingRecords: 500, Courses: 300, Seed: 5), CancellationToken.None);
        }

        var (email, userId, me) = await source.ProfessionalAsync();
        var client = source.CreateBrowserLikeClient();
        Assert.Equal("/my-registry", (await source.SignInAsync(client, email)).Headers.Location?.OriginalString);
        var driver = new SignUpDriver(client);
        await driver.SubmitAsync("/my-registry/education/courses/add", "/my-registry/education/courses/add", new Dictionary<string, string>
        {
            ["Institution"] = "City College", ["Title"] = "Child Growth and Development", ["Units"] = "4.5", ["UnitType"] = "Quarter", ["Grade"] = "B", ["Category"] = "ChildGrowthAndDevelopment",
            ["CompletedDay"] = "15", ["CompletedMonth"] = "5", ["CompletedYear"] = "2025",
        });

        var documents = await client.GetPageAsync("/my-registry/documents");
        var token = documents.QuerySelector<IHtmlInputElement>("form[enctype='multipart/form-data'] input[name=__RequestVerificationToken]")!.Value;
        using (var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new StringContent("Transcript"), "Kind" } })
        {
            var file = new ByteArrayContent(Pdf);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Add(file, "File", "transcript.pdf");
            Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync(new Uri("/my-registry/documents", UriKind.Relative), content)).StatusCode);
        }

        var hide = (await client.GetPageAsync("/my-registry/documents")).Forms.Single(f => f.Action.EndsWith("/visibility", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(hide)).StatusCode);

        var (_, managerId) = await source.SignedInProfessionalAsync();
        var sponsorId = await source.SponsorAsync(managerId);
        var attended = await source.EventAsync(sponsorId, "Loose Parts Play", day: TestClock.Today);
        await source.RegisterAsync(attended, me);
        await using (var scope = source.Services.CreateAsyncScope())
        {
            var posting = scope.ServiceProvider.GetRequiredService<Registry.Web.Features.Sponsors.AttendancePosting.Handler>();
            var session = await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().TrainingSessions.Where(x => x.EventId == attended).Select(x => x.Id).SingleAsync();
            await posting.PostRosterAsync((await posting.SessionAsync(attended, session, CancellationToken.None))!, [me], "sponsor", CancellationToken.None);
        }

        // Two profiles of one person, merged by staff through the real form.
        var (_, olderId) = await source.SignedInProfessionalAsync();
        var (_, newerId) = await source.SignedInProfessionalAsync();
        await using (var scope = source.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            (await db.Professionals.SingleAsync(p => p.Id == newerId)).FlagPossibleDuplicateOf(olderId);
            await db.SaveChangesAsync();
        }

        var (staff, _) = await source.SignedInWithRoleAsync(Roles.RegistryStaff);
        var compare = await staff.GetPageAsync($"/staff/duplicates/{newerId}");
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync((IHtmlFormElement)compare.GetElementById("merge-form")!)).StatusCode);

        string documentKey;
        await using (var scope = source.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            Assert.True(await db.ProfileMerges.AnyAsync(m => m.MergedProfessionalId == newerId || m.MergedProfessionalId == olderId));
            var employerId = await db.Employers.OrderBy(e => e.Id).Select(e => e.Id).FirstAsync();
            var now = TestClock.Instance.GetUtcNow();
            var revoked = AccessGrant.ForSite(userId, AccessRole.SiteDirector, employerId, now.AddDays(-10), now.AddDays(300));
            revoked.Revoke(RevokedAt);
            db.AccessGrants.AddRange(revoked, AccessGrant.ForCounty(userId, AccessRole.Rater, "Alameda", now.AddDays(-400), now.AddDays(-30)));
            await db.SaveChangesAsync();
            documentKey = await db.Documents.Where(d => d.ProfessionalId == me && d.HiddenFromEmployers).Select(d => d.StorageKey).SingleAsync();
        }

        return (email, userId, documentKey);
    }
}
