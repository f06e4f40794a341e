using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;

namespace Registry.IntegrationTests.Data;

/// <summary>
/// SQLite connections stay open between requests with their compiled statements (decision 0052): what
/// one request left must never reach the next (an open transaction is rolled back), a connection kept
/// open still reads what others saved since, the same SQL twice at once on one connection works, and an
/// operator can switch it off. SQLite only (trait Database=Sqlite).
/// </summary>
[Trait("Database", "Sqlite")]
public sealed class SqliteStatementReuseTests
{
    private const string CountRoles = "SELECT COUNT(*) FROM \"AspNetRoles\"";

    private static async Task<T> InScopeAsync<T>(RegistryAppFactory app, Func<RegistryDbContext, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<RegistryDbContext>());
    }

    private static async Task<long> ScalarAsync(RegistryDbContext db, string sql)
    {
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task The_same_query_on_a_later_request_runs_on_the_statement_compiled_for_the_first()
    {
        await using var app = new RegistryAppFactory();

        // Request after request, as the pool hands contexts out: first in, first out, so the uses go round
        // every context the app has made so far (its background workers take some at start, one each),
        // and 40 uses, more than it makes, meet one connection more than once.
        var uses = new List<(SqliteReusingConnection Connection, long ReusedBefore, long ReusedAfter, long Count)>();
        for (var i = 0; i < 40; i++)
        {
            uses.Add(await InScopeAsync(app, async db =>
            {
                await db.Database.OpenConnectionAsync();
                var connection = (SqliteReusingConnection)db.Database.GetDbConnection();
                var before = connection.Reused;
                var count = await ScalarAsync(db, CountRoles);
                return (connection, before, connection.Reused, count);
            }));
        }

        Assert.All(uses, u => Assert.Equal(uses[0].Count, u.Count));
        var again = uses.GroupBy(u => u.Connection).Where(g => g.Count() > 1).ToList();
        Assert.NotEmpty(again);
        foreach (var use in again.SelectMany(g => g.Skip(1)))
        {
            // Kept open between requests, and the SQL was not compiled again.
            Assert.Equal(use.ReusedBefore + 1, use.ReusedAfter);
            Assert.Equal(System.Data.ConnectionState.Open, use.Connection.State);
        }
    }

    [Fact]
    public async Task A_transaction_a_request_leaves_open_is_rolled_back_before_the_next_request_gets_the_connection()
    {
        await using var app = new RegistryAppFactory();
        var before = await InScopeAsync(app, db => ScalarAsync(db, CountRoles));

        // Code that goes around EF Core: begins on the connection itself, writes, and never commits.
        await InScopeAsync(app, async db =>
        {
            await db.Database.OpenConnectionAsync();
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            var transaction = connection.BeginTransaction();
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO \"AspNetRoles\" (\"Id\", \"Name\", \"NormalizedName\") VALUES ('left-open', 'Left open', 'LEFT OPEN')";
            return await insert.ExecuteNonQueryAsync();
        });

        // The next request sees nothing of it, and can write (the write lock was let go).
        Assert.Equal(before, await InScopeAsync(app, db => ScalarAsync(db, CountRoles)));
        await InScopeAsync(app, async db =>
        {
            db.Roles.Add(new Microsoft.AspNetCore.Identity.IdentityRole("Saved") { NormalizedName = "SAVED" });
            return await db.SaveChangesAsync();
        });
        Assert.Equal(before + 1, await InScopeAsync(app, db => ScalarAsync(db, CountRoles)));
    }

    [Fact]
    public async Task A_connection_kept_open_reads_what_another_connection_saved_since()
    {
        await using var app = new RegistryAppFactory();
        var before = await InScopeAsync(app, db => ScalarAsync(db, CountRoles));
        await using (var other = new SqliteConnection($"Data Source={app.DatabasePath}"))
        {
            await other.OpenAsync();
            await using var insert = other.CreateCommand();
            insert.CommandText = "INSERT INTO \"AspNetRoles\" (\"Id\", \"Name\", \"NormalizedName\") VALUES ('elsewhere', 'Elsewhere', 'ELSEWHERE')";
            await insert.ExecuteNonQueryAsync();
        }

        Assert.Equal(before + 1, await InScopeAsync(app, db => ScalarAsync(db, CountRoles)));
    }

    [Fact]
    public async Task The_same_query_read_twice_at_once_on_one_connection_gives_both_readers_their_rows()
    {
        await using var app = new RegistryAppFactory();
        var pairs = await InScopeAsync(app, async db =>
        {
            await db.Database.OpenConnectionAsync();
            var connection = db.Database.GetDbConnection();
            await using var outer = connection.CreateCommand();
            outer.CommandText = "SELECT \"NormalizedName\" FROM \"AspNetRoles\" ORDER BY \"NormalizedName\"";
            var found = new List<(string, string)>();
            await using var rows = await outer.ExecuteReaderAsync();
            while (await rows.ReadAsync())
            {
                await using var inner = connection.CreateCommand();
                inner.CommandText = outer.CommandText;
                await using var again = await inner.ExecuteReaderAsync();
                await again.ReadAsync();
                found.Add((rows.GetString(0), again.GetString(0)));
            }

            return found;
        });

        Assert.True(pairs.Count > 1);
        Assert.Equal(pairs.Select(p => p.Item1).Order(StringComparer.Ordinal), pairs.Select(p => p.Item1));
        Assert.All(pairs, p => Assert.Equal(pairs[0].Item1, p.Item2));
    }

    [Fact]
    public async Task An_operator_can_switch_it_off_and_connections_close_after_each_use()
    {
        await using var app = new NoReuseAppFactory();
        var connection = await InScopeAsync(app, async db =>
        {
            await ScalarAsync(db, CountRoles);
            await db.Database.CloseConnectionAsync();
            return db.Database.GetDbConnection();
        });
        Assert.IsNotType<SqliteReusingConnection>(connection);
        Assert.Equal(System.Data.ConnectionState.Closed, connection.State);
    }

    private sealed class NoReuseAppFactory : RegistryAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Database:SqliteReuseStatements", "false");
        }
    }
}
