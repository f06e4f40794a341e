using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Domain.Access;
using Registry.Web.Domain.Employments;

namespace Registry.IntegrationTests.Access;

/// <summary>
/// A director reloading the staff page is one look in each person's log, not one a reload; the
/// same look a quarter of an hour later is logged again, and another director's look is its own.
/// </summary>
public sealed class RepeatedLooksTests : IClassFixture<ClockAppFactory>
{
    private readonly ClockAppFactory _app;

    public RepeatedLooksTests(ClockAppFactory app) => _app = app;

    [Fact]
    public async Task Reloads_within_15_minutes_are_one_look_and_a_later_look_is_another()
    {
        // Grants and sign-ins are made as of today: the app's clock starts there.
        _app.Clock.SetUtcNow(DateTimeOffset.UtcNow);
        var site = await _app.EmployerIdAsync("380500086");
        var (person, professionalId) = await _app.SignedInProfessionalAsync();
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var job = Employment.AtListedEmployer(site, EmploymentRole.Teacher, DateOnly.FromDateTime(_app.Clock.GetUtcNow().UtcDateTime).AddYears(-1), new EmploymentSchedule(5, 8));
            (await db.Professionals.SingleAsync(p => p.Id == professionalId)).AddEmployment(job);
            await db.SaveChangesAsync();
        }

        var (director, _) = await _app.SignedInWithGrantAsync(AccessRole.SiteDirector, site);
        var (other, _) = await _app.SignedInWithGrantAsync(AccessRole.SiteDirector, site);

        for (var reload = 0; reload < 3; reload++)
        {
            await director.GetPageAsync($"/sites/{site}/staff");
            _app.Clock.Advance(TimeSpan.FromMinutes(4));
        }

        Assert.Equal(1, await LooksAsync(person));

        await other.GetPageAsync($"/sites/{site}/staff");
        Assert.Equal(2, await LooksAsync(person));

        _app.Clock.Advance(TimeSpan.FromMinutes(15));
        await director.GetPageAsync($"/sites/{site}/staff");
        Assert.Equal(3, await LooksAsync(person));
    }

    private static async Task<int> LooksAsync(HttpClient person) =>
        (await person.GetPageAsync("/my-registry/access-log")).QuerySelectorAll(".look").Length;
}
