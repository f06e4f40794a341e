using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Registry.Web.Data;
using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Education;
using Registry.Web.Domain.Employments;
using Registry.Web.Domain.Professionals;
using Registry.Web.Domain.Rules;
using Registry.Web.Domain.Verifications;
using Registry.Web.Infrastructure.Forms;
using Registry.Web.Infrastructure.Rules;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Sites;

/// <summary>A site's staff for its director: confirming employment in bulk, and the roster with qualifications.</summary>
public static class SiteStaff
{
    public const int MaxRosterPageSize = 200;

    public const int DefaultRosterPageSize = 50;

    /// <summary>The page sizes a director may choose: a whole 200-person site fits on one page.</summary>
    public static readonly IReadOnlyList<int> RosterPageSizes = [25, DefaultRosterPageSize, 100, MaxRosterPageSize];

    public sealed record SiteView(int Id, string Name, string LicenseNumber, string? County)
    {
        public SiteResource Resource => new(Id, County);
    }

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

    public sealed record RosterRow(
        int ProfessionalId, string Name, string RegistryId, EmploymentRole Role,
        CredentialType? Permit, DateOnly? PermitExpires, bool PermitVerified, bool PermitExpiringSoon,
        decimal EceUnits, decimal GeUnits, bool UnitsVerified,
        DegreeLevel? Degree, string? DegreeMajor, bool DegreeVerified,
        decimal PdHoursThisYear, int QualityCountsPoints, string? Title22Rule, int Completeness, DateTimeOffset LastUpdated,
        IReadOnlyList<(int Id, string FileName)> Documents)
    {
        /// <summary>The next lead teacher point not met (its closest route's gaps and what did not count), for the row's detail; none at 5.</summary>
        public RuleResult? NextPoint { get; init; }
    }

    /// <summary>What a roster shows; <see cref="ValidationDate"/> (typed by a rater) sets the PD year in place of the site's recorded validation date (see <see cref="RatingYear"/>).</summary>
    public sealed record RosterQuery(string? Role = null, bool ExpiringOnly = false, string? Sort = null, int Page = 1, int PageSize = DefaultRosterPageSize, DateOnly? ValidationDate = null);

    public sealed record Roster(SiteView Site, IReadOnlyList<RosterRow> Rows, int Total, RosterQuery Query, DateOnly Today)
    {
        /// <summary>The PD year the hours column counts.</summary>
        public (DateOnly From, DateOnly To) PdYear { get; init; }
    }

    public sealed class Handler(RegistryDbContext db, RuleResults.Handler qualifications, RuleBook book, TimeProvider time, IStringLocalizer<SharedResource> t)
    {
        public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

        public Task<SiteView?> SiteAsync(int employerId, CancellationToken ct) =>
            db.Employers.AsNoTracking().Where(e => e.Id == employerId).Select(e => new SiteView(e.Id, e.Name, e.LicenseNumber, e.County)).SingleOrDefaultAsync(ct);

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

        /// <summary>The confirmed, current staff with their qualifications, filtered, sorted and paged in memory (a site has hundreds at most).</summary>
        public async Task<Roster> RosterAsync(SiteView site, RosterQuery query, CancellationToken ct)
        {
            var list = await AllRowsAsync(site, query, ct);
            var size = Math.Clamp(query.PageSize, 10, MaxRosterPageSize);
            var page = Math.Max(1, query.Page);
            var year = await PdYearAsync(site.Id, query.ValidationDate, ct);
            return new Roster(site, list.Skip((page - 1) * size).Take(size).ToList(), list.Count, query with { Page = page, PageSize = size }, Today) { PdYear = (year.From, year.To) };
        }

