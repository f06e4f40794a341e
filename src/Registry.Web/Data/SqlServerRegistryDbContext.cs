using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Registry.Web.Data;

/// <summary>The production provider: SQL Server, with its own migrations in Data/Migrations/SqlServer.</summary>
public sealed class SqlServerRegistryDbContext(DbContextOptions<SqlServerRegistryDbContext> options, TimeProvider timeProvider)
    : RegistryDbContext(options, timeProvider)
{
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
