using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Registry.Web.Data;

/// <summary>The embedded default: SQLite, with its own migrations in Data/Migrations/Sqlite.</summary>
public sealed class SqliteRegistryDbContext : RegistryDbContext
{
    /// <summary>The app's: one public constructor taking only the options, so contexts can be pooled (decision 0049).</summary>
    public SqliteRegistryDbContext(DbContextOptions<SqliteRegistryDbContext> options)
        : base(options, null)
    {
    }

    /// <summary>For tests and tools that build a context by hand on their own clock.</summary>
    internal SqliteRegistryDbContext(DbContextOptions<SqliteRegistryDbContext> options, TimeProvider timeProvider)
        : base(options, timeProvider)
    {
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);

        // SQLite has no date-time-offset type: stored as UTC ticks (a sortable integer) so that
        // queries can compare and order times, which EF cannot translate for text. The converter keeps
        // ticks / 1000: a tenth of a millisecond, the precision every provider is held to (decision 0055).
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

/// <summary>Lets `dotnet ef` build the SQLite context without starting the app.</summary>
public sealed class SqliteRegistryDbContextFactory : IDesignTimeDbContextFactory<SqliteRegistryDbContext>
{
    public SqliteRegistryDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteRegistryDbContext>()
            .UseSqlite("Data Source=design-time.db")
            .Options,
            TimeProvider.System);
}
