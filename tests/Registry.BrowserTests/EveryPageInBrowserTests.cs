using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Domain.Access;
using Registry.Web.Domain.Calendar;
using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Education;
using Registry.Web.Domain.Employments;
using Registry.Web.Domain.Messages;
using Registry.Web.Domain.Professionals;
using Registry.Web.Domain.Training;
using Registry.Web.Domain.Workforce;
using Registry.Web.Features.Card;
using Registry.Web.Features.DataQuality;
using Registry.Web.Features.Documents;
using Registry.Web.Features.Workforce;
using Registry.Web.Infrastructure.Security;
using Xunit.Abstractions;

namespace Registry.BrowserTests;

/// <summary>
/// Every page, as every persona, in Chromium. The pages are found from the app's routes (every GET
/// action), their ids filled from data seeded here; each persona visits each page, and each page a
/// persona reaches is checked at 1280 and 360 px wide, in English and in Chinese: axe (WCAG 2.0, 2.1
/// and 2.2 A and AA, every impact), no sideways scrolling on a phone, and on a page with a form in
/// main, the form's submit button reached by Tab alone with focus visible on every control on the way.
/// A GET route the sweep cannot fill, and that is not excluded below with a reason, fails the test;
/// so does a route no persona reaches. All failures are collected and reported at once.
/// </summary>
public sealed partial class EveryPageInBrowserTests(BrowserApp app, ITestOutputHelper output) : IClassFixture<BrowserApp>
{
    /// <summary>GET routes that answer with something other than an HTML page, so there is nothing for axe to read.</summary>
    private static readonly Dictionary<string, string> NotHtml = new(StringComparer.Ordinal)
    {
        ["/.well-known/jwks.json"] = "JSON: the registry's public signing keys",
        ["/.well-known/did.json"] = "JSON: the registry's DID document",
        ["/did.json"] = "JSON: the registry's DID document",
        ["/credentials/status/{list:int}"] = "JSON: a credential status list",
        ["/api/my/qualifications"] = "JSON: the person's qualifications for apps",
        ["/my-registry/export"] = "ZIP: the person's whole record",
        ["/my-registry/card/qr.png"] = "PNG: the card's QR code",
        ["/account/two-factor/qr.png"] = "PNG: the authenticator QR code",
        ["/my-registry/credentials/{credentialId:int}/download"] = "JSON: a signed credential file",
        ["/my-registry/documents/{documentId:int}"] = "the uploaded file itself (PDF or image), shown to its owner",
        ["/documents/{documentId:int}"] = "the uploaded file itself (PDF or image), shown to those allowed",
        ["/staff/access-requests/{requestId:int}/proof"] = "the uploaded proof file (PDF or image)",
        ["/staff/name-changes/{nameChangeId:int}/proof"] = "the uploaded proof file (PDF or image)",
        ["/training/calendar.ics"] = "ICS: the calendar feed",
        ["/training/events/{eventId:int}/certificate/qr.png"] = "PNG: the certificate's QR code",
        ["/sponsors/events/{eventId:int}/sessions/{sessionId:int}/check-in.png"] = "PNG: the session's check-in QR code",
        ["/employers/lookup"] = "an HTML fragment for the employer pop-up (no layout, not a page); its results are checked through /employers and sign-up",
        ["/metrics"] = "Prometheus metrics text",
        ["/health"] = "health check text",
        ["/healthz"] = "health check text",
    };

