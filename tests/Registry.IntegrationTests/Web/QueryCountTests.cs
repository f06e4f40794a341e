using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Domain.Access;
using Registry.Web.Domain.Education;
using Registry.Web.Domain.Employments;

namespace Registry.IntegrationTests.Web;

/// <summary>The app with every database command a request sends written down, by the request's address.</summary>
public sealed class QueryCountingAppFactory : RegistryAppFactory
{
    public SqlLog Log { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IInterceptor>(sp =>
        {
            Log.Http = sp.GetRequiredService<IHttpContextAccessor>();
            return Log;
        }));
    }
}

/// <summary>Every command sent while a request runs (background work has no request and is left out).</summary>
public sealed class SqlLog : DbCommandInterceptor
{
    private readonly ConcurrentQueue<(string Address, string Sql)> _commands = new();

    public IHttpContextAccessor? Http { get; set; }

    public IReadOnlyList<string> For(string address) => _commands.Where(c => c.Address == address).Select(c => c.Sql).ToList();

    public void Clear() => _commands.Clear();

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Write(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Write(command);
        return base.ReaderExecuting(command, eventData, result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Write(command);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Write(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    private void Write(DbCommand command)
    {
        if (Http?.HttpContext is { } context)
        {
            _commands.Enqueue((context.Request.Path + context.Request.QueryString, command.CommandText));
        }
    }
}

/// <summary>
/// No page sends a query per row: the roster, My Registry and the calendar send as many queries
/// for a large site, record or search as for a small one; and a roster whose people's summaries
/// hold reads none of their courses.
/// </summary>
public sealed class QueryCountTests(QueryCountingAppFactory app) : IClassFixture<QueryCountingAppFactory>
{
    private async Task<int> SiteAsync(int skip)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Employers.OrderBy(e => e.Id).Skip(400 + skip).Select(e => e.Id).FirstAsync();
    }

    /// <summary>The queries a page sends (its access-log lines, one per person shown, are writes by design and not counted).</summary>
    private async Task<IReadOnlyList<string>> CommandsAsync(HttpClient client, string address)
    {
        app.Log.Clear();
        await client.GetPageAsync(address);
        return app.Log.For(address).Where(sql => !sql.StartsWith("INSERT INTO \"AccessLog\"", StringComparison.Ordinal)).ToList();
    }

    [Fact]
    public async Task A_roster_of_40_sends_as_many_commands_as_a_roster_of_3_and_reads_no_evidence()
    {
        var small = await SiteAsync(1);
        var large = await SiteAsync(2);
        await app.StaffAtAsync(small, 3, confirmed: true);
        foreach (var id in await app.StaffAtAsync(large, 40, confirmed: true))
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            (await db.Professionals.SingleAsync(p => p.Id == id)).AddCourse(new Course("Cabrillo College", "CHDV 10", "Child Growth and Development", 3, UnitType.Semester, "A", "Fall 2024", CourseCategory.ChildGrowthAndDevelopment, TestClock.Today.AddYears(-1)));
            await db.SaveChangesAsync();
        }

        var (smallDirector, _) = await app.SignedInWithGrantAsync(AccessRole.SiteDirector, small);
        var (largeDirector, _) = await app.SignedInWithGrantAsync(AccessRole.SiteDirector, large);

        var few = await CommandsAsync(smallDirector, $"/sites/{small}/roster");
        var many = await CommandsAsync(largeDirector, $"/sites/{large}/roster");

        Assert.NotEmpty(few);
        Assert.Equal(few.Count, many.Count);
        Assert.DoesNotContain(many, sql => sql.Contains("\"Courses\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task My_Registry_sends_as_many_commands_for_a_long_record_as_for_a_short_one()
    {
        var site = await SiteAsync(3);
        var (shortRecord, _) = await app.SignedInProfessionalAsync();
        var (longRecord, longId) = await app.SignedInProfessionalAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var professional = await db.Professionals.SingleAsync(p => p.Id == longId);
            for (var i = 0; i < 8; i++)
            {
                professional.AddEmployment(Employment.AtListedEmployer(site, EmploymentRole.Teacher, TestClock.Today.AddYears(-10 + i), new EmploymentSchedule(5, 8)));
                professional.AddDegree(new Degree(DegreeLevel.Associate, "Child Development " + i, "City College of San Francisco", new DateOnly(2010 + i, 5, 24)));
            }

            await db.SaveChangesAsync();
        }

        var few = await CommandsAsync(shortRecord, "/my-registry");
        var many = await CommandsAsync(longRecord, "/my-registry");

        Assert.NotEmpty(few);
        Assert.Equal(few.Count, many.Count);
    }

    [Fact]
    public async Task The_calendar_sends_as_many_commands_for_twenty_events_as_for_one()
    {
        var (_, managerId) = await app.SignedInProfessionalAsync();
        var sponsorId = await app.SponsorAsync(managerId);
        var one = "Solo" + Guid.NewGuid().ToString("N")[..8];
        var twenty = "Many" + Guid.NewGuid().ToString("N")[..8];
        await app.EventAsync(sponsorId, title: one + " session");
        for (var i = 0; i < 20; i++)
        {
            await app.EventAsync(sponsorId, title: twenty + " session " + i);
        }

        var anonymous = app.CreateClient();
        var few = await CommandsAsync(anonymous, "/training?Q=" + one);
        var many = await CommandsAsync(anonymous, "/training?Q=" + twenty);

        Assert.NotEmpty(few);
        Assert.Equal(few.Count, many.Count);
    }
}