        /// <summary>Every row the filter keeps, sorted (for the CSV and the rater's view): worked out once, not a page at a time.</summary>
        public async Task<IReadOnlyList<RosterRow>> AllRowsAsync(SiteView site, RosterQuery query, CancellationToken ct)
        {
            IEnumerable<RosterRow> rows = await RowsAsync(site.Id, Today, query.ValidationDate, ct);
            if (Enum.TryParse<EmploymentRole>(query.Role, out var role))
            {
                rows = rows.Where(r => r.Role == role);
            }

            if (query.ExpiringOnly)
            {
                rows = rows.Where(r => r.PermitExpiringSoon);
            }

            return (query.Sort switch
            {
                "role" => rows.OrderBy(r => r.Role).ThenBy(r => r.Name, StringComparer.CurrentCulture),
                "permit-expiry" => rows.OrderBy(r => r.PermitExpires ?? DateOnly.MaxValue).ThenBy(r => r.Name, StringComparer.CurrentCulture),
                "points" => rows.OrderByDescending(r => r.QualityCountsPoints).ThenBy(r => r.Name, StringComparer.CurrentCulture),
                "updated" => rows.OrderBy(r => r.LastUpdated),
                _ => rows.OrderBy(r => r.Name, StringComparer.CurrentCulture),
            }).ToList();
        }

        /// <summary>The roster as CSV (every row that the filter keeps), safe to open in a spreadsheet.</summary>
        public static string Csv(IEnumerable<RosterRow> rows)
        {
            var csv = new StringBuilder();
            csv.AppendLine("registry_id,name,role,permit,permit_expires,permit_verified,ece_units,ge_units,units_verified,degree,degree_major,degree_verified,pd_hours_this_year,quality_counts_points,title_22,profile_completeness,last_updated,documents");
            foreach (var r in rows)
            {
                csv.AppendLine(Infrastructure.Forms.Csv.Line(
                [
                    r.RegistryId, r.Name, r.Role.ToString(), r.Permit?.ToString(), r.PermitExpires?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Bool(r.PermitVerified),
                    N(r.EceUnits), N(r.GeUnits), Bool(r.UnitsVerified), r.Degree?.ToString(), r.DegreeMajor, Bool(r.DegreeVerified),
                    N(r.PdHoursThisYear), r.QualityCountsPoints.ToString(CultureInfo.InvariantCulture), r.Title22Rule, r.Completeness.ToString(CultureInfo.InvariantCulture),
                    r.LastUpdated.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), string.Join("; ", r.Documents.Select(d => d.FileName)),
                ]));
            }

            return csv.ToString();

            static string N(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
            static string Bool(bool value) => value ? "yes" : "no";
        }

        /// <summary>The roster shows lead teacher points and Title 22 status: only those rules are evaluated.</summary>
        private static bool RosterRules(Rule rule) => rule.Track == "qcc-lead-teacher" || rule.Group == RuleGroup.Title22;

        /// <summary>The site's PD year today: from the date a rater typed, else the validation date recorded for the site (see <see cref="RatingYear"/>).</summary>
        public async Task<(DateOnly? Validation, DateOnly From, DateOnly To)> PdYearAsync(int employerId, DateOnly? typed, CancellationToken ct)
        {
            var validation = typed ?? await RecordedValidationAsync(employerId, ct);
            var (from, to) = RatingYear.For(validation, Today);
            return (validation, from, to);
        }

        private readonly Dictionary<int, DateOnly?> _recordedValidations = [];

        /// <summary>The next validation date the site's rater recorded, if any: read once per request however many parts of the page ask.</summary>
        public async Task<DateOnly?> RecordedValidationAsync(int employerId, CancellationToken ct)
        {
            if (!_recordedValidations.TryGetValue(employerId, out var recorded))
            {
                recorded = await db.SiteRatingDates.AsNoTracking().Where(d => d.EmployerId == employerId).Select(d => (DateOnly?)d.ValidationOn).FirstOrDefaultAsync(ct);
                _recordedValidations[employerId] = recorded;
            }

            return recorded;
        }

