using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Domain.Employments;
using Registry.Web.Domain.Verifications;

namespace Registry.IntegrationTests.SignUp;

/// <summary>"Create a Profile" end to end: the real forms, a real SQLite database, email over a real SMTP exchange.</summary>
public sealed class CreateProfileTests : IClassFixture<MailAppFactory>
{
    private readonly MailAppFactory _app;

    public CreateProfileTests(MailAppFactory app) => _app = app;

    private static string NewEmail() => $"teacher.{Guid.NewGuid():N}@example.org";

    [Fact]
    public async Task A_teacher_signs_up_with_a_license_number_confirms_by_email_and_lands_on_My_Registry()
    {
        var client = _app.CreateBrowserLikeClient();
        var email = NewEmail();

        var done = await new SignUpDriver(client).CompleteAsync(email, search: "380500086");

        Assert.Contains("The requested account has been created successfully!", done.QuerySelector("h1")?.TextContent, StringComparison.Ordinal);
        var message = (await _app.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == email))).Single();
        Assert.Equal("LoginSupport", message.From.Mailboxes.Single().Name);
        Assert.NotNull(message.TextBody);
        Assert.NotNull(message.HtmlBody);

        using var confirmed = await client.GetAsync(new Uri(SignUpDriver.ConfirmationPath(message), UriKind.Relative));
        Assert.Equal("/my-registry", confirmed.Headers.Location?.OriginalString);
        var myRegistry = await client.GetPageAsync("/my-registry");

        Assert.Contains("Your email is confirmed", myRegistry.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);
        Assert.Matches(@"^\d{4} \d{4}$", myRegistry.QuerySelector("#registry-id")?.TextContent);
        Assert.Contains("María José Peña-Ruiz", myRegistry.QuerySelector("#card-title")?.TextContent, StringComparison.Ordinal);
        var job = myRegistry.QuerySelector(".job")!.TextContent;
        Assert.Contains("JCCSF BROTHERHOOD WAY PRESCHOOL", job, StringComparison.Ordinal);
        Assert.Contains("Lead teacher", job, StringComparison.Ordinal);
        Assert.Contains("Self-reported", job, StringComparison.Ordinal);

        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var professional = await db.Professionals.Include(p => p.Employments).Include(p => p.Degrees).SingleAsync(p => p.Email == email);
        var employment = professional.Employments.Single();
        Assert.Equal(5m, employment.Schedule.DaysPerWeek);
        Assert.Equal(7.5m, employment.Schedule.HoursPerDay);
        Assert.Equal(AgeGroups.Toddlers | AgeGroups.Preschool, employment.AgeGroupsServed);
        Assert.Equal(VerificationStatus.SelfReported, employment.Verification.Status);
        Assert.Equal(24m, professional.ReportedEceUnits);
        Assert.Equal("Child Development", professional.Degrees.Single().Major);
        Assert.Empty(await db.SignUpDrafts.ToListAsync().ContinueWith(t => t.Result.Where(d => d.Data.Contains(email, StringComparison.Ordinal)).ToList(), TaskScheduler.Default));
    }

    [Fact]
    public async Task In_Spanish_the_pages_the_email_and_My_Registry_are_in_Spanish()
    {
        var client = _app.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es-MX");
        var email = NewEmail();

        var done = await new SignUpDriver(client).CompleteAsync(email);

        Assert.Equal("¡La cuenta solicitada se creó correctamente!", done.QuerySelector("h1")?.TextContent.Trim());
        var message = (await _app.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == email))).Single();
        Assert.Equal("Confirme su correo electrónico para Registry", message.Subject);
        Assert.Contains("Hola, María José:", message.TextBody, StringComparison.Ordinal);
        using var confirmed = await client.GetAsync(new Uri(SignUpDriver.ConfirmationPath(message), UriKind.Relative));
        var myRegistry = await client.GetPageAsync("/my-registry");
        Assert.Equal("Mi Registro", myRegistry.QuerySelector("h1")?.TextContent);
        Assert.Contains("Maestra principal", myRegistry.QuerySelector(".job")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("12/4/1990", myRegistry.QuerySelector("dl")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_family_child_care_owner_finds_her_home_by_last_name_first_name()
    {
        var client = _app.CreateBrowserLikeClient();
        var driver = new SignUpDriver(client);
        SignUpDriver.Expect("/sign-up/employer", await driver.SubmitAsync("/sign-up/personal", "/sign-up/personal", SignUpDriver.Personal(NewEmail(), "Nancy", "Ho")));

        var results = await client.GetPageAsync("/sign-up/employer?q=ho%2C+nancy");
        Assert.Equal("Ho, Nancy", results.QuerySelector("#results-heading ~ form .fw-semibold")?.TextContent);
        await driver.SelectEmployerAsync("ho, nancy", "Ho, Nancy");

        var employment = await client.GetPageAsync("/sign-up/employment");
        Assert.Equal("Employment information", employment.QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task Employer_not_found_keeps_what_the_person_typed_for_staff()
    {
        var client = _app.CreateBrowserLikeClient();
        var driver = new SignUpDriver(client);
        var email = NewEmail();
        SignUpDriver.Expect("/sign-up/employer", await driver.SubmitAsync("/sign-up/personal", "/sign-up/personal", SignUpDriver.Personal(email)));
        var search = await client.GetPageAsync("/sign-up/employer");
        Assert.NotNull(search.QuerySelectorAll("a").FirstOrDefault(a => a.GetAttribute("href") == "/sign-up/employer/not-found"));

        SignUpDriver.Expect("/sign-up/employment", await driver.SubmitAsync("/sign-up/employer/not-found", "/sign-up/employer/not-found", new Dictionary<string, string>
        {
            ["BusinessName"] = "Little Sprouts <script>alert(1)</script>",
            ["Address"] = "9 Elm St",
            ["City"] = "Daly City",
        }));
        SignUpDriver.Expect("/sign-up/education", await driver.SubmitAsync("/sign-up/employment", "/sign-up/employment", SignUpDriver.Employment("FamilyChildCareAssistant"), ["Infants"]));
        SignUpDriver.Expect("/sign-up/done", await driver.SubmitAsync("/sign-up/education", "/sign-up/education", new Dictionary<string, string> { ["HighestLevel"] = "HighSchoolOrGed", ["DegreeLevel"] = "", ["EceUnits"] = "" }));

        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var job = await db.Employments.SingleAsync(e => db.Professionals.Any(p => p.Id == e.ProfessionalId && p.Email == email));
        Assert.Null(job.EmployerId);
        Assert.Equal(new UnlistedEmployer("Little Sprouts <script>alert(1)</script>", "9 Elm St", "Daly City"), job.UnlistedEmployer);
    }

    [Fact]
    public async Task Going_back_keeps_every_answer_and_a_new_browser_session_resumes_the_draft()
    {
        var client = _app.CreateBrowserLikeClient();
        var driver = new SignUpDriver(client);
        var email = NewEmail();
        SignUpDriver.Expect("/sign-up/employer", await driver.SubmitAsync("/sign-up/personal", "/sign-up/personal", SignUpDriver.Personal(email, "José", "Núñez-O'Brien")));
        await driver.SelectEmployerAsync("380500086");
        SignUpDriver.Expect("/sign-up/education", await driver.SubmitAsync("/sign-up/employment", "/sign-up/employment", SignUpDriver.Employment(), ["Preschool"]));

        var personal = await client.GetPageAsync("/sign-up/personal");
        Assert.Equal("Núñez-O'Brien", personal.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#LastName")?.Value);
        Assert.Equal("1990", personal.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#BirthYear")?.Value);
        Assert.Equal(string.Empty, personal.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Password")?.Value);
        var employment = await client.GetPageAsync("/sign-up/employment");
        Assert.Equal("LeadTeacher", employment.QuerySelector<AngleSharp.Html.Dom.IHtmlSelectElement>("#Role")?.Value);
        Assert.True(employment.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#AgeGroups-Preschool")?.IsChecked);

        // Re-submitting step 1 with empty password fields keeps the password chosen before.
        var keep = SignUpDriver.Personal(email, "José", "Núñez-O'Brien");
        keep["Password"] = keep["ConfirmPassword"] = string.Empty;
        SignUpDriver.Expect("/sign-up/employer", await driver.SubmitAsync("/sign-up/personal", "/sign-up/personal", keep));

        // The browser is closed: a new client with only the draft cookie carries on where it stopped.
        var resumed = _app.CreateBrowserLikeClient();
        var draftCookie = (await client.GetAsync(new Uri("/sign-up/personal", UriKind.Relative))).RequestMessage!.Headers.GetValues("Cookie").Single()
            .Split(';').Select(c => c.Trim()).Single(c => c.StartsWith("Registry.SignUp=", StringComparison.Ordinal));
        resumed.DefaultRequestHeaders.Add("Cookie", draftCookie);
        using var next = await resumed.GetAsync(new Uri("/sign-up", UriKind.Relative));
        Assert.Equal("/sign-up/Education", next.Headers.Location?.OriginalString, ignoreCase: true);
    }

    [Fact]
    public async Task An_email_that_already_has_an_account_sees_the_same_page_and_its_owner_is_told()
    {
        var email = NewEmail();
        await new SignUpDriver(_app.CreateBrowserLikeClient()).CompleteAsync(email);
        await _app.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == email));

        var again = await new SignUpDriver(_app.CreateBrowserLikeClient()).CompleteAsync(email);

        Assert.Contains("The requested account has been created successfully!", again.QuerySelector("h1")?.TextContent, StringComparison.Ordinal);
        var messages = await _app.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == email), count: 2);
        Assert.Contains(messages, m => m.Subject?.Contains("Someone tried to create a Registry account", StringComparison.Ordinal) == true);
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        Assert.Equal(1, await db.Users.CountAsync(u => u.Email == email));
    }

    [Fact]
    public async Task The_same_name_and_date_of_birth_is_created_but_flagged_as_a_possible_duplicate()
    {
        var first = NewEmail();
        var second = NewEmail();
        await new SignUpDriver(_app.CreateBrowserLikeClient()).CompleteAsync(first);
        await new SignUpDriver(_app.CreateBrowserLikeClient()).CompleteAsync(second);

        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var twin = await db.Professionals.SingleAsync(p => p.Email == second);
        Assert.NotNull(twin.PossibleDuplicateOfId);
    }

    [Fact]
    public async Task Sign_in_is_refused_until_the_email_is_confirmed_and_offers_to_resend()
    {
        var client = _app.CreateBrowserLikeClient();
        var email = NewEmail();
        await new SignUpDriver(client).CompleteAsync(email);

        var response = await new SignUpDriver(client).SubmitAsync("/account/sign-in", "/account/sign-in", new Dictionary<string, string> { ["Email"] = email, ["Password"] = "tiny tots teach me daily" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadPageAsync();
        Assert.Contains("Confirm your email before you sign in", page.QuerySelector("#sign-in-message")?.TextContent, StringComparison.Ordinal);
        var resend = page.Forms.Single(f => f.Action.EndsWith("/account/resend-confirmation", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await client.PostFormAsync(resend)).StatusCode);
        var both = await _app.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == email), count: 2);
        Assert.All(both, m => Assert.StartsWith("Hello María José,", m.TextBody, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_email_get_the_same_answer()
    {
        var client = _app.CreateBrowserLikeClient();
        var driver = new SignUpDriver(client);

        var unknown = await driver.SubmitAsync("/account/sign-in", "/account/sign-in", new Dictionary<string, string> { ["Email"] = "nobody@example.org", ["Password"] = "whatever it is" });

        Assert.Contains("That email and password do not match an account", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/account/confirm-email?userId=nope&code=abc")]
    [InlineData("/account/confirm-email")]
    [InlineData("/account/confirm-email?userId=x&code=%%%")]
    public async Task A_bad_confirmation_link_gets_a_clear_page_that_leaks_nothing(string url)
    {
        var page = await _app.CreateClient().GetPageAsync(url, HttpStatusCode.NotFound);

        Assert.Equal("This link does not work", page.QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task A_tampered_confirmation_link_is_refused_and_a_used_one_says_so()
    {
        var client = _app.CreateBrowserLikeClient();
        var email = NewEmail();
        await new SignUpDriver(client).CompleteAsync(email);
        var path = SignUpDriver.ConfirmationPath((await _app.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == email))).Single());

        var tampered = path[..^3] + (path[^3] == 'A' ? "B" : "A") + path[^2..];
        await client.GetPageAsync(tampered, HttpStatusCode.NotFound);
        using (var ok = await client.GetAsync(new Uri(path, UriKind.Relative)))
        {
            Assert.Equal("/my-registry", ok.Headers.Location?.OriginalString);
        }

        var reused = await _app.CreateClient().GetPageAsync(path);
        Assert.Equal("Email already confirmed", reused.QuerySelector("h1")?.TextContent);
    }
}
