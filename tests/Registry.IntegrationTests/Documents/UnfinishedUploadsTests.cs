using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Infrastructure.Storage;

namespace Registry.IntegrationTests.Documents;

/// <summary>
/// What a process killed mid-upload leaves (a ".part" file no record names) is removed by the
/// hourly tidy once a day old; uploads in progress and kept documents are not touched.
/// </summary>
#pragma warning disable CA1001 // Disposed in IAsyncLifetime.DisposeAsync.
public sealed class UnfinishedUploadsTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private readonly ScratchFolder _documents = new("parts");
    private PartsApp _app = null!;

    public Task InitializeAsync()
    {
        _app = new PartsApp(_documents.Path);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _documents.Dispose();
    }

    [Fact]
    public async Task A_day_old_unfinished_upload_is_removed_and_nothing_else_is()
    {
        var (client, _) = await _app.SignedInProfessionalAsync();
        await client.GetPageAsync("/my-registry/documents");
        var abandoned = Path.Combine(_documents.Path, new string('a', 32) + ".part");
        var inProgress = Path.Combine(_documents.Path, new string('b', 32) + ".part");
        var kept = Path.Combine(_documents.Path, new string('c', 32));
        foreach (var file in new[] { abandoned, inProgress, kept })
        {
            await File.WriteAllTextAsync(file, "%PDF-1.4");
        }

        File.SetLastWriteTimeUtc(abandoned, DateTime.UtcNow.AddHours(-25));
        File.SetLastWriteTimeUtc(kept, DateTime.UtcNow.AddDays(-400));

        await using var scope = _app.Services.CreateAsyncScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<UnfinishedUploads>().RunOnceAsync(CancellationToken.None));

        Assert.False(File.Exists(abandoned));
        Assert.True(File.Exists(inProgress));
        Assert.True(File.Exists(kept));
    }

    private sealed class PartsApp(string documents) : RegistryAppFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Storage:DocumentsPath"] = documents };
    }
}
