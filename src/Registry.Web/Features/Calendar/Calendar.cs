using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain;
using Registry.Web.Domain.Calendar;
using Registry.Web.Infrastructure.Forms;

namespace Registry.Web.Features.Calendar;

/// <summary>The public training calendar: search, the month view, the feed, and an event's page (registering is <see cref="EventRegistrations"/>).</summary>
public static class TrainingCalendar
{
    public const int PageSize = 25;
    public const int MaxFeedEvents = 500;

    /// <summary>The calendar's filters, as the query string carries them.</summary>
    public sealed record Criteria(string? From = null, string? To = null, string? County = null, string? Language = null, string? Topic = null, string? Mode = null, string? Q = null, int Page = 1, string? Month = null)
    {
        /// <summary>The month shown in the month view ("2026-12"), when asked for.</summary>
        public DateOnly? MonthStart => DateOnly.TryParseExact(Month + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day) ? day : null;

        public DateOnly? FromDay => FormRules.ParseIsoDate(From);

        public DateOnly? ToDay => FormRules.ParseIsoDate(To);

        public TrainingTopic? ParsedTopic => Enum.TryParse<TrainingTopic>(Topic, out var topic) && Enum.IsDefined(topic) ? topic : null;
    }

    public sealed record EventRow(int Id, string Title, string Sponsor, DateOnly FirstDay, DateOnly LastDay, TimeOnly Starts, TimeOnly Ends, int Sessions, decimal ClockHours, TrainingTopic Topic, string Language, bool IsOnline, string? City, string? County, decimal Cost, int PlacesLeft);

    public sealed record ResultPage(Criteria Search, IReadOnlyList<EventRow> Events, int Total, int Page, DateOnly Today);

    public sealed record SessionView(int Id, DateOnly Day, TimeOnly Starts, TimeOnly Ends, decimal Hours);

    public sealed record EventView(
        int Id, int SponsorId, string Title, string Description, string Sponsor, string SponsorEmail, TrainingTopic Topic, string Language, TrainingAudience Audience,
        bool IsOnline, string? Address, string? City, string? County, int Capacity, decimal Cost, DateOnly RegistrationDeadline, DateOnly WithdrawBy,
        decimal ClockHours, TrainingEventStatus Status, IReadOnlyList<SessionView> Sessions, int Registered, int Waitlisted);

    public sealed class Handler(RegistryDbContext db, TimeProvider time)
    {
        public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

        /// <summary>Published events overlapping the date range and matching the filters, by first day, a page at a time.</summary>
        public async Task<ResultPage> SearchAsync(Criteria search, CancellationToken ct, int pageSize = PageSize)
        {
            var query = Filtered(search);
            var total = await query.CountAsync(ct);
            var pages = Math.Max(1, (total + pageSize - 1) / pageSize);
            var page = Math.Clamp(search.Page, 1, pages);
            var rows = await Rows(query.OrderBy(e => e.FirstDay).ThenBy(e => e.Id).Skip((page - 1) * pageSize).Take(pageSize)).ToListAsync(ct);
            return new ResultPage(search with { Page = page }, rows, total, page, Today);
        }

        public const int MaxMonthEvents = 1_000;

        public sealed record MonthResults(Criteria Search, DateOnly Month, IReadOnlyList<EventRow> Events, int Total);

