using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;

namespace Registry.IntegrationTests.Forms;

/// <summary>
/// Every row the registry keeps, read straight from the database, so a test can say what a post
/// saved: nothing (a refusal), or the value as it was typed (a save). Tables that change on their
/// own (logs, sessions, throttles, leases, the outbox's delivery state) are left out, except that
/// a new outbox message still counts as something saved.
/// </summary>
public sealed class StoredRows
{
    /// <summary>Tables written by every request or by background work, not by what a form asks.</summary>
    private static readonly string[] Volatile =
    [
        "AccessLog", "SecurityEvents", "SignInThrottles", "DataProtectionKeys", "AccountSessions", "JobLeases", "OutboxAttempts", "AspNetUserTokens",
    ];

    private static readonly System.Text.Json.JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Dictionary<string, HashSet<string>> _rows;
    private readonly Dictionary<string, long> _writes;

    private StoredRows(Dictionary<string, HashSet<string>> rows, Dictionary<string, long> writes) => (_rows, _writes) = (rows, writes);

    /// <summary>
    /// Every table's rows; with <paramref name="previous"/>, only the tables the app wrote to since
    /// (as <paramref name="written"/> counted) are read again, the rest taken from it.
    /// </summary>
    public static async Task<StoredRows> ReadAsync(RegistryDbContext db, WrittenTables written, StoredRows? previous = null)
    {
        var tables = db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Distinct().Where(t => !Volatile.Contains(t)).Order(StringComparer.Ordinal).ToList();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            var rows = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            var writes = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var table in tables)
            {
                // Counted before reading: a write during the read makes the next snapshot read the table again.
                writes[table] = written.Writes(table);
                if (previous is not null && previous._writes.GetValueOrDefault(table, -1) == writes[table] && previous._rows.TryGetValue(table, out var same))
                {
                    rows[table] = same;
                    continue;
                }

                await using var command = connection.CreateCommand();

                // The outbox's rows change as mail goes out; what a form adds is a new message.
                command.CommandText = table == "OutboxMessages" ? $"SELECT \"Id\" FROM \"{table}\"" : $"SELECT * FROM \"{table}\"";
                await using var reader = await command.ExecuteReaderAsync();
                var set = new HashSet<string>(StringComparer.Ordinal);
                while (await reader.ReadAsync())
                {
                    var row = new StringBuilder();
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        row.Append(Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)).Append('\u001F');
                    }

                    set.Add(row.ToString());
                }

                rows[table] = set;
            }

            return new StoredRows(rows, writes);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The tables whose rows differ from <paramref name="before"/>'s.</summary>
    public IReadOnlyList<string> ChangedSince(StoredRows before) =>
        _rows.Where(t => !before._rows.TryGetValue(t.Key, out var old) || !old.SetEquals(t.Value)).Select(t => t.Key).ToList();

    /// <summary>
    /// True when a row added or changed since <paramref name="before"/> holds <paramref name="value"/>
    /// as a whole cell (or as a quoted JSON string), in Unicode's composed form, or, for a number
    /// typed in either language's style ("1,5"), as that number.
    /// </summary>
    public bool Holds(StoredRows before, string value) =>
        HoldsExactly(before, value) || HoldsExactly(before, value.Normalize())
        || (decimal.TryParse(value.Replace(',', '.'), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            && Added(before).Any(cell => decimal.TryParse(cell, NumberStyles.Number, CultureInfo.InvariantCulture, out var stored) && stored == number));

    private bool HoldsExactly(StoredRows before, string value)
    {
        string[] json =
        [
            System.Text.Json.JsonSerializer.Serialize(value),
            System.Text.Json.JsonSerializer.Serialize(value, Relaxed),
        ];
        return Added(before).Any(cell => cell == value || json.Any(j => cell.Contains(j, StringComparison.Ordinal)));
    }

    /// <summary>The cells of rows added or changed since <paramref name="before"/>.</summary>
    private IEnumerable<string> Added(StoredRows before)
    {
        foreach (var (table, rows) in _rows)
        {
            var old = before._rows.GetValueOrDefault(table) ?? [];
            foreach (var row in rows.Where(r => !old.Contains(r)))
            {
                foreach (var cell in row.Split('\u001F'))
                {
                    yield return cell;
                }
            }
        }
    }
}
