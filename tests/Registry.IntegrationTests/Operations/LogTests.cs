using System.Net;
using System.Text.Json;
using MimeKit;
using Registry.IntegrationTests.Infrastructure;

namespace Registry.IntegrationTests.Operations;

/// <summary>
/// The log an operator ships, read from the app run as its own process with the production
/// settings: every line is a JSON object; every line written while serving a request names the
/// request (its id, its trace); and a person signing up, confirming, mistyping their password and
/// signing in leaves none of their personal data or secrets in it.
/// </summary>
[Trait("Servers", "Own")]
public sealed class LogTests : IDisposable
{
    private readonly ScratchFolder _folder = new("logs");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task The_production_log_is_JSON_names_the_request_on_every_request_line_and_holds_no_personal_data()
    {
        var email = $"maria.logs.{Guid.NewGuid():N}@example.org";
        string output, link;
        await using (var app = await RegistryProcess.ServeAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings:Registry"] = $"Data Source={_folder["registry.db"]}",
            ["Storage:DocumentsPath"] = _folder["documents"],
            ["Email:PickupFolder"] = _folder["mail"],
            ["Email:Outbox:PollInterval"] = "00:00:00.200",
            ["Logging:LogLevel:Default"] = "Information",
        }, https: true))
        {
            using var client = app.CreateBrowserLikeClient();
            var done = await new SignUpDriver(client).CompleteAsync(email);
            Assert.Contains("created successfully", done.QuerySelector("h1")?.TextContent, StringComparison.Ordinal);

            var confirmation = await WaitForEmailAsync(email);
            link = SignUpDriver.ConfirmationPath(confirmation);
            using (var confirmed = await client.GetAsync(new Uri(link, UriKind.Relative)))
            {
                Assert.Equal("/my-registry", confirmed.Headers.Location?.OriginalString);
            }

            using var stranger = app.CreateBrowserLikeClient();
            using (var wrong = await new SignUpDriver(stranger).SubmitAsync("/account/sign-in", "/account/sign-in", new Dictionary<string, string> { ["Email"] = email, ["Password"] = "not my password at all" }))
            {
                Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            }

            using (var right = await new SignUpDriver(stranger).SubmitAsync("/account/sign-in", "/account/sign-in", new Dictionary<string, string> { ["Email"] = email, ["Password"] = "tiny tots teach me daily" }))
            {
                Assert.Equal("/my-registry", right.Headers.Location?.OriginalString);
            }

            Assert.Contains("María José Peña-Ruiz", (await stranger.GetPageAsync("/my-registry")).QuerySelector("#card-title")?.TextContent, StringComparison.Ordinal);
            await stranger.GetPageAsync("/no-such-page", HttpStatusCode.NotFound);
            await Task.Delay(500);
            output = app.Output;
        }

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEmpty(lines);
        var entries = lines.Select(line =>
        {
            try
            {
                return JsonDocument.Parse(line).RootElement.Clone();
            }
            catch (JsonException)
            {
                Assert.Fail("Not a JSON line: " + line);
                throw;
            }
        }).ToList();
        Assert.All(entries, e => Assert.True(e.TryGetProperty("Timestamp", out _) && e.TryGetProperty("LogLevel", out _) && e.TryGetProperty("Category", out _)));

        // What the registry logs while serving a request carries the request's path, id and trace
        // (the sign-up's "Profile N created" among them); background work logs without them.
        static List<JsonElement> Scopes(JsonElement e) => e.GetProperty("Scopes").EnumerateArray().ToList();
        var created = Assert.Single(entries, e => e.GetProperty("Category").GetString() == "Registry.Web.Features.SignUp.CreateProfile.Handler"
            && e.GetProperty("Message").GetString()!.EndsWith("created", StringComparison.Ordinal));
        Assert.Contains(Scopes(created), s => s.TryGetProperty("RequestPath", out var path) && path.GetString() == "/sign-up/education");
        var requestLines = entries.Where(e => Scopes(e).Any(s => s.TryGetProperty("RequestPath", out _))).ToList();
        Assert.All(requestLines, e =>
        {
            Assert.Contains(Scopes(e), s => s.TryGetProperty("RequestId", out var id) && !string.IsNullOrEmpty(id.GetString()));
            Assert.Contains(Scopes(e), s => s.TryGetProperty("TraceId", out var trace) && !string.IsNullOrEmpty(trace.GetString()));
        });

        // Nothing that identifies the person, and no secret: not the email, names, phone, birth date,
        // passwords or the confirmation code, searched in every decoded value (the JSON writer escapes
        // "í" as \u00ED, so the raw text alone would hide a name).
        var code = Uri.UnescapeDataString(link.Split("code=")[1].Split('&')[0]);
        var logged = string.Join("\n", entries.SelectMany(Strings));
        Assert.Contains("created", logged, StringComparison.Ordinal);
        foreach (var personal in new[] { email, "María", "Maria", "José", "Jose", "Peña", "Pena-Ruiz", "Ruiz", "415 555 0123", "4155550123", "1990-04-12", "04/12/1990", "4/12/1990", "12/04/1990", "tiny tots teach me daily", "not my password at all", code })
        {
            Assert.DoesNotContain(personal, logged, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>Every string in a JSON value, decoded (property names and values).</summary>
    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value).Prepend(p.Name)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        _ => [element.GetRawText()],
    };

    private async Task<MimeMessage> WaitForEmailAsync(string email)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var folder = _folder["mail"];
        while (true)
        {
            if (Directory.Exists(folder))
            {
                foreach (var file in Directory.GetFiles(folder, "*.eml"))
                {
                    var message = await MimeMessage.LoadAsync(file);
                    if (message.To.Mailboxes.Any(m => m.Address == email))
                    {
                        return message;
                    }
                }
            }

            Assert.True(DateTime.UtcNow < deadline, "No confirmation email was written.");
            await Task.Delay(200);
        }
    }
}
