using System.Globalization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Registry.Web.Data;
using Registry.Web.Domain;
using Registry.Web.Domain.Calendar;
using Registry.Web.Infrastructure.Email;
using Registry.Web.Infrastructure.Forms;

namespace Registry.Web.Features.Sponsors;

/// <summary>A sponsor's events: post, edit, copy, cancel (cancelling emails everyone registered).</summary>
public static class SponsorEvents
{
    public const int MaxCapacity = 10_000;
    public const int MaxWithdrawalDays = 60;

    public sealed class SessionInput
    {
        public string? Day { get; set; }

        public string? Starts { get; set; }

        public string? Ends { get; set; }

        public bool IsBlank => FormRules.AllBlank(Day, Starts, Ends);

        public (DateOnly Day, TimeOnly Starts, TimeOnly Ends)? Parsed =>
            FormRules.ParseIsoDate(Day) is { } day && ParseTime(Starts) is { } starts && ParseTime(Ends) is { } ends ? (day, starts, ends) : null;

        public static TimeOnly? ParseTime(string? value) =>
            TimeOnly.TryParseExact(value?.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;
    }

    public sealed class Form
    {
        public string? Title { get; set; }

        public string? Description { get; set; }

        public string? Topic { get; set; }

        public string? Language { get; set; } = "en";

        public string? Audience { get; set; } = nameof(TrainingAudience.Everyone);

        public bool IsOnline { get; set; }

        public string? Address { get; set; }

        public string? City { get; set; }

        public string? County { get; set; }

        public string? Capacity { get; set; }

        public string? Cost { get; set; } = "0";

        public string? RegistrationDeadline { get; set; }

        public string? WithdrawalDays { get; set; } = "2";

        public List<SessionInput> Sessions { get; set; } = [];

        public TrainingTopic? ParsedTopic => Enum.TryParse<TrainingTopic>(Topic, out var topic) && Enum.IsDefined(topic) ? topic : null;

        public TrainingAudience? ParsedAudience => Enum.TryParse<TrainingAudience>(Audience, out var audience) && Enum.IsDefined(audience) ? audience : null;

        /// <summary>The sessions filled in, parsed: read only after validation (MVC's own validation must not walk it).</summary>
        [Microsoft.AspNetCore.Mvc.ModelBinding.Validation.ValidateNever]
        public IEnumerable<(DateOnly Day, TimeOnly Starts, TimeOnly Ends)> ParsedSessions => Sessions.Where(s => !s.IsBlank).Select(s => s.Parsed!.Value);

        public TrainingEventDetails Details() => new(
            Title!, Description ?? string.Empty, ParsedTopic!.Value, Language!, ParsedAudience!.Value, IsOnline, FormRules.Blank(Address), FormRules.Blank(City), FormRules.Blank(County),
            int.Parse(Capacity!, CultureInfo.InvariantCulture), FormRules.ParseDecimal(Cost) ?? 0, FormRules.ParseIsoDate(RegistrationDeadline)!.Value, int.Parse(WithdrawalDays!, CultureInfo.InvariantCulture));

        /// <summary>The form for an event (editing it, or a copy to post again: then the sessions are left for the new dates).</summary>
        public static Form From(TrainingEvent e, bool copy) => new()
        {
            Title = e.Title,
            Description = e.Description,
            Topic = e.Topic.ToString(),
            Language = e.Language,
            Audience = e.Audience.ToString(),
            IsOnline = e.IsOnline,
            Address = e.Address,
            City = e.City,
            County = e.County,
            Capacity = e.Capacity.ToString(CultureInfo.InvariantCulture),
            Cost = e.Cost.ToString("0.##", CultureInfo.InvariantCulture),
            RegistrationDeadline = copy ? null : e.RegistrationDeadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            WithdrawalDays = e.WithdrawalDays.ToString(CultureInfo.InvariantCulture),
            Sessions = copy ? [] : e.Sessions.Select(s => new SessionInput
            {
                Day = s.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Starts = s.Starts.ToString("HH:mm", CultureInfo.InvariantCulture),
                Ends = s.Ends.ToString("HH:mm", CultureInfo.InvariantCulture),
            }).ToList(),
        };

