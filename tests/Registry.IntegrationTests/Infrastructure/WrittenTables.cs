using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Registry.IntegrationTests.Infrastructure;

/// <summary>
/// Counts the writes the app sends to each table (every INSERT, UPDATE and DELETE it runs through
/// EF Core, on either provider), so a test can re-read only the tables something wrote to.
/// </summary>
public sealed partial class WrittenTables : DbCommandInterceptor
{
    private readonly ConcurrentDictionary<string, long> _writes = new(StringComparer.Ordinal);

    /// <summary>How many commands have written to <paramref name="table"/> so far.</summary>
    public long Writes(string table) => _writes.GetValueOrDefault(table);

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Count(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Count(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Count(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Count(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Count(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Count(command);
        return ValueTask.FromResult(result);
    }

    [GeneratedRegex("""(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(?<table>\w+)"?""", RegexOptions.IgnoreCase)]
    private static partial Regex Write();

    private void Count(DbCommand command)
    {
        foreach (Match match in Write().Matches(command.CommandText))
        {
            _writes.AddOrUpdate(match.Groups["table"].Value, 1, (_, n) => n + 1);
        }
    }
}
