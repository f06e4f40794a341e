using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;

namespace Registry.IntegrationTests.Data;

/// <summary>Every provider's migrations must always match the model, so none ships broken.</summary>
public sealed class MigrationsTests
{
    [Fact]
    public void The_SQLite_migrations_match_the_model()
    {
        using var db = new SqliteRegistryDbContextFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "Add a SQLite migration: dotnet ef migrations add NAME --project src/Registry.Web --context SqliteRegistryDbContext --output-dir Data/Migrations/Sqlite");
    }

    [Fact]
    public void The_SQL_Server_migrations_match_the_model()
    {
        using var db = new SqlServerRegistryDbContextFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "Add a SQL Server migration: dotnet ef migrations add NAME --project src/Registry.Web --context SqlServerRegistryDbContext --output-dir Data/Migrations/SqlServer");
    }

    [Fact]
    public void The_PostgreSQL_migrations_match_the_model()
    {
        using var db = new PostgreSqlRegistryDbContextFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "Add a PostgreSQL migration: dotnet ef migrations add NAME --project src/Registry.Web --context PostgreSqlRegistryDbContext --output-dir Data/Migrations/PostgreSql");
    }

    [Fact]
    public void The_SQL_Server_idempotent_script_builds_every_table()
    {
        using var db = new SqlServerRegistryDbContextFactory().CreateDbContext([]);

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        foreach (var table in db.Model.GetEntityTypes().Select(t => t.GetTableName()).Distinct())
        {
            Assert.Contains($"CREATE TABLE [{table}]", script, StringComparison.Ordinal);
        }

        Assert.Contains("IF NOT EXISTS", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_migrations_create_a_database_with_nothing_pending()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateContext();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task The_migrations_keep_the_security_audit_append_only_in_the_database()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.CreateContext())
        {
            db.SecurityEvents.Add(new Registry.Web.Domain.Accounts.SecurityEvent(Registry.Web.Domain.Accounts.SecurityEventKind.SignIn, DateTimeOffset.UtcNow, null, "someone", null, null, "as written", null));
            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateContext())
        {
            // Past the app: straight SQL, as someone with the database's password would write it.
            await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE \"SecurityEvents\" SET \"Detail\" = 'rewritten'"));
            await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM \"SecurityEvents\""));
        }

        await using (var db = database.CreateContext())
        {
            var kept = Assert.Single(await db.SecurityEvents.AsNoTracking().ToListAsync());
            Assert.Equal("as written", kept.Detail);
        }
    }

    [Fact]
    public void The_SQL_Server_idempotent_script_keeps_the_security_audit_append_only()
    {
        using var db = new SqlServerRegistryDbContextFactory().CreateDbContext([]);

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("CREATE TRIGGER [SecurityEvents_no_change] ON [SecurityEvents] INSTEAD OF UPDATE, DELETE", script, StringComparison.Ordinal);
    }
}
