using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Domain.Employers;
using Registry.Web.Domain.Messages;
using Registry.Web.Domain.Training;
using Registry.Web.Features.Announcements;
using Registry.Web.Features.Messages;

namespace Registry.IntegrationTests.Messages;

/// <summary>
/// One rule for "works there now" (<c>Employment.CurrentOn</c>): a job whose last day is still to come
/// is current, one that ended yesterday is not. Announcements to a site's staff and the PD-hours
/// reminders both follow it (they used to copy it, and a copy counted a job with a future end as ended).
/// The clock is 1 November 2026.
/// </summary>
public sealed class CurrentJobsTests(ClockAppFactory app) : IClassFixture<ClockAppFactory>
{
    private static readonly DateOnly Today = new(2026, 11, 1);

    [Fact]
    public async Task A_job_that_ends_later_this_month_still_gets_the_sites_announcements_and_reminders_and_one_that_ended_yesterday_does_not()
    {
        var (site, leaving, left, staying) = await SiteWithStaffAsync();

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var reached = await Announcing.People(db, site, null, new Audience(), Today).Select(p => p.Id).ToListAsync();
            Assert.Equal(new[] { leaving, staying }.Order(), reached.Order());
            var viaFilter = await Announcing.People(db, null, null, new Audience(EmployerId: site), Today).Select(p => p.Id).ToListAsync();
            Assert.Equal(new[] { leaving, staying }.Order(), viaFilter.Order());
        }

        // All three are short of their hours, and the site's validation date is seven weeks away.
        var sent = await app.RunAsync<PdHoursReminders>(PdHoursReminders.Name);
        var expected = new[] { await app.EmailAsync(leaving), await app.EmailAsync(staying) }.Order();
        Assert.Equal(expected, sent.Select(m => m.To).Where(expected.Contains).Order());
        Assert.DoesNotContain(await app.EmailAsync(left), sent.Select(m => m.To));
    }

    /// <summary>A site of its own, with three confirmed staff: one leaving on 30 November, one who left on 31 October, one staying.</summary>
    private async Task<(int Site, int Leaving, int Left, int Staying)> SiteWithStaffAsync()
    {
        int site;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var employer = new Employer("019900077", new EmployerDetails("Bayview Learning Center", FacilityType.DayCareCenter, "9 Third St", "San Francisco", "CA", "94124", "San Francisco", 40, EmployerStatus.Licensed), "test", DateTimeOffset.UtcNow);
            db.Employers.Add(employer);
            await db.SaveChangesAsync();
            site = employer.Id;
        }

        var staff = await app.StaffAtAsync(site, 3, confirmed: true, lastName: "Current");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var jobs = await db.Employments.Where(e => e.EmployerId == site).ToDictionaryAsync(e => e.ProfessionalId);
            jobs[staff[0]].End(new DateOnly(2026, 11, 30));
            jobs[staff[1]].End(new DateOnly(2026, 10, 31));
            var people = await db.Professionals.Where(p => staff.Contains(p.Id)).ToListAsync();
            foreach (var person in people)
            {
                person.AddTrainingRecord(new TrainingRecord("Outdoor play", "County office", new DateOnly(2026, 3, 2), 2, null, null, null, TrainingTrustLevel.SelfReported));
            }

            db.SiteRatingDates.Add(new SiteRatingDate(site, new DateOnly(2026, 12, 20), "rater", DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        return (site, staff[0], staff[1], staff[2]);
    }
}
