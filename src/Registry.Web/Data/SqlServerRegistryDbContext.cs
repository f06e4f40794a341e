using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Registry.Web.Data;

/// <summary>The production provider: SQL Server, with its own migrations in Data/Migrations/SqlServer.</summary>
public sealed class SqlServerRegistryDbContext : RegistryDbContext
{
    /// <summary>The app's: one public constructor taking only the options, so contexts can be pooled (decision 0049).</summary>
    public SqlServerRegistryDbContext(DbContextOptions<SqlServerRegistryDbContext> options)
        : base(options, null)
    {
    }

    /// <summary>For tests and tools that build a context by hand on their own clock.</summary>
    internal SqlServerRegistryDbContext(DbContextOptions<SqlServerRegistryDbContext> options, TimeProvider timeProvider)
        : base(options, timeProvider)
    {
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);

        // datetimeoffset(7) keeps 100 ns; times are cut to the tenth of a millisecond every provider
        // keeps, so they read back the same after a move to SQLite or PostgreSQL (decision 0055).
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<KeptTimeConverter>();
    }
}

/// <summary>
/// Lets `dotnet ef` build the SQL Server context without a server: adding a migration and
/// scripting migrations never connect.
/// </summary>
public sealed class SqlServerRegistryDbContextFactory : IDesignTimeDbContextFactory<SqlServerRegistryDbContext>
{
    public SqlServerRegistryDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerRegistryDbContext>()
            .UseSqlServer("Server=localhost;Database=Registry;Integrated Security=true;TrustServerCertificate=true")
            .Options,
            TimeProvider.System);
}
