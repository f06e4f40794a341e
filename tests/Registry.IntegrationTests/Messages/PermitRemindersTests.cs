using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Messages;
using Registry.Web.Features.Messages;

namespace Registry.IntegrationTests.Messages;

/// <summary>Permit expiry reminders at 90 and 30 days, once each, in the holder's language, not to those who declined them, with an injected clock.</summary>
public sealed class PermitRemindersTests : IClassFixture<ClockAppFactory>
{
    private readonly ClockAppFactory _app;

    public PermitRemindersTests(ClockAppFactory app) => _app = app;

    [Fact]
    public async Task Each_stage_is_sent_once_at_its_day_and_nobody_who_declined_or_renewed_gets_one()
    {
        // The clock: 1 November 2026. Permits expiring 15 January 2027 (75 days) and 10 March 2027 (129 days).
        var (_, soon) = await _app.SignedInProfessionalAsync();
        var (_, later) = await _app.SignedInProfessionalAsync();
        var (_, declined) = await _app.SignedInProfessionalAsync();
        var (_, renewed) = await _app.SignedInProfessionalAsync();
        var (_, spanish) = await _app.SignedInProfessionalAsync();
        string declinedUser;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var people = await db.Professionals.Where(p => new[] { soon, later, declined, renewed, spanish }.Contains(p.Id)).ToDictionaryAsync(p => p.Id);
            void Permit(int id, DateOnly expires, CredentialType type = CredentialType.ChildDevelopmentTeacherPermit) =>
                people[id].AddCredential(new Credential(type, null, "CTC", expires.AddYears(-5), expires));
            Permit(soon, new DateOnly(2027, 1, 15));
            Permit(later, new DateOnly(2027, 3, 10));
            Permit(declined, new DateOnly(2027, 1, 15));
            Permit(renewed, new DateOnly(2027, 1, 15));
            Permit(renewed, new DateOnly(2031, 1, 15));
            Permit(spanish, new DateOnly(2027, 1, 15), CredentialType.ChildDevelopmentSiteSupervisorPermit);
            people[spanish].PreferredLanguage = "es";
            declinedUser = people[declined].UserId;
            db.MessageOptOuts.Add(new MessageOptOut(declinedUser, MessageKind.Deadlines, DateTimeOffset.UtcNow, byLink: false));
            await db.SaveChangesAsync();
        }

        async Task<List<(string To, string Subject)>> RunAsync()
        {
            await using var scope = _app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var before = await db.OutboxMessages.Where(m => m.Kind == PermitReminders.Name).Select(m => m.Id).ToListAsync();
            await scope.ServiceProvider.GetRequiredService<PermitReminders>().RunOnceAsync(CancellationToken.None);
            return (await db.OutboxMessages.Where(m => m.Kind == PermitReminders.Name && !before.Contains(m.Id)).Select(m => new { m.ToAddress, m.Subject }).ToListAsync())
                .Select(m => (m.ToAddress, m.Subject)).ToList();
        }

        async Task<string> EmailAsync(int id)
        {
            await using var scope = _app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Professionals.Where(p => p.Id == id).Select(p => p.Email).SingleAsync();
        }

        var first = await RunAsync();
        Assert.Equal(2, first.Count); // soon and spanish: not later (129 days), declined or renewed
        Assert.Contains((await EmailAsync(soon), "Your Child Development Permit: Teacher expires in 75 days"), first);
        var spanishEmail = await EmailAsync(spanish);
        Assert.Contains(first, m => m.To == spanishEmail && m.Subject.StartsWith("Su ", StringComparison.Ordinal) && m.Subject.EndsWith("vence en 75 días", StringComparison.Ordinal));
        Assert.Empty(await RunAsync()); // once

        // 20 December: 26 days left for the first, 80 for the later one.
        _app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 20, 9, 0, 0, TimeSpan.Zero));
        var second = await RunAsync();
        Assert.Equal(3, second.Count);
        Assert.Contains((await EmailAsync(soon), "Your Child Development Permit: Teacher expires in 26 days"), second);
        Assert.Contains((await EmailAsync(later), "Your Child Development Permit: Teacher expires in 80 days"), second);
        Assert.Empty(await RunAsync());

        // The one who declined gets none, and turning them back on does not bring the old stages.
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Registry.Web.Features.Messages.MessageChoices.Handler>().ChooseAsync(declinedUser, Registry.Web.Domain.Messages.MessageKinds.Optional, CancellationToken.None);
        }

        Assert.Empty(await RunAsync());
    }
}
