using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data.Licensing;
using Registry.Web.Domain;
using Registry.Web.Domain.Employers;
using Registry.Web.Infrastructure.Employers;

namespace Registry.IntegrationTests.Employers;

/// <summary>The look-up on the real San Francisco list, plus a few homes named as families write them.</summary>
public sealed class SearchEmployersTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await _database.ImportAsync(CcldFile.SanFrancisco());
        await _database.ImportAsync(
            new CcldFile()
                .Site("019900001", "GARCIA, MARIA", type: "SMALL FAMILY CHILD CARE HOME", address: "")
                .Site("019900002", "GARCIA, MARIA ELENA", type: "LARGE FAMILY CHILD CARE HOME", address: "")
                .Site("019900003", "GARCIA, MARIA", status: "CLOSED", type: "SMALL FAMILY CHILD CARE HOME", address: "")
                .Site("019900004", "Niños Felices Preschool")
                .ToBytes(),
            ImportEmployers.Mode.Partial);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Theory]
    [InlineData("380500086")]
    [InlineData("380-500-086")]
    [InlineData(" 380 500 086 ")]
    [InlineData("19900004")]
    public async Task A_license_number_finds_its_site_exactly(string typed)
    {
        var result = await _database.SearchAsync(typed);

        Assert.Equal(SearchEmployers.SearchKind.LicenseNumber, result.Kind);
        var match = Assert.Single(result.Matches);
        Assert.Equal(LicenseNumber.Normalize(typed), match.LicenseNumber);
    }

    [Theory]
    [InlineData("380500087")]
    [InlineData("12345")]
    public async Task An_unknown_or_malformed_license_number_finds_nothing(string typed) =>
        Assert.Empty((await _database.SearchAsync(typed)).Matches);

    [Theory]
    [InlineData("garcia, maria")]
    [InlineData("GARCIA MARIA")]
    [InlineData("García, María")]
    [InlineData("maria garcia")]
    public async Task A_family_home_is_found_by_last_name_first_name_in_any_form(string typed)
    {
        var result = await _database.SearchAsync(typed);

        Assert.Equal(SearchEmployers.SearchKind.Name, result.Kind);
        Assert.Contains(result.Matches, m => m.LicenseNumber == "019900001");
        Assert.All(result.Matches, m => Assert.Contains("garcia", SearchText.Normalize(m.Name), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Exact_names_come_first_and_licensed_before_closed()
    {
        var result = await _database.SearchAsync("garcia, maria");

        Assert.Equal(["019900001", "019900003", "019900002"], result.Matches.Take(3).Select(m => m.LicenseNumber));
    }

    [Fact]
    public async Task Ho_Nancy_is_found_by_ho_nancy()
    {
        var result = await _database.SearchAsync("ho nancy");

        Assert.Equal("Ho, Nancy", result.Matches[0].Name);
    }

    [Fact]
    public async Task Montessori_finds_every_Montessori_school_licensed_first()
    {
        var expected = CcldFile.SanFranciscoRows()
            .Where(r => SearchText.Words(r[2]).Any(w => w.StartsWith("montessori", StringComparison.Ordinal)))
            .Select(r => r[1])
            .ToHashSet();

        var result = await _database.SearchAsync("montessori", pageSize: SearchEmployers.MaxPageSize);

        Assert.True(expected.Count >= 30, "the San Francisco list has dozens of Montessori schools");
        Assert.Equal(expected.Count, result.Total);
        Assert.Equal(expected.Order(), result.Matches.Select(m => m.LicenseNumber).Order());

        var statuses = result.Matches.Where(m => !m.SearchName().StartsWith("montessori", StringComparison.Ordinal)).Select(m => m.Status).ToList();
        Assert.Equal(statuses.Order(), statuses);
    }

    [Fact]
    public async Task Words_may_be_prefixes_and_accents_do_not_matter()
    {
        Assert.Contains((await _database.SearchAsync("ninos fel")).Matches, m => m.LicenseNumber == "019900004");
        Assert.Contains((await _database.SearchAsync("NIÑOS")).Matches, m => m.LicenseNumber == "019900004");
        Assert.Contains((await _database.SearchAsync("childrens house west")).Matches, m => m.LicenseNumber == "380503970");
        Assert.Contains((await _database.SearchAsync("children's house west")).Matches, m => m.LicenseNumber == "380503970");
    }

    [Fact]
    public async Task Results_are_paged_without_overlap()
    {
        var first = await _database.SearchAsync("school", page: 1, pageSize: 10);
        var second = await _database.SearchAsync("school", page: 2, pageSize: 10);

        Assert.True(first.Total > 20);
        Assert.Equal(10, first.Matches.Count);
        Assert.Equal(10, second.Matches.Count);
        Assert.Empty(first.Matches.Select(m => m.Id).Intersect(second.Matches.Select(m => m.Id)));
        Assert.Equal(first.Total, second.Total);
        Assert.True(first.HasNextPage);
    }

    [Fact]
    public async Task A_page_past_the_end_shows_the_last_page()
    {
        var result = await _database.SearchAsync("montessori", page: 999, pageSize: 10);

        Assert.Equal(result.PageCount, result.Page);
        Assert.NotEmpty(result.Matches);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("!!! ---")]
    [InlineData("zzzqqq")]
    public async Task Nothing_to_search_for_finds_nothing(string typed) =>
        Assert.Empty((await _database.SearchAsync(typed)).Matches);
}

internal static class MatchExtensions
{
    public static string SearchName(this SearchEmployers.Match match) => SearchText.Normalize(match.Name);
}
