extern alias web;

using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Registry.Web.Data;
using Registry.Web.Domain.Access;
using Registry.Web.Infrastructure.Security;

namespace Registry.Benchmarks;

/// <summary>The whole app in-process on a benchmark's database, production settings, served to an HTTP client.</summary>
internal class BenchmarkApp(string databasePath, string folder) : WebApplicationFactory<web::Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(Path.GetDirectoryName(Repository.RulesFolder())!);
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:Registry", $"Data Source={databasePath}");
        builder.UseSetting("https_port", "443");
        builder.UseSetting("Site:PublicUrl", "https://registry.test");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("RateLimits:SignInPerMinute", "10000");
        builder.UseSetting("Email:PickupFolder", Path.Combine(folder, "mail"));
        builder.UseSetting("Storage:DocumentsPath", Path.Combine(folder, "documents"));

        // No background census or data quality pass while pages are timed.
        builder.UseSetting("Census:Schedule", "Off");
        builder.UseSetting("DataQuality:RefreshHours", "0");
    }

    /// <summary>Times <paramref name="runs"/> GETs of a page after <paramref name="warmUp"/> untimed ones; <paramref name="check"/> says what a right answer holds.</summary>
    public static async Task<List<double>> TimeGetsAsync(HttpClient client, string path, int warmUp, int runs, Func<string, bool> check)
    {
        var timings = new List<double>();
        for (var run = 0; run < warmUp + runs; run++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            var html = await response.Content.ReadAsStringAsync();
            watch.Stop();
            if (response.StatusCode != HttpStatusCode.OK || !check(html))
            {
                throw new InvalidOperationException($"{path} answered {(int)response.StatusCode} without what it should show: the benchmark would measure nothing.");
            }

            if (run >= warmUp)
            {
                timings.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        timings.Sort();
        return timings;
    }
}

/// <summary>
/// The roster as a director gets it: the whole app in-process (routing, the signed-in cookie,
/// authorization, the access log, the Razor view) on the benchmark's database, over an HTTP client.
/// </summary>
internal sealed partial class RosterPage(string databasePath, string folder) : BenchmarkApp(databasePath, folder)
{
    private const string Password = "benchmark director password 2026";

    /// <summary>Times <paramref name="runs"/> requests for the site's roster, 200 rows a page, after <paramref name="warmUp"/> untimed ones.</summary>
    public async Task<List<double>> TimeAsync(int site, int warmUp, int runs)
    {
        var client = await SignedInDirectorAsync(site);
        return await TimeGetsAsync(client, $"/sites/{site}/roster?size=200", warmUp, runs, html => RosterRow().Count(html) == 200);
    }

    private async Task<HttpClient> SignedInDirectorAsync(int site)
    {
        const string email = "director.benchmark@example.org";
        string key;
        await using (var scope = Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<RegistryUser>>();
            var user = new RegistryUser { UserName = email, Email = email, EmailConfirmed = true };
            var created = await users.CreateAsync(user, Password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(string.Join(", ", created.Errors.Select(e => e.Code)));
            }

            // A director must prove a second factor (issue 18): the authenticator app's key, as the set-up page leaves it.
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("No authenticator key.");
            await users.SetTwoFactorEnabledAsync(user, true);
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var now = DateTimeOffset.UtcNow;
            db.AccessGrants.Add(AccessGrant.ForSite(user.Id, AccessRole.SiteDirector, site, now.AddDays(-1), now.AddDays(365)));
            await db.SaveChangesAsync();
        }

        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("https://registry.test") });
        var form = await client.GetStringAsync(new Uri("/account/sign-in", UriKind.Relative));
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        using var signIn = await client.PostAsync(new Uri("/account/sign-in", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = Password,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        }));
        if (signIn.StatusCode != HttpStatusCode.Redirect || signIn.Headers.Location?.OriginalString is not { } step || !step.StartsWith("/account/sign-in/two-factor", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Signing in answered {(int)signIn.StatusCode} {signIn.Headers.Location}, not the second-factor step.");
        }

        var codeForm = await client.GetStringAsync(new Uri(step, UriKind.Relative));
        using var code = await client.PostAsync(new Uri("/account/sign-in/two-factor", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Code"] = new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UtcNow),
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryToken().Match(codeForm).Groups[1].Value),
        }));
        if (code.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"The second-factor step answered {(int)code.StatusCode}.");
        }

        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("<tr class=\"roster-row")]
    private static partial Regex RosterRow();
}
