using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain.Access;
using Registry.Web.Infrastructure.Jobs;
using Registry.Web.Infrastructure.Security;

namespace Registry.Benchmarks;

/// <summary>
/// The running app under load over HTTP on loopback, driven by wrk (Debian's package): the app is
/// started as its own process (Release, Production settings, HTTPS with a certificate made for the run) on a synthetic state's database, one
/// generated person is given a password and a director's grant at their site, and each main page
/// is hammered in turn (anonymous or with that person's cookie).
/// Usage: dotnet run -c Release --project tests/Registry.Benchmarks -- --load --db FILE.db [--seconds N] [--connections N] [--rounds N] [--warmup N] [--only TEXT] [--app-log FILE] [--soak]
/// The app runs in the configuration the benchmark was built in (Release for figures; CI's one-minute
/// soak smoke runs the Debug build the tests already made). With --soak the exit code is 1 when any
/// request failed (non-2xx/3xx, socket error or timeout).
/// (FILE.db from <c>-- --workforce --keep FILE.db</c>; the file is copied, not changed.)
/// </summary>
internal static partial class LoadBenchmark
{
    private const string Password = "load benchmark password 2026";
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif
    private static readonly string[] SoakRuns = ["anonymous (home, employer look-up, calendar, reports, map)", "signed in (My Registry, a director's roster)"];

