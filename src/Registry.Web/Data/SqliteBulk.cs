using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Registry.Web.Data;

/// <summary>
/// Many rows into one table in one short transaction, through one prepared statement: on SQLite
/// many times faster than change tracking. Returns false on another provider (the caller uses EF).
/// </summary>
public static class SqliteBulk
{
    public static async Task<bool> TryInsertAsync(RegistryDbContext db, string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        if (db.Database.GetDbConnection() is not SqliteConnection connection)
        {
            return false;
        }

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await using var insert = connection.CreateCommand();
            insert.Transaction = (SqliteTransaction)transaction;
            insert.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
            var parameters = columns.Select((_, i) => insert.Parameters.Add(new SqliteParameter("$p" + i, null))).ToArray();
            foreach (var row in rows)
            {
                for (var i = 0; i < parameters.Length; i++)
                {
                    parameters[i].Value = row[i] ?? DBNull.Value;
                }

                await insert.ExecuteNonQueryAsync(ct);
            }

            await transaction.CommitAsync(ct);
            return true;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
