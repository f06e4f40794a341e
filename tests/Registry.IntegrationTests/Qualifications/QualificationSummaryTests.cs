using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Domain.Access;
using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Education;
using Registry.Web.Domain.Employments;
using Registry.Web.Domain.Rules;
using Registry.Web.Domain.Verifications;
using Registry.Web.Infrastructure.Rules;

namespace Registry.IntegrationTests.Qualifications;

/// <summary>
/// Each person's qualification summary is worked out when their facts change, in the same
/// transaction, and rosters read it only while it holds (docs/decisions/0045-qualification-summaries.md).
/// </summary>
public sealed class QualificationSummaryTests(ClockAppFactory app) : IClassFixture<ClockAppFactory>
{
    private DateOnly Today => DateOnly.FromDateTime(app.Clock.GetLocalNow().DateTime);

    private async Task<int> SiteAsync(int skip)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Employers.OrderBy(e => e.Id).Skip(300 + skip).Select(e => e.Id).FirstAsync();
    }

    /// <summary>A director of the site, their grant running on the app's clock (which stands a month before the real one).</summary>
    private async Task<HttpClient> DirectorAsync(int site)
    {
        var (director, directorId) = await app.SignedInWithGrantAsync(AccessRole.SiteDirector, site);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var userId = await db.Professionals.Where(p => p.Id == directorId).Select(p => p.UserId).SingleAsync();
        var from = app.Clock.GetUtcNow().AddDays(-1);
        await db.AccessGrants.Where(g => g.UserId == userId).ExecuteUpdateAsync(g => g.SetProperty(x => x.GrantedAt, from));
        return director;
    }

    private async Task<QualificationSummary?> SummaryAsync(int professionalId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().QualificationSummaries.AsNoTracking().SingleOrDefaultAsync(s => s.ProfessionalId == professionalId);
    }

    [Fact]
    public async Task A_change_to_a_persons_facts_stores_what_the_rules_say_in_the_same_save()
    {
        var (_, personId) = await app.SignedInProfessionalAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var professional = await db.Professionals.SingleAsync(p => p.Id == personId);
            var permit = new Credential(CredentialType.ChildDevelopmentTeacherPermit, "240012345", "Commission on Teacher Credentialing", Today.AddYears(-1), Today.AddYears(4));
            permit.RecordVerification(Verification.Verified("staff-1", DateTimeOffset.UtcNow));
            professional.AddCredential(permit);
            professional.AddCourse(new Course("Cabrillo College", "CHDV 10", "Child Growth and Development", 24, UnitType.Semester, "A", "Fall 2024", CourseCategory.ChildGrowthAndDevelopment, Today.AddYears(-2)));
            await db.SaveChangesAsync();
        }

        var summary = await SummaryAsync(personId);

        Assert.NotNull(summary);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var book = scope.ServiceProvider.GetRequiredService<RuleBook>();
            var fresh = await scope.ServiceProvider.GetRequiredService<RuleResults.Handler>().EvaluateAsync(personId, Today, CancellationToken.None);
            Assert.Equal(book.Fingerprint, summary.RulesVersion);
            Assert.Equal(Today, summary.EvaluatedOn);
            Assert.Equal(
                JsonSerializer.Serialize(QualificationSummary.Store(fresh)),
                JsonSerializer.Serialize(summary.Read().Results));
            Assert.Equal(fresh.Results.Where(r => r.Met && r.Rule.Track == QualificationSummary.LeadTeacherTrack).Select(r => r.Rule.Level).DefaultIfEmpty(0).Max(), summary.LeadTeacherPoints);
            Assert.Contains(summary.Read().Results, r => r.Rule == "ca-cdp-teacher");
            Assert.Equal(CredentialType.ChildDevelopmentTeacherPermit, summary.Read().Facts.Permit);
            Assert.True(summary.RecomputeOn > Today && summary.RecomputeOn <= Today.AddYears(4).AddDays(1));
        }

        // Staff withdraw the permit's verification: the summary follows at once.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var permit = await db.Credentials.SingleAsync(c => c.ProfessionalId == personId);
            permit.RecordVerification(Verification.NotAccepted("The number does not match.", "staff-1", DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        Assert.False((await SummaryAsync(personId))!.Read().Facts.PermitVerified);
    }

    [Fact]
    public async Task A_save_that_fails_leaves_the_record_and_its_summary_as_they_were()
    {
        var (_, personId) = await app.SignedInProfessionalAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            (await db.Professionals.SingleAsync(p => p.Id == personId)).AddCredential(new Credential(CredentialType.ChildDevelopmentAssistantPermit, null, "CTC", Today.AddYears(-1), Today.AddYears(4)));
            await db.SaveChangesAsync();
        }

        var before = await SummaryAsync(personId);
        await using (var first = app.Services.CreateAsyncScope())
        await using (var second = app.Services.CreateAsyncScope())
        {
            var mine = await first.ServiceProvider.GetRequiredService<RegistryDbContext>().Professionals.Include(p => p.Courses).SingleAsync(p => p.Id == personId);
            var theirs = await second.ServiceProvider.GetRequiredService<RegistryDbContext>().Professionals.SingleAsync(p => p.Id == personId);
            theirs.Rename(new Registry.Web.Domain.Professionals.PersonName("Rosa", null, "Ortiz-Vega"));
            await second.ServiceProvider.GetRequiredService<RegistryDbContext>().SaveChangesAsync();

            // A stale copy: the save is refused whole, course and summary alike.
            mine.Rename(new Registry.Web.Domain.Professionals.PersonName("Rosa", null, "Ortiz-Luna"));
            mine.AddCourse(new Course("Cabrillo College", "CHDV 10", "Child Growth and Development", 60, UnitType.Semester, "A", "Fall 2024", CourseCategory.ChildGrowthAndDevelopment, Today.AddYears(-2)));
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => first.ServiceProvider.GetRequiredService<RegistryDbContext>().SaveChangesAsync());
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.False(await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Courses.AnyAsync(c => c.ProfessionalId == personId));
        }

        var after = await SummaryAsync(personId);
        Assert.Equal(before!.Content, after!.Content);
    }

    [Fact]
    public async Task A_roster_never_shows_a_stored_result_past_the_day_a_window_moves()
    {
        var site = await SiteAsync(1);
        var (_, personId) = await app.SignedInProfessionalAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var professional = await db.Professionals.SingleAsync(p => p.Id == personId);
            var current = Employment.AtListedEmployer(site, EmploymentRole.Teacher, Today.AddYears(-1), new EmploymentSchedule(5, 8));
            current.ConfirmByEmployer("seed", DateTimeOffset.UtcNow);
            professional.AddEmployment(current);
            var permit = new Credential(CredentialType.ChildDevelopmentTeacherPermit, "240012345", "Commission on Teacher Credentialing", Today.AddYears(-5).AddDays(3), Today.AddDays(3));
            permit.RecordVerification(Verification.Verified("staff-1", DateTimeOffset.UtcNow));
            professional.AddCredential(permit);
            await db.SaveChangesAsync();
        }

        var director = await DirectorAsync(site);
        var summary = await SummaryAsync(personId);
        Assert.True(summary!.RecomputeOn <= Today.AddDays(4), $"The summary holds until {summary.RecomputeOn}, past the permit's expiry.");
        var row = (await director.GetPageAsync($"/sites/{site}/roster")).QuerySelectorAll(".roster-row").Single(r => r.TextContent.Contains("Rosa", StringComparison.Ordinal));
        Assert.Contains("Child Development Permit: Teacher", row.QuerySelector(".permit")!.TextContent, StringComparison.Ordinal);

        // A week on, before any rebuild: the expired permit is not shown, the summary not trusted.
        // (The clock only moves forward: the other tests here read the day from it.)
        app.Clock.Advance(TimeSpan.FromDays(7));
        var later = await DirectorAsync(site);
        var laterRow = (await later.GetPageAsync($"/sites/{site}/roster")).QuerySelectorAll(".roster-row").Single(r => r.TextContent.Contains("Rosa", StringComparison.Ordinal));
        Assert.Equal("—", laterRow.QuerySelector(".permit")!.TextContent.Trim());
        Assert.Equal(summary.Content, (await SummaryAsync(personId))!.Content);
    }

    [Fact]
    public async Task The_rebuild_reworks_summaries_from_other_rule_files_and_leaves_those_that_hold()
    {
        var (_, changed) = await app.SignedInProfessionalAsync();
        var (_, holding) = await app.SignedInProfessionalAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        foreach (var id in new[] { changed, holding })
        {
            (await db.Professionals.SingleAsync(p => p.Id == id)).AddCredential(new Credential(CredentialType.ChildDevelopmentAssistantPermit, null, "CTC", Today.AddYears(-1), Today.AddYears(4)));
        }

        await db.SaveChangesAsync();
        await db.QualificationSummaries.Where(s => s.ProfessionalId == changed).ExecuteUpdateAsync(s => s.SetProperty(x => x.RulesVersion, "older-rules"));
        var holdingBefore = (await SummaryAsync(holding))!.Revision;

        await scope.ServiceProvider.GetRequiredService<QualificationRebuilder>().RebuildAsync(everyone: false, CancellationToken.None);

        Assert.Equal(scope.ServiceProvider.GetRequiredService<RuleBook>().Fingerprint, (await SummaryAsync(changed))!.RulesVersion);
        Assert.Equal(holdingBefore, (await SummaryAsync(holding))!.Revision);
    }
}