    public static async Task<int> RunAsync(string[] args)
    {
        var source = args.SkipWhile(a => a != "--db").Skip(1).FirstOrDefault();
        var seconds = args.SkipWhile(a => a != "--seconds").Skip(1).Select(int.Parse).FirstOrDefault(20);
        var connections = args.SkipWhile(a => a != "--connections").Skip(1).Select(int.Parse).FirstOrDefault(16);
        if (source is null || !File.Exists(source))
        {
            Console.Error.WriteLine("Give a database made by `-- --workforce --keep FILE.db`: --load --db FILE.db");
            return 2;
        }

        if (!CommandExists("wrk"))
        {
            Console.Error.WriteLine("wrk is not installed: apt-get install -y wrk");
            return 2;
        }

        var folder = Directory.CreateTempSubdirectory("registry-load-");
        Process? app = null;
        try
        {
            var database = Path.Combine(folder.FullName, "load.db");
            File.Copy(source, database);
            if (File.Exists(source + "-wal"))
            {
                // A state left in write-ahead-log mode may hold its last writes there.
                File.Copy(source + "-wal", database + "-wal");
            }

            var (email, site, authenticatorKey) = await PrepareAccountAsync(database, holdHourlyJobs: !args.Contains("--soak"));
            var root = Path.GetDirectoryName(Path.GetDirectoryName(Repository.RulesFolder()))!;
            var build = Process.Start(new ProcessStartInfo("dotnet", ["build", "-c", Configuration, Path.Combine(root, "Registry.Web"), "-v", "q", "-nologo"]) { RedirectStandardOutput = true })!;
            var built = await build.StandardOutput.ReadToEndAsync();
            await build.WaitForExitAsync();
            if (build.ExitCode != 0)
            {
                Console.Error.WriteLine("The app did not build: " + built);
                return 1;
            }

            // As in production behind a TLS-terminating proxy: plain HTTP on loopback, every request saying
            // X-Forwarded-Proto: https (trusted from loopback), so cookies are secure and nothing redirects.
            string address;
            using (var free = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
            {
                free.Start();
                address = $"http://127.0.0.1:{((IPEndPoint)free.LocalEndpoint).Port}";
            }

            var start = new ProcessStartInfo("dotnet", [Path.Combine(root, "Registry.Web", "bin", Configuration, "net10.0", "Registry.Web.dll")])
            {
                WorkingDirectory = Path.Combine(root, "Registry.Web"),
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["ASPNETCORE_URLS"] = address;
            start.Environment["Site__PublicUrl"] = address.Replace("http://", "https://", StringComparison.Ordinal);
            start.Environment["ConnectionStrings__Registry"] = $"Data Source={database}";
            start.Environment["Census__Schedule"] = "Off";
            start.Environment["DataQuality__RefreshHours"] = "0";
            start.Environment["Logging__LogLevel__Default"] = "Warning";
            start.Environment["RateLimits__SignInPerMinute"] = "100000";
            start.Environment["RateLimits__EmployerLookupsPerMinute"] = "100000000";
            start.Environment["Email__PickupFolder"] = Path.Combine(folder.FullName, "mail");
            start.Environment["Storage__DocumentsPath"] = Path.Combine(folder.FullName, "documents");
            // --app-log FILE: the app's output, with every database command and its time, into FILE (to see where a page's time goes).
            var appLog = args.SkipWhile(a => a != "--app-log").Skip(1).FirstOrDefault();
            if (appLog is not null)
            {
                start.Environment["Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command"] = "Information";
                start.Environment["Logging__LogLevel__Microsoft.EntityFrameworkCore.Query"] = "Debug";
                start.Environment["Logging__Console__FormatterName"] = "simple";
            }

            app = Process.Start(start)!;
            if (appLog is not null)
            {
                var log = new StreamWriter(appLog) { AutoFlush = true };
                app.OutputDataReceived += (_, line) => log.WriteLine(line.Data);
                app.BeginOutputReadLine();
            }
            else
            {
                _ = app.StandardOutput.ReadToEndAsync();
            }

            _ = app.StandardError.ReadToEndAsync();
            using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(address) };
            http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
            var ready = Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    using var health = await http.GetAsync(new Uri("/health", UriKind.Relative));
                    if (health.IsSuccessStatusCode)
                    {
                        break;
                    }
                }
                catch (HttpRequestException) when (ready.Elapsed < TimeSpan.FromMinutes(2))
                {
                }

                if (ready.Elapsed > TimeSpan.FromMinutes(2) || app.HasExited)
                {
                    Console.Error.WriteLine("The app never became healthy.");
                    return 1;
                }

                await Task.Delay(500);
            }

            var cookie = await SignInAsync(http, email, authenticatorKey);
            (string Name, string Path, bool SignedIn)[] pages =
            [
                ("home", "/", false),
                ("employer look-up (\"little star\")", "/employers?q=little+star", false),
                ("My Registry", "/my-registry", true),
                ("a director's roster (50 a page)", $"/sites/{site}/roster", true),
                ("training calendar", "/training", false),
                ("statewide report (education by race and ethnicity)", "/workforce?rows=Education&by=Race", false),
                ("county report (Los Angeles, age by race and ethnicity)", "/workforce?rows=Age&by=Race&county=Los+Angeles", false),
                ("county map", "/workforce/map?measure=HoldsPermit", false),
            ];
            var report = new StringBuilder();
            var professionals = 0L;
            var sites = 0L;
            await using (var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly"))
            {
                await connection.OpenAsync();
                await using var count = connection.CreateCommand();
                count.CommandText = "SELECT (SELECT COUNT(*) FROM Professionals), (SELECT COUNT(*) FROM Employers)";
                await using var reader = await count.ExecuteReaderAsync();
                await reader.ReadAsync();
                professionals = reader.GetInt64(0);
                sites = reader.GetInt64(1);
            }

            if (args.Contains("--soak"))
            {
                // Every page answers 200 as itself first (a signed-in page, not a redirect to sign in): else the soak would measure error pages.
                await CheckPagesAsync(http, cookie, pages);
                var (soak, failures) = await SoakAsync(app, address, cookie, pages, seconds, connections, professionals);
                await CheckPagesAsync(http, cookie, pages);
                Console.WriteLine(soak);
                if (failures > 0)
                {
                    Console.Error.WriteLine($"The soak saw {failures} failed request(s), or answers too slow.");
                    return 1;
                }

                return 0;
            }

            await CheckPagesAsync(http, cookie, pages);
            var rounds = args.SkipWhile(a => a != "--rounds").Skip(1).Select(int.Parse).FirstOrDefault(3);
            await using var baseline = await Baseline.StartAsync(database);
            var scripts = Directory.CreateTempSubdirectory("registry-load-scripts-");
            var lookUps = await RandomLicenseNumbersScriptAsync(database, scripts.FullName);
            var (userId, sessionId) = await UserIdAsync(database, email);

            // Each page beside what bare Kestrel and ADO.NET do for it: the same look-up, the same
            // person's record, or (for a page the same for every visitor) the app's own bytes.
            List<Measured> measured =
            [
                new("employer look-up by license number (random existing numbers)", "/employers", false, "/employers", lookUps),
            ];
            foreach (var (name, path, signedIn) in pages)
            {
                string? against = null;
                if (path == "/my-registry")
                {
                    against = "/my-registry?user=" + Uri.EscapeDataString(userId) + "&session=" + Uri.EscapeDataString(sessionId);
                }
                else if (!signedIn)
                {
                    using var page = await http.GetAsync(new Uri(path, UriKind.Relative));
                    baseline.Pages[name] = await page.Content.ReadAsByteArrayAsync();
                    against = "/page?name=" + Uri.EscapeDataString(name);
                }

                measured.Add(new(name, path, signedIn, against, null));
            }

            // --only TEXT[|TEXT...]: just the pages whose name holds one of the texts (to look at a page, or profile it).
            var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault()?.Split('|');
            if (only is not null)
            {
                measured.RemoveAll(m => !only.Any(text => m.Name.Contains(text, StringComparison.OrdinalIgnoreCase)));
            }

            // Warm-up, not counted: --warmup seconds of each (default 30). The runtime's tiered compiler
            // still recompiles hot methods for most of a minute of load (a profile showed a quarter of the CPU
            // in the JIT 12 s into a roster run; the JIT's own counters, 400 methods a second at 45 s, about
            // none after a minute): a server's steady state is what is measured.
            var warmUp = args.SkipWhile(a => a != "--warmup").Skip(1).Select(int.Parse).FirstOrDefault(30);
            foreach (var m in measured)
            {
                await WrkAsync(address + m.Path, connections, warmUp, m.SignedIn ? cookie : null, m.Script, proxied: true);
                if (m.Against is not null)
                {
                    await WrkAsync(baseline.Address + m.Against, connections, warmUp, null, m.Script, proxied: false);
                }
            }

            for (var round = 1; round <= rounds; round++)
            {
                foreach (var m in measured)
                {
                    m.App.Add(await WrkAsync(address + m.Path, connections, seconds, m.SignedIn ? cookie : null, m.Script, proxied: true));
                    if (m.Against is not null)
                    {
                        m.Bare.Add(await WrkAsync(baseline.Address + m.Against, connections, seconds, null, m.Script, proxied: false));
                    }
                }
            }

            scripts.Delete(recursive: true);
            report.AppendLine(CultureInfo.InvariantCulture, $"Load: wrk, {connections} connections, 2 threads, {seconds} s a page, {rounds} alternating rounds (the app, then the bare baseline, page by page) after {warmUp} s of warm-up each, against the app as its own process ({Configuration}, Production settings, SQLite) behind a TLS-terminating proxy (X-Forwarded-Proto: https from loopback); the baseline is bare Kestrel and ADO.NET in the benchmark's process on the same file. {professionals:N0} professionals and {sites:N0} sites in the database.");
            report.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Machine.Describe()} (wrk, the app and the baseline share its cores). Figures are medians of the rounds; the range is the lowest and highest round.");
            report.AppendLine();
            report.AppendLine("| page | Registry requests/s (range) | p50 | p99 | baseline requests/s (range) | baseline p99 | ratio | errors or non-2xx |");
            report.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var m in measured)
            {
                var app1 = Median(m.App);
                var bare = m.Bare.Count == 0 ? null : Median(m.Bare);
                var errors = m.App.Sum(r => r.Errors);
                var appPart = FormattableString.Invariant($"| {m.Name} | {app1.Rate:N0} ({m.App.Min(r => r.Rate):N0} to {m.App.Max(r => r.Rate):N0}) | {app1.P50} | {app1.P99} | ");
                var barePart = bare is null ? "— | — | — " : FormattableString.Invariant($"{bare.Rate:N0} ({m.Bare.Min(r => r.Rate):N0} to {m.Bare.Max(r => r.Rate):N0}) | {bare.P99} | {app1.Rate / bare.Rate:F2} ");
                report.AppendLine(appPart + barePart + FormattableString.Invariant($"| {errors} |"));
            }

