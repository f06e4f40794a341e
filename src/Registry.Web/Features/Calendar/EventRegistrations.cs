using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain.Calendar;
using Registry.Web.Domain.Employments;
using Registry.Web.Infrastructure.Email;

namespace Registry.Web.Features.Calendar;

/// <summary>Registering for an event (a professional, or a director for their confirmed staff), the waitlist, and withdrawing; each confirmed by email.</summary>
public sealed class EventRegistrations(RegistryDbContext db, TimeProvider time, AccountEmails emails)
{
    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    public enum RegisterOutcome
    {
        Registered,
        Waitlisted,
        AlreadyRegistered,
        Closed,
    }

    /// <summary>
    /// Registers a person (themselves, or a director for their staff): a place while there is one,
    /// else the waitlist. Closed after the deadline or once cancelled. Emails a confirmation.
    /// </summary>
    public async Task<RegisterOutcome> RegisterAsync(int eventId, int professionalId, string byUserId, CancellationToken ct)
    {
        var e = await db.TrainingEvents.AsNoTracking().SingleOrDefaultAsync(x => x.Id == eventId, ct);
        if (e is null || e.Status != TrainingEventStatus.Published || Today > e.RegistrationDeadline)
        {
            return RegisterOutcome.Closed;
        }

        // Counting the places taken and taking one are one serializable transaction: two people
        // asking for the last place at once never both get it (the one refused is tried again).
        return await SerializableTransaction.RunAsync(db, async ct =>
        {
            var existing = await db.Registrations.SingleOrDefaultAsync(r => r.EventId == eventId && r.ProfessionalId == professionalId, ct);
            if (existing is { IsActive: true })
            {
                return RegisterOutcome.AlreadyRegistered;
            }

            var taken = await db.Registrations.CountAsync(r => r.EventId == eventId && r.Status == RegistrationStatus.Registered, ct);
            var status = taken < e.Capacity ? RegistrationStatus.Registered : RegistrationStatus.Waitlisted;
            var now = time.GetUtcNow();
            if (existing is null)
            {
                db.Registrations.Add(new Registration(eventId, professionalId, status, byUserId, now));
            }
            else
            {
                existing.Renew(status, byUserId, now);
            }

            await NotifyAsync(professionalId, e, status == RegistrationStatus.Registered ? "registered" : "waitlisted", ct);
            await db.SaveChangesAsync(ct);
            return status == RegistrationStatus.Registered ? RegisterOutcome.Registered : RegisterOutcome.Waitlisted;
        }, ct);
    }

    /// <summary>
    /// Withdraws the person: from a place only until the event's withdrawal day (then the next
    /// person waiting gets the place and an email), from the waitlist at any time.
    /// </summary>
    public async Task<bool> WithdrawAsync(int eventId, int professionalId, CancellationToken ct)
    {
        var e = await db.TrainingEvents.AsNoTracking().SingleOrDefaultAsync(x => x.Id == eventId, ct);
        return await SerializableTransaction.RunAsync(db, async ct =>
        {
            var registration = await db.Registrations.SingleOrDefaultAsync(r => r.EventId == eventId && r.ProfessionalId == professionalId, ct);
            if (e is null || registration is not { IsActive: true } || (registration.Status == RegistrationStatus.Registered && Today > e.WithdrawBy))
            {
                return false;
            }

            var now = time.GetUtcNow();
            var freedPlace = registration.Status == RegistrationStatus.Registered;
            registration.Withdraw(now);
            if (freedPlace && await db.Registrations.Where(r => r.EventId == eventId && r.Status == RegistrationStatus.Waitlisted).OrderBy(r => r.RegisteredAt).ThenBy(r => r.Id).FirstOrDefaultAsync(ct) is { } next)
            {
                next.Promote(now);
                await NotifyAsync(next.ProfessionalId, e, "promoted", ct);
            }

            await db.SaveChangesAsync(ct);
            return true;
        }, ct);
    }

    public sealed record StaffMember(int ProfessionalId, string Name, int SiteId, string Site, RegistrationStatus? Status);

    /// <summary>
    /// The confirmed, current staff of the sites the account directs (an active director grant),
    /// with their registration for the event: whom a director may register.
    /// </summary>
    public async Task<IReadOnlyList<StaffMember>> DirectorsStaffAsync(string userId, int eventId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var sites = db.AccessGrants.Where(Domain.Access.AccessGrant.ActiveAt(now)).Where(g => g.UserId == userId && g.Role == Domain.Access.AccessRole.SiteDirector && g.EmployerId != null)
            .Select(g => g.EmployerId!.Value);
        var rows = await db.Employments.AsNoTracking().Where(Employment.CurrentOn(Today))
            .Where(e => e.EmployerId != null && sites.Contains(e.EmployerId.Value) && e.ConfirmedAt != null)
            .Join(db.Professionals, e => e.ProfessionalId, p => p.Id, (e, p) => new
            {
                p.Id, Name = p.FirstName + " " + p.LastName, SiteId = e.EmployerId!.Value, Site = db.Employers.Where(x => x.Id == e.EmployerId).Select(x => x.Name).First(),
                Status = db.Registrations.Where(r => r.EventId == eventId && r.ProfessionalId == p.Id).Select(r => (RegistrationStatus?)r.Status).FirstOrDefault(),
            })
            .Take(1000)
            .ToListAsync(ct);
        return rows.GroupBy(r => r.Id).Select(g => g.First()).OrderBy(r => r.Site).ThenBy(r => r.Name, StringComparer.CurrentCulture)
            .Select(r => new StaffMember(r.Id, r.Name, r.SiteId, r.Site, r.Status)).ToList();
    }

    private async Task NotifyAsync(int professionalId, TrainingEvent e, string kind, CancellationToken ct)
    {
        var userId = await db.Professionals.Where(p => p.Id == professionalId).Select(p => p.UserId).SingleAsync(ct);
        var link = emails.LinkTo("Event", "Calendar", new { eventId = e.Id });
        await emails.QueueNoticeAsync(userId, "event-" + kind, (t, culture) => kind switch
        {
            "registered" => (t["You are registered: {0}", e.Title], [t["You have a place at {0}, starting {1}.", e.Title, e.FirstDay.ToString("D", culture)], t["You can withdraw until {0}.", e.WithdrawBy.ToString("D", culture)]], t["See the event"]),
            "waitlisted" => (t["You are on the waitlist: {0}", e.Title], [t["{0} is full. You are on its waitlist; if a place opens, it is yours and we will email you.", e.Title]], t["See the event"]),
            _ => (t["A place opened for you: {0}", e.Title], [t["A place opened at {0}, starting {1}, and it is yours.", e.Title, e.FirstDay.ToString("D", culture)]], t["See the event"]),
        }, link);
    }
}
