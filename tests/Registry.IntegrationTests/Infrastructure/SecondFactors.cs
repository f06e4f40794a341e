using System.Collections.Concurrent;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using Registry.Web.Data;
using Registry.Web.Infrastructure.Security;

namespace Registry.IntegrationTests.Infrastructure;

/// <summary>
/// An authenticator app for tests: turns a second factor on for an account (as the set-up page
/// does: a key, then enabled, with recovery codes), computes its codes at the app's own clock, and
/// signs in through the real forms, password then code.
/// </summary>
public static class SecondFactors
{
    private static readonly ConcurrentDictionary<string, long> LastStep = new();
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<string>> Recovery = new();

    /// <summary>Turns the authenticator app on for the account; returns its key.</summary>
    public static async Task<string> EnableAsync(this RegistryAppFactory app, string userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<RegistryUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException("No such account.");
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        Recovery[userId] = new ConcurrentQueue<string>((await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!);
        return (await users.GetAuthenticatorKeyAsync(user))!;
    }

    /// <summary>The account's authenticator key, as the app holds it.</summary>
    public static async Task<string> KeyAsync(this RegistryAppFactory app, string userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<RegistryUser>>();
        return (await users.GetAuthenticatorKeyAsync((await users.FindByIdAsync(userId))!))!;
    }

    /// <summary>
    /// The code the app would show now (each step is accepted once, so a second sign-in within the
    /// same 30 seconds takes the next step's code, and a third one of the recovery codes).
    /// </summary>
    public static string Code(this RegistryAppFactory app, string userId, string key)
    {
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var totp = new Totp(Base32Encoding.ToBytes(key));
        var current = (long)(now - DateTime.UnixEpoch).TotalSeconds / 30;
        var step = Math.Max(current, LastStep.GetValueOrDefault(userId, -1) + 1);
        if (step > current + 1)
        {
            return Recovery.TryGetValue(userId, out var codes) && codes.TryDequeue(out var code)
                ? code
                : throw new InvalidOperationException("No code left for this account in this half-minute.");
        }

        LastStep[userId] = step;
        return totp.ComputeTotp(DateTime.UnixEpoch.AddSeconds(step * 30));
    }

    /// <summary>Signs in through the real forms; with a second factor on, answers its page with the next code.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(this RegistryAppFactory app, HttpClient client, string email, string password = TestAccounts.Password, string? userId = null, string? key = null)
    {
        var driver = new SignUpDriver(client);
        var response = await driver.SubmitAsync("/account/sign-in", "/account/sign-in", new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });
        if (response.Headers.Location?.OriginalString is { } location && location.StartsWith("/account/sign-in/two-factor", StringComparison.Ordinal))
        {
            if (userId is null || key is null)
            {
                throw new InvalidOperationException("This account asks for a second factor: pass its user id and key.");
            }

            response = await driver.SubmitAsync(location, "/account/sign-in/two-factor", new Dictionary<string, string> { ["Code"] = app.Code(userId, key) });
        }

        return response;
    }

    /// <summary>
    /// Sets the second factor up as a person does: the page's key typed into an "app", its code
    /// posted back; returns the recovery codes the page shows.
    /// </summary>
    public static async Task<IReadOnlyList<string>> SetUpThroughTheFormsAsync(this RegistryAppFactory app, HttpClient client, string userId, string? returnUrl = null)
    {
        var page = await client.GetPageAsync("/account/two-factor" + (returnUrl is null ? string.Empty : "?returnUrl=" + Uri.EscapeDataString(returnUrl)));
        var key = page.QuerySelector("#authenticator-key")!.TextContent.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        var form = page.Forms.Single(f => f.Action.EndsWith("/account/two-factor/set-up", StringComparison.Ordinal));
        using var response = await client.PostFormAsync(form, values: new Dictionary<string, string> { ["Code"] = app.Code(userId, key) });
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var codes = (await response.ReadPageAsync()).QuerySelectorAll("#recovery-codes li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(10, codes.Count);
        Recovery[userId] = new ConcurrentQueue<string>(codes);
        return codes;
    }

    public static async Task<string> UserIdAsync(this RegistryAppFactory app, int professionalId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Professionals.Where(p => p.Id == professionalId).Select(p => p.UserId).SingleAsync();
    }

    /// <summary>
    /// The account set up its second factor in the sessions it has now (a shortcut for tests about
    /// what a sponsor's people do after they became members; the set-up itself is tested through
    /// its forms in Account/SecondFactorTests).
    /// </summary>
    public static async Task ProveInCurrentSessionsAsync(this RegistryAppFactory app, string userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var stamp = await db.Users.Where(u => u.Id == userId).Select(u => u.SecurityStamp).SingleAsync();
        await app.EnableAsync(userId);

        // Turning it on changes the security stamp, which ends the account's sessions; the set-up page
        // renews its own browser's cookie, which a test cannot do for a client it holds: the stamp is
        // put back so that these sessions go on, as the one that set it up would.
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(u => u.SetProperty(x => x.SecurityStamp, stamp));
        await db.AccountSessions.Where(s => s.UserId == userId && s.EndedAt == null).ExecuteUpdateAsync(u => u.SetProperty(s => s.SecondFactor, true));
    }
}
