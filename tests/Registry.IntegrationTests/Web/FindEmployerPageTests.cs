using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Registry.IntegrationTests.Infrastructure;

namespace Registry.IntegrationTests.Web;

/// <summary>The public employer look-up page, on the demo data the app loads at start-up.</summary>
public sealed class FindEmployerPageTests : IClassFixture<RegistryAppFactory>
{
    private readonly RegistryAppFactory _app;

    public FindEmployerPageTests(RegistryAppFactory app) => _app = app;

    [Fact]
    public async Task The_search_field_is_labelled_and_works_without_JavaScript()
    {
        var page = await _app.CreateClient().GetPageAsync("/employers");

        var input = page.QuerySelector<IHtmlInputElement>("input#q");
        Assert.NotNull(input);
        Assert.NotNull(page.QuerySelector("label[for=q]"));
        Assert.Equal("get", page.QuerySelector<IHtmlFormElement>("form[role=search]")?.Method);
    }

    [Fact]
    public async Task A_license_number_finds_the_demo_site()
    {
        var page = await _app.CreateClient().GetPageAsync("/employers?q=380-500-086");

        Assert.Equal("1 employer matches \"380-500-086\".", page.QuerySelector("#results-heading")?.TextContent.Trim());
        Assert.Equal("JCCSF BROTHERHOOD WAY PRESCHOOL", page.QuerySelector(".list-group-item .fw-semibold")?.TextContent);
    }

    [Fact]
    public async Task A_name_search_pages_its_results()
    {
        var page = await _app.CreateClient().GetPageAsync("/employers?q=school");

        Assert.Equal(20, page.QuerySelectorAll(".list-group-item").Length);
        var next = page.QuerySelectorAll<IHtmlAnchorElement>(".pagination a").Single(a => a.TextContent == "Next");
        var second = await _app.CreateClient().GetPageAsync(next.GetAttribute("href")!);
        Assert.Contains("Page 2 of", second.QuerySelector(".pagination")?.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("12345", "A license number has 9 digits (for example 380500086).")]
    [InlineData("!!!", "Type a license number or part of the employer's name.")]
    public async Task Bad_input_is_answered_beside_the_field(string typed, string message)
    {
        var page = await _app.CreateClient().GetPageAsync($"/employers?q={Uri.EscapeDataString(typed)}");

        Assert.Equal(message, page.QuerySelector("#q-error")?.TextContent);
        Assert.Equal("true", page.QuerySelector("#q")?.GetAttribute("aria-invalid"));
        Assert.Equal(typed, page.QuerySelector<IHtmlInputElement>("#q")?.Value);
        Assert.Null(page.QuerySelector("#results-heading"));
    }

    [Fact]
    public async Task Too_long_a_search_is_answered_beside_the_field_in_Spanish()
    {
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");

        var page = await client.GetPageAsync($"/employers?q={new string('a', 101)}");

        Assert.Equal("Escriba como máximo 100 caracteres.", page.QuerySelector("#q-error")?.TextContent);
    }

    [Fact]
    public async Task A_page_number_that_is_not_a_number_is_not_an_error_page()
    {
        var page = await _app.CreateClient().GetPageAsync("/employers?q=montessori&page=abc");

        Assert.NotNull(page.QuerySelector("#results-heading"));
    }
}
