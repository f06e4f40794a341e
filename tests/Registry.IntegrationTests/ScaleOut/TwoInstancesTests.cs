using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Data.Licensing;
using Registry.Web.Domain.Professionals;
using Registry.Web.Infrastructure.Security;

namespace Registry.IntegrationTests.ScaleOut;

/// <summary>
/// Scale-out, shown: two Registry processes on two loopback ports sharing one PostgreSQL database,
/// behind nginx (Debian's package) terminating TLS and balancing round robin, with no sticky
/// sessions. Migrations run once, before either starts. Through the proxy a person signs up,
/// confirms and signs in while requests alternate between the instances; the outbox (running in
/// both) delivers each message exactly once; the hourly reminders (running in both) send once; the
/// quarter's census snapshot (due in both at start) is taken once.
/// </summary>
[Trait("Servers", "Own")]
#pragma warning disable CA1001 // Disposed in IAsyncLifetime.DisposeAsync.
public sealed class TwoInstancesTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private const string Password = "tiny tots teach me daily";
    private readonly ScratchFolder _folder = new("scaleout");
    private readonly List<Process> _processes = [];
    private readonly List<RegistryProcess> _instances = [];
    private readonly LoopbackSmtpServer _smtp = new();
    private PrivatePostgres _database = null!;

    public async Task InitializeAsync()
    {
        _smtp.Start();
        _database = await PrivatePostgres.StartAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        foreach (var process in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }

        await _smtp.DisposeAsync();
        await _database.DisposeAsync();
        _folder.Dispose();
    }

    [ServerFact(needsNginx: true)]
    public async Task Two_instances_behind_nginx_serve_one_person_deliver_each_email_once_and_run_the_hours_work_once()
    {
        Assert.True(File.Exists("/usr/sbin/nginx"), "This test needs Debian's nginx (apt-get install -y nginx); .ci/run installs it.");
        var connectionString = _database.ConnectionString("registry");

        // The deploy step: migrations once, the licensing list, and a profile nobody has touched for two years.
        string staleEmail;
        await using (var db = new PostgreSqlRegistryDbContext(new DbContextOptionsBuilder<PostgreSqlRegistryDbContext>().UseNpgsql(connectionString).Options, TimeProvider.System))
        {
            await db.Database.MigrateAsync();
            await new ImportEmployers.Handler(db, TimeProvider.System, NullLogger<ImportEmployers.Handler>.Instance).HandleAsync(CcldFile.SanFrancisco(), ImportEmployers.Mode.Full, CancellationToken.None);
            staleEmail = $"stale.{Guid.NewGuid():N}@example.org";
            var user = new RegistryUser { UserName = staleEmail, NormalizedUserName = staleEmail.ToUpperInvariant(), Email = staleEmail, NormalizedEmail = staleEmail.ToUpperInvariant(), EmailConfirmed = true, SecurityStamp = Guid.NewGuid().ToString() };
            db.Users.Add(user);
            var stale = new Professional(RegistryId.FromSerial(1234567), user.Id, new PersonName("Stale", null, "Profile"), new DateOnly(1980, 1, 1), staleEmail, DateTimeOffset.UtcNow.AddYears(-2));
            db.Professionals.Add(stale);

            // In the workforce (a current job at a listed site): the census counts them.
            var site = await db.Employers.OrderBy(e => e.Id).Select(e => e.Id).FirstAsync();
            stale.AddEmployment(Registry.Web.Domain.Employments.Employment.AtListedEmployer(site, Registry.Web.Domain.Employments.EmploymentRole.Teacher, new DateOnly(2015, 8, 17), new Registry.Web.Domain.Employments.EmploymentSchedule(5, 8)));
            await db.SaveChangesAsync();
            await db.Professionals.Where(p => p.Id == stale.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.UpdatedAt, DateTimeOffset.UtcNow.AddYears(-2)));
        }

        // The instances bind ports the system gives them (read back). nginx cannot report a port it chose, and
        // its address must be in the instances' settings first: the port is held (SO_REUSEPORT, not listening)
        // until nginx listens beside it with reuseport, so nothing else can take it in between.
        int proxyPort;
        RegistryProcess[] instances;
        using (var held = LoopbackPort.Hold())
        {
            proxyPort = held.Port();
            instances = await Task.WhenAll(StartInstanceAsync(connectionString, proxyPort), StartInstanceAsync(connectionString, proxyPort));
            await StartNginxAsync(proxyPort, instances[0].Address!.Port, instances[1].Address!.Port);
        }

        var (a, b) = (instances[0].Address!.Port, instances[1].Address!.Port);

        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var client = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{proxyPort}") };

        // Sign up through the proxy, then confirm from the email, then sign out and in again.
        var email = $"scaleout.{Guid.NewGuid():N}@example.org";
        var done = await new SignUpDriver(client).CompleteAsync(email);
        Assert.Contains("created successfully", done.QuerySelector("h1")?.TextContent, StringComparison.Ordinal);
        var confirmation = Assert.Single(await _smtp.WaitForAsync(m => m.To.Mailboxes.Any(x => x.Address == email), 1, TimeSpan.FromSeconds(60)));
        using (var confirmed = await client.GetAsync(new Uri(SignUpDriver.ConfirmationPath(confirmation), UriKind.Relative)))
        {
            Assert.Equal("/my-registry", confirmed.Headers.Location?.OriginalString);
        }

        var signOut = (await client.GetPageAsync("/my-registry")).Forms.Single(f => f.Action.EndsWith("/account/sign-out", StringComparison.Ordinal));
        using (await client.PostFormAsync(signOut))
        {
        }

        using (var signedIn = await new SignUpDriver(client).SubmitAsync("/account/sign-in", "/account/sign-in", new Dictionary<string, string> { ["Email"] = email, ["Password"] = Password }))
        {
            Assert.Equal("/my-registry", signedIn.Headers.Location?.OriginalString);
        }

        // Keeps working: every page answers whichever instance serves it.
        for (var i = 0; i < 10; i++)
        {
            var page = await client.GetPageAsync("/my-registry");
            Assert.Contains("María José Peña-Ruiz", page.QuerySelector("#card-title")?.TextContent, StringComparison.Ordinal);
        }

        // Both instances served this person (nginx's log names the upstream of each request).
        var upstreams = (await File.ReadAllLinesAsync(Path.Combine(_folder["nginx"], "access.log"))).Select(l => l.Split(' ')[0]).ToHashSet();
        Assert.Contains($"127.0.0.1:{a}", upstreams);
        Assert.Contains($"127.0.0.1:{b}", upstreams);

        // Each email exactly once, though both outboxes ran: the confirmation, and the one stale-profile reminder.
        // Judged once both outboxes have drained these messages (all sent, none in a sender's hands), not after a sleep.
        await using var check = new PostgreSqlRegistryDbContext(new DbContextOptionsBuilder<PostgreSqlRegistryDbContext>().UseNpgsql(connectionString).Options, TimeProvider.System);
        await _smtp.WaitForAsync(m => m.To.Mailboxes.Any(x => x.Address == staleEmail), 1, TimeSpan.FromSeconds(60));
        await OutboxDrain.WaitAsync(query => query(check), [email, staleEmail], TimeSpan.FromSeconds(60));
        OutboxDrain.AssertExactlyOnce(_smtp.Received, [email, staleEmail]);
        Assert.All(instances, p => Assert.False(p.Process.HasExited));

        // The hour's work was leased: each job's lease is held by one of the two processes.
        var leases = await check.JobLeases.AsNoTracking().ToListAsync();
        var lease = Assert.Single(leases, l => l.Name == "hourly:ProfileReminders");
        Assert.Contains(lease.HeldBy, instances.Select(p => $"{Environment.MachineName}/{p.Process.Id}"));

        // The quarter's census snapshot, due when both started, was taken once: one scheduled snapshot for the
        // period, complete, each person's row written once (two fillers would have doubled them), by one instance.
        var quarter = Registry.Web.Features.Workforce.CensusTaking.PeriodStart("Quarterly", DateOnly.FromDateTime(DateTime.Now))!.Value;
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (!await check.CensusSnapshots.AnyAsync(s => s.Kind == Registry.Web.Domain.Workforce.SnapshotKind.Scheduled && s.CompletedAt != null) && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        var snapshot = Assert.Single(await check.CensusSnapshots.AsNoTracking().Where(s => s.Kind == Registry.Web.Domain.Workforce.SnapshotKind.Scheduled).ToListAsync());
        Assert.NotNull(snapshot.CompletedAt);
        Assert.True(snapshot.AsOf >= quarter, $"The snapshot is as of {snapshot.AsOf}, before the quarter began ({quarter}).");
        Assert.True(snapshot.People > 0, "The snapshot counted nobody, though a profile was there before the instances started.");
        Assert.Equal(snapshot.People, await check.CensusRecords.CountAsync(r => r.SnapshotId == snapshot.Id));
        var census = Assert.Single(await check.JobLeases.AsNoTracking().Where(l => l.Name == Registry.Web.Features.Workforce.CensusWorker.LeaseName).ToListAsync());
        Assert.Contains(census.HeldBy, instances.Select(p => $"{Environment.MachineName}/{p.Process.Id}"));
    }

    private async Task<RegistryProcess> StartInstanceAsync(string connectionString, int proxyPort)
    {
        var instance = await RegistryProcess.ServeAsync(new Dictionary<string, string>
        {
            ["Database:Provider"] = "PostgreSql",
            ["ConnectionStrings:Registry"] = connectionString,
            ["Database:MigrateOnStartup"] = "false",
            ["Database:SeedDemoData"] = "false",
            ["Email:SmtpHost"] = "127.0.0.1",
            ["Email:SmtpPort"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:SmtpSecurity"] = "None",
            ["Email:Outbox:PollInterval"] = "00:00:00.500",
            // The proxy's address: links in emails go there, and its host (127.0.0.1, as the instances' own) is the one served.
            ["Site:PublicUrl"] = $"https://127.0.0.1:{proxyPort}",
            ["Storage:DocumentsPath"] = _folder["documents"],
            ["RateLimits:SignInPerMinute"] = "1000",
            ["RateLimits:SignUpPerMinute"] = "1000",

            // The census as deployed: the quarter's snapshot is due the moment each instance starts.
            ["Census:Schedule"] = "Quarterly",
        });
        _instances.Add(instance);
        return instance;
    }

    private async Task StartNginxAsync(int port, int a, int b)
    {
        var folder = _folder["nginx"];
        Directory.CreateDirectory(folder);
        using (var key = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(2));
            await File.WriteAllTextAsync(Path.Combine(folder, "cert.pem"), certificate.ExportCertificatePem());
            await File.WriteAllTextAsync(Path.Combine(folder, "key.pem"), key.ExportPkcs8PrivateKeyPem());
        }

        var user = Environment.UserName == "root" ? "user root;" : string.Empty;
        await File.WriteAllTextAsync(Path.Combine(folder, "nginx.conf"), $$"""
            {{user}}
            worker_processes 1;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log;
            events { worker_connections 256; }
            http {
                log_format upstream '$upstream_addr $status $request_method $uri';
                access_log {{folder}}/access.log upstream;
                client_body_temp_path {{folder}}/body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                upstream registry {
                    server 127.0.0.1:{{a}};
                    server 127.0.0.1:{{b}};
                }
                server {
                    listen 127.0.0.1:{{port}} ssl reuseport;
                    ssl_certificate {{folder}}/cert.pem;
                    ssl_certificate_key {{folder}}/key.pem;
                    location / {
                        proxy_pass http://registry;
                        proxy_set_header Host $http_host;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_set_header X-Forwarded-Proto https;
                    }
                }
            }
            """);
        var start = new ProcessStartInfo("/usr/sbin/nginx") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-p", folder, "-c", Path.Combine(folder, "nginx.conf"), "-g", "daemon off;" })
        {
            start.ArgumentList.Add(arg);
        }

        var nginx = Process.Start(start)!;
        _processes.Add(nginx);
        _ = nginx.StandardOutput.ReadToEndAsync();
        var errors = nginx.StandardError.ReadToEndAsync();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            Assert.False(nginx.HasExited, "nginx stopped: " + (nginx.HasExited ? await errors : string.Empty));
            try
            {
                using var socket = new TcpClient();
                await socket.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }
}
