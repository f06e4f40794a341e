using System.Globalization;
using System.Text;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Registry.Web.Data;
using Registry.Web.Domain.Accounts;
using Registry.Web.Infrastructure.Forms;

namespace Registry.Web.Features.SecurityEvents;

/// <summary>
/// The administrators' reading of the security audit: filtered by kind, by who (the actor's or the
/// subject's email as recorded), and by days; newest first, a page at a time; and the same list
/// as a CSV, written as it is read.
/// </summary>
public static class SecurityEventList
{
    public const int PageSize = 100;

    /// <summary>The filters as typed in the address: every one optional, each checked by <see cref="Validator"/>.</summary>
    public sealed class Criteria
    {
        public string? Kind { get; set; }

        public string? Who { get; set; }

        /// <summary>The first day shown (yyyy-MM-dd, the registry's time zone).</summary>
        public string? From { get; set; }

        /// <summary>The last day shown, whole (yyyy-MM-dd, the registry's time zone).</summary>
        public string? To { get; set; }

        /// <summary>The page's place: the id of the last entry of the page before (newer). Not typed by anyone; a bad one starts at the newest.</summary>
        public string? Older { get; set; }

        public SecurityEventKind? ParsedKind =>
            !string.IsNullOrWhiteSpace(Kind) && !char.IsDigit(Kind.Trim()[0]) && Enum.TryParse<SecurityEventKind>(Kind.Trim(), ignoreCase: false, out var kind) && Enum.IsDefined(kind) ? kind : null;

        public DateOnly? FromDay => FormRules.ParseIsoDate(From);

        public DateOnly? ToDay => FormRules.ParseIsoDate(To);

        public string? WhoText => FormRules.Blank(Who);

        /// <summary>The filters, as the audit's own export entry records them.</summary>
        public string Describe() =>
            string.Join("; ", new[]
            {
                ParsedKind is { } kind ? "kind " + kind : null,
                WhoText is { } who ? "who " + who : null,
                FromDay is { } from ? "from " + from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
                ToDay is { } to ? "to " + to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
            }.Where(part => part is not null).DefaultIfEmpty("everything"));
    }

    public sealed class Validator : AbstractValidator<Criteria>
    {
        public Validator(IStringLocalizer<SharedResource> t, TimeProvider time)
        {
            var example = DateOnly.FromDateTime(time.GetLocalNow().DateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            RuleFor(q => q.Kind).Must((q, _) => q.ParsedKind is not null).When(q => !string.IsNullOrWhiteSpace(q.Kind))
                .WithMessage(t["Choose a kind of event from the list."]);
            RuleFor(q => q.Who).MaximumLength(SecurityEvent.MaxNameLength).WithMessage(t["Use at most {0} characters.", SecurityEvent.MaxNameLength]);
            RuleFor(q => q.From).Must((q, _) => q.FromDay is not null).When(q => !string.IsNullOrWhiteSpace(q.From))
                .WithMessage(t["Enter a date like {0}.", example]);
            RuleFor(q => q.To).Must((q, _) => q.ToDay is not null).When(q => !string.IsNullOrWhiteSpace(q.To), ApplyConditionTo.CurrentValidator)
                .WithMessage(t["Enter a date like {0}.", example])
                .Must((q, _) => q.ToDay >= q.FromDay).When(q => q.FromDay is not null && q.ToDay is not null, ApplyConditionTo.CurrentValidator)
                .WithMessage(t["The end date cannot be before the start date."]);
        }
    }

    public sealed record Row(long Id, DateTimeOffset At, string Kind, string Actor, string? Subject, string? Detail, string? IpAddress);

    /// <summary>One page: <see cref="OlderCursor"/> opens the next (older) page when there is one.</summary>
    public sealed record Page(Criteria Query, IReadOnlyList<Row> Rows, bool IsNewest, string? OlderCursor, IReadOnlyList<string> Kinds);

    public sealed class Handler(RegistryDbContext db, TimeProvider time)
    {
        public static readonly IReadOnlyList<string> Kinds = Enum.GetNames<SecurityEventKind>();