        private async Task<List<RosterRow>> RowsAsync(int employerId, DateOnly today, DateOnly? typedValidation, CancellationToken ct)
        {
            var staff = await db.Employments.AsNoTracking()
                .Where(e => e.EmployerId == employerId && e.ConfirmedAt != null).Where(Employment.CurrentOn(today))
                .Join(db.Professionals, e => e.ProfessionalId, p => p.Id, (e, p) => new
                {
                    p.Id, Name = p.FirstName + " " + p.LastName, p.RegistryId, e.Role, p.County, p.UpdatedAt, p.HighestEducationLevel,
                    Demographics = p.RaceEthnicityDeclined || p.Gender != null || p.RaceEthnicities.Any(),
                })
                .ToListAsync(ct);
            var people = staff.GroupBy(s => s.Id).Select(g => g.First()).ToList();
            var ids = people.Select(p => p.Id).ToList();
            var evidence = await qualifications.LoadAsync(ids, ct);
            var documents = (await db.Documents.AsNoTracking()
                .Where(d => EF.Parameter(ids).Contains(d.ProfessionalId) && !d.HiddenFromEmployers)
                .OrderBy(d => d.Id)
                .Select(d => new { d.ProfessionalId, d.Id, d.FileName })
                .ToListAsync(ct)).ToLookup(d => d.ProfessionalId, d => (d.Id, d.FileName));
            var (validation, yearStart, yearEnd) = await PdYearAsync(employerId, typedValidation, ct);
            var options = new EvaluationOptions(validation);
            return people.Select(p =>
            {
                var e = evidence.GetValueOrDefault(p.Id, Evidence.None);
                var evaluation = RuleEngine.Evaluate(book, e, today, options, RosterRules);
                var permit = e.Credentials.Where(c => c.Type <= CredentialType.ChildDevelopmentProgramDirectorPermit && c.IsCurrentOn(today)).MaxBy(c => c.Type);
                var counted = e.Courses.Where(c => c.Counts).ToList();
                var ece = counted.Where(c => UnitTotals.EceCategories.Contains(c.Category)).ToList();
                var degree = e.Degrees.MaxBy(d => d.Level);
                var points = evaluation.Results.Where(r => r.Rule.Track == "qcc-lead-teacher" && r.Met).Select(r => r.Rule.Level).DefaultIfEmpty(0).Max();
                var title22 = evaluation.Results.Where(r => r.Rule.Group == RuleGroup.Title22 && r.Met).MaxBy(r => r.Rule.Level)?.Rule.Id;
                var trained = e.Training.Any(x => x.On > today.AddYears(-1));
                var completeness = ProfileCompleteness.Compute(new ProfileFacts(p.County is not null, true, p.HighestEducationLevel is not null, counted.Count > 0 || e.Degrees.Count > 0, e.Credentials.Count > 0, trained, p.Demographics)).Score;
                return new RosterRow(
                    p.Id, p.Name, Domain.Professionals.RegistryId.Format(p.RegistryId), p.Role,
                    permit?.Type, permit?.ExpiresOn, permit?.Verified ?? false, permit?.ExpiresOn is { } x && x <= today.AddDays(Credential.ExpiringSoonDays),
                    UnitMath.ToSemesterUnits(ece.Sum(c => c.QuarterUnits)), UnitMath.ToSemesterUnits(counted.Where(c => UnitTotals.GeneralEducationCategories.Contains(c.Category)).Sum(c => c.QuarterUnits)), ece.Count > 0 && ece.All(c => c.Verified),
                    degree?.Level, degree?.Major, degree?.Verified ?? false,
                    e.Training.Where(x => x.On >= yearStart && x.On <= yearEnd && x.On <= today).Sum(x => x.Hours), points, title22, completeness, p.UpdatedAt,
                    documents[p.Id].ToList())
                {
                    NextPoint = evaluation.Results.Where(r => r.Rule.Track == "qcc-lead-teacher" && !r.Met && r.Rule.Level > points).MinBy(r => r.Rule.Level),
                };
            }).ToList();
        }
    }
}
