using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Registry.IntegrationTests.Infrastructure;

/// <summary>
/// The real app on a real SQLite file of its own (or, with <see cref="TestPostgres"/> enabled, a
/// PostgreSQL database of its own): it migrates and loads the San Francisco demo employers at
/// start-up, exactly as the README's run command does.
/// </summary>
public class RegistryAppFactory : WebApplicationFactory<Program>
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "registry-tests", Guid.NewGuid().ToString("N"));
    private readonly string? _postgresDatabase = TestPostgres.Enabled ? TestPostgres.NewDatabaseName() : null;

    public RegistryAppFactory()
    {
        // Production-like: HTTPS redirection and secure cookies are on, so the client speaks HTTPS.
        ClientOptions.BaseAddress = new Uri("https://registry.test");
    }

    /// <summary>The address the tests reach the app at, configured as its public address (Site:PublicUrl).</summary>
    public const string PublicUrl = "https://registry.test";

    public string DatabasePath => Path.Combine(_folder, "registry.db");

    /// <summary>The settings that point another app at this one's database (to play a second instance).</summary>
    public Dictionary<string, string?> SameDatabase() => _postgresDatabase is not null
        ? new() { ["Database:Provider"] = "PostgreSql", ["ConnectionStrings:Registry"] = TestPostgres.ConnectionString(_postgresDatabase) }
        : new() { ["ConnectionStrings:Registry"] = $"Data Source={DatabasePath}" };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_folder);
        builder.UseEnvironment("Testing");
        if (_postgresDatabase is not null)
        {
            builder.UseSetting("Database:Provider", "PostgreSql");
            builder.UseSetting("Database:MigrateOnStartup", "true");
            builder.UseSetting("Database:SeedDemoData", "true");
            builder.UseSetting("ConnectionStrings:Registry", TestPostgres.ConnectionString(_postgresDatabase));
        }
        else
        {
            builder.UseSetting("ConnectionStrings:Registry", $"Data Source={DatabasePath}");
        }

        builder.UseSetting("https_port", "443");

        // The registry's public address: every link it writes starts with it, whatever Host a request names.
        builder.UseSetting("Site:PublicUrl", PublicUrl);

        // Tests sign in and register many times from one "client": the limits have their own test.
        builder.UseSetting("RateLimits:SignInPerMinute", "10000");
        builder.UseSetting("RateLimits:SignUpPerMinute", "10000");
        builder.UseSetting("RateLimits:AccountEmailsPerMinute", "10000");
        builder.UseSetting("RateLimits:EmployerLookupsPerMinute", "10000");
        builder.UseSetting("RateLimits:VerifyPerMinute", "10000");
        builder.UseSetting("Email:Outbox:PollInterval", "00:00:00.200");
        builder.UseSetting("Email:PickupFolder", Path.Combine(_folder, "mail"));
        builder.UseSetting("Storage:DocumentsPath", Path.Combine(_folder, "documents"));

        // Background census and data quality passes only when a test asks for one.
        builder.UseSetting("Census:Schedule", "Off");
        builder.UseSetting("DataQuality:RefreshHours", "0");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IStartupFilter, ClientAddresses>();
            services.AddSingleton<TimeProvider>(TestClock.Instance);
            services.AddSingleton<WrittenTables>();
            services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(sp => sp.GetRequiredService<WrittenTables>());
        });
    }

    /// <summary>Settings a subclass adds or overrides.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public HttpClient CreateBrowserLikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("https://registry.test") });

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_postgresDatabase is not null)
        {
            await TestPostgres.DropAsync(_postgresDatabase);
        }

        GC.SuppressFinalize(this);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}

public static class HtmlPages
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IHtmlDocument> GetPageAsync(this HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(expected, response.StatusCode);
        return await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
    }

    public static async Task<IHtmlDocument> ReadPageAsync(this HttpResponseMessage response) =>
        await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    /// <summary>Posts a form as a browser would: the page's own fields (antiforgery token included), with some values changed.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(
        this HttpClient client,
        IHtmlFormElement form,
        IHtmlElement? submitter = null,
        IDictionary<string, string>? values = null,
        IEnumerable<KeyValuePair<string, string>>? extra = null)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var input in form.Elements.OfType<IHtmlInputElement>().Where(i => (i.Type is not ("submit" or "button" or "checkbox" or "radio") || i.IsChecked) && !string.IsNullOrEmpty(i.Name)))
        {
            fields.Add(new(input.Name ?? string.Empty, input.Value));
        }

        foreach (var area in form.Elements.OfType<IHtmlTextAreaElement>().Where(a => !string.IsNullOrEmpty(a.Name)))
        {
            fields.Add(new(area.Name!, area.Value));
        }

        foreach (var select in form.Elements.OfType<IHtmlSelectElement>().Where(s => !string.IsNullOrEmpty(s.Name)))
        {
            fields.Add(new(select.Name!, select.Value ?? string.Empty));
        }

        if (submitter is IHtmlButtonElement button && button.Name is { Length: > 0 } name)
        {
            fields.Add(new(name, button.Value));
        }

        foreach (var (key, value) in values ?? new Dictionary<string, string>())
        {
            fields.RemoveAll(f => f.Key == key);
            fields.Add(new(key, value));
        }

        fields.AddRange(extra ?? []);
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri(form.Action, UriKind.RelativeOrAbsolute), content);
    }
}
