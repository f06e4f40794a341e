using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain.Employments;
using Registry.Web.Domain.Messages;
using Registry.Web.Domain.Rules;
using Registry.Web.Infrastructure.Email;

namespace Registry.Web.Features.Messages;

/// <summary>
/// Two months before a site's next rating validation date (recorded by its rater), each person with
/// a current job there whose PD hours in the rating year (the year up to that date) are short of
/// <see cref="RatingYear.YearlyHours"/> gets a "deadlines" reminder, once per
/// validation date.
/// </summary>
public sealed class PdHoursReminders(RegistryDbContext db, AccountEmails emails, TimeProvider time, Infrastructure.Web.PublicAddress site) : Infrastructure.Jobs.IHourlyJob
{
    public const string Name = "pd-hours";
    public const int MonthsBefore = 2;
    public const int Batch = 2_000;

    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        var horizon = today.AddMonths(MonthsBefore);
        var sites = await db.SiteRatingDates.AsNoTracking()
            .Where(d => d.ValidationOn > today && d.ValidationOn <= horizon)
            .Join(db.Employers, d => d.EmployerId, e => e.Id, (d, e) => new { d.EmployerId, d.ValidationOn, e.Name })
            .ToListAsync(ct);
        var queued = 0;
        var now = time.GetUtcNow();
        foreach (var s in sites)
        {
            var stage = s.ValidationOn.DayNumber;
            var (yearStart, _) = Domain.Rules.RatingYear.For(s.ValidationOn, today);
            var people = await db.Employments.AsNoTracking()
                .Where(Employment.CurrentOn(today)).Where(e => e.EmployerId == s.EmployerId)
                .Select(e => e.ProfessionalId)
                .Distinct()
                .Where(id => !db.RemindersSent.Any(r => r.Reminder == Name && r.SubjectId == id && r.Stage == stage))
                .Select(id => new
                {
                    Id = id,
                    UserId = db.Professionals.Where(p => p.Id == id).Select(p => p.UserId).First(),
                    Hours = db.TrainingRecords.Where(r => r.ProfessionalId == id && r.AttendedOn >= yearStart && r.AttendedOn <= today).Sum(r => (decimal?)r.ClockHours) ?? 0,
                })
                .Take(Batch)
                .ToListAsync(ct);
            foreach (var person in people)
            {
                if (person.Hours < RatingYear.YearlyHours)
                {
                    var shortBy = RatingYear.YearlyHours - person.Hours;
                    if (await emails.QueueNoticeAsync(person.UserId, Name, (t, culture) =>
                        (t["You need {0} more hours of professional development before {1}", shortBy.ToString("0.##", culture), s.ValidationOn.ToString("D", culture)],
                         [t["{0}'s Quality Counts rating is validated on {1}. You have {2} of the {3} hours of professional development a year asks for since {4}.", s.Name, s.ValidationOn.ToString("D", culture), person.Hours.ToString("0.##", culture), RatingYear.YearlyHours, yearStart.ToString("D", culture)]],
                         t["Find training"]),
                        site.Link("/training"), MessageKind.Deadlines))
                    {
                        queued++;
                    }
                }

                // Short or not, this validation date is settled for the person.
                db.RemindersSent.Add(new ReminderSent(Name, person.Id, stage, now));
            }

            await db.SaveChangesAsync(ct);
        }

        return queued;
    }
}

/// <summary>
/// A profile nobody has changed in 11 months gets its owner a "deadlines" reminder to check it
/// (raters count a profile as current when it was updated within 12 months), once per
/// stretch without changes.
/// </summary>
public sealed class ProfileReminders(RegistryDbContext db, AccountEmails emails, TimeProvider time, Infrastructure.Web.PublicAddress site) : Infrastructure.Jobs.IHourlyJob
{
    public const string Name = "profile-stale";
    public const int Months = 11;
    public const int Batch = 2_000;

    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var cutoff = now.AddMonths(-Months);
        var due = await db.Professionals.AsNoTracking()
            .Where(p => p.UpdatedAt <= cutoff && !db.RemindersSent.Any(r => r.Reminder == Name && r.SubjectId == p.Id && r.At >= p.UpdatedAt))
            .OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.UserId, p.UpdatedAt })
            .Take(Batch)
            .ToListAsync(ct);
        var queued = 0;
        foreach (var person in due)
        {
            if (await emails.QueueNoticeAsync(person.UserId, Name, (t, culture) =>
                (t["Please check your Registry profile"],
                 [t["Your profile has not changed since {0}. Check that your job, education, permits and training are up to date: raters count a profile as current when it was updated within 12 months.", person.UpdatedAt.ToString("D", culture)]],
                 t["Open My Registry"]),
                site.Link("/my-registry"), MessageKind.Deadlines))
            {
                queued++;
            }

            // The stage is the day of the last change: the next reminder comes only after another 11 months unchanged.
            db.RemindersSent.Add(new ReminderSent(Name, person.Id, (int)(person.UpdatedAt.UtcTicks / TimeSpan.TicksPerDay), now));
        }

        await db.SaveChangesAsync(ct);
        return queued;
    }
}