        /// <summary>Blank session rows so a sponsor can add sessions without JavaScript.</summary>
        public Form WithBlankSessions()
        {
            while (Sessions.Count < Math.Min(TrainingEvent.MaxSessions, Math.Max(3, Sessions.Count(s => !s.IsBlank) + 2)))
            {
                Sessions.Add(new SessionInput());
            }

            return this;
        }
    }

    public sealed class Validator : AbstractValidator<Form>
    {
        public Validator(IStringLocalizer<SharedResource> t, TimeProvider time)
        {
            RuleFor(f => f.Title).NotEmpty().WithMessage(t["Enter the event's title."])
                .MaximumLength(TrainingEvent.MaxTitleLength).WithMessage(t["Use at most {0} characters.", TrainingEvent.MaxTitleLength]);
            RuleFor(f => f.Description).MaximumLength(TrainingEvent.MaxDescriptionLength).WithMessage(t["Use at most {0} characters.", TrainingEvent.MaxDescriptionLength]);
            RuleFor(f => f.Topic).Must((f, _) => f.ParsedTopic is not null).WithMessage(t["Choose the topic area."]);
            RuleFor(f => f.Language).Must(l => TrainingLanguages.All.Contains(l!)).WithMessage(t["Choose the language it is taught in."]);
            RuleFor(f => f.Audience).Must((f, _) => f.ParsedAudience is not null).WithMessage(t["Choose who it is for."]);
            RuleFor(f => f.Address).NotEmpty().When(f => !f.IsOnline).WithMessage(t["Enter the address, or mark the event as online."])
                .MaximumLength(200).WithMessage(t["Use at most {0} characters.", 200]);
            RuleFor(f => f.City).NotEmpty().When(f => !f.IsOnline).WithMessage(t["Enter the city."])
                .MaximumLength(100).WithMessage(t["Use at most {0} characters.", 100]);
            RuleFor(f => f.County).Must(c => CaliforniaCounties.All.Contains(c!)).When(f => !f.IsOnline).WithMessage(t["Choose a county from the list."]);
            RuleFor(f => f.Capacity).Must(c => int.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= MaxCapacity)
                .WithMessage(t["Enter how many people can come, a whole number from 1 to {0}.", MaxCapacity]);
            RuleFor(f => f.Cost).Must(c => FormRules.ParseDecimal(c) is { } cost && cost is >= 0 and <= 100_000 && decimal.Round(cost, 2) == cost)
                .When(f => !string.IsNullOrWhiteSpace(f.Cost), ApplyConditionTo.CurrentValidator).WithMessage(t["Enter the cost in dollars, like 0 or 25.50."]);
            RuleFor(f => f.WithdrawalDays).Must(c => int.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 0 and <= MaxWithdrawalDays)
                .WithMessage(t["Enter a whole number of days from 0 to {0}.", MaxWithdrawalDays]);
            RuleForEach(f => f.Sessions).Custom((session, context) =>
            {
                if (session.IsBlank)
                {
                    return;
                }

                if (FormRules.ParseIsoDate(session.Day) is null)
                {
                    context.AddFailure(nameof(SessionInput.Day), t["Enter the session's date as year-month-day, like 2026-03-14."]);
                }
                else if (SessionInput.ParseTime(session.Starts) is not { } starts || SessionInput.ParseTime(session.Ends) is not { } ends)
                {
                    context.AddFailure(nameof(SessionInput.Starts), t["Enter the start and end times as hours and minutes, like 09:00 and 12:30."]);
                }
                else if (ends <= starts)
                {
                    context.AddFailure(nameof(SessionInput.Starts), t["The session must end after it starts."]);
                }
            });
            RuleFor(f => f.Sessions).Must(s => s.Any(x => !x.IsBlank)).WithMessage(t["Add at least one session with its date and times."])
                .Must(s => s.Count(x => !x.IsBlank) <= TrainingEvent.MaxSessions).WithMessage(t["An event has at most {0} sessions.", TrainingEvent.MaxSessions]);
            RuleFor(f => f.RegistrationDeadline).Custom((value, context) =>
            {
                var form = context.InstanceToValidate;
                if (FormRules.ParseIsoDate(value) is not { } deadline)
                {
                    context.AddFailure(t["Enter the last day to register as year-month-day, like 2026-03-10."]);
                }
                else if (form.Sessions.Where(s => !s.IsBlank).Select(s => s.Parsed?.Day).Where(d => d is not null).Min() is { } first && deadline > first)
                {
                    context.AddFailure(t["Registration must close on or before the first session."]);
                }
                else if (deadline < DateOnly.FromDateTime(time.GetLocalNow().DateTime).AddYears(-1))
                {
                    context.AddFailure(t["Enter a real date for the last day to register."]);
                }
            });
        }
    }

