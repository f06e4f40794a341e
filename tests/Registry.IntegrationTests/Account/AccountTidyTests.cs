using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Domain.Accounts;
using Registry.Web.Infrastructure.Security;

namespace Registry.IntegrationTests.Account;

/// <summary>The hourly tidy removes sessions over for a month and stale sign-in counts, and nothing current.</summary>
public sealed class AccountTidyTests(ClockAppFactory app) : IClassFixture<ClockAppFactory>
{
    [Fact]
    public async Task Sessions_over_for_a_month_and_day_old_counts_go_and_current_ones_stay()
    {
        var (email, userId, _) = await app.ProfessionalAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var now = app.Clock.GetUtcNow();
        var old = new AccountSession("old-" + Guid.NewGuid().ToString("N"), userId, SignInMethod.Password, now.AddDays(-45), TimeSpan.FromHours(12), null, null);
        var ended = new AccountSession("ended-" + Guid.NewGuid().ToString("N"), userId, SignInMethod.Password, now.AddDays(-40), TimeSpan.FromHours(12), null, null);
        ended.End("signed out", now.AddDays(-40));
        var current = new AccountSession("current-" + Guid.NewGuid().ToString("N"), userId, SignInMethod.Password, now.AddHours(-1), TimeSpan.FromHours(12), null, null);
        db.AccountSessions.AddRange(old, ended, current);
        await db.SaveChangesAsync();
        var throttles = scope.ServiceProvider.GetRequiredService<SignInThrottles>();
        await throttles.FailAsync(email, "192.0.2.1", CancellationToken.None);

        app.Clock.Advance(TimeSpan.FromDays(2));
        var fresh = $"fresh.{Guid.NewGuid():N}@example.org";
        await throttles.FailAsync(fresh, "192.0.2.1", CancellationToken.None);
        Assert.Equal(4, await scope.ServiceProvider.GetRequiredService<AccountTidy>().RunOnceAsync(CancellationToken.None));

        var left = await db.AccountSessions.Where(s => s.UserId == userId).Select(s => s.Id).ToListAsync();
        Assert.Equal([current.Id], left);
        Assert.Equal(2, await db.SignInThrottles.CountAsync());
    }
}
