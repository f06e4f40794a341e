using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using MimeKit;

namespace Registry.IntegrationTests.Infrastructure;

/// <summary>Goes through "Create a Profile" as a person does: reads each page's form and posts it back.</summary>
public sealed partial class SignUpDriver(HttpClient client)
{
    public static Dictionary<string, string> Personal(string email, string first = "María José", string last = "Peña-Ruiz") => new()
    {
        ["FirstName"] = first,
        ["MiddleName"] = "",
        ["LastName"] = last,
        ["FormerLastNames"] = "",
        ["BirthDay"] = "12",
        ["BirthMonth"] = "4",
        ["BirthYear"] = "1990",
        ["Phone"] = "415 555 0123",
        ["Email"] = email,
        ["Password"] = "tiny tots teach me daily",
        ["ConfirmPassword"] = "tiny tots teach me daily",
    };

    public static Dictionary<string, string> Employment(string role = "LeadTeacher") => new()
    {
        ["Role"] = role,
        ["StartDay"] = "17",
        ["StartMonth"] = "8",
        ["StartYear"] = "2020",
        ["DaysPerWeek"] = "5",
        ["HoursPerWeek"] = "37.5",
    };

    public static Dictionary<string, string> Education() => new()
    {
        ["HighestLevel"] = "Associate",
        ["DegreeLevel"] = "Associate",
        ["DegreeMajor"] = "Child Development",
        ["DegreeInstitution"] = "City College of San Francisco",
        ["EceUnits"] = "24",
    };

    /// <summary>Submits the page's main form (the one posting to <paramref name="action"/>) with these values.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string page, string action, IDictionary<string, string> values, IEnumerable<string>? checkboxes = null)
    {
        var document = await client.GetPageAsync(page);
        var form = document.Forms.First(f => new Uri(f.Action).AbsolutePath == action);
        var response = await client.PostFormAsync(form, values: values, extra: checkboxes?.Select(c => new KeyValuePair<string, string>("AgeGroups", c)));
        return response;
    }

    public async Task<IHtmlDocument> FollowAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await client.GetPageAsync(response.Headers.Location!.OriginalString);
    }

    /// <summary>Steps 1 to 4 with a listed employer found by <paramref name="search"/>; returns the final page.</summary>
    public async Task<IHtmlDocument> CompleteAsync(string email, string search = "380500086", string? employerName = null)
    {
        Expect("/sign-up/employer", await SubmitAsync("/sign-up/personal", "/sign-up/personal", Personal(email)));
        await SelectEmployerAsync(search, employerName);
        Expect("/sign-up/education", await SubmitAsync("/sign-up/employment", "/sign-up/employment", Employment(), ["Toddlers", "Preschool"]));
        var done = await SubmitAsync("/sign-up/education", "/sign-up/education", Education());
        Expect("/sign-up/done", done);
        return await FollowAsync(done);
    }

    public async Task SelectEmployerAsync(string search, string? employerName = null)
    {
        var results = await client.GetPageAsync($"/sign-up/employer?q={Uri.EscapeDataString(search)}");
        var buttons = results.QuerySelectorAll<IHtmlButtonElement>("#results-heading ~ form button[name=EmployerId]");
        var button = employerName is null ? buttons.First() : buttons.First(b => b.ParentElement!.TextContent.Contains(employerName, StringComparison.Ordinal));
        var form = (IHtmlFormElement)button.Closest("form")!;
        Expect("/sign-up/employment", await client.PostFormAsync(form, button));
    }

    public static void Expect(string location, HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            // Say what the page said: a validation message or an error page explains the failure.
            var text = Regex.Replace(response.Content.ReadAsStringAsync().GetAwaiter().GetResult(), @"<[^>]+>|\s+", " ");
            Assert.Fail($"expected a redirect to {location}, got {(int)response.StatusCode}: {(text.Length > 800 ? text[^800..] : text)}");
        }
        Assert.Equal(location, response.Headers.Location?.OriginalString);
    }

    /// <summary>The confirmation link in a received email, as a path on the site.</summary>
    public static string ConfirmationPath(MimeMessage message)
    {
        var link = ConfirmLink().Match(message.TextBody ?? string.Empty).Value;
        Assert.False(string.IsNullOrEmpty(link), "no confirmation link in the email");
        return new Uri(link).PathAndQuery;
    }

    [GeneratedRegex(@"https://\S+/account/confirm-email\?\S+")]
    private static partial Regex ConfirmLink();
}
