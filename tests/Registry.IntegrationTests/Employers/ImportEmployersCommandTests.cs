using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Features.Employers;

namespace Registry.IntegrationTests.Employers;

/// <summary>The documented command: dotnet run --project src/Registry.Web -- import-employers FILE [--partial].</summary>
public sealed class ImportEmployersCommandTests : IClassFixture<RegistryAppFactory>, IDisposable
{
    private readonly RegistryAppFactory _app;
    private readonly string _file = Path.GetTempFileName();

    public ImportEmployersCommandTests(RegistryAppFactory app) => _app = app;

    public void Dispose() => File.Delete(_file);

    [Fact]
    public async Task Prints_what_it_did_and_each_rejected_row()
    {
        await File.WriteAllBytesAsync(_file, new CcldFile().Site("019900011", "NEW SITE FROM THE COMMAND").Site("BAD", "BROKEN ROW").ToBytes());
        using var output = new StringWriter();

        var exitCode = await ImportEmployersCommand.RunAsync(_app.Services, ["import-employers", _file, "--partial"], output, CancellationToken.None);

        Assert.Equal(0, exitCode);
        Assert.Contains("line 3: rejected (malformed license number 'BAD' (expected 9 digits))", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("(partial): 1 added, 0 updated, 0 unchanged, 0 no longer listed, 1 rejected.", output.ToString(), StringComparison.Ordinal);
        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        Assert.True(await db.Employers.AnyAsync(e => e.LicenseNumber == "019900011"));
    }

    [Fact]
    public async Task Refuses_a_malformed_file_with_a_failing_exit_code()
    {
        await File.WriteAllTextAsync(_file, "this is not, a licensing list\n");
        using var output = new StringWriter();

        var exitCode = await ImportEmployersCommand.RunAsync(_app.Services, ["import-employers", _file], output, CancellationToken.None);

        Assert.Equal(1, exitCode);
        Assert.StartsWith("Nothing imported: The first line is not the licensing list's header", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("import-employers")]
    [InlineData("import-employers", "a.csv", "b.csv")]
    [InlineData("import-employers", "a.csv", "--everything")]
    public async Task Explains_its_usage_when_called_wrongly(params string[] args)
    {
        using var output = new StringWriter();

        var exitCode = await ImportEmployersCommand.RunAsync(_app.Services, args, output, CancellationToken.None);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("Usage: import-employers FILE [--partial]", output.ToString(), StringComparison.Ordinal);
    }
}
