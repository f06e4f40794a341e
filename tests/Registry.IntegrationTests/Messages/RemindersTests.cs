using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Domain.Access;
using Registry.Web.Domain.Messages;
using Registry.Web.Domain.Training;
using Registry.Web.Features.Access;
using Registry.Web.Features.Messages;

namespace Registry.IntegrationTests.Messages;

/// <summary>
/// The reminders the registry sends on its own, with an injected clock (1 November 2026): PD hours
/// short two months before a site's validation date, profiles unchanged for 11 months, access
/// about to lapse; each once, none to those who turned deadlines off.
/// </summary>
public sealed class RemindersTests : IClassFixture<ClockAppFactory>
{
    private readonly ClockAppFactory _app;

    public RemindersTests(ClockAppFactory app) => _app = app;

    [Fact]
    public async Task Staff_short_of_their_hours_are_reminded_once_two_months_before_the_validation_date_the_rater_saved()
    {
        var site = await _app.EmployerIdAsync("380500086");
        // Registry staff here (a director's grant would start on the real day, after the fixed clock's).
        var (director, _) = await _app.SignedInWithRoleAsync(Registry.Web.Infrastructure.Security.Roles.RegistryStaff);
        var staff = await _app.StaffAtAsync(site, 3, confirmed: true, lastName: "Hours");
        var (shortOf, enough, declined) = (staff[0], staff[1], staff[2]);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var people = await db.Professionals.Where(p => staff.Contains(p.Id)).ToDictionaryAsync(p => p.Id);
            people[shortOf].AddTrainingRecord(new TrainingRecord("Outdoor play", "County office", new DateOnly(2026, 3, 2), 5, null, null, null, TrainingTrustLevel.SelfReported));
            // Hours before the rating year (from 20 December 2025) do not count.
            people[shortOf].AddTrainingRecord(new TrainingRecord("Old course", "County office", new DateOnly(2025, 6, 1), 30, null, null, null, TrainingTrustLevel.SelfReported));
            people[enough].AddTrainingRecord(new TrainingRecord("Summer institute", "County office", new DateOnly(2026, 7, 10), 22, null, null, null, TrainingTrustLevel.SelfReported));
            db.MessageOptOuts.Add(new MessageOptOut(people[declined].UserId, MessageKind.Deadlines, DateTimeOffset.UtcNow, byLink: false));
            await db.SaveChangesAsync();
        }

