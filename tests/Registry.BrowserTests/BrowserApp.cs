using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Registry.BrowserTests.Infrastructure;
using Registry.IntegrationTests.Infrastructure;

namespace Registry.BrowserTests;

/// <summary>The real app on a real socket (Kestrel), its own SQLite file, email to a loopback SMTP server, and Chromium.</summary>
public sealed class BrowserApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "registry-browser-tests", Guid.NewGuid().ToString("N"));
    private readonly Socket _socket;
    private IPlaywright? _playwright;

    public BrowserApp()
    {
        // A socket bound to a port the system gives, handed to Kestrel as it is: the port is known before the
        // app starts (its public address is configured with it) and nothing else can take it in between.
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
        UseKestrel(options => options.ListenHandle((ulong)_socket.Handle));
    }

    /// <summary>The password of every account the browser tests make.</summary>
    public const string Password = "purple ladders sing at dawn";

    public int Port { get; }

    /// <summary>
    /// A new page, signed in through the real form. An account that sees other people's records is
    /// then asked for its second factor: the first time it sets one up on the page (its key read from
    /// the page, as an authenticator app would scan it), later it types the app's code.
    /// </summary>
    public async Task<Microsoft.Playwright.IPage> SignedInAsync(Microsoft.Playwright.IBrowserContext context, string email)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{BaseUrl}/account/sign-in");
        await page.FillAsync("#Email", email);
        await page.FillAsync("#Password", Password);
        await page.ClickAsync("main form button[type=submit]");
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        await SecondFactorAsync(page, email);
        return page;
    }

    /// <summary>On the page the registry sent the person to: types the app's code, or sets the second factor up (then continues where they were going).</summary>
    public async Task SecondFactorAsync(Microsoft.Playwright.IPage page, string email)
    {
        if (page.Url.Contains("/account/sign-in/two-factor", StringComparison.Ordinal))
        {
            await page.FillAsync("#Code", _authenticators[email].Next());
            await page.ClickAsync("main form button[type=submit]");
            await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        }
        else if (page.Url.Contains("/account/two-factor", StringComparison.Ordinal) && await page.Locator("#authenticator-key").CountAsync() == 1)
        {
            var key = (await page.TextContentAsync("#authenticator-key"))!.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
            _authenticators[email] = new Authenticator(key);
            await page.FillAsync("#Code", _authenticators[email].Next());
            await page.ClickAsync("main form[action$='/set-up'] button[type=submit]");
            await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
            await page.ClickAsync("#recovery-codes-continue");
            await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        }
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Authenticator> _authenticators = new();

    /// <summary>An authenticator app: each code at most once (the registry refuses a step seen before).</summary>
    private sealed class Authenticator(string key)
    {
        private long _lastStep = -1;

        public string Next()
        {
            var step = Math.Max(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30, _lastStep + 1);
            _lastStep = step;
            return new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UnixEpoch.AddSeconds(step * 30));
        }
    }

    public string BaseUrl => $"http://localhost:{Port}";

    /// <summary>
    /// Clicks a button that posts its form, and waits for the page the post leads to. In CI, under the
    /// whole suite's load, Chromium has three times let such a click go with no request sent (three tests,
    /// three pages; the app logged nothing and nothing navigated for 30 s). When no post leaves within
    /// 5 s of the click, nothing was sent (so nothing can be saved twice) and the button is clicked once
    /// more, said on the console; a post that left is waited for as it is, and a page that does not come fails the test.
    /// </summary>
    public static async Task SubmitAsync(Microsoft.Playwright.IPage page, string button, System.Text.RegularExpressions.Regex url)
    {
        for (var attempt = 1; ; attempt++)
        {
            var sent = page.WaitForRequestAsync(r => r.IsNavigationRequest && r.Method == "POST", new() { Timeout = 5000 });
            await page.ClickAsync(button);
            try
            {
                await sent;
                break;
            }
            catch (TimeoutException) when (attempt == 1)
            {
                await Console.Error.WriteLineAsync($"BROWSER: clicking {button} on {page.Url} sent no post within 5 s; clicking it again.");
            }
        }

        await page.WaitForURLAsync(url);
    }

    public LoopbackSmtpServer Smtp { get; } = new();

    /// <summary>
    /// A new browser context whose waits allow 90 s rather than Playwright's 30: in CI the browser tests
    /// share two cores with the integration suite, and a page that came in 47 s once failed a test
    /// (a timeout says nothing about the page; a page that never comes still fails).
    /// </summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null)
    {
        var context = await Browser.NewContextAsync(options);
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        return context;
    }

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Screenshots of each step are kept as test artefacts in artifacts/screenshots.</summary>
    public static string ScreenshotFolder
    {
        get
        {
            var folder = new DirectoryInfo(AppContext.BaseDirectory);
            while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Registry.sln")))
            {
                folder = folder.Parent;
            }

            return Path.Combine(folder?.FullName ?? AppContext.BaseDirectory, "artifacts", "screenshots");
        }
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        Smtp.Start();
        StartServer();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFactAttribute.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        await Smtp.DisposeAsync();
        await DisposeAsync();
        _socket.Dispose();
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

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Development: plain HTTP on localhost, as a person runs it from the README.
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Registry", $"Data Source={Path.Combine(_folder, "registry.db")}");
        builder.UseSetting("Site:PublicUrl", BaseUrl);
        builder.UseSetting("Email:SmtpHost", "127.0.0.1");
        builder.UseSetting("Email:SmtpPort", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Email:SmtpSecurity", "None");
        builder.UseSetting("Email:Outbox:PollInterval", "00:00:00.200");
        builder.UseSetting("Storage:DocumentsPath", Path.Combine(_folder, "documents"));
        builder.UseSetting("Census:Schedule", "Off");
        builder.UseSetting("DataQuality:RefreshHours", "0");

        // One clock for the app and the tests (their "today" is the app's, however close to midnight).
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(TestClock.Instance));
        builder.ConfigureLogging(logging => logging.AddProvider(new AppLogFile(Path.Combine(ScreenshotFolder, "..", "browser-logs", $"{Path.GetFileName(_folder)}.log"))));
    }
}
