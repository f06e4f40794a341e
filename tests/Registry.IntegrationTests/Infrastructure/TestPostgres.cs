using Npgsql;

namespace Registry.IntegrationTests.Infrastructure;

/// <summary>
/// The integration suite on PostgreSQL: with <c>REGISTRY_TEST_POSTGRES</c> set (a server's
/// connection string without a database, e.g. "Host=127.0.0.1;Port=55432;Username=postgres"; .ci/run
/// starts a private cluster and sets it), every test app and test database gets a database of its
/// own on that server instead of a SQLite file, and drops it afterwards.
/// </summary>
public static class TestPostgres
{
    public static string? Server => Environment.GetEnvironmentVariable("REGISTRY_TEST_POSTGRES") is { Length: > 0 } server ? server : null;

    public static bool Enabled => Server is not null;

    public static string NewDatabaseName() => "registry_test_" + Guid.NewGuid().ToString("N");

    public static string ConnectionString(string database) => $"{Server};Database={database}";

    public static async Task DropAsync(string database)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var drop = connection.CreateCommand();
        drop.CommandText = $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)";
        await drop.ExecuteNonQueryAsync();
    }
}