            Console.WriteLine(report.ToString());
            return 0;
        }
        finally
        {
            if (app is { HasExited: false })
            {
                app.Kill(entireProcessTree: true);
                await app.WaitForExitAsync();
            }

            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private sealed record Run(double Rate, string P50, string P99, long Errors);

    private sealed record Measured(string Name, string Path, bool SignedIn, string? Against, string? Script)
    {
        public List<Run> App { get; } = [];

        public List<Run> Bare { get; } = [];
    }

    private static Run Median(List<Run> runs) => runs.OrderBy(r => r.Rate).ElementAt(runs.Count / 2);

    /// <summary>One wrk run: 2 threads, the connections and seconds given, with a Lua script when the paths vary.</summary>
    private static async Task<Run> WrkAsync(string url, int connections, int seconds, string? cookie, string? script, bool proxied)
    {
        List<string> wrkArgs = ["-t2", $"-c{connections}", $"-d{seconds}s", "--latency"];
        if (cookie is not null)
        {
            wrkArgs.AddRange(["-H", $"Cookie: {cookie}"]);
        }

        if (proxied)
        {
            wrkArgs.AddRange(["-H", "X-Forwarded-Proto: https"]);
        }

        if (script is not null)
        {
            wrkArgs.AddRange(["-s", script]);
        }

        wrkArgs.Add(url);
        var wrk = Process.Start(new ProcessStartInfo("wrk", wrkArgs) { RedirectStandardOutput = true })!;
        var output = await wrk.StandardOutput.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        string Percent(string p) => Regex.Match(output, $@"^\s+{p}%\s+(\S+)", RegexOptions.Multiline).Groups[1].Value;
        var rate = double.Parse(Regex.Match(output, @"Requests/sec:\s+(\S+)").Groups[1].Value, CultureInfo.InvariantCulture);
        var errors = Regex.Match(output, @"Non-2xx or 3xx responses: (\d+)").Groups[1].Value;
        var socket = Regex.Matches(Regex.Match(output, @"Socket errors: (.*)").Groups[1].Value, @"\d+").Sum(m => long.Parse(m.Value, CultureInfo.InvariantCulture));
        return new Run(rate, Percent("50"), Percent("99"), (errors.Length == 0 ? 0 : long.Parse(errors, CultureInfo.InvariantCulture)) + socket);
    }

    /// <summary>A wrk script asking for a random one of every site's license number each request (the same list for the app and the baseline).</summary>
    private static async Task<string> RandomLicenseNumbersScriptAsync(string database, string folder)
    {
        var numbers = new List<string>();
        await using (var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT LicenseNumber FROM Employers ORDER BY random()";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                numbers.Add(reader.GetString(0));
            }
        }

        var file = Path.Combine(folder, "license-numbers.lua");
        await File.WriteAllTextAsync(file, $$"""
            local numbers = { {{string.Join(", ", numbers.Select(n => $"\"{n}\""))}} }
            math.randomseed(os.time())
            request = function()
              return wrk.format("GET", "/employers?q=" .. numbers[math.random(#numbers)])
            end

            """);
        return file;
    }

    /// <summary>The account's id and the session the benchmark signed in with (its newest), for the baseline's session check.</summary>
    private static async Task<(string UserId, string SessionId)> UserIdAsync(string database, string email)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT u.Id, s.Id FROM AspNetUsers u JOIN AccountSessions s ON s.UserId = u.Id
            WHERE u.Email = $email AND s.EndedAt IS NULL ORDER BY s.CreatedAt DESC LIMIT 1
            """;
        command.Parameters.AddWithValue("$email", email);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetString(0), reader.GetString(1));
    }

    /// <summary>Each page answers 200 and is the page asked for: a signed-in page shows the sign-out form (not the sign-in page).</summary>
    private static async Task CheckPagesAsync(HttpClient http, string cookie, (string Name, string Path, bool SignedIn)[] pages)
    {
        foreach (var (_, path, signedIn) in pages)
        {
            using var check = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
            if (signedIn)
            {
                check.Headers.Add("Cookie", cookie);
            }

            using var answer = await http.SendAsync(check);
            var body = await answer.Content.ReadAsStringAsync();
            if (answer.StatusCode != HttpStatusCode.OK || !body.Contains(Marker(signedIn), StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{path} answered {(int)answer.StatusCode} without \"{Marker(signedIn)}\": the soak would measure the wrong page.");
            }
        }
    }

    /// <summary>What every page of a run shows: a signed-in page its sign-out form, any page its end.</summary>
    private static string Marker(bool signedIn) => signedIn ? "/account/sign-out" : "</html>";

    /// <summary>
    /// The soak: for <paramref name="seconds"/>, half the connections read the anonymous pages in turn
    /// and half the signed-in ones (wrk, a Lua script rotating the paths), at once. The script counts
    /// every answer that is not 200 and every sampled answer (one in ten) without its page's marker
    /// (a redirect to sign-in is a failure, not a success); the app's memory (resident set) is read
    /// every 10 s and, in a run long enough to have three readings after warm-up (the first third,
    /// at least two minutes), its slope must stay under SOAK_MAX_MB_PER_MINUTE (default 10).
    /// </summary>
    private static async Task<(string Report, long Failures)> SoakAsync(Process app, string address, string cookie, (string Name, string Path, bool SignedIn)[] pages, int seconds, int connections, long professionals)
    {
        static long ResidentKb(Process process) =>
            long.Parse(Regex.Match(File.ReadAllText($"/proc/{process.Id}/status"), @"VmRSS:\s+(\d+) kB").Groups[1].Value, CultureInfo.InvariantCulture);

        var folder = Directory.CreateTempSubdirectory("registry-soak-");
        try
        {
            string Script(bool signedIn)
            {
                var paths = string.Join(", ", pages.Where(p => p.SignedIn == signedIn).Select(p => $"\"{p.Path}\""));
                var file = Path.Combine(folder.FullName, signedIn ? "signed-in.lua" : "anonymous.lua");
                File.WriteAllText(file, $$"""
                    local paths = {{{paths}}}
                    local marker = "{{Marker(signedIn)}}"
                    local i = 0
                    bad = 0
                    local seen = 0
                    local threads = {}
                    function setup(thread) table.insert(threads, thread) end
                    request = function()
                      i = i + 1
                      return wrk.format("GET", paths[(i % #paths) + 1])
                    end
                    response = function(status, headers, body)
                      seen = seen + 1
                      if status ~= 200 then
                        bad = bad + 1
                      elseif seen % 10 == 0 and not string.find(body, marker, 1, true) then
                        bad = bad + 1
                      end
                    end
                    function done(summary, latency, requests)
                      local total = 0
                      for _, t in ipairs(threads) do total = total + t:get("bad") end
                      io.write("Not the page asked for: " .. total .. "\n")
                    end

                    """);
                return file;
            }

            var before = ResidentKb(app);
            var half = Math.Max(1, connections / 2);
            Task<string> Run(bool signedIn)
            {
                List<string> wrkArgs = ["-t1", $"-c{half}", $"-d{seconds}s", "--latency", "--timeout", "10s", "-s", Script(signedIn), "-H", "X-Forwarded-Proto: https"];
                if (signedIn)
                {
                    wrkArgs.AddRange(["-H", $"Cookie: {cookie}"]);
                }

                wrkArgs.Add(address);
                var wrk = Process.Start(new ProcessStartInfo("wrk", wrkArgs) { RedirectStandardOutput = true })!;
                return wrk.StandardOutput.ReadToEndAsync();
            }

            // Memory every 10 s while the soak runs: the process's resident set, and the managed heap as the last
            // garbage collection left it (live objects; /metrics, System.Runtime), which is what a leak grows.
            using var metrics = new HttpClient { BaseAddress = new Uri(address) };
            async Task<long> HeapKbAsync()
            {
                try
                {
                    var text = await metrics.GetStringAsync(new Uri("/metrics", UriKind.Relative));
                    var values = Regex.Matches(text, @"^dotnet_gc_last_collection_heap_size_bytes\{[^}]*\} (\S+)", RegexOptions.Multiline);
                    return values.Count == 0 ? -1 : (long)(values.Sum(v => double.Parse(v.Groups[1].Value, CultureInfo.InvariantCulture)) / 1024);
                }
                catch (HttpRequestException)
                {
                    return -1;
                }
            }

            var samples = new List<(double Minutes, long Kb)>();
            var heaps = new List<(double Minutes, long Kb)>();
            var clock = Stopwatch.StartNew();
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    samples.Add((clock.Elapsed.TotalMinutes, ResidentKb(app)));
                    if (await HeapKbAsync() is >= 0 and var heap)
                    {
                        heaps.Add((clock.Elapsed.TotalMinutes, heap));
                    }

                    try
                    {
                        await Task.Delay(TimeSpan.FromSeconds(10), sampling.Token);
                    }
                    catch (OperationCanceledException)
                    {
                    }
                }
            });
            var runs = await Task.WhenAll(Run(signedIn: false), Run(signedIn: true));
            await sampling.CancelAsync();
            await sampler;
            var after = ResidentKb(app);
            samples.Add((clock.Elapsed.TotalMinutes, after));
            // Warm-up: the first third of the run, at least two minutes (JIT tiers, pools and caches fill).
            var warm = Math.Max(seconds / 60.0 / 3, 2);
            var settled = samples.Where(x => x.Minutes >= warm).ToList();
            var slope = Slope(settled);
            var settledHeap = heaps.Where(x => x.Minutes >= warm).ToList();
            var heapSlope = Slope(settledHeap);
            var allowed = double.TryParse(Environment.GetEnvironmentVariable("SOAK_MAX_MB_PER_MINUTE"), NumberStyles.Float, CultureInfo.InvariantCulture, out var m) ? m : 10;
            var report = new StringBuilder();
            report.AppendLine(CultureInfo.InvariantCulture, $"Soak: {seconds} s, {connections} connections (wrk, half on the anonymous pages, half signed in, each rotating its pages), the app as its own process ({Configuration}, Production settings, SQLite) behind a TLS-terminating proxy (X-Forwarded-Proto: https) on loopback; {professionals:N0} professionals.");
            report.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Machine.Describe()} (wrk and the app share its cores).");
            report.AppendLine();
            long failures = 0;
            var maxP99 = double.TryParse(Environment.GetEnvironmentVariable("SOAK_MAX_P99_MS"), NumberStyles.Float, CultureInfo.InvariantCulture, out var p) ? p : 1000;
            var slow = new List<string>();
            report.AppendLine("| pages | requests | requests/s | p50 | p90 | p99 | max | errors or non-2xx |");
            report.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var (output, name) in runs.Zip(SoakRuns))
            {
                string Percent(string p) => Regex.Match(output, $@"^\s+{p}%\s+(\S+)", RegexOptions.Multiline).Groups[1].Value;
                var total = Regex.Match(output, @"(\d+) requests in").Groups[1].Value;
                var rate = Regex.Match(output, @"Requests/sec:\s+(\S+)").Groups[1].Value;
                var max = Regex.Match(output, @"Latency\s+\S+\s+\S+\s+(\S+)").Groups[1].Value;
                var errors = Regex.Match(output, @"Non-2xx or 3xx responses: (\d+)").Groups[1].Value;
                var socket = Regex.Match(output, @"Socket errors: (.*)").Groups[1].Value;
                var wrong = Regex.Match(output, @"Not the page asked for: (\d+)").Groups[1].Value;
                failures += (errors.Length == 0 ? 0 : long.Parse(errors, CultureInfo.InvariantCulture))
                    + Regex.Matches(socket, @"\d+").Sum(m => long.Parse(m.Value, CultureInfo.InvariantCulture))
                    + (wrong.Length == 0 ? 1 : long.Parse(wrong, CultureInfo.InvariantCulture))
                    + (total.Length == 0 || total == "0" ? 1 : 0);
                // Slow is failing too: a p99 over SOAK_MAX_P99_MS (default 1,000 ms) fails the soak.
                if (Milliseconds(Percent("99")) > maxP99)
                {
                    slow.Add($"{name}: p99 {Percent("99")} (allowed {maxP99:N0} ms)");
                    failures++;
                }

                report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {total} | {rate} | {Percent("50")} | {Percent("90")} | {Percent("99")} | {max} | {(errors.Length == 0 ? "0" : errors)}{(socket.Length == 0 ? string.Empty : "; socket " + socket)}; not the page: {(wrong.Length == 0 ? "unknown" : wrong)} |");
            }

            report.AppendLine();
            foreach (var line in slow)
            {
                report.AppendLine("Too slow: " + line + ".");
            }

            if (settled.Count < 3)
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"App memory (resident): {before / 1024.0:F0} MB at the start, {after / 1024.0:F0} MB at the end; read every 10 s ({samples.Count} readings). Too short a run to judge a leak after warm-up (two minutes): the ten-minute soak does.");
            }
            else
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"App memory (resident): {before / 1024.0:F0} MB at the start, {after / 1024.0:F0} MB at the end; read every 10 s ({samples.Count} readings); after warm-up ({settled.Count} readings) it grew {slope:F1} MB a minute (allowed {allowed:F0}).");
            }

            report.AppendLine(heaps.Count == 0
                ? "Managed heap: not read (/metrics has no dotnet_gc_last_collection_heap_size_bytes)."
                : FormattableString.Invariant($"Managed heap after the last collection: {heaps[0].Kb / 1024.0:F0} MB at the first reading, {heaps[^1].Kb / 1024.0:F0} MB at the last; after warm-up ({settledHeap.Count} readings) it grew {heapSlope:F1} MB a minute (allowed {allowed:F0})."));
            report.AppendLine(FormattableString.Invariant($"Readings (minutes, resident MB, heap MB): {string.Join("; ", samples.Select(x => $"{x.Minutes:F1} {x.Kb / 1024.0:F0} {heaps.Where(h => Math.Abs(h.Minutes - x.Minutes) < 0.05).Select(h => (h.Kb / 1024.0).ToString("F0", CultureInfo.InvariantCulture)).FirstOrDefault() ?? "-"}"))}."));

            // A leak grows the live heap; the resident set also holds what the collector keeps for reuse, so it is
            // judged only where the heap could not be read.
            var judged = settledHeap.Count >= 3 ? heapSlope : settled.Count >= 3 ? slope : 0;
            if (judged > allowed)
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"Memory is not flat after warm-up: {judged:F1} MB a minute ({(settledHeap.Count >= 3 ? "managed heap" : "resident set")}).");
                failures++;
            }

            return (report.ToString(), failures);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>A wrk latency ("850.00us", "12.5ms", "1.02s") in milliseconds; unreadable is infinitely slow.</summary>
    private static double Milliseconds(string latency)
    {
        var match = Regex.Match(latency, @"^([\d.]+)(us|ms|s|m)$");
        if (!match.Success)
        {
            return double.PositiveInfinity;
        }

        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "us" => value / 1000, "ms" => value, "s" => value * 1000, _ => value * 60000 };
    }

    /// <summary>The least-squares slope of the readings, in MB a minute.</summary>
    private static double Slope(List<(double Minutes, long Kb)> samples)
    {
        if (samples.Count < 2)
        {
            return 0;
        }

        var meanX = samples.Average(x => x.Minutes);
        var meanY = samples.Average(x => x.Kb / 1024.0);
        var spread = samples.Sum(x => (x.Minutes - meanX) * (x.Minutes - meanX));
        return spread == 0 ? 0 : samples.Sum(x => (x.Minutes - meanX) * ((x.Kb / 1024.0) - meanY)) / spread;
    }

    /// <summary>Gives a generated person at a large center a password, a director's grant there and the authenticator app a director must have.</summary>
    /// <remarks>
    /// With <paramref name="holdHourlyJobs"/> (the side-by-side measure, not the soak), each hourly job's lease is
    /// taken for the hour as if its pass had just run: else the copied state's reminders (a thousand emails
    /// a job a start) are written and sent by the app while its pages are measured.
    /// </remarks>
    private static async Task<(string Email, int Site, string Key)> PrepareAccountAsync(string database, bool holdHourlyJobs)
    {
        var options = new DbContextOptionsBuilder<SqliteRegistryDbContext>().UseSqlite($"Data Source={database}").Options;
        await using var db = new SqliteRegistryDbContext(options);
        var site = await db.Employments.Where(e => e.EndDate == null && e.EmployerId != null)
            .GroupBy(e => e.EmployerId!.Value).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
        var person = await db.Employments.Where(e => e.EmployerId == site && e.EndDate == null).Select(e => e.ProfessionalId).FirstAsync();
        var userId = await db.Professionals.Where(p => p.Id == person).Select(p => p.UserId).SingleAsync();
        var user = await db.Users.SingleAsync(u => u.Id == userId);
        user.PasswordHash = new PasswordHasher<RegistryUser>().HashPassword(user, Password);
        user.EmailConfirmed = true;
        var now = DateTimeOffset.UtcNow;
        db.AccessGrants.Add(AccessGrant.ForSite(userId, AccessRole.SiteDirector, site, now.AddDays(-1), now.AddDays(365)));

        // As the set-up page leaves it: Identity's authenticator key, and the second factor on.
        var key = OtpNet.Base32Encoding.ToString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));
        db.UserTokens.Add(new IdentityUserToken<string> { UserId = userId, LoginProvider = "[AspNetUserStore]", Name = "AuthenticatorKey", Value = key });
        user.TwoFactorEnabled = true;
        if (holdHourlyJobs)
        {
            var jobs = typeof(IHourlyJob).Assembly.GetTypes().Where(t => t.IsClass && typeof(IHourlyJob).IsAssignableFrom(t)).Select(t => "hourly:" + t.Name).ToList();
            await db.JobLeases.Where(l => jobs.Contains(l.Name)).ExecuteDeleteAsync();
            db.JobLeases.AddRange(jobs.Select(name => new JobLease(name, "load benchmark", now.AddHours(1))));
        }

        await db.SaveChangesAsync();
        return (user.Email!, site, key);
    }

    /// <summary>Signs in through the real forms (password, then the authenticator app's code) and returns the cookie header a browser would send.</summary>
    private static async Task<string> SignInAsync(HttpClient http, string email, string key)
    {
        using var form = await http.GetAsync(new Uri("/account/sign-in", UriKind.Relative));
        var antiforgery = Cookies(form);
        var token = AntiforgeryToken().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value;
        using var post = new HttpRequestMessage(HttpMethod.Post, new Uri("/account/sign-in", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = email, ["Password"] = Password, ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token) }),
        };
        post.Headers.Add("Cookie", antiforgery);
        using var signedIn = await http.SendAsync(post);
        if (signedIn.StatusCode != HttpStatusCode.Redirect || signedIn.Headers.Location?.OriginalString is not { } step || !step.StartsWith("/account/sign-in/two-factor", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Signing in answered {(int)signedIn.StatusCode} {signedIn.Headers.Location}, not the second-factor step.");
        }

        var pending = antiforgery + "; " + Cookies(signedIn);
        using var codeForm = new HttpRequestMessage(HttpMethod.Get, new Uri(step, UriKind.Relative));
        codeForm.Headers.Add("Cookie", pending);
        using var codePage = await http.SendAsync(codeForm);
        var codeToken = AntiforgeryToken().Match(await codePage.Content.ReadAsStringAsync()).Groups[1].Value;
        using var code = new HttpRequestMessage(HttpMethod.Post, new Uri("/account/sign-in/two-factor", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Code"] = new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UtcNow),
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(codeToken),
            }),
        };
        code.Headers.Add("Cookie", pending);
        using var done = await http.SendAsync(code);
        if (done.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"The second-factor step answered {(int)done.StatusCode}.");
        }

        return Cookies(done);
    }

    private static string Cookies(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : []);

    private static bool CommandExists(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Any(d => File.Exists(Path.Combine(d, name)));

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
