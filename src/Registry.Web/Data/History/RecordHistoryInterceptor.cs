using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;
using Registry.Web.Domain.History;

namespace Registry.Web.Data.History;

/// <summary>
/// Keeps the history of every professional's record: just before a save, each added, changed or
/// removed entry of the kinds <see cref="HistoryFields"/> lists becomes <see cref="RecordChange"/>
/// rows in the same transaction, with the signed-in user as the author. Because it reads EF
/// Core's change tracker, record changes must go through tracked entities (no ExecuteUpdate or
/// ExecuteDelete on a professional's entries), and a new record created at sign-up is not
/// itemised (its creation date stands for it).
/// </summary>
public sealed class RecordHistoryInterceptor(IHttpContextAccessor http, TimeProvider time) : SaveChangesInterceptor
{
    private const string EmployerField = "Employment.EmployerId";

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is RegistryDbContext db && Collect(db) is { Count: > 0 } pending)
        {
            var ids = pending.EmployerIds();
            var names = ids.Count == 0 ? [] : db.Employers.AsNoTracking().Where(e => EF.Parameter(ids).Contains(e.Id)).ToDictionary(e => e.Id, e => e.Name);
            db.Set<RecordChange>().AddRange(pending.ToChanges(names));
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is RegistryDbContext db && Collect(db) is { Count: > 0 } pending)
        {
            var ids = pending.EmployerIds();
            var names = ids.Count == 0 ? [] : await db.Employers.AsNoTracking().Where(e => EF.Parameter(ids).Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, cancellationToken);
            db.Set<RecordChange>().AddRange(pending.ToChanges(names));
        }

        return result;
    }

    private static readonly AsyncLocal<string?> ActingUser = new();

    /// <summary>
    /// Work done outside a request on someone's behalf (a people import running in the background)
    /// names them as who made the changes saved until the returned scope is disposed.
    /// </summary>
    public static IDisposable ActingAs(string userId)
    {
        var before = ActingUser.Value;
        ActingUser.Value = userId;
        return new Restore(before);
    }

    private sealed class Restore(string? before) : IDisposable
    {
        public void Dispose() => ActingUser.Value = before;
    }

    private Pending Collect(RegistryDbContext db)
    {
        if (db.ChangeTracker.AutoDetectChangesEnabled)
        {
            db.ChangeTracker.DetectChanges();
        }

        var pending = new Pending(time.GetUtcNow(), http.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? ActingUser.Value);
        var entries = db.ChangeTracker.Entries().ToList();

        // Owned parts (a verification, a schedule, an address) are tracked apart from their
        // owner; replacing one shows as the old part deleted and a new one added.
        var owned = new Dictionary<(IEntityType Owner, object Key, string Navigation), OwnedChange>();
        foreach (var entry in entries.Where(e => e.Metadata.IsOwned() && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            var ownership = entry.Metadata.FindOwnership()!;
            var key = (ownership.PrincipalEntityType, entry.Property(ownership.Properties[0].Name).CurrentValue!, ownership.PrincipalToDependent!.Name);
            var change = owned.TryGetValue(key, out var found) ? found : new OwnedChange();
            if (entry.State != EntityState.Added)
            {
                change.Old = entry.OriginalValues;
            }

            if (entry.State != EntityState.Deleted)
            {
                change.New = entry.CurrentValues;
            }

            owned[key] = change;
        }

        foreach (var entry in entries.Where(e => !e.Metadata.IsOwned() && HistoryFields.Sections.ContainsKey(e.Metadata.ClrType.Name)))
        {
            pending.Add(entry, owned);
        }

        return pending;
    }

    private sealed class OwnedChange
    {
        public PropertyValues? Old { get; set; }

        public PropertyValues? New { get; set; }
    }

    /// <summary>The changes found, with employer ids still to be turned into names.</summary>
    private sealed class Pending(DateTimeOffset at, string? byUserId)
    {
        private readonly List<Item> _items = [];

        public int Count => _items.Count;

        public void Add(EntityEntry entry, Dictionary<(IEntityType, object, string), OwnedChange> owned)
        {
            var section = entry.Metadata.ClrType.Name;
            var isProfessional = section == "Professional";
            var professionalKey = entry.Property(isProfessional ? "Id" : "ProfessionalId");

            // A record being created (sign-up) is not itemised, nor is anything added with it.
            if (professionalKey.IsTemporary || professionalKey.CurrentValue is not int professionalId || professionalId <= 0)
            {
                return;
            }

            var idValue = entry.Metadata.FindPrimaryKey()!.Properties.Count == 1 ? entry.Property(entry.Metadata.FindPrimaryKey()!.Properties[0].Name).CurrentValue : null;
            var parts = entry.Metadata.GetNavigations().Where(n => n.TargetEntityType.IsOwned())
                .Select(n => (n.Name, Change: idValue is not null && owned.TryGetValue((entry.Metadata, idValue, n.Name), out var c) ? c : null))
                .ToList();

            switch (entry.State)
            {
                case EntityState.Added when !isProfessional:
                    _items.Add(new Item(professionalId, section, entry.CurrentValues, parts.ToDictionary(p => p.Name, p => p.Change?.New), RecordChangeKind.Added, null, null, null));
                    break;
                case EntityState.Deleted when !isProfessional:
                    _items.Add(new Item(professionalId, section, entry.OriginalValues, parts.ToDictionary(p => p.Name, p => p.Change?.Old), RecordChangeKind.Removed, null, null, null));
                    break;
                case EntityState.Modified or EntityState.Unchanged:
                    var labelParts = parts.ToDictionary(p => p.Name, p => p.Change?.New ?? (PropertyValues?)null);
                    var first = _items.Count;
                    foreach (var property in entry.Properties.Where(p => p.IsModified))
                    {
                        AddChanged(professionalId, section, entry.CurrentValues, labelParts, $"{section}.{property.Metadata.Name}", property.OriginalValue, property.CurrentValue);
                    }

                    foreach (var (navigation, change) in parts.Where(p => p.Change is not null))
                    {
                        var names = (change!.Old ?? change.New)!.Properties.Select(p => p.Name);
                        foreach (var name in names)
                        {
                            AddChanged(professionalId, section, entry.CurrentValues, labelParts, $"{section}.{navigation}.{name}", change.Old?[name], change.New?[name]);
                        }
                    }

                    // EF Core lists properties alphabetically; a person reads them in the form's order.
                    _items.Sort(first, _items.Count - first, Comparer<Item>.Create((x, y) => HistoryFields.Order(x.Field!).CompareTo(HistoryFields.Order(y.Field!))));
                    break;
            }
        }

        private void AddChanged(int professionalId, string section, PropertyValues values, Dictionary<string, PropertyValues?> parts, string field, object? oldValue, object? newValue)
        {
            if (HistoryFields.Fields.ContainsKey(field) && !Equals(oldValue, newValue) && Format(oldValue) != Format(newValue))
            {
                _items.Add(new Item(professionalId, section, values, parts, RecordChangeKind.Changed, field, oldValue, newValue));
            }
        }

        public List<int> EmployerIds() =>
            _items.Where(i => i.Section == "Employment")
                .SelectMany(i => new[] { i.Values["EmployerId"], i.Field == EmployerField ? i.OldValue : null })
                .OfType<int>().Distinct().ToList();

        public IEnumerable<RecordChange> ToChanges(IReadOnlyDictionary<int, string> employerNames) =>
            _items.Select(i => new RecordChange(
                i.ProfessionalId, at, byUserId, i.Section, Label(i, employerNames), i.Kind, i.Field,
                i.Field == EmployerField ? EmployerName(i.OldValue, employerNames) : Format(i.OldValue),
                i.Field == EmployerField ? EmployerName(i.NewValue, employerNames) : Format(i.NewValue)));

        private static string? EmployerName(object? id, IReadOnlyDictionary<int, string> names) =>
            id is int employerId && names.TryGetValue(employerId, out var name) ? name : null;

        /// <summary>What the person calls the entry, in their own words where there are some.</summary>
        private static string? Label(Item item, IReadOnlyDictionary<int, string> employerNames)
        {
            var v = item.Values;
            return item.Section switch
            {
                "Employment" => EmployerName(v["EmployerId"], employerNames) ?? item.Parts.GetValueOrDefault("UnlistedEmployer")?["BusinessName"] as string,
                "Degree" => v["Major"] as string,
                "Course" => string.Join(' ', new[] { v["CourseNumber"] as string, v["Title"] as string }.Where(s => !string.IsNullOrEmpty(s))),
                "Credential" or "PermitApplication" => Format(v["Type"]),
                "TrainingRecord" => v["Title"] as string,
                "Document" => v["FileName"] as string,
                "ProfessionalRaceEthnicity" => Format(v["Category"]),
                "ProfessionalLanguage" => v["Language"] as string,
                _ => null,
            };
        }
    }

    private sealed record Item(int ProfessionalId, string Section, PropertyValues Values, Dictionary<string, PropertyValues?> Parts, RecordChangeKind Kind, string? Field, object? OldValue, object? NewValue);

    /// <summary>A value as invariant text: dates as yyyy-MM-dd, enums by name, numbers without trailing zeros.</summary>
    internal static string? Format(object? value) => value switch
    {
        null => null,
        string s => s.Length == 0 ? null : s,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        decimal m => m.ToString("0.####", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        Enum e => e.ToString(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