    /// <summary>HTML pages the sweep cannot visit as a page on its own, and why (each is checked elsewhere or needs a one-time secret).</summary>
    private static readonly Dictionary<string, string> NotSwept = new(StringComparer.Ordinal)
    {
        ["/language"] = "not a page: sets the language cookie and redirects back",
        ["/account/sign-in/two-factor"] = "a step of signing in: only reachable mid sign-in; every persona with a second factor passes through it in this test's sign-in",
        ["/account/confirm-email"] = "needs a one-time token emailed to the person (CreateProfileInBrowserTests opens it)",
        ["/account/reset-password"] = "needs a one-time token emailed to the person",
        ["/account/confirm-email-change"] = "needs a one-time token emailed to the person",
        ["/account/undo-email-change"] = "needs a one-time token emailed to the person",
        ["/account/sign-in-link"] = "needs a one-time token emailed to the person",
        ["/account/claim"] = "needs a one-time claim code sent to an imported person",
        ["/sign-up/employer"] = "a sign-up step: needs the earlier steps' answers in the session (CreateProfileInBrowserTests walks it)",
        ["/sign-up/employer/not-found"] = "a sign-up step: needs the earlier steps' answers in the session (CreateProfileInBrowserTests walks it)",
        ["/sign-up/employment"] = "a sign-up step: needs the earlier steps' answers in the session (CreateProfileInBrowserTests walks it)",
        ["/sign-up/education"] = "a sign-up step: needs the earlier steps' answers in the session (CreateProfileInBrowserTests walks it)",
        ["/sign-up/done"] = "a sign-up step: needs the earlier steps' answers in the session (CreateProfileInBrowserTests walks it)",
        ["/my-registry/bring-my-record/{importId:int}"] = "needs a record brought from another registry with signed credentials (BringMyRecordTests)",
        // Redirects, not pages of their own:
        ["/sign-up"] = "redirects to the first step, /sign-up/personal (which is swept)",
        ["/staff"] = "redirects to the verification queue, /staff/review (which is swept)",
    };

    /// <summary>Whether the app offers Traditional Chinese yet (another change adds it): the Chinese pass runs once it does.</summary>
    private static bool ChineseSupported =>
        Registry.Web.Infrastructure.Localization.LocalizationSetup.SupportedCultures.Any(c => c.Name.StartsWith("zh", StringComparison.Ordinal));

    private static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
    private const int MaxTabs = 120;
    private const int Parallel = 3;

    /// <summary>
    /// Every page is checked for every persona that reaches it at 1280 px in English (each persona's own
    /// menus, data and forms); at 360 px and in Chinese each page (each address) is checked once, by the
    /// first persona to reach it: the layout, its widths and the Chinese texts are the same for the next
    /// persona, and checking them nine times would take the sweep from about ten minutes to half an hour.
    /// The keyboard is tried once a page and width (in English), by the first persona reaching it.
    /// </summary>
    private readonly ConcurrentDictionary<(string Url, int Width, string Language), string> _checkedBy = new();

    private sealed record Persona(string Name, string? Email, bool SecondFactor = false);

    private sealed record Route(string Template, string Policies);

    private sealed record Visit(string Template, string Url);