        // The director saves the next validation date on the site's rating page; a past date is refused beside the field.
        var page = await director.GetPageAsync($"/ratings/sites/{site}");
        var form = page.Forms.Single(f => f.Action.EndsWith("/next-validation", StringComparison.Ordinal));
        using (var refused = await director.PostFormAsync(form, values: new Dictionary<string, string> { ["nextValidation"] = "2026-10-01" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.NotNull((await refused.ReadPageAsync()).QuerySelector("#nextValidation-error"));
        }

        // 20 March 2027: more than two months away, nothing yet.
        using (var saved = await director.PostFormAsync(form, values: new Dictionary<string, string> { ["nextValidation"] = "2027-03-20" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        Assert.Empty(await _app.RunAsync<PdHoursReminders>(PdHoursReminders.Name));

        // Moved to 20 December 2026: 49 days away.
        using (await director.PostFormAsync(form, values: new Dictionary<string, string> { ["nextValidation"] = "2026-12-20" }))
        {
        }

        var sent = await _app.RunAsync<PdHoursReminders>(PdHoursReminders.Name);
        Assert.Equal([await _app.EmailAsync(shortOf)], sent.Select(m => m.To));
        Assert.Equal("You need 16 more hours of professional development before Sunday, December 20, 2026", sent[0].Subject);
        Assert.Empty(await _app.RunAsync<PdHoursReminders>(PdHoursReminders.Name));
    }

    [Fact]
    public async Task Access_about_to_lapse_is_a_deadlines_message_that_those_who_turned_them_off_do_not_get()
    {
        var site = await _app.EmployerIdAsync("380500086");
        var (_, wants) = await _app.SignedInProfessionalAsync();
        var (_, declined) = await _app.SignedInProfessionalAsync();
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var users = await db.Professionals.Where(p => p.Id == wants || p.Id == declined).ToDictionaryAsync(p => p.Id, p => p.UserId);
            var now = _app.Clock.GetUtcNow();
            db.AccessGrants.Add(AccessGrant.ForSite(users[wants], AccessRole.SiteDirector, site, now.AddDays(-300), now.AddDays(10)));
            db.AccessGrants.Add(AccessGrant.ForSite(users[declined], AccessRole.SiteDirector, site, now.AddDays(-300), now.AddDays(10)));
            db.MessageOptOuts.Add(new MessageOptOut(users[declined], MessageKind.Deadlines, now, byLink: false));
            await db.SaveChangesAsync();
        }

        var sent = await _app.RunAsync<AccessReminders>("access-ending");
        var wantsEmail = await _app.EmailAsync(wants);
        Assert.DoesNotContain(await _app.EmailAsync(declined), sent.Select(m => m.To));
        var message = sent.Single(m => m.To == wantsEmail);
        Assert.NotNull(message.Unsubscribe);
        Assert.Empty(await _app.RunAsync<AccessReminders>("access-ending"));
    }


}

/// <summary>Stale-profile reminders, on their own clock (the test moves it a year on).</summary>
public sealed class ProfileRemindersTests : IClassFixture<ClockAppFactory>
{
    private readonly ClockAppFactory _app;

    public ProfileRemindersTests(ClockAppFactory app) => _app = app;

    [Fact]
    public async Task A_profile_unchanged_for_11_months_gets_one_reminder_and_another_only_after_11_more_months_unchanged()
    {
        var (_, stale) = await _app.SignedInProfessionalAsync();
        var (_, fresh) = await _app.SignedInProfessionalAsync();
        await _app.SetUpdatedAsync(stale, new DateTimeOffset(2025, 11, 15, 12, 0, 0, TimeSpan.Zero));
        await _app.SetUpdatedAsync(fresh, new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));

        var sent = await _app.RunAsync<ProfileReminders>(ProfileReminders.Name);
        Assert.Contains(await _app.EmailAsync(stale), sent.Select(m => m.To));
        Assert.DoesNotContain(await _app.EmailAsync(fresh), sent.Select(m => m.To));
        Assert.Empty(await _app.RunAsync<ProfileReminders>(ProfileReminders.Name));

        // The person updates the profile on 2 November; a year later it is stale again.
        _app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        await _app.SetUpdatedAsync(stale, _app.Clock.GetUtcNow());
        _app.Clock.SetUtcNow(new DateTimeOffset(2027, 10, 3, 9, 0, 0, TimeSpan.Zero));
        var again = await _app.RunAsync<ProfileReminders>(ProfileReminders.Name);
        Assert.Contains(await _app.EmailAsync(stale), again.Select(m => m.To));
    }


}

/// <summary>Runs a reminder job once and reads what it queued; sets and reads people's records.</summary>
internal static class ReminderRuns
{
    public static async Task<List<(string To, string Subject, string? Unsubscribe)>> RunAsync<TJob>(this ClockAppFactory app, string kind)
        where TJob : Registry.Web.Infrastructure.Jobs.IHourlyJob
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var before = await db.OutboxMessages.Where(m => m.Kind == kind).Select(m => m.Id).ToListAsync();
        await scope.ServiceProvider.GetRequiredService<TJob>().RunOnceAsync(CancellationToken.None);
        return (await db.OutboxMessages.Where(m => m.Kind == kind && !before.Contains(m.Id)).Select(m => new { m.ToAddress, m.Subject, m.UnsubscribeUrl }).ToListAsync())
            .Select(m => (m.ToAddress, m.Subject, m.UnsubscribeUrl)).ToList();
    }

    public static async Task SetUpdatedAsync(this ClockAppFactory app, int professionalId, DateTimeOffset at)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Professionals.Where(p => p.Id == professionalId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.UpdatedAt, at));
    }

    public static async Task<string> EmailAsync(this ClockAppFactory app, int professionalId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Professionals.Where(p => p.Id == professionalId).Select(p => p.Email).SingleAsync();
    }
}
