using System.Globalization;
using Microsoft.AspNetCore.Mvc.Localization;
using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain.History;

namespace Registry.Web.Infrastructure.History;

/// <summary>A professional's "Recent changes": every change to their record, newest first, a page at a time.</summary>
public static class RecentChanges
{
    public const int PageSize = 25;

    public enum Author
    {
        You,
        RegistryStaff,
        Registry,
        SiteDirector,
    }

    public sealed record ChangeView(DateTimeOffset At, Author By, string Section, string? EntryLabel, RecordChangeKind Kind, string? Field, string? OldValue, string? NewValue);

    public sealed record ViewModel(IReadOnlyList<ChangeView> Changes, int Page, bool HasOlder, DateTimeOffset RecordCreatedAt);

    public sealed class Handler(RegistryDbContext db)
    {
        private static readonly PerModelQuery<Func<RegistryDbContext, int, int, int, IAsyncEnumerable<RecordChange>>> Rows = new(() =>
            EF.CompileAsyncQuery((RegistryDbContext db, int professionalId, int skip, int take) => db.RecordChanges.AsNoTracking()
                .Where(c => c.ProfessionalId == professionalId)
                .OrderByDescending(c => c.At).ThenBy(c => c.Id)
                .Skip(skip).Take(take)));

        /// <summary>One page of changes (page 1 is the newest), or null when the person has no record.</summary>
        public async Task<ViewModel?> PageAsync(int professionalId, int page, int pageSize, CancellationToken ct)
        {
            var owner = await db.Professionals.AsNoTracking().Where(p => p.Id == professionalId).Select(p => new { p.UserId, p.CreatedAt }).SingleOrDefaultAsync(ct);
            return owner is null ? null : await PageAsync(professionalId, owner.UserId, owner.CreatedAt, page, pageSize, ct);
        }

        /// <summary>The same, for a record whose owner the caller has already read.</summary>
        public async Task<ViewModel> PageAsync(int professionalId, string ownerUserId, DateTimeOffset createdAt, int page, int pageSize, CancellationToken ct)
        {
            page = Math.Max(1, page);
            var rows = await Rows.For(db)(db, professionalId, (page - 1) * pageSize, pageSize + 1).ToListAsync(ct);

            // Someone else is a director when they hold (or held) director access, else registry staff.
            var others = rows.Where(c => c.ByUserId is not null && c.ByUserId != ownerUserId).Select(c => c.ByUserId!).Distinct().ToList();
            var directors = others.Count == 0 ? [] : (await db.AccessGrants.AsNoTracking()
                .Where(g => EF.Parameter(others).Contains(g.UserId) && g.Role == Domain.Access.AccessRole.SiteDirector)
                .Select(g => g.UserId).Distinct().ToListAsync(ct)).ToHashSet();
            var changes = rows.Take(pageSize).Select(c => new ChangeView(
                c.At,
                c.ByUserId is null ? Author.Registry : c.ByUserId == ownerUserId ? Author.You : directors.Contains(c.ByUserId) ? Author.SiteDirector : Author.RegistryStaff,
                c.Section, c.EntryLabel, c.Kind, c.Field, c.OldValue, c.NewValue)).ToList();
            return new ViewModel(changes, page, rows.Count > pageSize, createdAt);
        }
    }

    /// <summary>Shows recorded values (stored as invariant text) in the reader's language.</summary>
    public static string Describe(IHtmlLocalizer t, string? field, string? value)
    {
        if (value is null)
        {
            return "—";
        }

        var spec = field is null ? null : HistoryFields.Fields.GetValueOrDefault(field);
        return spec?.Kind switch
        {
            HistoryValueKind.Date when DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) =>
                date.ToString("d", CultureInfo.CurrentCulture),
            HistoryValueKind.Time when DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) =>
                time.ToString("d", CultureInfo.CurrentCulture),
            HistoryValueKind.Number when decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) =>
                number.ToString("0.##", CultureInfo.CurrentCulture),
            HistoryValueKind.YesNo => value == "true" ? t["Yes"].Value : t["No"].Value,
            HistoryValueKind.Enum => t[spec.EnumPrefix + value].Value,
            HistoryValueKind.Place => Domain.Places.Name(value),
            HistoryValueKind.Flags => string.Join(", ", value.Split(", ").Select(v => t[spec.EnumPrefix + v].Value)),
            _ => value,
        };
    }

    /// <summary>The entry's name: the person's own words, or for kinds named by a list (a permit, a race), that list's text.</summary>
    public static string? EntryName(IHtmlLocalizer t, ChangeView change) => change switch
    {
        { EntryLabel: null } => null,
        { Section: "Credential" } => t["Credential" + change.EntryLabel].Value,
        { Section: "ProfessionalRaceEthnicity" } => t["Race" + change.EntryLabel].Value,
        _ => change.EntryLabel,
    };
}
