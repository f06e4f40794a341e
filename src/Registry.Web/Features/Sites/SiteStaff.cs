using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Registry.Web.Data;
using Registry.Web.Domain.Employments;
using Registry.Web.Domain.Verifications;
using Registry.Web.Infrastructure.Forms;

namespace Registry.Web.Features.Sites;

/// <summary>A site's staff for its director: everyone naming the site, and confirming, correcting or ending their jobs in bulk (the roster is <see cref="Infrastructure.Sites.SiteRoster"/>).</summary>
public static class SiteStaff
{
    /// <summary>One current job at the site; <see cref="IsYours"/>: the viewer's own, which someone else confirms.</summary>
    public sealed record PersonRow(int EmploymentId, int ProfessionalId, string Name, string RegistryId, EmploymentRole Role, DateOnly StartDate, DateOnly? EndDate, bool Confirmed, DateTimeOffset? ConfirmedAt, bool IsYours)
    {
        /// <summary>For a job confirmed at this site and changed since: when it was confirmed, and what changed (old → new).</summary>
        public DateTimeOffset? ChangedSinceConfirmedOn { get; init; }

        public IReadOnlyList<(string Field, string? Old, string? New)> ChangesSinceConfirmed { get; init; } = [];
    }

    /// <summary>What saving the form did: the changes saved, the problems beside their fields, or refused outright (someone's own job).</summary>
    public sealed record ApplyResult(int Changed, Dictionary<string, string> Problems, bool Refused);

    public enum RowAction
    {
        Keep,
        Confirm,
        Correct,
        End,
    }

    public sealed class ConfirmRow
    {
        public int EmploymentId { get; set; }

        public string? Action { get; set; }

        public string? StartDate { get; set; }

        public string? EndDate { get; set; }

        public RowAction? ParsedAction => Enum.TryParse<RowAction>(Action, ignoreCase: false, out var action) && Enum.IsDefined(action) ? action : null;
    }

    public sealed class ConfirmForm
    {
        public List<ConfirmRow> Rows { get; set; } = [];

        /// <summary>"Confirm everyone listed": every row left as "keep" becomes "confirm".</summary>
        public bool ConfirmAll { get; set; }
    }

    public sealed class Handler(RegistryDbContext db, TimeProvider time, IStringLocalizer<SharedResource> t)
    {
        public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

        /// <summary>Everyone who names the site as a current employer (ended jobs leave the list, never the person's history).</summary>
        public async Task<IReadOnlyList<PersonRow>> PeopleAsync(int employerId, string viewerUserId, CancellationToken ct)
        {
            var people = await db.Employments.AsNoTracking()
                .Where(e => e.EmployerId == employerId).Where(Employment.CurrentOn(Today))
                .Join(db.Professionals, e => e.ProfessionalId, p => p.Id, (e, p) => new { e, p })
                .OrderBy(x => x.e.ConfirmedAt != null).ThenBy(x => x.p.LastName).ThenBy(x => x.p.FirstName)
                .Select(x => new PersonRow(x.e.Id, x.p.Id, x.p.FirstName + " " + x.p.LastName, x.p.RegistryId, x.e.Role, x.e.StartDate, x.e.EndDate, x.e.ConfirmedAt != null, x.e.ConfirmedAt, x.p.UserId == viewerUserId))
                .ToListAsync(ct);

            // A job this site confirmed that the person has changed since: what the confirmation
            // covered and what it says now, from the latest confirmation the change undid.
            var unconfirmed = people.Where(p => !p.Confirmed).Select(p => p.EmploymentId).ToList();
            if (unconfirmed.Count == 0)
            {
                return people;
            }

            var changes = (await db.FactChanges.AsNoTracking()
                    .Where(c => c.Kind == Domain.Facts.FactKind.Job && c.EmployerId == employerId && c.ConfirmedAt != null && EF.Parameter(unconfirmed).Contains(c.FactId))
                    .Select(c => new { c.Id, c.FactId, c.Field, c.OldValue, c.NewValue, c.ConfirmedAt })
                    .ToListAsync(ct))
                .GroupBy(c => c.FactId)
                .ToDictionary(g => g.Key, g =>
                {
                    var latest = g.Max(c => c.ConfirmedAt!.Value);
                    var since = g.Where(c => c.ConfirmedAt == latest).OrderBy(c => c.Id).ToList();

                    // A field changed twice since shows what was confirmed and what it is now.
                    var fields = since.GroupBy(c => c.Field).Select(f => (f.Key, f.First().OldValue, f.Last().NewValue))
                        .Where(f => !string.Equals(f.OldValue, f.NewValue, StringComparison.Ordinal))
                        .OrderBy(f => Domain.History.HistoryFields.Order(f.Key)).ToList();
                    return (latest, fields);
                });
            return people.Select(p => changes.TryGetValue(p.EmploymentId, out var c) && c.fields.Count > 0
                ? p with { ChangedSinceConfirmedOn = c.latest, ChangesSinceConfirmed = c.fields }
                : p).ToList();
        }

