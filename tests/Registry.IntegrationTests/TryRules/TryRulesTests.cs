using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Infrastructure.Security;

namespace Registry.IntegrationTests.TryRules;

/// <summary>"Try the rules": hypothetical facts worked out with their working, for registry staff; nothing saved.</summary>
public sealed class TryRulesTests : IClassFixture<RegistryAppFactory>
{
    private static readonly string[] RecordTables = ["Professionals", "Courses", "Degrees", "Credentials", "Employments", "TrainingRecords", "PermitApplications"];

    private readonly RegistryAppFactory _app;

    public TryRulesTests(RegistryAppFactory app) => _app = app;

    private long RecordWrites()
    {
        var written = _app.Services.GetRequiredService<WrittenTables>();
        return RecordTables.Sum(written.Writes);
    }

    [Fact]
    public async Task Staff_work_out_the_example_and_see_every_result_with_what_did_not_count_and_nothing_is_saved()
    {
        var (staff, _) = await _app.SignedInWithRoleAsync(Roles.RegistryStaff);
        var page = await staff.GetPageAsync("/staff/try-rules");
        var form = (IHtmlFormElement)page.QuerySelector("form[action='/staff/try-rules']")!;
        var before = RecordWrites();

        using var answer = await staff.PostFormAsync(form);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var results = await answer.ReadPageAsync();
        Assert.Equal(before, RecordWrites());
        Assert.Equal("Met", results.QuerySelector("#rule-ca-cdp-assistant .result")?.TextContent);
        var associate = results.QuerySelector("#rule-ca-cdp-associate-teacher")!;
        Assert.Equal("Not met", associate.QuerySelector(".result")?.TextContent);
        var notCounted = associate.QuerySelectorAll(".not-counted li").Select(li => li.TextContent).ToList();
        Assert.Contains(notCounted, t => t.Contains("grade C-: only C or better counts", StringComparison.Ordinal));
        Assert.Contains(notCounted, t => t.Contains("earned in Texas, and this route asks for one earned in California", StringComparison.Ordinal));
        Assert.NotNull(results.QuerySelector("#rule-ca-t22-director"));
        Assert.NotNull(results.QuerySelector("#rule-qcc-lead-teacher-5"));
        Assert.Contains("\"ca-cdp-assistant\": true", results.QuerySelector("#case-json")?.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AsOf", "", "AsOf", "Enter the day to work the rules out for.")]
    [InlineData("AsOf", "12/31/2026", "AsOf", "Enter a date like")]
    [InlineData("ValidationDate", "next spring", "ValidationDate", "or leave it empty.")]
    [InlineData("Facts", "", "Facts", "Enter the facts")]
    [InlineData("Facts", "{ \"courses\": [", "Facts", "Line 1: these are not facts as the rules read them.")]
    [InlineData("Facts", "{\n \"courses\": [ { \"name\": \"A\", \"units\": 3, \"category\": \"astrology\" } ] }", "Facts", "Line 2: these are not facts")]
    [InlineData("Facts", "{ \"salary\": 1 }", "Facts", "Line 1: these are not facts")]
    [InlineData("Facts", "LONG", "Facts", "Use at most 100000 characters.")]
    public async Task Bad_input_is_answered_beside_the_field_and_nothing_is_saved(string field, string value, string errorField, string message)
    {
        var (staff, _) = await _app.SignedInWithRoleAsync(Roles.RegistryStaff);
        var form = (IHtmlFormElement)(await staff.GetPageAsync("/staff/try-rules")).QuerySelector("form[action='/staff/try-rules']")!;
        var before = RecordWrites();

        using var answer = await staff.PostFormAsync(form, values: new Dictionary<string, string> { [field] = value == "LONG" ? new string(' ', 100_001) + "{}" : value });

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        var page = await answer.ReadPageAsync();
        Assert.Contains(message, page.QuerySelector($"#{errorField}-error")?.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#results"));
        Assert.Equal(before, RecordWrites());
    }

    [Fact]
    public async Task In_Spanish_the_page_and_its_messages_are_in_Spanish()
    {
        var (staff, _) = await _app.SignedInWithRoleAsync(Roles.RegistryStaff);
        var page = await staff.GetPageAsync("/staff/try-rules?culture=es");
        Assert.Equal("Probar las reglas", page.QuerySelector("h1")?.TextContent);
        var form = (IHtmlFormElement)page.QuerySelector("form[action='/staff/try-rules']")!;
        form.Action = "/staff/try-rules?culture=es";

        using var answer = await staff.PostFormAsync(form, values: new Dictionary<string, string> { ["Facts"] = "[" });

        Assert.Contains("no son datos como los leen las reglas", (await answer.ReadPageAsync()).QuerySelector("#Facts-error")?.TextContent, StringComparison.Ordinal);
    }
}
