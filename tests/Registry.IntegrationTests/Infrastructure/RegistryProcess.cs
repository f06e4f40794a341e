using System.Diagnostics;
using System.Net;
using System.Text;

namespace Registry.IntegrationTests.Infrastructure;

/// <summary>
/// Registry as its own process (<c>dotnet Registry.Web.dll</c>, Production settings), as an operator
/// runs it: a web instance on a loopback port, or one of its commands (<c>import-employers</c>…).
/// Unlike the in-process test app it can be killed outright (<see cref="KillHard"/> is SIGKILL,
/// <c>kill -9</c>), so tests can show what a crash leaves behind.
/// </summary>
public sealed class RegistryProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private string? _certificateFolder;

    private RegistryProcess(Process process)
    {
        Process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Process Process { get; }

    /// <summary>Where a web instance listens (set by <see cref="ServeAsync"/>).</summary>
    public Uri? Address { get; private set; }

    /// <summary>What the process wrote so far (standard output and error).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <c>Registry.Web.dll</c> with these arguments and settings (configuration keys, as "Email:SmtpHost").</summary>
    public static RegistryProcess Start(IReadOnlyDictionary<string, string> settings, params string[] args)
    {
        var web = Path.Combine(Repository.Root(), "src", "Registry.Web");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = web, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Registry.Web.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_CONTENTROOT"] = web;
        start.Environment["Census__Schedule"] = "Off";
        start.Environment["DataQuality__RefreshHours"] = "0";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return new RegistryProcess(Process.Start(start)!);
    }

    /// <summary>
    /// Starts a web instance on a loopback port the system gives it (port 0: Kestrel binds, and the
    /// port is read back from its "Now listening on" line, so no other process can take it first) and
    /// waits until it reports ready. With <paramref name="https"/> it serves HTTPS itself (a
    /// certificate made for the run), as it must for a browser to keep its secure cookies when no proxy
    /// stands in front. Without a Site:PublicUrl among the settings the public address is the loopback
    /// host with no port: links in its emails are then read by their path.
    /// </summary>
    public static async Task<RegistryProcess> ServeAsync(IReadOnlyDictionary<string, string> settings, bool https = false)
    {
        var all = new Dictionary<string, string>(settings);
        string? certificates = null;
        var scheme = https ? "https" : "http";
        all["ASPNETCORE_URLS"] = $"{scheme}://127.0.0.1:0";
        all["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information";
        if (https)
        {
            certificates = Directory.CreateTempSubdirectory("registry-cert-").FullName;
            var pfx = Path.Combine(certificates, "loopback.pfx");
            using (var key = System.Security.Cryptography.RSA.Create(2048))
            {
                var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=127.0.0.1", key, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
                using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(2));
                await File.WriteAllBytesAsync(pfx, made.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx, "loopback"));
            }

            all["Kestrel:Certificates:Default:Path"] = pfx;
            all["Kestrel:Certificates:Default:Password"] = "loopback";
        }

        // Production settings need the public address (start-up refuses without it, and only its host is served).
        if (!all.ContainsKey("Site:PublicUrl") && !all.ContainsKey("Access:SiteAddress"))
        {
            all["Site:PublicUrl"] = $"{scheme}://127.0.0.1";
        }

        var instance = Start(all);
        instance._certificateFolder = certificates;
        try
        {
            instance.Address = await instance.ListeningAsync(scheme);
            await instance.WaitUntilReadyAsync();
            return instance;
        }
        catch
        {
            // An instance that never became ready is not left running behind a failed test.
            await instance.DisposeAsync();
            throw;
        }
    }

    /// <summary>The address Kestrel reports it bound.</summary>
    private async Task<Uri> ListeningAsync(string scheme)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        var listening = new System.Text.RegularExpressions.Regex($@"Now listening on: ({scheme}://127\.0\.0\.1:\d+)");
        while (true)
        {
            if (listening.Match(Output) is { Success: true } match)
            {
                return new Uri(match.Groups[1].Value);
            }

            Assert.False(Process.HasExited, $"The instance stopped (exit {(Process.HasExited ? Process.ExitCode : 0)}) before listening: {Output}");
            Assert.True(DateTime.UtcNow < deadline, $"The instance never said where it listens: {Output}");
            await Task.Delay(100);
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true }) { BaseAddress = Address };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            if (Process.HasExited)
            {
                Assert.Fail($"The instance at {Address} stopped (exit {Process.ExitCode}): {Output}");
            }

            try
            {
                using var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            Assert.True(DateTime.UtcNow < deadline, $"The instance at {Address} never became ready: {Output}");
            await Task.Delay(300);
        }
    }

    /// <summary>A client that keeps cookies and does not follow redirects, like <see cref="RegistryAppFactory.CreateBrowserLikeClient"/>.</summary>
    public HttpClient CreateBrowserLikeClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, ServerCertificateCustomValidationCallback = (_, _, _, _) => true }, disposeHandler: true)
        {
            BaseAddress = Address ?? throw new InvalidOperationException("Not a web instance."),
        };

    /// <summary>Runs a command to its end and returns its exit code.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyDictionary<string, string> settings, params string[] args)
    {
        await using var command = Start(settings, args);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await command.Process.WaitForExitAsync(timeout.Token);
        command.Process.WaitForExit(); // Flushes the asynchronous output readers.
        return (command.Process.ExitCode, command.Output);
    }

    /// <summary>SIGKILL, as <c>kill -9</c>: no shutdown, no disposal, no finally blocks.</summary>
    public void KillHard()
    {
        Process.Kill(entireProcessTree: false);
        Process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            await Process.WaitForExitAsync();
        }

        Process.Dispose();
        if (_certificateFolder is not null)
        {
            Directory.Delete(_certificateFolder, recursive: true);
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