        /// <summary>The month view: the filters' events whose first day falls in the month (at most <see cref="MaxMonthEvents"/>).</summary>
        public async Task<MonthResults> MonthAsync(Criteria search, CancellationToken ct)
        {
            var month = search.MonthStart ?? new DateOnly(Today.Year, Today.Month, 1);
            var last = month.AddMonths(1).AddDays(-1);
            var query = Filtered(search with { From = month.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), To = last.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) })
                .Where(e => e.FirstDay >= month);
            var total = await query.CountAsync(ct);
            var rows = await Rows(query.OrderBy(e => e.FirstDay).ThenBy(e => e.Id).Take(MaxMonthEvents)).ToListAsync(ct);
            return new MonthResults(search, month, rows, total);
        }

        /// <summary>The events of a search for an iCalendar feed: at most <see cref="MaxFeedEvents"/>, with their sessions.</summary>
        public async Task<IReadOnlyList<(EventRow Event, IReadOnlyList<SessionView> Sessions, string? Address)>> FeedAsync(Criteria search, CancellationToken ct)
        {
            var events = await Filtered(search).OrderBy(e => e.FirstDay).ThenBy(e => e.Id).Take(MaxFeedEvents)
                .Select(e => new { e.Id, e.Address }).ToListAsync(ct);
            var ids = events.Select(e => e.Id).ToList();
            var rows = (await Rows(db.TrainingEvents.Where(e => EF.Parameter(ids).Contains(e.Id))).ToListAsync(ct)).ToDictionary(r => r.Id);
            var sessions = (await db.TrainingSessions.AsNoTracking().Where(s => EF.Parameter(ids).Contains(s.EventId)).OrderBy(s => s.Day).ThenBy(s => s.Starts)
                .Select(s => new { s.EventId, s.Id, s.Day, s.Starts, s.Ends }).ToListAsync(ct))
                .ToLookup(s => s.EventId, s => new SessionView(s.Id, s.Day, s.Starts, s.Ends, 0));
            return events.Select(e => (rows[e.Id], (IReadOnlyList<SessionView>)sessions[e.Id].ToList(), e.Address)).ToList();
        }

        private IQueryable<TrainingEvent> Filtered(Criteria search)
        {
            var from = search.FromDay ?? Today;
            var query = db.TrainingEvents.AsNoTracking().Where(e => e.Status == TrainingEventStatus.Published && e.LastDay >= from);
            if (search.ToDay is { } to)
            {
                query = query.Where(e => e.FirstDay <= to);
            }

            if (!string.IsNullOrWhiteSpace(search.County) && CaliforniaCounties.All.Contains(search.County))
            {
                query = query.Where(e => e.County == search.County);
            }

            if (!string.IsNullOrWhiteSpace(search.Language))
            {
                query = query.Where(e => e.Language == search.Language);
            }

            if (search.ParsedTopic is { } topic)
            {
                query = query.Where(e => e.Topic == topic);
            }

            query = search.Mode switch
            {
                "online" => query.Where(e => e.IsOnline),
                "in-person" => query.Where(e => !e.IsOnline),
                _ => query,
            };
            // Each word typed is a prefix of some word of the title or description, found on the word index.
            foreach (var word in SearchText.Words(search.Q).Take(5))
            {
                var (lowest, highest) = SearchText.PrefixRange(word);
                var withWord = db.TrainingEventWords.Where(w => w.Word.CompareTo(lowest) >= 0 && w.Word.CompareTo(highest) <= 0).Select(w => w.EventId);
                query = query.Where(e => withWord.Contains(e.Id));
            }

            return query;
        }

        private IQueryable<EventRow> Rows(IQueryable<TrainingEvent> events) => events.Select(e => new EventRow(
            e.Id, e.Title, db.Sponsors.Where(s => s.Id == e.SponsorId).Select(s => s.Name).First(), e.FirstDay, e.LastDay,
            db.TrainingSessions.Where(s => s.EventId == e.Id).OrderBy(s => s.Day).ThenBy(s => s.Starts).Select(s => s.Starts).First(),
            db.TrainingSessions.Where(s => s.EventId == e.Id).OrderBy(s => s.Day).ThenBy(s => s.Starts).Select(s => s.Ends).First(),
            db.TrainingSessions.Count(s => s.EventId == e.Id), e.ClockHours, e.Topic, e.Language, e.IsOnline, e.City, e.County, e.Cost,
            e.Capacity - db.Registrations.Count(r => r.EventId == e.Id && r.Status == RegistrationStatus.Registered)));

        public async Task<EventView?> EventAsync(int eventId, CancellationToken ct)
        {
            var e = await db.TrainingEvents.AsNoTracking().Include(x => x.Sessions).SingleOrDefaultAsync(x => x.Id == eventId, ct);
            if (e is null)
            {
                return null;
            }

            var sponsor = await db.Sponsors.AsNoTracking().Where(s => s.Id == e.SponsorId).Select(s => new { s.Name, s.ContactEmail }).SingleAsync(ct);
            var counts = await db.Registrations.Where(r => r.EventId == eventId).GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
            return new EventView(e.Id, e.SponsorId, e.Title, e.Description, sponsor.Name, sponsor.ContactEmail, e.Topic, e.Language, e.Audience, e.IsOnline, e.Address, e.City, e.County,
                e.Capacity, e.Cost, e.RegistrationDeadline, e.WithdrawBy, e.ClockHours, e.Status,
                e.Sessions.OrderBy(s => s.Day).ThenBy(s => s.Starts).Select(s => new SessionView(s.Id, s.Day, s.Starts, s.Ends, s.Hours)).ToList(),
                counts.GetValueOrDefault(RegistrationStatus.Registered), counts.GetValueOrDefault(RegistrationStatus.Waitlisted));
        }

        /// <summary>Whether hours were credited to the person for any session of the event (a certificate exists).</summary>
        public Task<bool> AttendedAsync(int eventId, int professionalId, CancellationToken ct) =>
            db.Attendance.AnyAsync(a => a.ProfessionalId == professionalId && a.CreditedHours > 0 && a.Status == AttendanceStatus.Posted && db.TrainingSessions.Any(s => s.Id == a.SessionId && s.EventId == eventId), ct);

        public async Task<Registration?> RegistrationAsync(int eventId, int professionalId, CancellationToken ct) =>
            await db.Registrations.AsNoTracking().SingleOrDefaultAsync(r => r.EventId == eventId && r.ProfessionalId == professionalId, ct);

        /// <summary>The person's place in the waitlist (1 = next), when waiting.</summary>
        public async Task<int?> WaitlistPlaceAsync(Registration registration, CancellationToken ct) =>
            registration.Status != RegistrationStatus.Waitlisted ? null
            : 1 + await db.Registrations.CountAsync(r => r.EventId == registration.EventId && r.Status == RegistrationStatus.Waitlisted && r.RegisteredAt < registration.RegisteredAt, ct);
    }
}
