using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Verifications;
using Registry.Web.Features.SignedCredentials;
using Registry.Web.Infrastructure.Signed;

namespace Registry.IntegrationTests.SignedCredentials;

/// <summary>
/// Signed credentials of verified facts (Open Badges 3.0, VC-JWT): issued only when the person
/// asks, checked by an independent implementation against the published keys, the did:web
/// document and the status list, and revoked everywhere at once when the fact changes.
/// </summary>
public sealed class SignedCredentialTests : IClassFixture<RegistryAppFactory>
{
    private const string Did = "did:web:registry.test";
    private readonly RegistryAppFactory _app;

    public SignedCredentialTests(RegistryAppFactory app) => _app = app;

    [Fact]
    public async Task A_verified_permit_becomes_a_credential_that_checks_with_the_published_keys_and_status_list()
    {
        var (client, professionalId) = await _app.SignedInProfessionalAsync();
        var permitId = await PermitAsync(professionalId, verified: true, number: "240012345");

        var token = await IssuePermitAsync(client, permitId, includeNumber: true);

        // The signature, checked without the library that made it.
        var jws = IndependentJws.Parse(token);
        var kid = (string)jws.Header["kid"]!;
        Assert.StartsWith(Did + "#", kid, StringComparison.Ordinal);
        var anonymous = _app.CreateClient();
        var jwks = await anonymous.GetStringAsync(new Uri("/.well-known/jwks.json", UriKind.Relative));
        Assert.True(IndependentJws.Holds(jws, IndependentJws.KeyIn(jwks, kid)));
        Assert.DoesNotContain("\"d\"", jwks, StringComparison.Ordinal);

        // The did:web document names the same key for assertions, and the registry.
        var did = JsonNode.Parse(await anonymous.GetStringAsync(new Uri("/.well-known/did.json", UriKind.Relative)))!;
        Assert.Equal(Did, (string?)did["id"]);
        var method = ((JsonArray)did["verificationMethod"]!).Single(m => (string?)m!["id"] == kid)!;
        Assert.True(IndependentJws.Holds(jws, (JsonObject)method["publicKeyJwk"]!));
        Assert.Contains(kid, ((JsonArray)did["assertionMethod"]!).Select(a => (string?)a));
        Assert.Contains((JsonArray)did["service"]!, s => s!["serviceEndpoint"] is JsonObject endpoint && (string?)endpoint["state"] == "CA");

        // What it says: OB 3.0 and VC 2.0, the issuing body as creator, the registry as issuer, the registered claims.
        var vc = jws.Payload;
        IndependentJws.AssertSchema("vc-2.0.schema.json", vc);
        IndependentJws.AssertSchema("ob-3.0-achievementcredential.schema.json", vc);
        IndependentJws.AssertTermsDefined(vc);
        Assert.Equal(Did, (string?)vc["iss"]);
        Assert.Equal(Did, (string?)vc["issuer"]!["id"]);
        Assert.Equal((string?)vc["id"], (string?)vc["jti"]);
        Assert.Equal(DateTimeOffset.Parse((string)vc["validFrom"]!, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds(), (long)vc["nbf"]!);
        Assert.NotNull(vc["exp"]);
        var achievement = vc["credentialSubject"]!["achievement"]!;
        Assert.Equal("Child Development Permit: Teacher", (string?)achievement["name"]);
        Assert.Equal("Commission on Teacher Credentialing", (string?)achievement["creator"]!["name"]);
        Assert.Equal("240012345", (string?)vc["credentialSubject"]!["licenseNumber"]);
        Assert.Contains("Rosa Ortiz", vc.ToJsonString(), StringComparison.Ordinal);
        var (email, born) = await PersonAsync(professionalId);
        Assert.DoesNotContain(email, vc.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(born.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), vc.ToJsonString(), StringComparison.Ordinal);

        // Its status list says it holds.
        var (list, index) = await StatusAsync(anonymous, vc, jwks);
        Assert.False(IndependentJws.BitSet(list, index));

        // Anyone can check it on the page; the person sees that it was checked.
        var result = await CheckAsync(anonymous, token);
        Assert.Contains("holds", result.QuerySelector("#result-heading")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("No", result.QuerySelector("#revoked")!.TextContent.Trim());
        Assert.Equal("Commission on Teacher Credentialing", result.QuerySelector("#granted-by")!.TextContent.Trim());
        var log = await client.GetPageAsync("/my-registry/access-log");
        Assert.Contains("Someone holding your credential", log.QuerySelector(".look")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_credential_is_revoked_at_once_when_its_fact_is_unverified_and_stays_revoked_when_verified_again()
    {
        var (client, professionalId) = await _app.SignedInProfessionalAsync();
        var permitId = await PermitAsync(professionalId, verified: true);
        var token = await IssuePermitAsync(client, permitId, includeNumber: false);
        var vc = IndependentJws.Parse(token).Payload;
        Assert.Null(vc["credentialSubject"]!["licenseNumber"]);
        var anonymous = _app.CreateClient();
        var jwks = await anonymous.GetStringAsync(new Uri("/.well-known/jwks.json", UriKind.Relative));

        await SetVerificationAsync(permitId, Verification.NotAccepted("unreadable", "staff-1", DateTimeOffset.UtcNow));
        var (list, index) = await StatusAsync(anonymous, vc, jwks);
        Assert.True(IndependentJws.BitSet(list, index));
        Assert.StartsWith("Yes", (await CheckAsync(anonymous, token)).QuerySelector("#revoked")!.TextContent.Trim(), StringComparison.Ordinal);

        // Verified again, the old credential stays revoked (a revocation is for good); a new one may be asked for.
        await SetVerificationAsync(permitId, Verification.Verified("staff-1", DateTimeOffset.UtcNow));
        (list, index) = await StatusAsync(anonymous, vc, jwks);
        Assert.True(IndependentJws.BitSet(list, index));
        var page = await client.GetPageAsync("/my-registry/credentials");
        Assert.Contains("revoked", page.QuerySelector($"#issued-{ListId(vc)} .standing")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_person_can_withdraw_a_credential_and_the_command_line_check_then_says_revoked_even_offline()
    {
        var (client, _) = await _app.SignedInProfessionalAsync();
        var page = await client.GetPageAsync("/my-registry/credentials");
        var membership = page.Forms.Single(f => f.Action.EndsWith("/my-registry/credentials/membership", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(membership)).StatusCode);
        page = await client.GetPageAsync("/my-registry/credentials");
        var issued = page.QuerySelectorAll(".issued").Single();
        var token = await client.GetStringAsync(new Uri(issued.QuerySelector<IHtmlAnchorElement>("a")!.PathName, UriKind.Relative));
        var vc = IndependentJws.Parse(token).Payload;
        IndependentJws.AssertSchema("vc-2.0.schema.json", vc);
        IndependentJws.AssertSchema("ob-3.0-achievementcredential.schema.json", vc);
        IndependentJws.AssertTermsDefined(vc);

        var folder = Directory.CreateTempSubdirectory("registry-vc-").FullName;
        var file = Path.Combine(folder, "credential.jwt");
        var jwks = Path.Combine(folder, "jwks.json");
        var status = Path.Combine(folder, "status.jwt");
        await File.WriteAllTextAsync(file, token);
        var anonymous = _app.CreateClient();
        await File.WriteAllTextAsync(jwks, await anonymous.GetStringAsync(new Uri("/.well-known/jwks.json", UriKind.Relative)));
        await File.WriteAllTextAsync(status, await anonymous.GetStringAsync(new Uri((string)vc["credentialStatus"]!["statusListCredential"]!)));

        var output = new StringWriter();
        Assert.Equal(0, await SignedCredentialCommands.VerifyAsync(_app.Services, [SignedCredentialCommands.Verify, file], output));
        Assert.Contains("Revoked: no", output.ToString(), StringComparison.Ordinal);
        output = new StringWriter();
        Assert.Equal(0, await SignedCredentialCommands.VerifyAsync(_app.Services, [SignedCredentialCommands.Verify, file, "--jwks", jwks, "--status-list", status], output));

        var withdraw = page.Forms.Single(f => f.Action.EndsWith("/withdraw", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(withdraw)).StatusCode);

        output = new StringWriter();
        Assert.Equal(1, await SignedCredentialCommands.VerifyAsync(_app.Services, [SignedCredentialCommands.Verify, file], output));
        Assert.Contains("Revoked: YES", output.ToString(), StringComparison.Ordinal);

        // Offline with the list saved before: still "holds" (that is what a cached list says); with a fresh one, revoked.
        await File.WriteAllTextAsync(status, await anonymous.GetStringAsync(new Uri((string)vc["credentialStatus"]!["statusListCredential"]!)));
        output = new StringWriter();
        Assert.Equal(1, await SignedCredentialCommands.VerifyAsync(_app.Services, [SignedCredentialCommands.Verify, file, "--jwks", jwks, "--status-list", status], output));
        Assert.Contains("Revoked: YES", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, await SignedCredentialCommands.VerifyAsync(_app.Services, [SignedCredentialCommands.Verify], TextWriter.Null));
    }

    [Fact]
    public async Task A_changed_or_forged_credential_does_not_check_and_bad_input_gets_a_message_beside_the_field()
    {
        var (client, professionalId) = await _app.SignedInProfessionalAsync();
        var token = await IssuePermitAsync(client, await PermitAsync(professionalId, verified: true), includeNumber: false);
        var parts = token.Split('.');
        var anonymous = _app.CreateClient();

        // The payload changed (another name), the signature kept.
        var payload = JsonNode.Parse(IndependentJws.Base64Url(parts[1]))!;
        payload["credentialSubject"]!["identifier"]![0]!["identityHash"] = "Mallory Forger";
        var changed = parts[0] + "." + IndependentJws.ToBase64Url(Encoding.UTF8.GetBytes(payload.ToJsonString())) + "." + parts[2];
        var page = await CheckAsync(anonymous, changed);
        Assert.Contains("Does not hold", page.QuerySelector("#signature")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Do not rely", page.QuerySelector("#result-heading")!.TextContent, StringComparison.Ordinal);

        // Signed with a key of the forger's own, naming the registry's key.
        using var forger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var input = parts[0] + "." + parts[1];
        var forged = input + "." + IndependentJws.ToBase64Url(forger.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256));
        Assert.Contains("Does not hold", (await CheckAsync(anonymous, forged)).QuerySelector("#signature")!.TextContent, StringComparison.Ordinal);

        // "alg": "none".
        var none = IndependentJws.ToBase64Url(Encoding.UTF8.GetBytes("{\"alg\":\"none\",\"kid\":\"" + (string)IndependentJws.Parse(token).Header["kid"]! + "\"}")) + "." + parts[1] + ".";
        Assert.Contains("Do not rely", (await CheckAsync(anonymous, none)).QuerySelector("#result-heading")!.TextContent, StringComparison.Ordinal);

        // Nothing, nonsense, too much.
        foreach (var (text, expected) in new[] { ("", "Paste a credential"), ("hello there", "not a signed credential"), (new string('a', 70_000), "too long") })
        {
            var form = (await anonymous.GetPageAsync("/credentials/verify")).Forms.Single(f => f.Action.EndsWith("/credentials/verify", StringComparison.Ordinal));
            using var response = await anonymous.PostFormAsync(form, values: new Dictionary<string, string> { ["credential"] = text });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var result = await response.ReadPageAsync();
            Assert.Contains(expected, result.QuerySelector("#credential-error")!.TextContent, StringComparison.Ordinal);
            Assert.Null(result.QuerySelector("#check-result"));
        }

        // A file too large.
        var checkPage = await anonymous.GetPageAsync("/credentials/verify");
        var antiforgery = checkPage.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(antiforgery), "__RequestVerificationToken" },
            { new ByteArrayContent(new byte[70_000]), "file", "big.jwt" },
        };
        using var big = await anonymous.PostAsync(new Uri("/credentials/verify", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.OK, big.StatusCode);
        Assert.Contains("too large", (await big.ReadPageAsync()).QuerySelector("#file-error")!.TextContent, StringComparison.Ordinal);

        // A genuine one, as an uploaded file.
        using var upload = new MultipartFormDataContent
        {
            { new StringContent(antiforgery), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.ASCII.GetBytes(token + "\n")), "file", "credential.jwt" },
        };
        using var uploaded = await anonymous.PostAsync(new Uri("/credentials/verify", UriKind.Relative), upload);
        Assert.Contains("holds", (await uploaded.ReadPageAsync()).QuerySelector("#result-heading")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nobody_gets_a_credential_of_a_fact_that_is_not_their_own_verified_current_one()
    {
        var (owner, ownerId) = await _app.SignedInProfessionalAsync();
        var ownersPermit = await PermitAsync(ownerId, verified: true);
        var token = await IssuePermitAsync(owner, ownersPermit, includeNumber: false);
        var ownersCredential = ListId(IndependentJws.Parse(token).Payload);
        var (other, otherId) = await _app.SignedInProfessionalAsync();
        var unverified = await PermitAsync(otherId, verified: false);
        var expired = await PermitAsync(otherId, verified: true, expires: DateOnly.FromDateTime(DateTime.Today).AddDays(-1));
        var othersOwn = await PermitAsync(otherId, verified: true);
        var before = await CountAsync();

        // The other person's real form, with the owner's permit (or their own unverified or expired one) in it.
        var page = await other.GetPageAsync("/my-registry/credentials");
        Assert.Single(page.QuerySelectorAll(".offer"));
        var form = page.Forms.Single(f => f.QuerySelector<IHtmlInputElement>($"input[name=permitId][value='{othersOwn}']") is not null);
        foreach (var permit in new[] { ownersPermit, unverified, expired, -1 })
        {
            using var response = await other.PostFormAsync(form, values: new Dictionary<string, string> { ["permitId"] = permit.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var after = await other.GetPageAsync("/my-registry/credentials");
            Assert.NotNull(after.QuerySelector("#credential-problem"));
            Assert.Null(after.QuerySelector(".issued"));
        }

        Assert.Equal(before, await CountAsync());

        // Nor downloads or withdraws the owner's: the same answer as for one that does not exist, and nothing changes.
        using (var download = await other.GetAsync(new Uri($"/my-registry/credentials/{ownersCredential}/download", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
            Assert.DoesNotContain("Rosa", await download.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var ownPage = await other.GetPageAsync("/my-registry/credentials");
        var membership = ownPage.Forms.Single(f => f.Action.EndsWith("/membership", StringComparison.Ordinal));
        var withdrawAction = $"/my-registry/credentials/{ownersCredential}/withdraw";
        membership.Action = withdrawAction;
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostFormAsync(membership)).StatusCode);
        Assert.Contains("holds", (await CheckAsync(_app.CreateClient(), token)).QuerySelector("#result-heading")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rotated_key_signs_what_comes_next_and_what_the_old_key_signed_still_checks()
    {
        var (client, professionalId) = await _app.SignedInProfessionalAsync();
        var permitId = await PermitAsync(professionalId, verified: true);
        var before = await IssuePermitAsync(client, permitId, includeNumber: false);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SigningKeys>().RotateAsync(CancellationToken.None);
            var stored = await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().SigningKeys.AsNoTracking().ToListAsync();
            Assert.All(stored, key => Assert.ThrowsAny<Exception>(() => ECDsa.Create().ImportPkcs8PrivateKey(Convert.FromBase64String(key.ProtectedPrivateKey), out _)));
        }

        var after = await IssuePermitAsync(client, permitId, includeNumber: false);
        var jwks = await _app.CreateClient().GetStringAsync(new Uri("/.well-known/jwks.json", UriKind.Relative));
        var old = IndependentJws.Parse(before);
        var fresh = IndependentJws.Parse(after);
        Assert.NotEqual((string)old.Header["kid"]!, (string)fresh.Header["kid"]!);
        Assert.True(IndependentJws.Holds(old, IndependentJws.KeyIn(jwks, (string)old.Header["kid"]!)));
        Assert.True(IndependentJws.Holds(fresh, IndependentJws.KeyIn(jwks, (string)fresh.Header["kid"]!)));
        Assert.Contains("holds", (await CheckAsync(_app.CreateClient(), before)).QuerySelector("#result-heading")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_record_download_carries_a_signed_transcript_of_the_verified_record_that_a_changed_fact_revokes()
    {
        var (client, professionalId) = await _app.SignedInProfessionalAsync();
        await PermitAsync(professionalId, verified: true);
        var courseId = await CourseAsync(professionalId, "Child Growth and Development", verified: true);
        await CourseAsync(professionalId, "Self-reported Course", verified: false);

        using var zip = new System.IO.Compression.ZipArchive(await client.GetStreamAsync(new Uri("/my-registry/export", UriKind.Relative)));
        var token = await new StreamReader(zip.GetEntry("transcript.jwt")!.Open()).ReadToEndAsync();
        var record = JsonNode.Parse(await new StreamReader(zip.GetEntry("record.json")!.Open()).ReadToEndAsync())!;
        var jws = IndependentJws.Parse(token);
        var anonymous = _app.CreateClient();
        var jwks = await anonymous.GetStringAsync(new Uri("/.well-known/jwks.json", UriKind.Relative));
        Assert.True(IndependentJws.Holds(jws, IndependentJws.KeyIn(jwks, (string)jws.Header["kid"]!)));
        var clr = jws.Payload;
        Assert.Equal((string?)clr["id"], (string?)record["signedTranscript"]!["credentialId"]);
        IndependentJws.AssertSchema("vc-2.0.schema.json", clr);
        IndependentJws.AssertSchema("clr-2.0-clrcredential.schema.json", clr);
        IndependentJws.AssertTermsDefined(clr, "ClrCredential", "ClrSubject");
        var contained = ((JsonArray)clr["credentialSubject"]!["verifiableCredential"]!).OfType<JsonObject>().ToList();
        Assert.All(contained, c => IndependentJws.AssertSchema("ob-3.0-achievementcredential.schema.json", c));
        var names = contained.Select(c => (string?)c["credentialSubject"]!["achievement"]!["name"]).ToList();
        Assert.Contains("Child Growth and Development", names);
        Assert.Contains("Child Development Permit: Teacher", names);
        Assert.DoesNotContain("Self-reported Course", names);
        var course = contained.Single(c => (string?)c["credentialSubject"]!["achievement"]!["name"] == "Child Growth and Development")["credentialSubject"]!;
        Assert.Equal(3m, (decimal)course["creditsEarned"]!);
        Assert.Equal("A", (string?)course["result"]![0]!["value"]);
        Assert.Contains("holds", (await CheckAsync(anonymous, token)).QuerySelector("#result-heading")!.TextContent, StringComparison.Ordinal);

        // A verified course found wrong: the transcript that counted it is revoked; one verified later changes nothing.
        await CourseAsync(professionalId, "Verified Later", verified: true);
        var (list, index) = await StatusAsync(anonymous, clr, jwks);
        Assert.False(IndependentJws.BitSet(list, index));
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            (await db.Courses.SingleAsync(c => c.Id == courseId)).RecordVerification(Verification.NotAccepted("not on the transcript", "staff-1", DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        (list, index) = await StatusAsync(anonymous, clr, jwks);
        Assert.True(IndependentJws.BitSet(list, index));
    }

    [Fact]
    public async Task Qualifications_are_signed_as_of_the_day_with_the_rule_sets_they_were_worked_out_under()
    {
        var (client, professionalId) = await _app.SignedInProfessionalAsync();
        await PermitAsync(professionalId, verified: true);
        var page = await client.GetPageAsync("/my-registry/credentials");
        var form = page.Forms.Single(f => f.Action.EndsWith("/my-registry/credentials/qualifications", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(form)).StatusCode);
        page = await client.GetPageAsync("/my-registry/credentials");
        var token = await client.GetStringAsync(new Uri(page.QuerySelectorAll(".issued")[0].QuerySelector<IHtmlAnchorElement>("a")!.PathName, UriKind.Relative));
        var vc = IndependentJws.Parse(token).Payload;
        IndependentJws.AssertSchema("vc-2.0.schema.json", vc);
        IndependentJws.AssertSchema("ob-3.0-achievementcredential.schema.json", vc);
        IndependentJws.AssertTermsDefined(vc);
        var achievement = vc["credentialSubject"]!["achievement"]!;
        Assert.Matches(@"^Qualifications on \d{4}-\d{2}-\d{2}$", (string?)achievement["name"]);
        Assert.Contains("@", (string?)achievement["version"], StringComparison.Ordinal);
        var descriptions = ((JsonArray)achievement["resultDescription"]!).Select(d => (string?)d!["id"]).ToHashSet();
        var results = (JsonArray)vc["credentialSubject"]!["result"]!;
        Assert.All(results, r => Assert.Contains((string?)r!["resultDescription"], descriptions));
    }

    [Fact]
    public async Task The_card_code_carries_a_signed_payload_anyone_can_check_and_a_changed_one_does_not_check()
    {
        var (client, professionalId) = await _app.SignedInProfessionalAsync();
        var card = await client.GetPageAsync("/my-registry/card");
        var link = card.QuerySelector<IHtmlAnchorElement>("#card-check-link")!;
        var payload = Uri.UnescapeDataString(link.Search[(link.Search.IndexOf("c=", StringComparison.Ordinal) + 2)..]);
        Assert.True(payload.Length < 1000, $"The card's payload ({payload.Length} characters) must fit a QR code that scans from a printed card.");
        var jws = IndependentJws.Parse(payload);
        var anonymous = _app.CreateClient();
        var jwks = await anonymous.GetStringAsync(new Uri("/.well-known/jwks.json", UriKind.Relative));
        Assert.True(IndependentJws.Holds(jws, IndependentJws.KeyIn(jwks, (string)jws.Header["kid"]!)));

        // Opening the card again gives the same payload (one card credential while it holds).
        var again = await client.GetPageAsync("/my-registry/card");
        Assert.Equal(link.Href, again.QuerySelector<IHtmlAnchorElement>("#card-check-link")!.Href);

        var page = await anonymous.GetPageAsync(link.PathName + link.Search);
        Assert.Contains("holds", page.QuerySelector("#result-heading")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Rosa Ortiz", page.QuerySelector("#holder")!.TextContent, StringComparison.Ordinal);
        var log = await client.GetPageAsync("/my-registry/access-log");
        Assert.Contains("Someone holding your credential", log.QuerySelector(".look")!.TextContent, StringComparison.Ordinal);

        var parts = payload.Split('.');
        var changed = parts[0] + "." + IndependentJws.ToBase64Url(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(IndependentJws.Base64Url(parts[1])).Replace("Rosa Ortiz", "Mallory Ortiz", StringComparison.Ordinal))) + "." + parts[2];
        var forged = await anonymous.GetPageAsync("/credentials/card?c=" + Uri.EscapeDataString(changed));
        Assert.Contains("Does not hold", forged.QuerySelector("#signature")!.TextContent, StringComparison.Ordinal);
        await anonymous.GetPageAsync("/credentials/card?c=nonsense", HttpStatusCode.NotFound);

        // Offline: the command with the saved JWKS and status list.
        var folder = Directory.CreateTempSubdirectory("registry-card-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "card.jwt"), payload);
        await File.WriteAllTextAsync(Path.Combine(folder, "jwks.json"), jwks);
        await File.WriteAllTextAsync(Path.Combine(folder, "status.jwt"), await anonymous.GetStringAsync(new Uri((string)jws.Payload["credentialStatus"]!["statusListCredential"]!)));
        var output = new StringWriter();
        Assert.Equal(0, await SignedCredentialCommands.VerifyAsync(_app.Services, [SignedCredentialCommands.Verify, Path.Combine(folder, "card.jwt"), "--jwks", Path.Combine(folder, "jwks.json"), "--status-list", Path.Combine(folder, "status.jwt")], output));
        Assert.Contains("Rosa Ortiz", output.ToString(), StringComparison.Ordinal);
        _ = professionalId;
    }

    [Fact]
    public async Task A_training_certificate_becomes_a_credential_with_the_sponsor_as_creator_only_for_who_attended_and_undoing_the_hours_revokes_it()
    {
        var (person, professionalId) = await _app.SignedInProfessionalAsync();
        var (other, _) = await _app.SignedInProfessionalAsync();
        var (_, managerId) = await _app.SignedInProfessionalAsync();
        var sponsorId = await _app.SponsorAsync(managerId);
        var eventId = await _app.EventAsync(sponsorId, "Block play", day: TestClock.Today);
        int attendanceId;
        string sponsor;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var sessionId = await db.TrainingSessions.Where(s => s.EventId == eventId).Select(s => s.Id).SingleAsync();
            var attendance = new Registry.Web.Domain.Calendar.Attendance(sessionId, professionalId, 3, 3, null, Registry.Web.Domain.Calendar.AttendanceSource.Roster, "seed", DateTimeOffset.UtcNow.AddMinutes(-1));
            db.Attendance.Add(attendance);
            await db.SaveChangesAsync();
            attendanceId = attendance.Id;
            sponsor = await db.Sponsors.Where(s => s.Id == sponsorId).Select(s => s.Name).SingleAsync();
        }

        var certificate = await person.GetPageAsync($"/training/events/{eventId}/certificate");
        var form = certificate.Forms.Single(f => f.Action.EndsWith($"/training/events/{eventId}/certificate/signed", StringComparison.Ordinal));

        // The printed certificate's QR code: its check link, with a compact signed payload.
        var checkLink = certificate.QuerySelector("#certificate-check-link")!.GetAttribute("href")!;
        using (var qr = await person.GetAsync(new Uri($"/training/events/{eventId}/certificate/qr.png", UriKind.Relative)))
        {
            Assert.Equal(Registry.Web.Infrastructure.Web.QrCodes.Png(checkLink), await qr.Content.ReadAsByteArrayAsync());
        }

        var checkedCode = await _app.CreateClient().GetPageAsync(new Uri(checkLink).PathAndQuery);
        Assert.Contains("holds", checkedCode.QuerySelector("#result-heading")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Block play", checkedCode.QuerySelector("#check-result")!.TextContent, StringComparison.Ordinal);
        Assert.True(new Uri(checkLink).Query.Length < 1200, "The certificate's code must fit a QR code that scans from paper.");
        await other.GetAsync(new Uri($"/training/events/{eventId}/certificate/qr.png", UriKind.Relative)).ContinueWith(r => Assert.Equal(HttpStatusCode.NotFound, r.Result.StatusCode));
        var before = await CountAsync();

        // Someone who did not attend, with the same action in a real form of their own: nothing is issued.
        var othersForm = (await other.GetPageAsync("/my-registry/credentials")).Forms.Single(f => f.Action.EndsWith("/membership", StringComparison.Ordinal));
        othersForm.Action = form.Action;
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostFormAsync(othersForm)).StatusCode);
        Assert.Equal(before, await CountAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await person.PostFormAsync(form)).StatusCode);
        var page = await person.GetPageAsync("/my-registry/credentials");
        var token = await person.GetStringAsync(new Uri(page.QuerySelectorAll(".issued")[0].QuerySelector<IHtmlAnchorElement>("a")!.PathName, UriKind.Relative));
        var vc = IndependentJws.Parse(token).Payload;
        IndependentJws.AssertSchema("vc-2.0.schema.json", vc);
        IndependentJws.AssertSchema("ob-3.0-achievementcredential.schema.json", vc);
        IndependentJws.AssertTermsDefined(vc);
        Assert.Equal(sponsor, (string?)vc["credentialSubject"]!["achievement"]!["creator"]!["name"]);
        Assert.Equal("3 clock hours", (string?)vc["credentialSubject"]!["result"]![0]!["value"]);
        var anonymous = _app.CreateClient();
        Assert.Contains("holds", (await CheckAsync(anonymous, token)).QuerySelector("#result-heading")!.TextContent, StringComparison.Ordinal);

        // Registry staff undo the posting: the certificate no longer holds.
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            (await db.Attendance.SingleAsync(a => a.Id == attendanceId)).Undo("staff-1", DateTimeOffset.UtcNow, "posted for the wrong person");
            await db.SaveChangesAsync();
        }

        Assert.StartsWith("Yes", (await CheckAsync(anonymous, token)).QuerySelector("#revoked")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.StartsWith("Yes", (await anonymous.GetPageAsync(new Uri(checkLink).PathAndQuery)).QuerySelector("#revoked")!.TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_merge_revokes_what_was_issued_to_the_profile_merged_away_and_leaves_the_kept_ones()
    {
        var (older, olderId) = await _app.SignedInProfessionalAsync();
        var (newer, newerId) = await _app.SignedInProfessionalAsync();
        var tokens = new Dictionary<int, List<string>>();
        foreach (var (client, id) in new[] { (older, olderId), (newer, newerId) })
        {
            var permit = await IssuePermitAsync(client, await PermitAsync(id, verified: true), includeNumber: false);
            var page = await client.GetPageAsync("/my-registry/credentials");
            await client.PostFormAsync(page.Forms.Single(f => f.Action.EndsWith("/my-registry/credentials/membership", StringComparison.Ordinal)));
            page = await client.GetPageAsync("/my-registry/credentials");
            tokens[id] = [permit, await client.GetStringAsync(new Uri(page.QuerySelectorAll(".issued")[0].QuerySelector<IHtmlAnchorElement>("a")!.PathName, UriKind.Relative))];
        }

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            (await db.Professionals.SingleAsync(p => p.Id == newerId)).FlagPossibleDuplicateOf(olderId);
            await db.SaveChangesAsync();
        }

        var (staff, _) = await _app.SignedInWithRoleAsync(Registry.Web.Infrastructure.Security.Roles.RegistryStaff);
        var comparison = await staff.GetPageAsync($"/staff/duplicates/{newerId}");
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(comparison.Forms.Single(f => f.Action.EndsWith($"/duplicates/{newerId}/merge", StringComparison.Ordinal)))).StatusCode);

        int mergedAway;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            mergedAway = await db.Professionals.IgnoreQueryFilters().Where(p => (p.Id == olderId || p.Id == newerId) && p.MergedIntoId != null).Select(p => p.Id).SingleAsync();
        }

        var kept = mergedAway == olderId ? newerId : olderId;
        var anonymous = _app.CreateClient();
        foreach (var token in tokens[mergedAway])
        {
            Assert.StartsWith("Yes", (await CheckAsync(anonymous, token)).QuerySelector("#revoked")!.TextContent.Trim(), StringComparison.Ordinal);
        }

        foreach (var token in tokens[kept])
        {
            Assert.Equal("No", (await CheckAsync(anonymous, token)).QuerySelector("#revoked")!.TextContent.Trim());
        }
    }

    private static int ListId(JsonObject vc) =>
        int.Parse((string)vc["credentialStatus"]!["statusListIndex"]!, System.Globalization.CultureInfo.InvariantCulture) + 1;

    private static async Task<string> IssuePermitAsync(HttpClient client, int permitId, bool includeNumber)
    {
        var page = await client.GetPageAsync("/my-registry/credentials");
        var form = page.Forms.Single(f => f.QuerySelector<IHtmlInputElement>($"input[name=permitId][value='{permitId}']") is not null);
        var values = includeNumber ? new Dictionary<string, string> { ["includeNumber"] = "true" } : null;
        using (var response = await client.PostFormAsync(form, values: values))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        page = await client.GetPageAsync("/my-registry/credentials");
        var newest = page.QuerySelectorAll(".issued")[0];
        return await client.GetStringAsync(new Uri(newest.QuerySelector<IHtmlAnchorElement>("a")!.PathName, UriKind.Relative));
    }

    private static async Task<IHtmlDocument> CheckAsync(HttpClient client, string token)
    {
        var form = (await client.GetPageAsync("/credentials/verify")).Forms.Single(f => f.Action.EndsWith("/credentials/verify", StringComparison.Ordinal));
        using var response = await client.PostFormAsync(form, values: new Dictionary<string, string> { ["credential"] = token });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadPageAsync();
    }

    /// <summary>The credential's status list (its signature checked independently) and its index in it.</summary>
    private static async Task<(string EncodedList, int Index)> StatusAsync(HttpClient client, JsonObject vc, string jwks)
    {
        var status = vc["credentialStatus"]!;
        Assert.Equal("BitstringStatusListEntry", (string?)status["type"]);
        Assert.Equal("revocation", (string?)status["statusPurpose"]);
        var url = (string)status["statusListCredential"]!;
        Assert.StartsWith(RegistryAppFactory.PublicUrl + "/credentials/status/", url, StringComparison.Ordinal);
        var list = IndependentJws.Parse(await client.GetStringAsync(new Uri(url)));
        Assert.True(IndependentJws.Holds(list, IndependentJws.KeyIn(jwks, (string)list.Header["kid"]!)));
        IndependentJws.AssertSchema("vc-2.0.schema.json", list.Payload);
        Assert.Contains("BitstringStatusListCredential", ((JsonArray)list.Payload["type"]!).Select(t => (string?)t));
        Assert.Equal(url, (string?)list.Payload["id"]);
        return ((string)list.Payload["credentialSubject"]!["encodedList"]!, int.Parse((string)status["statusListIndex"]!, System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task<int> PermitAsync(int professionalId, bool verified, string? number = null, DateOnly? expires = null)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var professional = await db.Professionals.SingleAsync(p => p.Id == professionalId);
        var issued = expires is { } e ? e.AddYears(-5) : new DateOnly(2024, 7, 1);
        var permit = new Credential(CredentialType.ChildDevelopmentTeacherPermit, number, "Commission on Teacher Credentialing", issued, expires ?? new DateOnly(2099, 7, 1));
        if (verified)
        {
            permit.RecordVerification(Verification.Verified("staff-1", DateTimeOffset.UtcNow));
        }

        professional.AddCredential(permit);
        await db.SaveChangesAsync();
        return permit.Id;
    }

    private async Task<int> CourseAsync(int professionalId, string title, bool verified)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var professional = await db.Professionals.SingleAsync(p => p.Id == professionalId);
        var course = new Registry.Web.Domain.Education.Course("City College", "CDEV 10", title, 3m, Registry.Web.Domain.Education.UnitType.Semester, "A", "Fall 2024", Registry.Web.Domain.Education.CourseCategory.ChildGrowthAndDevelopment);
        if (verified)
        {
            course.RecordVerification(Verification.Verified("staff-1", DateTimeOffset.UtcNow));
        }

        professional.AddCourse(course);
        await db.SaveChangesAsync();
        return course.Id;
    }

    private async Task SetVerificationAsync(int permitId, Verification verification)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        (await db.Credentials.SingleAsync(c => c.Id == permitId)).RecordVerification(verification);
        await db.SaveChangesAsync();
    }

    private async Task<(string Email, DateOnly Born)> PersonAsync(int professionalId)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var p = await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Professionals.SingleAsync(p => p.Id == professionalId);
        return (p.Email, p.DateOfBirth);
    }

    private async Task<int> CountAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().IssuedCredentials.CountAsync();
    }
}