        /// <summary>The page with no entries, for filters that did not pass the validator.</summary>
        public static Page Empty(Criteria query) => new(query, [], true, null, Kinds);

        /// <summary>A page of entries, newest first, after the entry named by <see cref="Criteria.Older"/> (keyset on the indexed time).</summary>
        public async Task<Page> PageAsync(Criteria query, CancellationToken ct)
        {
            var entries = Filtered(query);
            var older = long.TryParse(query.Older, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? await db.SecurityEvents.AsNoTracking().Where(e => e.Id == id).Select(e => new { e.Id, e.At }).FirstOrDefaultAsync(ct)
                : null;
            if (older is not null)
            {
                // Written as a range on At first, so the index on At serves it.
                entries = entries.Where(e => e.At <= older.At && (e.At < older.At || e.Id < older.Id));
            }

            var rows = await entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(PageSize + 1)
                .Select(e => new Row(e.Id, e.At, e.Kind, e.Actor, e.Subject, e.Detail, e.IpAddress))
                .ToListAsync(ct);
            var shown = rows.Take(PageSize).Select(r => r with { At = TimeZoneInfo.ConvertTime(r.At, time.LocalTimeZone) }).ToList();
            return new Page(query, shown, older is null, rows.Count > PageSize ? shown[^1].Id.ToString(CultureInfo.InvariantCulture) : null, Kinds);
        }

        public static readonly string[] CsvHeader = ["at_utc", "kind", "actor", "actor_user_id", "subject", "subject_user_id", "detail", "ip_address"];

        /// <summary>Every entry the filters choose, newest first, as CSV (UTF-8 with a byte order mark; cells that would start a formula made inert).</summary>
        public async Task WriteCsvAsync(Criteria query, Stream output, CancellationToken ct)
        {
            await output.WriteAsync(Encoding.UTF8.GetPreamble(), ct);
            await using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
            writer.NewLine = "\n";
            await writer.WriteLineAsync(Csv.Line(CsvHeader));
            var entries = Filtered(query).OrderByDescending(e => e.At).ThenByDescending(e => e.Id).AsAsyncEnumerable().WithCancellation(ct);
            await foreach (var e in entries)
            {
                await writer.WriteLineAsync(Csv.Line(
                [
                    e.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), e.Kind, e.Actor, e.ActorUserId, e.Subject, e.SubjectUserId, e.Detail, e.IpAddress,
                ]).AsMemory(), ct);
            }
        }

        /// <summary>The entries the filters choose (filters already validated; a blank one chooses everything).</summary>
        private IQueryable<SecurityEvent> Filtered(Criteria query)
        {
            var entries = db.SecurityEvents.AsNoTracking();
            if (query.ParsedKind is { } kind)
            {
                var name = kind.ToString();
                entries = entries.Where(e => e.Kind == name);
            }

            if (query.WhoText is { } who)
            {
                // Upper case on both sides: the same case-insensitive match on every provider (LIKE is not, on PostgreSQL).
                var text = who.ToUpperInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // Translated to SQL UPPER(...): no .NET culture is involved.
                entries = entries.Where(e => e.Actor.ToUpper().Contains(text) || (e.Subject != null && e.Subject.ToUpper().Contains(text)));
#pragma warning restore CA1304, CA1311, CA1862
            }

            // Days in the registry's time zone, compared in UTC (PostgreSQL takes only UTC offsets).
            if (query.FromDay is { } from)
            {
                var start = StartOf(from);
                entries = entries.Where(e => e.At >= start);
            }

            if (query.ToDay is { } to)
            {
                var end = StartOf(to.AddDays(1));
                entries = entries.Where(e => e.At < end);
            }

            return entries;
        }

        private DateTimeOffset StartOf(DateOnly day)
        {
            var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
            return new DateTimeOffset(local, time.LocalTimeZone.GetUtcOffset(local)).ToUniversalTime();
        }
    }
}
