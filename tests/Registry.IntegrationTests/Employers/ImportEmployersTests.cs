using Microsoft.EntityFrameworkCore;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data.Licensing;
using Registry.Web.Domain.Employers;

namespace Registry.IntegrationTests.Employers;

public sealed class ImportEmployersTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Imports_every_San_Francisco_site_and_finds_each_by_license_number()
    {
        var result = await _database.ImportAsync(CcldFile.SanFrancisco());

        Assert.True(result.Succeeded);
        Assert.Equal(1144, result.Added);
        Assert.Empty(result.Rejected);

        await using var db = _database.CreateContext();
        Assert.Equal(1144, await db.Employers.CountAsync());
        var rows = CcldFile.SanFranciscoRows();
        foreach (var row in rows)
        {
            var found = await _database.SearchAsync(row[1]);
            var match = Assert.Single(found.Matches);
            Assert.Equal(row[1], match.LicenseNumber);
            Assert.Equal(row[2].Trim(), match.Name);
        }
    }

    [Fact]
    public async Task Stores_what_the_list_says_of_a_site()
    {
        await _database.ImportAsync(CcldFile.SanFrancisco());

        await using var db = _database.CreateContext();
        var site = await db.Employers.SingleAsync(e => e.LicenseNumber == "380500086");
        Assert.Equal("JCCSF BROTHERHOOD WAY PRESCHOOL", site.Name);
        Assert.Equal(FacilityType.DayCareCenter, site.FacilityType);
        Assert.Equal("655 BROTHERHOOD WAY", site.Address);
        Assert.Equal("94132", site.Zip);
        Assert.Equal("San Francisco", site.County);
        Assert.Equal(116, site.Capacity);
        Assert.Equal(EmployerStatus.Licensed, site.Status);
        Assert.Equal(ImportEmployers.CcldSource, site.Source);
        Assert.Equal(_database.Time.GetUtcNow(), site.LastImportedAt);
        Assert.Null(site.NoLongerListedAt);
    }

    [Fact]
    public async Task A_re_import_of_the_same_list_changes_nothing()
    {
        await _database.ImportAsync(CcldFile.SanFrancisco());
        var before = await SnapshotAsync();

        _database.Time.Advance(TimeSpan.FromDays(30));
        var again = await _database.ImportAsync(CcldFile.SanFrancisco());

        Assert.Equal((0, 0, 1144, 0), (again.Added, again.Updated, again.Unchanged, again.NoLongerListed));
        Assert.Equal(before, await SnapshotAsync());

        await using var db = _database.CreateContext();
        Assert.All(await db.Employers.Select(e => e.LastImportedAt).ToListAsync(), t => Assert.Equal(_database.Time.GetUtcNow(), t));
    }

    [Fact]
    public async Task Good_rows_are_imported_and_bad_rows_reported_with_their_line_numbers()
    {
        var file = new CcldFile()
            .Site("380500086", "GOOD SCHOOL ONE")
            .Site("", "NO NUMBER SCHOOL")
            .Site("38050-00X9", "MALFORMED NUMBER SCHOOL")
            .Site("380500099", "ODD STATUS SCHOOL", status: "REVOKED-ISH")
            .Site("380500240", "GOOD SCHOOL TWO")
            .Site("380500086", "DUPLICATE OF LINE TWO")
            .ToBytes();

        var result = await _database.ImportAsync(file);

        Assert.True(result.Succeeded);
        Assert.Equal(2, result.Added);
        Assert.Equal(
            [
                (3, "missing license number"),
                (4, "malformed license number '38050-00X9' (expected 9 digits)"),
                (5, "unknown status 'REVOKED-ISH'"),
                (7, "license number 380500086 is already on line 2"),
            ],
            result.Rejected.Select(r => (r.LineNumber, r.Reason)));

        await using var db = _database.CreateContext();
        Assert.Equal(["GOOD SCHOOL ONE", "GOOD SCHOOL TWO"], await db.Employers.OrderBy(e => e.Name).Select(e => e.Name).ToListAsync());
    }

    [Theory]
    [InlineData("wrong header")]
    [InlineData("binary garbage")]
    [InlineData("empty")]
    [InlineData("header only")]
    public async Task A_malformed_file_is_refused_with_a_clear_message_and_imports_nothing(string kind)
    {
        await _database.ImportAsync(CcldFile.SanFrancisco());
        var before = await SnapshotAsync();
        var file = kind switch
        {
            "wrong header" => "name,license,status\nA SCHOOL,380500086,LICENSED\n"u8.ToArray(),
            "binary garbage" => Garbage(),
            "empty" => [],
            _ => new CcldFile().ToBytes(),
        };

        var result = await _database.ImportAsync(file);

        Assert.False(result.Succeeded);
        Assert.False(string.IsNullOrWhiteSpace(result.FileError));
        Assert.Equal((0, 0, 0), (result.Added, result.Updated, result.NoLongerListed));
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Sites_missing_from_a_full_import_are_marked_no_longer_listed_and_kept()
    {
        await _database.ImportAsync(new CcldFile().Site("380500086", "STAYS").Site("380500099", "GOES AWAY").ToBytes());

        var result = await _database.ImportAsync(new CcldFile().Site("380500086", "STAYS").ToBytes());

        Assert.Equal(1, result.NoLongerListed);
        await using var db = _database.CreateContext();
        var gone = await db.Employers.SingleAsync(e => e.LicenseNumber == "380500099");
        Assert.Equal(_database.Time.GetUtcNow(), gone.NoLongerListedAt);
        var found = Assert.Single((await _database.SearchAsync("goes away")).Matches);
        Assert.True(found.NoLongerListed);
    }

    [Fact]
    public async Task A_site_listed_again_is_no_longer_marked()
    {
        await _database.ImportAsync(new CcldFile().Site("380500086", "STAYS").Site("380500099", "COMES BACK").ToBytes());
        await _database.ImportAsync(new CcldFile().Site("380500086", "STAYS").ToBytes());

        var result = await _database.ImportAsync(new CcldFile().Site("380500086", "STAYS").Site("380500099", "COMES BACK").ToBytes());

        Assert.Equal(1, result.Updated);
        await using var db = _database.CreateContext();
        Assert.Null(await db.Employers.Where(e => e.LicenseNumber == "380500099").Select(e => e.NoLongerListedAt).SingleAsync());
    }

    [Fact]
    public async Task A_partial_import_marks_nothing_and_a_rejected_row_never_marks_its_site()
    {
        await _database.ImportAsync(new CcldFile().Site("380500086", "ONE").Site("380500099", "TWO").Site("380500240", "THREE").ToBytes());

        var partial = await _database.ImportAsync(new CcldFile().Site("380500086", "ONE").ToBytes(), ImportEmployers.Mode.Partial);
        var full = await _database.ImportAsync(
            new CcldFile().Site("380500086", "ONE").Site("380500099", "TWO").Site("380500240", "THREE", status: "TYPO").ToBytes());

        Assert.Equal(0, partial.NoLongerListed);
        Assert.Equal(0, full.NoLongerListed);
        Assert.Single(full.Rejected);
    }

    [Fact]
    public async Task A_renamed_site_is_found_by_its_new_name_only()
    {
        await _database.ImportAsync(new CcldFile().Site("380500086", "SUNSHINE PRESCHOOL").ToBytes());

        var result = await _database.ImportAsync(new CcldFile().Site("380500086", "MOONBEAM PRESCHOOL", status: "CLOSED").ToBytes());

        Assert.Equal(1, result.Updated);
        Assert.Equal(EmployerStatus.Closed, Assert.Single((await _database.SearchAsync("moonbeam")).Matches).Status);
        Assert.Empty((await _database.SearchAsync("sunshine")).Matches);
        Assert.Single((await _database.SearchAsync("preschool")).Matches);
        await using var db = _database.CreateContext();
        Assert.Equal(1, await db.Employers.CountAsync());
    }

    private static byte[] Garbage()
    {
        var bytes = new byte[10_000];
        new Random(7).NextBytes(bytes);
        return bytes;
    }

    private async Task<List<string>> SnapshotAsync()
    {
        await using var db = _database.CreateContext();
        var employers = await db.Employers.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
        var words = await db.EmployerNameWords.AsNoTracking().CountAsync();
        return [.. employers.Select(e => $"{e.Id}|{e.LicenseNumber}|{e.Details}|{e.SearchName}|{e.NoLongerListedAt}"), $"words:{words}"];
    }
}
