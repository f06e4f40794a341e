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
    public static async Task<int> RowsAsync<TEntity>(RegistryDbContext db, IReadOnlyList<string> properties, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        var entity = db.Model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = properties.Select(name => entity.FindProperty(name) ?? throw new InvalidOperationException($"{typeof(TEntity).Name}.{name} is not mapped.")).ToArray();
        var sql = db.GetService<ISqlGenerationHelper>();
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!)))}) "
            + $"VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})";
        var converters = columns.Select(c => c.GetTypeMapping().Converter).ToArray();
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
}