    public sealed class Handler(RegistryDbContext db, TimeProvider time, AccountEmails emails)
    {
        public Task<TrainingEvent?> FindAsync(int eventId, CancellationToken ct) =>
            db.TrainingEvents.Include(e => e.Sessions).Include(e => e.Words).AsSplitQuery().SingleOrDefaultAsync(e => e.Id == eventId, ct);

        public async Task<int> CreateAsync(int sponsorId, Form form, CancellationToken ct)
        {
            var created = new TrainingEvent(sponsorId, form.Details(), form.ParsedSessions, time.GetUtcNow());
            db.TrainingEvents.Add(created);
            await db.SaveChangesAsync(ct);
            return created.Id;
        }

        /// <summary>Changes the event; false when a session with attendance posted would be removed.</summary>
        public async Task<bool> UpdateAsync(TrainingEvent existing, Form form, CancellationToken ct)
        {
            var keptDays = form.ParsedSessions.ToList();
            var removed = existing.Sessions.Where(s => !keptDays.Contains((s.Day, s.Starts, s.Ends))).Select(s => s.Id).ToList();
            if (removed.Count > 0 && await db.Attendance.AnyAsync(a => EF.Parameter(removed).Contains(a.SessionId), ct))
            {
                return false;
            }

            existing.Update(form.Details(), keptDays);
            await db.SaveChangesAsync(ct);
            return true;
        }

        /// <summary>Cancels the event and emails everyone registered or waiting, in their language.</summary>
        public async Task CancelAsync(TrainingEvent cancelled, CancellationToken ct)
        {
            var now = time.GetUtcNow();
            cancelled.Cancel(now);
            var registrations = await db.Registrations.Where(r => r.EventId == cancelled.Id && (r.Status == RegistrationStatus.Registered || r.Status == RegistrationStatus.Waitlisted)).ToListAsync(ct);
            var people = registrations.Select(r => r.ProfessionalId).ToList();
            var accounts = await db.Professionals.Where(p => EF.Parameter(people).Contains(p.Id)).Select(p => new { p.Id, p.UserId }).ToDictionaryAsync(p => p.Id, p => p.UserId, ct);
            var link = emails.LinkTo("Index", "Calendar");
            var first = cancelled.FirstDay;
            foreach (var registration in registrations)
            {
                registration.EventCancelled(now);
                await emails.QueueNoticeAsync(accounts[registration.ProfessionalId], "event-cancelled", (t, culture) =>
                    (t["Cancelled: {0}", cancelled.Title], [t["The sponsor cancelled {0}, planned for {1}. Your registration is cancelled too.", cancelled.Title, first.ToString("D", culture)]], t["Find another training"]), link);
            }

            await db.SaveChangesAsync(ct);
        }
    }
}
