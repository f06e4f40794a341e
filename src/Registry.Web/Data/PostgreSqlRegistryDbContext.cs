using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Registry.Web.Data;

/// <summary>PostgreSQL (Npgsql), with its own migrations in Data/Migrations/PostgreSql.</summary>
public sealed class PostgreSqlRegistryDbContext : RegistryDbContext
{
    /// <summary>The app's: one public constructor taking only the options, so contexts can be pooled (decision 0049).</summary>
    public PostgreSqlRegistryDbContext(DbContextOptions<PostgreSqlRegistryDbContext> options)
        : base(options, null)
    {
    }

    /// <summary>For tests and tools that build a context by hand on their own clock.</summary>
    internal PostgreSqlRegistryDbContext(DbContextOptions<PostgreSqlRegistryDbContext> options, TimeProvider timeProvider)
        : base(options, timeProvider)
    {
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);

        // "timestamp with time zone" stores an instant and Npgsql writes only UTC values: every
        // DateTimeOffset is stored as its UTC instant (a time typed in Pacific time stays the same moment),
        // cut to the tenth of a millisecond every provider keeps (decision 0055).
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // Word indexes are read by range ("garc" to "garczzz…"): byte order, whatever the database's locale.
        builder.Entity<Domain.Employers.EmployerNameWord>().Property(w => w.Word).UseCollation("C");
        builder.Entity<Domain.Calendar.TrainingEventWord>().Property(w => w.Word).UseCollation("C");
    }

    private sealed class UtcConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(v => KeptTime.Of(v).ToUniversalTime(), v => v);
}

/// <summary>Lets `dotnet ef` build the PostgreSQL context without a server.</summary>
public sealed class PostgreSqlRegistryDbContextFactory : IDesignTimeDbContextFactory<PostgreSqlRegistryDbContext>
{
    public PostgreSqlRegistryDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlRegistryDbContext>().UseNpgsql("Host=localhost;Database=registry;Username=registry").Options, TimeProvider.System);
}
