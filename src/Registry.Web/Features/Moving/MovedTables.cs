using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Registry.Web.Data;

namespace Registry.Web.Features.Moving;

/// <summary>
/// The tables a move carries: every table of the EF model (so a table added later is carried
/// without anyone remembering to), minus the few listed in <see cref="Skipped"/> with the reason,
/// in an order that inserts every row after the rows it refers to.
/// </summary>
public static class MovedTables
{
    /// <summary>
    /// Tables deliberately left behind, each with its reason. Only state that means nothing on
    /// another host belongs here; when in doubt a table is carried.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Skipped = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["SignInThrottles"] = "short-lived counts of failed sign-ins per address (minutes long); the new host starts with none, as after a restart",
        ["JobLeases"] = "which running instance holds an hourly job; the old host's instances are not the new host's, and a carried lease would only delay the first run",
    };

    /// <summary>A table to carry: its columns in a fixed order, its key, and the foreign keys inserted null first and set afterwards.</summary>
    public sealed record Table(ITable Store, IReadOnlyList<IColumn> Columns, IReadOnlyList<IColumn> Key, IReadOnlyList<IColumn> Deferred, IReadOnlyList<IColumn> StorageKeys)
    {
        public string Name => Store.Name;
    }

    /// <summary>Every table of the model, carried or skipped, by name.</summary>
    public static IReadOnlyList<string> AllNames(RegistryDbContext db) =>
        db.Model.GetRelationalModel().Tables.Select(t => t.Name).Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// The carried tables, principals before dependents (a topological sort of the foreign keys).
    /// A foreign key to its own table, or one that closes a cycle, is inserted null and set once
    /// every row is in; such a foreign key must be nullable.
    /// </summary>
    public static IReadOnlyList<Table> InInsertOrder(RegistryDbContext db)
    {
        var tables = db.Model.GetRelationalModel().Tables.Where(t => !Skipped.ContainsKey(t.Name)).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        var edges = tables.SelectMany(t => t.ForeignKeyConstraints).Where(f => tables.Contains(f.PrincipalTable)).ToList();
        var deferred = edges.Where(f => f.PrincipalTable == f.Table).ToHashSet();
        var ordered = new List<ITable>();
        var left = tables.ToList();
        while (left.Count > 0)
        {
            var live = edges.Where(f => !deferred.Contains(f) && left.Contains(f.Table) && left.Contains(f.PrincipalTable)).ToList();
            var ready = left.Where(t => !live.Any(f => f.Table == t)).ToList();
            if (ready.Count == 0)
            {
                // A cycle: the first nullable foreign key in it is set afterwards.
                var breakable = live.FirstOrDefault(f => f.Columns.All(c => c.IsNullable))
                    ?? throw new InvalidOperationException($"The tables {string.Join(", ", left.Select(t => t.Name))} refer to each other through required columns only: no insert order exists.");
                deferred.Add(breakable);
                continue;
            }

            ordered.AddRange(ready);
            left.RemoveAll(ready.Contains);
        }

        return ordered.Select(t =>
        {
            var later = deferred.Where(f => f.Table == t).SelectMany(f => f.Columns).Distinct().ToList();
            if (later.FirstOrDefault(c => !c.IsNullable) is { } required)
            {
                throw new InvalidOperationException($"{t.Name}.{required.Name} refers to its own table and is required: no insert order exists.");
            }

            var columns = t.Columns.OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
            var key = t.PrimaryKey?.Columns.ToList() ?? throw new InvalidOperationException($"{t.Name} has no primary key.");
            var storageKeys = columns.Where(c => c.PropertyMappings.Any(m => m.Property.Name.EndsWith("StorageKey", StringComparison.Ordinal) && m.Property.ClrType == typeof(string))).ToList();
            return new Table(t, columns, key, later, storageKeys);
        }).ToList();
    }
}
