using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Registry.IntegrationTests.Infrastructure;

namespace Registry.IntegrationTests.SignUp;

/// <summary>Bad input on every field of "Create a Profile": a message beside the field, in the person's language, never a 500.</summary>
public sealed class SignUpValidationTests : IClassFixture<RegistryAppFactory>
{
    private readonly RegistryAppFactory _app;

    public SignUpValidationTests(RegistryAppFactory app) => _app = app;

    [Theory]
    [InlineData("FirstName", "", "FirstName", "Enter your legal first name.")]
    [InlineData("LastName", "   ", "LastName", "Enter your legal last name.")]
    [InlineData("FirstName", "101 characters", "FirstName", "Use at most 100 characters.")]
    [InlineData("MiddleName", "101 characters", "MiddleName", "Use at most 100 characters.")]
    [InlineData("Email", "", "Email", "Enter your personal email address.")]
    [InlineData("Email", "maria@", "Email", "Enter an email address like name@example.com.")]
    [InlineData("Email", "maria example.org", "Email", "Enter an email address like name@example.com.")]
    [InlineData("Email", "maria@localhost", "Email", "Enter an email address like name@example.com.")]
    [InlineData("Phone", "555", "Phone", "Enter a phone number with its area code, like 415 555 0123.")]
    [InlineData("Password", "short", "Password", "Use at least 12 characters.")]
    [InlineData("Password", "123qweasdzxc", "Password", "This password is one of the most common: choose one that is harder to guess.")]
    [InlineData("Password", "1qaz2wsx3edc", "Password", "This password is one of the most common: choose one that is harder to guess.")]
    [InlineData("ConfirmPassword", "something else entirely", "ConfirmPassword", "The two passwords do not match.")]
    [InlineData("BirthYear", "", "BirthDay", "Enter a real date of birth, for example 27 3 1990.")]
    [InlineData("BirthMonth", "13", "BirthDay", "Enter a real date of birth, for example 27 3 1990.")]
    [InlineData("BirthDay", "31", "BirthDay", "Enter a real date of birth, for example 27 3 1990.")]
    [InlineData("BirthYear", "next year", "BirthDay", "Your date of birth must be in the past.")]
    [InlineData("BirthYear", "1890", "BirthDay", "Enter a real date of birth, for example 27 3 1990.")]
    [InlineData("BirthYear", "1910", "BirthDay", "Check your date of birth: you must be between 14 and 100 years old.")]
    [InlineData("BirthYear", "13 years ago", "BirthDay", "Check your date of birth: you must be between 14 and 100 years old.")]
    public async Task Personal_information_errors_appear_beside_the_field_and_in_the_summary(string field, string value, string errorField, string message)
    {
        var values = SignUpDriver.Personal($"v.{Guid.NewGuid():N}@example.org");
        values["BirthMonth"] = field == "BirthDay" && value == "31" ? "2" : values["BirthMonth"];
        // Years relative to today, so the cases hold in any year (a fixed 2020 would turn valid in 2034).
        var thisYear = TestClock.Now.Date.Year;
        values[field] = value switch
        {
            "101 characters" => new string('a', 101),
            "next year" => (thisYear + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            "13 years ago" => (thisYear - 13).ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => value,
        };
        if (field == "Password")
        {
            values["ConfirmPassword"] = value;
        }

        var page = await PostAsync("/sign-up/personal", values);

        Assert.Equal(message, page.QuerySelector($"#{errorField}-error, #{errorField.Replace("Day", string.Empty, StringComparison.Ordinal)}-error")?.TextContent.Replace("Error:", string.Empty, StringComparison.Ordinal).Trim());
        var summaryLink = page.QuerySelectorAll<IHtmlAnchorElement>("#error-summary a").Single(a => a.TextContent == message);
        Assert.Equal($"#{errorField}", summaryLink.GetAttribute("href"));
        Assert.NotNull(page.GetElementById(errorField));
        if (field != "LastName")
        {
            Assert.Equal(values["LastName"], page.QuerySelector<IHtmlInputElement>("#LastName")?.Value);
        }

        Assert.Equal(string.Empty, page.QuerySelector<IHtmlInputElement>("#Password")?.Value);
    }

    [Fact]
    public async Task Markup_and_other_alphabets_are_kept_exactly_and_shown_encoded()
    {
        var values = SignUpDriver.Personal("bad@");
        values["FirstName"] = "<script>alert('x')</script>";
        values["LastName"] = "李小龍";
        values["FormerLastNames"] = "\"><img src=x onerror=alert(1)>";

        var response = await PostRawAsync("/sign-up/personal", values);
        var html = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain("<script>alert('x')</script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        var page = await new AngleSharp.Html.Parser.HtmlParser().ParseDocumentAsync(html, CancellationToken.None);
        Assert.Equal("<script>alert('x')</script>", page.QuerySelector<IHtmlInputElement>("#FirstName")?.Value);
        Assert.Equal("李小龍", page.QuerySelector<IHtmlInputElement>("#LastName")?.Value);
        Assert.Equal("\"><img src=x onerror=alert(1)>", page.QuerySelector<IHtmlInputElement>("#FormerLastNames")?.Value);
    }

    [Fact]
    public async Task Errors_are_in_Spanish_for_a_Spanish_speaker()
    {
        var client = _app.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");
        var values = SignUpDriver.Personal("maria@");
        values["FirstName"] = string.Empty;

        var page = await new SignUpDriver(client).SubmitAsync("/sign-up/personal", "/sign-up/personal", values).ContinueWith(t => t.Result.ReadPageAsync(), TaskScheduler.Default).Unwrap();

        Assert.Equal("Hay un problema", page.QuerySelector("#error-summary-title")?.TextContent);
        Assert.Contains("Escriba su nombre legal.", page.QuerySelector("#FirstName-error")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("Escriba un correo electrónico como nombre@ejemplo.com.", page.QuerySelector("#Email-error")?.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Role", "", "Role", "Choose your role.")]
    [InlineData("Role", "Astronaut", "Role", "Choose your role.")]
    [InlineData("Role", "Other", "RoleDescription", "Say what your role is.")]
    [InlineData("StartYear", "2099", "StartDay", "The start date cannot be in the future.")]
    [InlineData("StartYear", "1995", "StartDay", "The start date is before you were 14: check the year.")]
    [InlineData("StartMonth", "", "StartDay", "Enter a real start date, for example 15 8 2022.")]
    [InlineData("DaysPerWeek", "8", "DaysPerWeek", "Enter a whole number of days from 1 to 7.")]
    [InlineData("DaysPerWeek", "two", "DaysPerWeek", "Enter a whole number of days from 1 to 7.")]
    [InlineData("DaysPerWeek", "", "DaysPerWeek", "Enter how many days a week you work.")]
    [InlineData("HoursPerWeek", "0", "HoursPerWeek", "Enter hours a week from 1 to 80.")]
    [InlineData("HoursPerWeek", "200", "HoursPerWeek", "Enter hours a week from 1 to 80.")]
    [InlineData("HoursPerWeek", "-5", "HoursPerWeek", "Enter hours a week from 1 to 80.")]
    public async Task Employment_errors_appear_beside_the_field(string field, string value, string errorField, string message)
    {
        var client = await ClientAtStepAsync(3);
        var values = SignUpDriver.Employment();
        values[field] = value;

        var page = await new SignUpDriver(client).SubmitAsync("/sign-up/employment", "/sign-up/employment", values, ["Preschool"]).ContinueWith(t => t.Result.ReadPageAsync(), TaskScheduler.Default).Unwrap();

        Assert.Contains(message, page.QuerySelector($"#{errorField}-error, #{errorField.Replace("Day", string.Empty, StringComparison.Ordinal)}-error")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Employment_needs_an_age_group_and_a_real_day_length()
    {
        var client = await ClientAtStepAsync(3);
        var values = SignUpDriver.Employment();
        values["DaysPerWeek"] = "1";
        values["HoursPerWeek"] = "30";

        var page = await new SignUpDriver(client).SubmitAsync("/sign-up/employment", "/sign-up/employment", values).ContinueWith(t => t.Result.ReadPageAsync(), TaskScheduler.Default).Unwrap();

        Assert.Contains("Choose at least one age group you work with.", page.QuerySelector("#AgeGroups-error")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("That is more than 24 hours a day", page.QuerySelector("#HoursPerWeek-error")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hours_written_the_Spanish_way_are_understood()
    {
        var client = await ClientAtStepAsync(3);
        var values = SignUpDriver.Employment();
        values["HoursPerWeek"] = "37,5";

        var response = await new SignUpDriver(client).SubmitAsync("/sign-up/employment", "/sign-up/employment", values, ["Preschool"]);

        SignUpDriver.Expect("/sign-up/education", response);
    }

    [Theory]
    [InlineData("HighestLevel", "", "HighestLevel", "Choose the highest level of education you have completed.")]
    [InlineData("DegreeMajor", "", "DegreeMajor", "Enter the degree's major or field.")]
    [InlineData("DegreeInstitution", "", "DegreeInstitution", "Enter the college or university.")]
    [InlineData("DegreeLevel", "Wizardry", "DegreeLevel", "Choose the kind of degree.")]
    [InlineData("EceUnits", "lots", "EceUnits", "Enter ECE units as a number from 0 to 300, or leave it empty.")]
    [InlineData("EceUnits", "-3", "EceUnits", "Enter ECE units as a number from 0 to 300, or leave it empty.")]
    public async Task Education_errors_appear_beside_the_field_and_nothing_is_created(string field, string value, string errorField, string message)
    {
        var client = await ClientAtStepAsync(4);
        var values = SignUpDriver.Education();
        values[field] = value;

        var page = await new SignUpDriver(client).SubmitAsync("/sign-up/education", "/sign-up/education", values).ContinueWith(t => t.Result.ReadPageAsync(), TaskScheduler.Default).Unwrap();

        Assert.Contains(message, page.QuerySelector($"#{errorField}-error")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("Education information", page.QuerySelector("h1")?.TextContent);
    }

    [Theory]
    [InlineData("", "Daly City", "BusinessName", "Enter the name of the business where you work.")]
    [InlineData("Tiny Tots", "", "City", "Enter the city.")]
    [InlineData("201 characters", "Daly City", "BusinessName", "Use at most 200 characters.")]
    public async Task Employer_not_found_errors_appear_beside_the_field(string name, string city, string errorField, string message)
    {
        var client = await ClientAtStepAsync(2);
        var values = new Dictionary<string, string> { ["BusinessName"] = name == "201 characters" ? new string('b', 201) : name, ["Address"] = "", ["City"] = city };

        var page = await new SignUpDriver(client).SubmitAsync("/sign-up/employer/not-found", "/sign-up/employer/not-found", values).ContinueWith(t => t.Result.ReadPageAsync(), TaskScheduler.Default).Unwrap();

        Assert.Contains(message, page.QuerySelector($"#{errorField}-error")?.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("123", "A license number has 9 digits (for example 380500086).")]
    [InlineData("!!!", "Type a license number or part of the employer's name.")]
    public async Task A_bad_employer_search_is_answered_beside_the_field(string q, string message)
    {
        var client = await ClientAtStepAsync(2);

        var page = await client.GetPageAsync($"/sign-up/employer?q={Uri.EscapeDataString(q)}");

        Assert.Contains(message, page.QuerySelector("#Q-error")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_license_number_finds_nothing_and_points_to_employer_not_found()
    {
        var client = await ClientAtStepAsync(2);

        var page = await client.GetPageAsync("/sign-up/employer?q=999999999");

        Assert.Equal("No employer matches \"999999999\".", page.QuerySelector("#results-heading")?.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("a[href='/sign-up/employer/not-found']"));
    }

    [Fact]
    public async Task Choosing_an_employer_that_does_not_exist_is_refused()
    {
        var client = await ClientAtStepAsync(2);
        var search = await client.GetPageAsync("/sign-up/employer?q=380500086");
        var form = search.QuerySelectorAll<IHtmlButtonElement>("button[name=EmployerId]").First().Closest("form") as IHtmlFormElement;

        var response = await client.PostFormAsync(form!, values: new Dictionary<string, string> { ["EmployerId"] = "999999" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Search for your employer, then choose it from the list.", (await response.ReadPageAsync()).QuerySelector("#Q-error")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Later_steps_send_someone_who_skipped_ahead_back_to_the_first_unanswered_step()
    {
        var client = _app.CreateBrowserLikeClient();

        using var response = await client.GetAsync(new Uri("/sign-up/education", UriKind.Relative));

        Assert.Equal("/sign-up/Personal", response.Headers.Location?.OriginalString, ignoreCase: true);
    }

    private async Task<HttpClient> ClientAtStepAsync(int step)
    {
        var client = _app.CreateBrowserLikeClient();
        var driver = new SignUpDriver(client);
        SignUpDriver.Expect("/sign-up/employer", await driver.SubmitAsync("/sign-up/personal", "/sign-up/personal", SignUpDriver.Personal($"s.{Guid.NewGuid():N}@example.org")));
        if (step >= 3)
        {
            await driver.SelectEmployerAsync("380500086");
        }

        if (step >= 4)
        {
            SignUpDriver.Expect("/sign-up/education", await driver.SubmitAsync("/sign-up/employment", "/sign-up/employment", SignUpDriver.Employment(), ["Preschool"]));
        }

        return client;
    }

    private async Task<AngleSharp.Html.Dom.IHtmlDocument> PostAsync(string page, Dictionary<string, string> values) =>
        await (await PostRawAsync(page, values)).ReadPageAsync();

    private async Task<HttpResponseMessage> PostRawAsync(string page, Dictionary<string, string> values)
    {
        var response = await new SignUpDriver(_app.CreateBrowserLikeClient()).SubmitAsync(page, page, values);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }
}
