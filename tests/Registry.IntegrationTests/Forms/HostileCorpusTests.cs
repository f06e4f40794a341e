using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.IntegrationTests.Security;

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
    private static readonly string[] Skipped = ["/sign-out", "/sign-out-everywhere", "/remove", "/delete", "/cancel", "/change-password", "/two-factor/", "/passkeys", "/language"];

    /// <summary>Forms that look something up or send something and keep nothing typed in them: that they worked is not a save.</summary>
    private static readonly string[] Unstored = ["/account/forgot-password"];

    /// <summary>Fields that take a list ("Spanish, English"): each item is kept, as typed.</summary>
    private static readonly string[] Lists = ["Languages"];

    private static readonly string[] TextTypes = ["text", "email", "tel", "number", "date", "search", "url", ""];

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
        var written = world.App.Services.GetRequiredService<WrittenTables>();
        StoredRows? before = null;
        Assert.True(pages.Count > 50, $"Only {pages.Count} pages found in the routing table.");

        var failures = new List<string>();
        var tried = 0;
        var forms = 0;
        foreach (var (persona, client) in new[] { ("professional", world.Owner), ("director", world.Director), ("sponsor manager", world.SponsorManager) })
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
                    .SelectMany(f => Fields(f).Select(name => (f.Action, name))).Distinct().ToList())
                {
                    forms++;
                    before = await world.DbAsync(db => StoredRows.ReadAsync(db, written, before));
                    foreach (var (name, value) in HostileInput.Values)
                    {
                        // The page again for each try: a save before may have changed the form (a new concurrency stamp).
                        var fresh = await client.GetPageAsync(path);
                        if (fresh.Forms.FirstOrDefault(f => f.Action == action && Fields(f).Contains(field)) is not { } form)
                        {
                            break;
                        }

                        tried++;
                        using var answer = await client.PostFormAsync(form, values: new Dictionary<string, string> { [field] = value });
                        var body = await answer.Content.ReadAsStringAsync();
                        var where = $"{persona} {path} → {Relative(action)} [{field}] with {name}";
                        if ((int)answer.StatusCode >= 500)
                        {
                            failures.Add($"{where}: {(int)answer.StatusCode}");
                        }
                        else if ((int)answer.StatusCode >= 400 && string.IsNullOrWhiteSpace(body))
                        {
                            failures.Add($"{where}: {(int)answer.StatusCode} with an empty page");
                        }
                        else if (HostileInput.Unencoded.FirstOrDefault(m => body.Contains(m, StringComparison.Ordinal)) is { } shown)
                        {
                            failures.Add($"{where}: the page shows \"{shown}\" unencoded");
                        }
                        else if (answer.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest or HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity
                            && await answer.ReadPageAsync() is var refused && refused.Forms.Any(f => f.Action == action))
                        {
                            // Refused: the form again, saying why, and nothing of the post kept.
                            var after = await world.DbAsync(db => StoredRows.ReadAsync(db, written, before));
                            if (!SaysWhy(refused))
                            {
                                failures.Add($"{where}: refused ({(int)answer.StatusCode}) without a message on the page (\"{refused.QuerySelector("h1")?.TextContent.Trim()}\")");
                            }
                            else if (after.ChangedSince(before) is { Count: > 0 } changed)
                            {
                                failures.Add($"{where}: refused, but saved to {string.Join(", ", changed)}");
                            }

                            before = after;
                        }
                        else if ((int)answer.StatusCode < 400)
                        {
                            // Saved: the value must be kept as it was typed (NUL taken out, decision 0034; spaces around trimmed).
                            var after = await world.DbAsync(db => StoredRows.ReadAsync(db, written, before));
                            var typed = value.Replace("\0", string.Empty, StringComparison.Ordinal).Trim();
                            var items = Lists.Contains(field) ? typed.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [typed];
                            if (typed.Length > 0 && !Unstored.Any(u => action.EndsWith(u, StringComparison.Ordinal)) && !items.All(item => after.Holds(before, item)))
                            {
                                failures.Add($"{where}: accepted ({(int)answer.StatusCode} {answer.Headers.Location}), but not stored as typed (changed: {string.Join(", ", after.ChangedSince(before))})");
                            }

                            before = after;
                        }
                    }
                }
            }
        }

        Assert.True(forms > 20, $"Only {forms} form fields found.");
        var kinds = failures.GroupBy(f => f[(f.IndexOf(" with ", StringComparison.Ordinal) + 6)..]).Select(g => $"{g.Count()} x {g.Key}");
        Assert.True(failures.Count == 0, $"{failures.Count} of {tried} tries failed:\n" + string.Join("\n", kinds) + "\n\n" + string.Join("\n", failures.DistinctBy(f => f[(f.IndexOf(" with ", StringComparison.Ordinal) + 6)..]).Take(60)));
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

    private static IEnumerable<string> Fields(IHtmlFormElement form) =>
        form.Elements.OfType<IHtmlInputElement>().Where(i => TextTypes.Contains(i.Type.ToLowerInvariant()) && !string.IsNullOrEmpty(i.Name)).Select(i => i.Name!)
            .Concat(form.Elements.OfType<IHtmlTextAreaElement>().Where(t => !string.IsNullOrEmpty(t.Name)).Select(t => t.Name!));

    /// <summary>A refusal says why: an error beside a field, the error summary, or an alert.</summary>
    private static bool SaysWhy(IHtmlDocument page) =>
        page.QuerySelector("[id$='-error'], .invalid-feedback, .field-validation-error, #error-summary, .text-danger, .alert-danger, .alert-warning, [role=alert]") is { } error
        && !string.IsNullOrWhiteSpace(error.TextContent);

    private static string Relative(string action) => Uri.TryCreate(action, UriKind.Absolute, out var uri) ? uri.PathAndQuery : action;
}
