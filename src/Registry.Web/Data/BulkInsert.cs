using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Registry.Web.Data;

/// <summary>
/// Many rows of one entity into its table through one parameterised statement, in the caller's
/// transaction, on any provider: tables, columns and value conversions come from the EF model, so
/// a row is stored exactly as EF would store it, many times faster than change tracking.
/// </summary>
public static class BulkInsert
{
    /// <summary>Parameters in one statement, under SQL Server's limit of 2,100.</summary>
    private const int MaxParameters = 2_000;

    public static async Task<int> RowsAsync<TEntity>(RegistryDbContext db, IReadOnlyList<string> properties, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        var (into, columns, converters) = Describe<TEntity>(db, properties);
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = into + $"VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})";
        var parameters = new DbParameter[columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            parameters[i] = command.CreateParameter();
            parameters[i].ParameterName = "@p" + i;
            command.Parameters.Add(parameters[i]);
        }

        var count = 0;
        foreach (var row in rows)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                var value = row[i];
                parameters[i].Value = value is null ? DBNull.Value : converters[i]?.ConvertToProvider(value) ?? value;
            }

            count += await command.ExecuteNonQueryAsync(ct);
        }

        return count;
    }

    /// <summary>
    /// A request's few rows (the people a page showed, for the access log) in one statement of many
    /// VALUES rows, not a commit or a round trip per row; rows beyond 2,000 parameters go in several
    /// statements inside one transaction. Opens the connection if the request has not.
    /// </summary>
    public static async Task<int> InFewStatementsAsync<TEntity>(RegistryDbContext db, IReadOnlyList<string> properties, IReadOnlyList<object?[]> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return 0;
        }

        var (into, columns, converters) = Describe<TEntity>(db, properties);
        var perStatement = Math.Max(1, MaxParameters / columns.Length);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var transaction = rows.Count > perStatement && db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
            var count = 0;
            foreach (var chunk in rows.Chunk(perStatement))
            {
                await using var command = db.Database.GetDbConnection().CreateCommand();
                command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
                var values = new List<string>(chunk.Length);
                for (var r = 0; r < chunk.Length; r++)
                {
                    var names = new string[columns.Length];
                    for (var i = 0; i < columns.Length; i++)
                    {
                        var parameter = command.CreateParameter();
                        parameter.ParameterName = names[i] = FormattableString.Invariant($"@p{r}_{i}");
                        var value = chunk[r][i];
                        parameter.Value = value is null ? DBNull.Value : converters[i]?.ConvertToProvider(value) ?? value;
                        command.Parameters.Add(parameter);
                    }

                    values.Add("(" + string.Join(", ", names) + ")");
                }

                command.CommandText = into + "VALUES " + string.Join(", ", values);
                count += await command.ExecuteNonQueryAsync(ct);
            }

            if (transaction is not null)
            {
                await transaction.CommitAsync(ct);
            }

            return count;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Whole rows of one table (every column named, keys included), as a move between hosts writes
    /// them: many VALUES rows per statement, one prepared statement reused for every full batch, in
    /// the caller's transaction. Values are the model's (an enum, a DateTimeOffset); each column's
    /// type mapping converts and types its parameter exactly as EF would.
    /// </summary>
    public static async Task<long> TableRowsAsync(RegistryDbContext db, ITable table, IReadOnlyList<IColumn> columns, IAsyncEnumerable<object?[]> rows, CancellationToken ct)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var into = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)))}) VALUES ";
        var mappings = columns.Select(MappingOf).ToArray();
        // SQL Server also takes at most 1,000 rows in one VALUES list.
        var perStatement = Math.Clamp(MaxParameters / columns.Count, 1, 1_000);
        DbCommand? full = null;
        var batch = new List<object?[]>(perStatement);
        long count = 0;
        try
        {
            await foreach (var row in rows.WithCancellation(ct))
            {
                batch.Add(row);
                if (batch.Count == perStatement)
                {
                    if (full is null)
                    {
                        full = Command(batch.Count);
                        await full.PrepareAsync(ct);
                    }

                    count += await RunAsync(full, batch);
                    batch.Clear();
                }
            }

            if (batch.Count > 0)
            {
                await using var tail = Command(batch.Count);
                count += await RunAsync(tail, batch);
            }

            return count;
        }
        finally
        {
            if (full is not null)
            {
                await full.DisposeAsync();
            }
        }

        DbCommand Command(int rowCount)
        {
            var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandTimeout = 0;
            var values = new List<string>(rowCount);
            for (var r = 0; r < rowCount; r++)
            {
                var names = new string[columns.Count];
                for (var i = 0; i < columns.Count; i++)
                {
                    names[i] = FormattableString.Invariant($"@p{r}_{i}");
                    command.Parameters.Add(mappings[i].CreateParameter(command, names[i], null, columns[i].IsNullable));
                }

                values.Add("(" + string.Join(", ", names) + ")");
            }

            command.CommandText = into + string.Join(", ", values);
            return command;
        }

        async Task<int> RunAsync(DbCommand command, List<object?[]> chunk)
        {
            for (var r = 0; r < chunk.Count; r++)
            {
                for (var i = 0; i < columns.Count; i++)
                {
                    SetValue(command.Parameters[(r * columns.Count) + i], mappings[i], chunk[r][i]);
                }
            }

            return await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>A column's type mapping: its property's (converter included), or the store's for a column no one property maps (an owned type kept as JSON).</summary>
    public static RelationalTypeMapping MappingOf(IColumn column) =>
        column.PropertyMappings.Count > 0 ? column.PropertyMappings[0].TypeMapping : column.StoreTypeMapping;

    /// <summary>
    /// Gives a parameter made once for many rows its row's value. The mapping sized the parameter for
    /// the value it was made with (SQL Server's nvarchar(max) as 4,000, a bounded column as its length),
    /// and SqlClient and Npgsql cut a longer value to that size without a word; so a longer value
    /// unsizes the parameter: it goes whole, and a column too short for it refuses it.
    /// </summary>
    public static void SetValue(DbParameter parameter, RelationalTypeMapping mapping, object? value)
    {
        var provider = ProviderValue(mapping, value);
        parameter.Value = provider;
        if (parameter.Size > 0 && ((provider is string text && text.Length > parameter.Size) || (provider is byte[] bytes && bytes.Length > parameter.Size)))
        {
            parameter.Size = -1;
        }
    }

    /// <summary>A model value as its column keeps it (the mapping's converter applied), or DBNull.</summary>
    public static object ProviderValue(RelationalTypeMapping mapping, object? value) =>
        value is null ? DBNull.Value : mapping.Converter?.ConvertToProvider(value) ?? value;

    private static (string Into, IProperty[] Columns, Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter?[] Converters) Describe<TEntity>(RegistryDbContext db, IReadOnlyList<string> properties)
    {
        var entity = db.Model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = properties.Select(name => entity.FindProperty(name) ?? throw new InvalidOperationException($"{typeof(TEntity).Name}.{name} is not mapped.")).ToArray();
        var sql = db.GetService<ISqlGenerationHelper>();
        var into = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!)))}) ";
        return (into, columns, columns.Select(c => c.GetTypeMapping().Converter).ToArray());
    }
}
