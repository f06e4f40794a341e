using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.IntegrationTests.Security;
using Registry.Web.Domain.Access;
using Registry.Web.Infrastructure.Security;

namespace Registry.IntegrationTests.Forms;

/// <summary>
/// One hostile corpus through every text field of every form (issue 20, item 1). The pages are not
/// a hand list: every GET route of the app (from the routing table), with the ids of the persona's
/// own record, site, sponsor, event and session filled in, is opened as each persona (a professional
/// with a whole record, a site's director, a sponsor's manager). On every page that opens, every
/// form that posts is sent once per text field per value of <see cref="HostileInput"/>, the other
/// fields as the page filled them. Each answer must be no 5xx, must not show the markup as it was
/// typed, and, when the post is refused (the same form shown again), must say why on the page.
/// </summary>
public sealed class HostileCorpusTests(ScopeTests.World world) : IClassFixture<ScopeTests.World>
{
    /// <summary>Forms whose purpose is to end something (a session, a record) or change who can sign in: posting them would end the persona.</summary>
    // "Try the rules" works facts out and never saves: its own tests post bad input to each field.
    private static readonly string[] Skipped = ["/staff/try-rules", "/sign-out", "/sign-out-everywhere", "/remove", "/delete", "/cancel", "/change-password", "/two-factor/", "/passkeys", "/language"];

    /// <summary>Forms that look something up or send something and keep nothing typed in them: that they worked is not a save.</summary>
    private static readonly string[] Unstored = ["/account/forgot-password"];

    /// <summary>Fields that take a list ("Spanish, English"): each item is kept, as typed.</summary>
    private static readonly string[] Lists = ["Languages"];

    [Fact]
    public async Task Every_text_field_of_every_form_takes_the_hostile_corpus_without_a_5xx_unencoded_markup_or_a_silent_refusal()
    {
        await world.ReadyAsync();
        var v = world.Victim;
        var ids = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
        {
            ["jobId"] = v.JobId, ["degreeId"] = v.DegreeId, ["courseId"] = v.CourseId, ["permitId"] = v.PermitId, ["recordId"] = v.TrainingId,
            ["documentId"] = v.DocumentId, ["applicationId"] = v.ApplicationId, ["employerId"] = world.SiteA, ["sponsorId"] = world.SponsorId,
            ["eventId"] = world.EventId, ["sessionId"] = world.SessionId,
        };
        var pages = Pages(ids);
        Assert.True(pages.Count > 50, $"Only {pages.Count} pages found in the routing table.");
        var run = new Run(world.App.Services.GetRequiredService<WrittenTables>());

        // Everyone who fills in forms: the public, a professional with a whole record, a site's director, a sponsor's
        // manager, a rater and a stipend administrator of the county, an analyst, registry staff and an administrator.
        var county = await world.DbAsync(db => db.Employers.Where(e => e.Id == world.SiteA).Select(e => e.County).SingleAsync());
        var personas = new List<(string, HttpClient)>
        {
            ("anonymous", world.App.CreateBrowserLikeClient()), ("professional", world.Owner), ("director", world.Director), ("sponsor manager", world.SponsorManager),
            ("rater", (await world.App.SignedInWithGrantAsync(AccessRole.Rater, null, county)).Client),
            ("stipend administrator", (await world.App.SignedInWithGrantAsync(AccessRole.StipendAdministrator, null, county)).Client),
            ("analyst", (await world.App.SignedInWithRoleAsync(Roles.Analyst)).Client),
            ("registry staff", (await world.App.SignedInWithRoleAsync(Roles.RegistryStaff)).Client),
            ("administrator", (await world.App.SignedInWithRoleAsync(Roles.Administrator)).Client),
        };
        foreach (var (persona, client) in personas)
        {
            await run.TryAsync(world, persona, client, pages, HostileInput.Values);
        }

        // Sign-up's steps 2 to 4 open only part-way through: a new person at each step, sent the corpus there.
        foreach (var step in new[] { "/sign-up/employer/not-found", "/sign-up/employment", "/sign-up/education" })
        {
            await run.TryAsync(world, "signing up", await PartWayThroughSignUpAsync(step), [step], HostileInput.Values);
            Assert.True(run.TriedOn(step) > 0, $"No field of {step} was tried: the person never reached that step.");
        }

        // The professional again, in Spanish: what is refused is said in Spanish.
        var spanish = world.App.CreateBrowserLikeClient();
        spanish.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");
        Assert.Equal("/my-registry", (await world.App.SignInAsync(spanish, v.Email)).Headers.Location?.OriginalString);
        await run.TryAsync(world, "professional in Spanish", spanish, pages.Where(p => p.StartsWith("/my-registry", StringComparison.Ordinal)), HostileInput.Refused, spanish: true);

        // And in Chinese, asked for as a browser in Taiwan asks (zh-TW, whose parent is zh-Hant).
        var chinese = world.App.CreateBrowserLikeClient();
        chinese.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-TW");
        Assert.Equal("/my-registry", (await world.App.SignInAsync(chinese, v.Email)).Headers.Location?.OriginalString);
        await run.TryAsync(world, "professional in Chinese", chinese, pages.Where(p => p.StartsWith("/my-registry", StringComparison.Ordinal)), HostileInput.Refused, spanish: true);

        Assert.True(run.Fields > 100, $"Only {run.Fields} form fields found.");
        var kinds = run.Failures.GroupBy(f => f[(f.IndexOf(" with ", StringComparison.Ordinal) + 6)..]).Select(g => $"{g.Count()} x {g.Key}");
        Assert.True(run.Failures.Count == 0, $"{run.Failures.Count} of {run.Tried} tries failed:\n" + string.Join("\n", kinds) + "\n\n" + string.Join("\n", run.Failures.Take(60)));
    }