    [BrowserFact]
    public async Task Every_page_passes_axe_fits_a_phone_and_reaches_its_form_by_keyboard_for_every_persona()
    {
        var clock = Stopwatch.StartNew();
        var (personas, ids, extra) = await SeedAsync();
        var only = Environment.GetEnvironmentVariable("REGISTRY_SWEEP_ONLY")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (only is { Length: > 0 })
        {
            // A quicker look at some personas while fixing (every route is then not checked for a persona reaching it).
            personas = personas.Where(p => only.Contains(p.Name, StringComparer.Ordinal)).ToList();
        }
        var failures = new ConcurrentBag<string>();

        // The pages, from the routes.
        var routes = Routes();
        var visits = new List<Visit>();
        var unfilled = new List<string>();
        foreach (var route in routes)
        {
            if (NotHtml.ContainsKey(route.Template) || NotSwept.ContainsKey(route.Template) || NonHtmlByExtension(route.Template))
            {
                continue;
            }

            if (Fill(route.Template, ids) is { } url)
            {
                visits.Add(new Visit(route.Template, url));
                foreach (var more in extra.GetValueOrDefault(route.Template) ?? [])
                {
                    visits.Add(new Visit(route.Template, more));
                }
            }
            else
            {
                unfilled.Add(route.Template);
            }
        }

        foreach (var template in unfilled)
        {
            failures.Add($"route {template}: no seeded value for its parameters; add one to the ids, or list it in NotHtml/NotSwept with a reason");
        }

        foreach (var stale in NotSwept.Keys.Concat(NotHtml.Keys).Where(k => !routes.Any(r => r.Template == k) && !k.StartsWith("/metrics", StringComparison.Ordinal) && !k.StartsWith("/health", StringComparison.Ordinal)))
        {
            failures.Add($"excluded route {stale} no longer exists: remove it from the list");
        }

        var reached = new ConcurrentDictionary<string, ConcurrentBag<string>>(StringComparer.Ordinal);
        var summary = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        using var gate = new SemaphoreSlim(Parallel);
        await Task.WhenAll(personas.Select(async persona =>
        {
            await gate.WaitAsync();
            try
            {
                await SweepAsync(persona, visits, failures, reached, summary);
            }
            catch (Exception e)
            {
                failures.Add($"{persona.Name}: the sweep stopped: {e.GetType().Name}: {e.Message}");
                Progress($"FAIL {persona.Name}: the sweep stopped: {e}");
            }
            finally
            {
                gate.Release();
            }
        }));

        foreach (var template in visits.Select(v => v.Template).Distinct().Where(t => only is not { Length: > 0 } && !reached.ContainsKey(t)))
        {
            failures.Add($"route {template}: no persona reached it ({string.Join(", ", visits.Where(v => v.Template == template).Select(v => v.Url))}); seed what it needs, or list it in NotSwept with a reason");
        }

        output.WriteLine($"Routes: {routes.Count} GET routes; {visits.Select(v => v.Template).Distinct().Count()} swept, {routes.Count(r => NotHtml.ContainsKey(r.Template) || NonHtmlByExtension(r.Template))} not HTML, {routes.Count(r => NotSwept.ContainsKey(r.Template))} not swept (see the lists).");
        foreach (var line in summary.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{line.Key}: {line.Value}");
        }

        output.WriteLine(ChineseSupported ? "Languages: English and Chinese (zh-Hant)." : "Languages: English; the Chinese pass is skipped until zh-Hant is one of the app's cultures (its pages would be the English ones).");
        output.WriteLine($"Whole sweep: {clock.Elapsed.TotalSeconds:F0} s; {failures.Count} failures.");
        var list = failures.Order(StringComparer.Ordinal).ToList();
        Assert.True(list.Count == 0, $"{list.Count} failures:\n" + string.Join("\n", list));
    }