        /// <summary>
        /// Applies every row of the form in one save, or none: problems come back keyed by field
        /// ("Rows[3].EndDate", the posted row) for the page to show beside the row. Only the site's
        /// current staff can be acted on: any other job id (ended, another site's, made up) gets the
        /// one answer a job that does not exist gets. Nobody confirms, corrects or ends their own job.
        /// </summary>
        public async Task<ApplyResult> ApplyAsync(int employerId, string directorUserId, ConfirmForm form, CancellationToken ct)
        {
            var problems = new Dictionary<string, string>();
            var ids = form.Rows.Select(r => r.EmploymentId).Distinct().ToList();
            var today = Today;
            var found = await db.Employments
                .Where(e => EF.Parameter(ids).Contains(e.Id) && e.EmployerId == employerId).Where(Employment.CurrentOn(today))
                .Join(db.Professionals, e => e.ProfessionalId, p => p.Id, (e, p) => new { Job = e, p.UserId })
                .ToListAsync(ct);
            var jobs = found.ToDictionary(x => x.Job.Id, x => x.Job);
            var owners = found.ToDictionary(x => x.Job.Id, x => x.UserId);
            var now = time.GetUtcNow();
            var changes = new List<Action>();
            for (var i = 0; i < form.Rows.Count; i++)
            {
                var row = form.Rows[i];
                if (!jobs.TryGetValue(row.EmploymentId, out var job))
                {
                    // Not beside a row: the page lists only current staff, and says nothing of other jobs.
                    problems[string.Empty] = t["Someone on the list no longer works here as far as the registry knows. Reload the page."];
                    continue;
                }

                var action = row.ParsedAction;
                if (action is null)
                {
                    problems[$"Rows[{i}].Action"] = t["Choose what to do."];
                    continue;
                }

                // A date changed under another choice would be lost without a word: say which choice keeps it.
                if (action != RowAction.Correct && !string.IsNullOrWhiteSpace(row.StartDate) && row.StartDate.Trim() != job.StartDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                {
                    problems[$"Rows[{i}].StartDate"] = t["Choose \"Correct the start date\" to change it, or put it back."];
                    continue;
                }

                if (action != RowAction.End && !string.IsNullOrWhiteSpace(row.EndDate) && row.EndDate.Trim() != job.EndDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                {
                    problems[$"Rows[{i}].EndDate"] = t["Choose \"End employment\" to record the last day, or clear it."];
                    continue;
                }

                var mayDecide = SeparationOfDuties.MayDecide(directorUserId, owners[job.Id]);
                if (action == RowAction.Keep && form.ConfirmAll && !job.IsConfirmedByEmployer && mayDecide)
                {
                    action = RowAction.Confirm;
                }

                if (action != RowAction.Keep && !mayDecide)
                {
                    return new ApplyResult(0, [], Refused: true);
                }

                switch (action)
                {
                    case RowAction.Confirm:
                        changes.Add(() => job.ConfirmByEmployer(directorUserId, now));
                        break;
                    case RowAction.End:
                        if (FormRules.ParseIsoDate(row.EndDate) is not { } end)
                        {
                            problems[$"Rows[{i}].EndDate"] = t["Enter the last day worked, like {0}.", today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)];
                        }
                        else if (end < job.StartDate)
                        {
                            problems[$"Rows[{i}].EndDate"] = t["The last day cannot be before the start date."];
                        }
                        else if (end > today)
                        {
                            problems[$"Rows[{i}].EndDate"] = t["The last day worked cannot be after today. End the job once the person has left."];
                        }
                        else
                        {
                            changes.Add(() => job.EndByEmployer(end, today, directorUserId, now));
                        }

                        break;
                    case RowAction.Correct:
                        if (FormRules.ParseIsoDate(row.StartDate) is not { } start)
                        {
                            problems[$"Rows[{i}].StartDate"] = t["Enter the start date, like {0}.", today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)];
                        }
                        else if (start > today)
                        {
                            problems[$"Rows[{i}].StartDate"] = t["The start date cannot be in the future."];
                        }
                        else if (start.Year < 1950)
                        {
                            problems[$"Rows[{i}].StartDate"] = t["Enter a start date after 1950."];
                        }
                        else
                        {
                            changes.Add(() => job.CorrectByEmployer(start, job.EndDate, directorUserId, now));
                        }

                        break;
                }
            }

            if (problems.Count > 0)
            {
                return new ApplyResult(0, problems, Refused: false);
            }

            changes.ForEach(change => change());
            await db.SaveChangesAsync(ct);
            return new ApplyResult(changes.Count, problems, Refused: false);
        }
    }
}