    /// <summary>A NUL pasted into a field is taken out and the rest saved as typed (decision 0034); the framework used to answer a bare 400.</summary>
    [Fact]
    public async Task A_NUL_character_pasted_into_a_field_is_removed_and_the_rest_saved()
    {
        await world.ReadyAsync();
        var (client, professionalId) = await world.App.SignedInProfessionalAsync();
        var form = (await client.GetPageAsync("/my-registry/training/add")).Forms.Single(f => f.Action.EndsWith("/my-registry/training/add", StringComparison.Ordinal));
        using var saved = await client.PostFormAsync(form, values: new Dictionary<string, string>
        {
            ["Title"] = "Outdoor\u0000 play <b>", ["Sponsor"] = "Child Care Council", ["AttendedDay"] = "8", ["AttendedMonth"] = "3", ["AttendedYear"] = "2025", ["ClockHours"] = "2",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("Outdoor play <b>", await world.DbAsync(db => db.TrainingRecords.Where(t => t.ProfessionalId == professionalId).Select(t => t.Title).SingleAsync()));
    }

    /// <summary>A new person who has gone through sign-up up to <paramref name="step"/>.</summary>
    private async Task<HttpClient> PartWayThroughSignUpAsync(string step)
    {
        var client = world.App.CreateBrowserLikeClient();
        var driver = new SignUpDriver(client);
        SignUpDriver.Expect("/sign-up/employer", await driver.SubmitAsync("/sign-up/personal", "/sign-up/personal", SignUpDriver.Personal($"corpus.{Guid.NewGuid():N}@example.org")));
        if (step != "/sign-up/employer/not-found")
        {
            await driver.SelectEmployerAsync("380500086");
        }

        if (step == "/sign-up/education")
        {
            SignUpDriver.Expect("/sign-up/education", await driver.SubmitAsync("/sign-up/employment", "/sign-up/employment", SignUpDriver.Employment(), ["Preschool"]));
        }

        return client;
    }

    /// <summary>The tries of one test run, and what failed.</summary>
    private sealed class Run(WrittenTables written)
    {
        private readonly Dictionary<string, int> _triedOn = new(StringComparer.Ordinal);
        private readonly HashSet<(string Action, string Field)> _done = [];
        private StoredRows? _rows;

        public List<string> Failures { get; } = [];

        public int Tried { get; private set; }

        public int Fields { get; private set; }

        public int TriedOn(string path) => _triedOn.GetValueOrDefault(path);

        /// <summary>Each text field of each posting form on each page the persona can open, with each value.</summary>
        public async Task TryAsync(ScopeTests.World world, string persona, HttpClient client, IEnumerable<string> pages, IReadOnlyList<(string Name, string Value)> values, bool spanish = false)
        {
            foreach (var path in pages)
            {
                using var opened = await client.GetAsync(new Uri(path, UriKind.Relative));
                if (opened.StatusCode != HttpStatusCode.OK || opened.Content.Headers.ContentType?.MediaType != "text/html")
                {
                    continue;
                }

                var page = await opened.ReadPageAsync();
                foreach (var (action, field) in page.Forms.Where(f => string.Equals(f.Method, "post", StringComparison.OrdinalIgnoreCase) && !Skipped.Any(s => f.Action.Contains(s, StringComparison.Ordinal)))
                    .SelectMany(f => HostileCorpusTests.Fields(f).Select(name => (f.Action, name))).Distinct().ToList())
                {
                    // A form every signed-in person has (their own record, their account) is the same code for each: tried once, by the first.
                    if (!_done.Add((action, field)) && !spanish)
                    {
                        continue;
                    }

                    Fields++;
                    _rows = await world.DbAsync(db => StoredRows.ReadAsync(db, written, _rows));
                    foreach (var (name, value) in values)
                    {
                        // The page again for each try: a save before may have changed the form (a new concurrency stamp).
                        var fresh = await client.GetPageAsync(path);
                        if (fresh.Forms.FirstOrDefault(f => f.Action == action && HostileCorpusTests.Fields(f).Contains(field)) is not { } form)
                        {
                            break;
                        }

                        Tried++;
                        _triedOn[path] = TriedOn(path) + 1;
                        using var answer = await client.PostFormAsync(form, values: new Dictionary<string, string> { [field] = value });
                        var where = $"{persona} {path} → {Relative(action)} [{field}] with {name}";
                        if (await JudgeAsync(world, client, answer, action, field, value, spanish) is { } failure)
                        {
                            Failures.Add($"{where}: {failure}");
                        }
                    }
                }
            }
        }

        /// <summary>What is wrong with the answer to one try, or null.</summary>
        private async Task<string?> JudgeAsync(ScopeTests.World world, HttpClient client, HttpResponseMessage answer, string action, string field, string value, bool spanish)
        {
            var body = await answer.Content.ReadAsStringAsync();
            if ((int)answer.StatusCode >= 500)
            {
                return $"{(int)answer.StatusCode}";
            }

            if ((int)answer.StatusCode >= 400 && string.IsNullOrWhiteSpace(body))
            {
                return $"{(int)answer.StatusCode} with an empty page";
            }

            if (HostileInput.Unencoded.FirstOrDefault(m => body.Contains(m, StringComparison.Ordinal)) is { } shown)
            {
                return $"the page shows \"{shown}\" unencoded";
            }

            var before = _rows!;
            var after = _rows = await world.DbAsync(db => StoredRows.ReadAsync(db, written, before));
            if (answer.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest or HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity
                && await answer.ReadPageAsync() is var refused && refused.Forms.Any(f => f.Action == action))
            {
                // Refused: the form again, saying why in the page's language, and nothing of the post kept.
                var messages = Messages(refused);
                if (messages.Count == 0)
                {
                    return $"refused ({(int)answer.StatusCode}) without a message on the page (\"{refused.QuerySelector("h1")?.TextContent.Trim()}\")";
                }

                if (spanish && messages.FirstOrDefault(EnglishTexts.IsEnglish) is { } english)
                {
                    return $"refused on a Spanish or Chinese page in English: \"{english}\"";
                }

                return after.ChangedSince(before) is { Count: > 0 } changed ? $"refused, but saved to {string.Join(", ", changed)}" : null;
            }

            if ((int)answer.StatusCode >= 400)
            {
                // Refused whole (a crafted value, a conflict): an error page in the page's language, and nothing saved.
                var page = await answer.ReadPageAsync();
                if (spanish && page.QuerySelectorAll("h1, main p").Select(e => e.TextContent.Trim()).FirstOrDefault(EnglishTexts.IsEnglish) is { } english)
                {
                    return $"answered {(int)answer.StatusCode} on a Spanish or Chinese page in English: \"{english}\"";
                }

                return after.ChangedSince(before) is { Count: > 0 } changed ? $"answered {(int)answer.StatusCode}, but saved to {string.Join(", ", changed)}" : null;
            }

            {
                // Saved: the value must be kept as it was typed (NUL taken out, decision 0034; spaces around trimmed).
                var typed = value.Replace("\0", string.Empty, StringComparison.Ordinal).Trim();
                var items = Lists.Contains(field) ? typed.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [typed];
                if (typed.Length > 0 && !Unstored.Any(u => action.EndsWith(u, StringComparison.Ordinal)) && !items.All(item => after.Holds(before, item)))
                {
                    // Refused after a redirect (the page it leads to says why), with nothing saved, is a refusal too.
                    if (answer.Headers.Location is { } next && after.ChangedSince(before).Count == 0
                        && Messages(await client.GetPageAsync(next.OriginalString)) is { Count: > 0 } notices)
                    {
                        return spanish && notices.FirstOrDefault(EnglishTexts.IsEnglish) is { } english ? $"refused on a Spanish or Chinese page in English: \"{english}\"" : null;
                    }

                    return $"accepted ({(int)answer.StatusCode} {answer.Headers.Location}), but not stored as typed (changed: {string.Join(", ", after.ChangedSince(before))})";
                }
            }

            return null;
        }
    }

    /// <summary>Every GET route of the app whose parameters are all ids this test has.</summary>
    private List<string> Pages(Dictionary<string, int> ids)
    {
        var routes = world.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
            .Select(e => e.RoutePattern)
            .ToList();
        var pages = new List<string>();
        foreach (var pattern in routes)
        {
            var ok = true;
            foreach (var parameter in pattern.Parameters)
            {
                if (parameter.IsOptional)
                {
                    continue;
                }

                if (!ids.ContainsKey(parameter.Name))
                {
                    ok = false;
                    break;
                }
            }

            var raw = "/" + (pattern.RawText ?? string.Empty).TrimStart('/');
            if (!ok || raw.EndsWith(".png", StringComparison.Ordinal) || raw.EndsWith(".csv", StringComparison.Ordinal) || raw.EndsWith(".ics", StringComparison.Ordinal)
                || raw.Contains("export", StringComparison.Ordinal) || raw.StartsWith("/error", StringComparison.Ordinal) || raw.StartsWith("/metrics", StringComparison.Ordinal))
            {
                continue;
            }

            pages.Add(System.Text.RegularExpressions.Regex.Replace(raw, @"\{(?<name>[A-Za-z]+)(:[^}]*)?\??\}", m =>
                ids.TryGetValue(m.Groups["name"].Value, out var id) ? id.ToString(CultureInfo.InvariantCulture) : string.Empty).TrimEnd('/') is { Length: > 0 } p ? p : "/");
        }

        return pages.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Every field a person or an attacker can send: text boxes and areas, and the choices (lists, buttons, boxes) and hidden fields a crafted post can fill with anything.</summary>
    internal static IEnumerable<string> Fields(IHtmlFormElement form) =>
        form.Elements.OfType<IHtmlInputElement>().Where(i => !string.IsNullOrEmpty(i.Name) && i.Name != "__RequestVerificationToken" && i.Type.ToLowerInvariant() is not ("submit" or "button" or "file"))
            .Select(i => i.Name!)
            .Concat(form.Elements.OfType<IHtmlTextAreaElement>().Where(t => !string.IsNullOrEmpty(t.Name)).Select(t => t.Name!))
            .Concat(form.Elements.OfType<IHtmlSelectElement>().Where(t => !string.IsNullOrEmpty(t.Name)).Select(t => t.Name!))
            .Distinct();

    /// <summary>What a refusal says: errors beside fields, the error summary, alerts.</summary>
    private static List<string> Messages(IHtmlDocument page) =>
        page.QuerySelectorAll("[id$='-error'], .invalid-feedback, .field-validation-error, #error-summary li, .text-danger, .alert-danger, .alert-warning, [role=alert]")
            .Select(e => e.TextContent.Trim()).Where(t => t.Length > 0).Distinct().ToList();

    private static string Relative(string action) => Uri.TryCreate(action, UriKind.Absolute, out var uri) ? uri.PathAndQuery : action;
}