    private async Task SweepAsync(Persona persona, IReadOnlyList<Visit> visits, ConcurrentBag<string> failures, ConcurrentDictionary<string, ConcurrentBag<string>> reached, ConcurrentDictionary<string, string> summary)
    {
        var clock = Stopwatch.StartNew();
        await using var context = await app.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, Locale = "en-US" });
        var page = persona.Email is null ? await context.NewPageAsync() : await app.SignedInAsync(context, persona.Email);
        if (persona.SecondFactor)
        {
            await page.GotoAsync($"{app.BaseUrl}/access");
            await app.SecondFactorAsync(page, persona.Email!);
        }

        // Which pages this persona reaches: asked without a browser page (the context's cookies, no redirects followed).
        var reachable = new List<Visit>();
        var unreachable = 0;
        foreach (var visit in visits)
        {
            var response = await context.APIRequest.GetAsync(app.BaseUrl + visit.Url, new() { MaxRedirects = 0 });
            var status = response.Status;
            var type = response.Headers.GetValueOrDefault("content-type") ?? string.Empty;
            await response.DisposeAsync();
            if (status is 401 or 403 or 404 or (>= 300 and < 400))
            {
                unreachable++;
                continue;
            }

            if (status >= 500 && !visit.Template.StartsWith("/error", StringComparison.Ordinal))
            {
                failures.Add($"{persona.Name} {visit.Url}: answered {status}");
                continue;
            }

            if (!type.StartsWith("text/html", StringComparison.OrdinalIgnoreCase))
            {
                failures.Add($"{persona.Name} {visit.Url}: answered {type}, not HTML; add route {visit.Template} to NotHtml with a reason");
                continue;
            }

            reachable.Add(visit);
            reached.GetOrAdd(visit.Template, _ => []).Add(persona.Name);
        }

        Progress($"{persona.Name}: {reachable.Count} pages reached ({string.Join(" ", reachable.Select(v => v.Url))}), {unreachable} not, {clock.Elapsed.TotalSeconds:F0} s");
        var checks = 0;
        foreach (var (language, cookie) in new[] { ("en", "c=en|uic=en"), ("zh", "c=zh-Hant|uic=zh-Hant") })
        {
            if (language == "zh" && !ChineseSupported)
            {
                // Until zh-Hant is one of the app's cultures its pages are the English ones, already checked.
                continue;
            }

            await context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = Uri.EscapeDataString(cookie), Url = app.BaseUrl }]);
            foreach (var width in new[] { 1280, 360 })
            {
                await page.SetViewportSizeAsync(width, width == 360 ? 740 : 900);
                foreach (var visit in reachable)
                {
                    if (!(width == 1280 && language == "en") && !_checkedBy.TryAdd((visit.Url, width, language), persona.Name))
                    {
                        continue;
                    }

                    var where = $"{persona.Name} {width}px {language} {visit.Url}";
                    try
                    {
                        var started = Stopwatch.GetTimestamp();
                        var found = new ConcurrentBag<string>();
                        await CheckAsync(page, visit, width, keyboard: language == "en" && _checkedBy.TryAdd((visit.Url, width, "keyboard"), persona.Name), where, found);
                        checks++;
                        Progress($"{where}: {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms");
                        foreach (var failure in found)
                        {
                            failures.Add(failure);
                            Progress("FAIL " + failure);
                        }
                    }
                    catch (Exception e) when (e is PlaywrightException or TimeoutException)
                    {
                        failures.Add($"{where}: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
                    }
                }
            }
        }

        Progress($"{persona.Name} done: {clock.Elapsed.TotalSeconds:F0} s");
        summary[persona.Name] = $"{reachable.Count} pages reached, {unreachable} not reachable, {checks} page loads checked, {clock.Elapsed.TotalSeconds:F0} s";
    }

    private static readonly Lock ProgressLock = new();

    /// <summary>What the sweep is doing, as it goes, in artifacts/browser-logs/sweep-progress.log (the test's output comes only at its end).</summary>
    private static void Progress(string line)
    {
        lock (ProgressLock)
        {
            var folder = Path.Combine(BrowserApp.ScreenshotFolder, "..", "browser-logs");
            Directory.CreateDirectory(folder);
            File.AppendAllText(Path.Combine(folder, "sweep-progress.log"), $"{DateTime.UtcNow:HH:mm:ss} {line}\n");
        }
    }

    private async Task CheckAsync(IPage page, Visit visit, int width, bool keyboard, string where, ConcurrentBag<string> failures)
    {
        await page.GotoAsync(app.BaseUrl + visit.Url);

        // A page following work in progress reloads itself every few seconds: stopped first, with its own button, as a reader may.
        if (await page.Locator("#stop-refreshing").CountAsync() > 0)
        {
            await page.ClickAsync("#stop-refreshing");
        }
        if (where.Contains(" zh ", StringComparison.Ordinal) && !(await page.EvaluateAsync<string>("document.documentElement.lang")).StartsWith("zh", StringComparison.Ordinal))
        {
            failures.Add($"{where}: not in Chinese (html lang is not zh)");
        }

        var results = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. Tags] }, ResultTypes = [ResultType.Violations] });
        foreach (var violation in results.Violations)
        {
            failures.Add($"{where}: axe {violation.Id} ({violation.Impact}) at {violation.Nodes.FirstOrDefault()?.Target} [{violation.Nodes.Length} element(s)]");
        }

        if (width == 360 && !await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1"))
        {
            var widest = await page.EvaluateAsync<string>(WidestScript);
            failures.Add($"{where}: scrolls sideways at 360 px ({widest})");
        }

        // The order of controls and their focus styles are the same in both languages: Tab is pressed in English.
        if (keyboard && await page.EvaluateAsync<bool>(MarkSubmitScript))
        {
            await KeyboardAsync(page, where, failures);
        }
    }

    /// <summary>Tab from the top of the page to the first form's submit button in main, each focused control showing its focus.</summary>
    private static async Task KeyboardAsync(IPage page, string where, ConcurrentBag<string> failures)
    {
        // Each focused control is noted by a focusin listener as Tab is pressed, read back every few presses.
        await page.EvaluateAsync(FocusLogScript);
        const int Batch = 8;
        for (var pressed = 0; pressed < MaxTabs; pressed += Batch)
        {
            for (var i = 0; i < Batch; i++)
            {
                await page.Keyboard.PressAsync("Tab");
            }

            var log = await page.EvaluateAsync<string[][]>("() => window.__sweepFocus");
            var target = Array.FindIndex(log, f => f[2] == "target");
            var left = Array.FindIndex(log, f => f[0] == "body");
            if (left >= 0 && (target < 0 || left < target))
            {
                failures.Add($"{where}: keyboard: focus left the page after {left + 1} tabs without reaching the form's submit button");
                return;
            }

            if (target >= 0)
            {
                var unseen = log.Take(target + 1).Where(f => f[1] == "hidden").Select(f => f[0]).Distinct().ToList();
                if (unseen.Count > 0)
                {
                    failures.Add($"{where}: keyboard: focus not visible on {string.Join(", ", unseen.Take(5))}");
                }

                return;
            }
        }

        failures.Add($"{where}: keyboard: the form's submit button not reached in {MaxTabs} tabs");
    }

    /// <summary>From the top of the page, with nothing focused: notes each focused control ([what, "shown"/"hidden" focus style, "target" for the marked button]); focus leaving the page is noted as "body".</summary>
    private const string FocusLogScript = """
        () => {
          if (document.activeElement) { document.activeElement.blur(); }
          window.scrollTo(0, 0);
          window.__sweepFocus = [];
          // Focus styles read at once, not at the start of a transition.
          const still = document.createElement('style');
          still.textContent = '*, *::before, *::after { transition: none !important; animation: none !important; }';
          document.head.appendChild(still);
          document.addEventListener('focusin', e => {
            const el = e.target;
            const s = getComputedStyle(el);
            const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
            const shadow = s.boxShadow && s.boxShadow !== 'none';
            const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.getAttribute('name') ? `[name=${el.getAttribute('name')}]` : '')
              + (el.tagName === 'A' ? `[href=${el.getAttribute('href')}]` : '');
            window.__sweepFocus.push([name, outline || shadow ? 'shown' : 'hidden', el.hasAttribute('data-sweep-target') ? 'target' : '']);
          });
          window.addEventListener('blur', () => window.__sweepFocus.push(['body', '', '']));
        }
        """;

    /// <summary>Marks the submit button of main's first form that shows one; false when main has no such form.</summary>
    private const string MarkSubmitScript = """
        () => {
          for (const form of document.querySelectorAll('main form')) {
            const button = form.querySelector('button[type=submit], button:not([type]), input[type=submit]')
              ?? (form.id ? document.querySelector(`button[form="${form.id}"][type=submit]`) : null);
            if (button && !button.disabled && button.getClientRects().length > 0 && getComputedStyle(button).visibility !== 'hidden') {
              button.setAttribute('data-sweep-target', '');
              return true;
            }
          }
          return false;
        }
        """;

    /// <summary>The element that sticks out furthest to the right, to say what made the page scroll.</summary>
    private const string WidestScript = """
        () => {
          let widest = null, right = 0;
          for (const el of document.querySelectorAll('body *')) {
            const r = el.getBoundingClientRect().right;
            if (r > right) { right = r; widest = el; }
          }
          return widest ? `${widest.tagName.toLowerCase()}${widest.id ? '#' + widest.id : ''}${widest.className && typeof widest.className === 'string' ? '.' + widest.className.trim().split(/\s+/).join('.') : ''} to ${Math.round(right)} px; page ${document.documentElement.scrollWidth} px` : '';
        }
        """;

    private List<Route> Routes() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ControllerActionDescriptor>() is not null)
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>() is not { } methods || methods.HttpMethods.Contains("GET"))
            .Select(e => new Route(
                "/" + e.RoutePattern.RawText!.TrimStart('/'),
                string.Join(",", e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy ?? a.Roles ?? "signed in").Distinct())))
            .DistinctBy(r => r.Template)
            .OrderBy(r => r.Template, StringComparer.Ordinal)
            .ToList();

    private static bool NonHtmlByExtension(string template) =>
        template.EndsWith(".csv", StringComparison.Ordinal) || template.EndsWith(".png", StringComparison.Ordinal) || template.EndsWith(".json", StringComparison.Ordinal)
        || template.EndsWith(".ics", StringComparison.Ordinal) || template.EndsWith(".pdf", StringComparison.Ordinal) || template.EndsWith(".zip", StringComparison.Ordinal);

    /// <summary>The route with its parameters filled from the seeded ids (by the route's own entry first, then by the parameter's name); null when one cannot be.</summary>
    private static string? Fill(string template, Dictionary<string, string> ids)
    {
        if (template.Contains("{*", StringComparison.Ordinal))
        {
            return null;
        }

        var missing = false;
        var url = RouteParameter().Replace(template, m =>
        {
            var name = m.Groups["name"].Value;
            if (ids.TryGetValue($"{template}:{name}", out var specific) || ids.TryGetValue(name, out specific))
            {
                return Uri.EscapeDataString(specific);
            }

            missing = true;
            return string.Empty;
        });
        return missing ? null : url;
    }

    [GeneratedRegex(@"\{(?<name>[A-Za-z]+)[^}]*\}")]
    private static partial Regex RouteParameter();

    /// <summary>One account per persona with what it needs, and the ids the routes take.</summary>
    private async Task<(List<Persona> Personas, Dictionary<string, string> Ids, Dictionary<string, string[]> Extra)> SeedAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<RegistryUser>>();
        var now = DateTimeOffset.UtcNow;
        var today = TestClock.Today;

        async Task<(string Email, string UserId)> AccountAsync(string name, string? role = null)
        {
            var email = $"sweep.{name}.{Guid.NewGuid():N}@example.org";
            var user = new RegistryUser { UserName = email, Email = email, EmailConfirmed = true };
            Assert.True((await users.CreateAsync(user, BrowserApp.Password)).Succeeded);
            if (role is not null)
            {
                Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
            }

            return (email, user.Id);
        }

        async Task<(string Email, string UserId, Professional Person)> ProfessionalAsync(string first, string last)
        {
            var (email, userId) = await AccountAsync(Regex.Replace(first + "." + last, "[^A-Za-z.]", "x"));
            var person = new Professional(await TestRegistryIds.NextAsync(db), userId, new PersonName(first, null, last), new DateOnly(1990, 4, 12), email, now);
            db.Professionals.Add(person);
            await db.SaveChangesAsync();
            return (email, userId, person);
        }

        var site = await db.Employers.Where(e => e.County == "San Francisco").OrderBy(e => e.Id).Skip(20).Select(e => e.Id).FirstAsync();

        // The professional: a job at the site, a degree, a course, a permit and an application, a training record, a document.
        var (proEmail, proUser, pro) = await ProfessionalAsync("Lucía", "Fernández");
        var job = Employment.AtListedEmployer(site, EmploymentRole.Teacher, today.AddYears(-2), new EmploymentSchedule(5, 8));
        pro.AddEmployment(job);
        pro.AddDegree(new Degree(DegreeLevel.Associate, "Child Development", "City College of San Francisco", new DateOnly(2019, 5, 24)));
        pro.AddCourse(new Course("City College of San Francisco", "CD 53", "Child Growth", 3, UnitType.Semester, "A", "Fall 2024", CourseCategory.ChildGrowthAndDevelopment));
        pro.AddCredential(new Credential(CredentialType.ChildDevelopmentTeacherPermit, "240012345", "Commission on Teacher Credentialing", new DateOnly(2022, 7, 1), new DateOnly(2027, 7, 1)));
        pro.AddPermitApplication(new PermitApplication(CredentialType.ChildDevelopmentSiteSupervisorPermit, today.AddMonths(-2)));
        pro.AddTrainingRecord(new TrainingRecord("Outdoor play", "SF Child Care Council", today.AddMonths(-3), 3, null, "English", DeliveryMode.InPerson, TrainingTrustLevel.SelfReported));
        await db.SaveChangesAsync();
        var pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();
        using (var stream = new MemoryStream(pdf))
        {
            var file = new FormFile(stream, 0, pdf.Length, "File", "transcript.pdf") { Headers = new HeaderDictionary(), ContentType = "application/pdf" };
            Assert.Null(await scope.ServiceProvider.GetRequiredService<MyDocuments.Handler>().UploadAsync(pro.Id, new MyDocuments.UploadForm { File = file, Kind = "Transcript" }, CancellationToken.None));
        }

        // More staff at the site, one not yet confirmed.
        foreach (var (first, confirmed) in new[] { ("Ana", true), ("Bao", true), ("Carmen", false) })
        {
            var (_, _, staff) = await ProfessionalAsync(first, "Teacher");
            var staffJob = Employment.AtListedEmployer(site, EmploymentRole.Teacher, today.AddYears(-1), new EmploymentSchedule(5, 8));
            if (confirmed)
            {
                staffJob.ConfirmByEmployer("seed", now);
            }

            staff.AddEmployment(staffJob);
        }

        // The director of the site, the rater and the stipend administrator of its county.
        var (directorEmail, directorUser, _) = await ProfessionalAsync("Dora", "Director");
        db.AccessGrants.Add(AccessGrant.ForSite(directorUser, AccessRole.SiteDirector, site, now.AddDays(-1), now.AddDays(365)));
        var (raterEmail, raterUser, _) = await ProfessionalAsync("Rafael", "Rater");
        db.AccessGrants.Add(AccessGrant.ForCounty(raterUser, AccessRole.Rater, "San Francisco", now.AddDays(-1), now.AddDays(365)));
        var (stipendEmail, stipendUser, _) = await ProfessionalAsync("Stella", "Stipends");
        db.AccessGrants.Add(AccessGrant.ForCounty(stipendUser, AccessRole.StipendAdministrator, "San Francisco", now.AddDays(-1), now.AddDays(365)));

        // The sponsor: its manager, an approved instructor, a pending one, an event with a session open for check-in.
        var (managerEmail, managerUser, _) = await ProfessionalAsync("Marta", "Manager");
        var (instructorEmail, instructorUser, _) = await ProfessionalAsync("Iris", "Instructor");
        var sponsor = new Sponsor("Mission Training Collaborative", "events@example.org", null, "San Francisco", null, managerUser, now);
        sponsor.Approve("seed", now);
        db.Sponsors.Add(sponsor);
        await db.SaveChangesAsync();
        var manager = new SponsorMember(sponsor.Id, managerUser, SponsorRole.Manager, now);
        manager.Approve(now, true);
        var instructor = new SponsorMember(sponsor.Id, instructorUser, SponsorRole.Instructor, now);
        instructor.Approve(now, false);
        var (_, pendingUser) = await AccountAsync("pending");
        db.SponsorMembers.AddRange(manager, instructor, new SponsorMember(sponsor.Id, pendingUser, SponsorRole.Instructor, now));
        var details = new TrainingEventDetails("Supporting Dual Language Learners", "Practical strategies.", TrainingTopic.DualLanguageLearners, "en",
            TrainingAudience.Everyone, false, "1 Main St", "San Francisco", "San Francisco", 10, 0, today.AddDays(7), 2);
        var trainingEvent = new TrainingEvent(sponsor.Id, details, [(today.AddDays(7), new TimeOnly(9, 0), new TimeOnly(12, 0)), (today.AddDays(-7), new TimeOnly(9, 0), new TimeOnly(12, 0))], now);
        db.TrainingEvents.Add(trainingEvent);
        await db.SaveChangesAsync();
        db.Registrations.Add(new Registration(trainingEvent.Id, pro.Id, RegistrationStatus.Registered, "seed", now));
        var sessions = await db.TrainingSessions.Where(s => s.EventId == trainingEvent.Id).OrderBy(s => s.Day).ToListAsync();
        var past = sessions[0];
        var session = sessions[^1];
        session.OpenCheckIn("sweepcode", now.AddDays(30));
        db.Attendance.Add(new Attendance(past.Id, pro.Id, 3, 3, null, AttendanceSource.Roster, managerUser, now));

        // An announcement of the director to the site's staff, received by the professional.
        var announcement = new Announcement(directorUser, site, null, now);
        announcement.Write(MessageKind.News, "Staff meeting", "Thursday at four.", null, null, new Audience(EmployerId: site));
        db.Announcements.Add(announcement);
        await db.SaveChangesAsync();
        db.AnnouncementRecipients.Add(new AnnouncementRecipient(announcement.Id, pro.Id, "en", emailed: false));

        var (staffEmail, staffUser) = await AccountAsync("staff", Roles.RegistryStaff);
        var (adminEmail, _) = await AccountAsync("admin", Roles.Administrator);

        // A people import, by registry staff.
        var import = new Registry.Web.Domain.BulkLoads.PeopleImport(staffUser, "Registry Staff", "people.csv", dryRun: true, now);
        db.PeopleImports.Add(import);
        await db.SaveChangesAsync();

        // The professional's card is public (the verification page), and a namesake is flagged as a possible duplicate of them (staff's comparison page).
        pro.AllowsPublicVerification = true;
        var (_, _, twin) = await ProfessionalAsync("Lucia", "Fernandez");
        twin.FlagPossibleDuplicateOf(pro.Id);
        await db.SaveChangesAsync();

        // A published census snapshot: the workforce analysis and trend pages.
        var census = scope.ServiceProvider.GetRequiredService<CensusTaking>();
        var snapshot = await census.RequestAsync(SnapshotKind.OnDemand, null, CancellationToken.None);
        await census.FillAsync(snapshot, CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<Snapshots.Handler>().PublishAsync(snapshot, "sweep", publish: true, CancellationToken.None);

        // A data quality run over every record: the list of each rule's failures.
        var qualityRuns = scope.ServiceProvider.GetRequiredService<DataQualityRuns.Handler>();
        await qualityRuns.RequestAsync(staffUser, CancellationToken.None);
        Assert.True(await qualityRuns.RunDueAsync(CancellationToken.None));

        // The membership card's signed code: the page its QR code opens.
        var card = await scope.ServiceProvider.GetRequiredService<MembershipCard.Handler>().CardAsync(pro.Id, CancellationToken.None);
        Assert.NotNull(card);

        var documentId = await db.Documents.Where(d => d.ProfessionalId == pro.Id).Select(d => d.Id).SingleAsync();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["statusCode"] = "500",
            ["registryId"] = pro.RegistryId,
            ["jobId"] = Id(job.Id),
            ["degreeId"] = Id(await db.Degrees.Where(d => d.ProfessionalId == pro.Id).Select(d => d.Id).SingleAsync()),
            ["courseId"] = Id(await db.Courses.Where(d => d.ProfessionalId == pro.Id).Select(d => d.Id).SingleAsync()),
            ["permitId"] = Id(await db.Credentials.Where(d => d.ProfessionalId == pro.Id).Select(d => d.Id).SingleAsync()),
            ["recordId"] = Id(await db.TrainingRecords.Where(d => d.ProfessionalId == pro.Id).Select(d => d.Id).SingleAsync()),
            ["documentId"] = Id(documentId),
            ["employerId"] = Id(site),
            ["sponsorId"] = Id(sponsor.Id),
            ["eventId"] = Id(trainingEvent.Id),
            ["sessionId"] = Id(session.Id),
            ["code"] = "sweepcode",
            ["professionalId"] = Id(pro.Id),
            ["rule"] = "RequiredFields",
            ["/my-registry/notices/{id:int}:id"] = Id(announcement.Id),
            ["/announcements/{id:int}:id"] = Id(announcement.Id),
            ["/announcements/{id:int}/edit:id"] = Id(announcement.Id),
            ["/staff/imports/{id:int}:id"] = Id(import.Id),
            ["/staff/duplicates/{professionalId:int}:professionalId"] = Id(twin.Id),
        };

        var personas = new List<Persona>
        {
            new("anonymous", null),
            new("professional", proEmail),
            new("site director", directorEmail, SecondFactor: true),
            new("rater", raterEmail, SecondFactor: true),
            new("stipend administrator", stipendEmail, SecondFactor: true),
            new("sponsor manager", managerEmail, SecondFactor: true),
            new("instructor", instructorEmail, SecondFactor: true),
            new("registry staff", staffEmail, SecondFactor: true),
            new("administrator", adminEmail, SecondFactor: true),
        };
        var extra = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["/credentials/card"] = ["/credentials/card?c=" + Uri.EscapeDataString(card.SignedPayload)],
            // The stipend administrator's review of a program in their county (applicants, eligible sites).
            ["/stipends"] = ["/stipends?program=ab212-example-county&county=San%20Francisco"],
        };
        return (personas, ids, extra);
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
