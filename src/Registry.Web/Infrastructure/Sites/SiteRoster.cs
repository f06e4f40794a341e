using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Education;
using Registry.Web.Domain.Employments;
using Registry.Web.Domain.Rules;
using Registry.Web.Infrastructure.Rules;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Infrastructure.Sites;

/// <summary>
/// A site as the people who may see it find it (authorized per operation; out of scope is the same as
/// absent), and its roster: the confirmed, current staff with their qualifications, as a director,
/// a rater and registry staff read it.
/// </summary>
public static class SiteRoster
{
    public const int MaxRosterPageSize = 200;

    public const int DefaultRosterPageSize = 50;

    /// <summary>The page sizes a director may choose: a whole 200-person site fits on one page.</summary>
    public static readonly IReadOnlyList<int> RosterPageSizes = [25, DefaultRosterPageSize, 100, MaxRosterPageSize];

    public sealed record SiteView(int Id, string Name, string LicenseNumber, string? County)
    {
        public SiteResource Resource => new(Id, County);
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

    public sealed class Handler(RegistryDbContext db, RuleResults.Handler qualifications, RuleBook book, TimeProvider time, IAuthorizationService authorization, QualificationRebuildProgress progress)
    {
        public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

        public Task<SiteView?> SiteAsync(int employerId, CancellationToken ct) =>
            db.Employers.AsNoTracking().Where(e => e.Id == employerId).Select(e => new SiteView(e.Id, e.Name, e.LicenseNumber, e.County)).SingleOrDefaultAsync(ct);

        /// <summary>The site, when the person may do <paramref name="operation"/> there; null when it does not exist or is out of their scope.</summary>
        public async Task<SiteView?> SiteForAsync(ClaimsPrincipal user, int employerId, OperationAuthorizationRequirement operation, CancellationToken ct) =>
            await SiteAsync(employerId, ct) is { } site && (await authorization.AuthorizeAsync(user, site.Resource, operation)).Succeeded ? site : null;

        /// <summary>In what role the person reads the site's people, for their access log.</summary>
        public async Task<string> ViewerRoleAsync(ClaimsPrincipal user, SiteView site) =>
            user.IsRegistryStaff() ? "RegistryStaff"
            : (await authorization.AuthorizeAsync(user, site.Resource, SiteOperations.ConfirmStaff)).Succeeded ? "SiteDirector" : "Rater";

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
            var documents = (await db.Documents.AsNoTracking()
                .Where(d => EF.Parameter(ids).Contains(d.ProfessionalId) && !d.HiddenFromEmployers)
                .OrderBy(d => d.Id)
                .Select(d => new { d.ProfessionalId, d.Id, d.FileName })
                .ToListAsync(ct)).ToLookup(d => d.ProfessionalId, d => (d.Id, d.FileName));
            var (validation, yearStart, yearEnd) = await PdYearAsync(employerId, typedValidation, ct);

            // Each person's stored summary, where it holds for today and this site's PD year (during a
            // rebuild for new rule files, the old result shows until the rebuild reaches them); the
            // others are evaluated here, as before summaries were stored.
            var stored = await db.QualificationSummaries.AsNoTracking().Where(s => EF.Parameter(ids).Contains(s.ProfessionalId)).ToDictionaryAsync(s => s.ProfessionalId, ct);
            var usable = stored.Values.Where(s => s.HoldsOn(today, book.Fingerprint, validation, oldRulesWhileRebuilding: progress.NewRules))
                .ToDictionary(s => s.ProfessionalId);
            var live = ids.Where(id => !usable.ContainsKey(id)).ToList();
            var evidence = live.Count == 0 ? new Dictionary<int, Evidence>() : await qualifications.LoadAsync(live, ct);
            var hours = (await db.TrainingRecords.AsNoTracking()
                .Where(t => EF.Parameter(ids).Contains(t.ProfessionalId) && t.AttendedOn >= yearStart && t.AttendedOn <= yearEnd && t.AttendedOn <= today)
                .Select(t => new { t.ProfessionalId, t.ClockHours }).ToListAsync(ct))
                .GroupBy(t => t.ProfessionalId).ToDictionary(g => g.Key, g => g.Sum(t => t.ClockHours));
            var options = new EvaluationOptions(validation);
            return people.Select(p =>
            {
                QualificationSummary.RosterFacts facts;
                int points;
                string? title22;
                RuleResult? next;
                if (usable.TryGetValue(p.Id, out var summary))
                {
                    var content = summary.Read();
                    facts = content.Facts;
                    points = summary.LeadTeacherPoints;
                    title22 = summary.Title22Rule;
                    next = content.Results.Where(r => r.Track == QualificationSummary.LeadTeacherTrack && !r.Met && r.Level > points).MinBy(r => r.Level) is { } gap
                        ? QualificationSummary.Rehydrate(gap, book, today)
                        : null;
                }
                else
                {
                    var e = evidence.GetValueOrDefault(p.Id, Evidence.None);
                    var evaluation = RuleEngine.Evaluate(book, e, today, options, RosterRules);
                    facts = QualificationSummaries.Facts(e, today, p.County is not null, p.Demographics);
                    points = evaluation.Results.Where(r => r.Rule.Track == QualificationSummary.LeadTeacherTrack && r.Met).Select(r => r.Rule.Level).DefaultIfEmpty(0).Max();
                    title22 = evaluation.Results.Where(r => r.Rule.Group == RuleGroup.Title22 && r.Met).MaxBy(r => r.Rule.Level)?.Rule.Id;
                    next = evaluation.Results.Where(r => r.Rule.Track == QualificationSummary.LeadTeacherTrack && !r.Met && r.Rule.Level > points).MinBy(r => r.Rule.Level);
                }

                return new RosterRow(
                    p.Id, p.Name, Domain.Professionals.RegistryId.Format(p.RegistryId), p.Role,
                    facts.Permit, facts.PermitExpires, facts.PermitVerified, facts.PermitExpires is { } x && x <= today.AddDays(Credential.ExpiringSoonDays),
                    facts.EceUnits, facts.GeUnits, facts.UnitsVerified,
                    facts.Degree, facts.DegreeMajor, facts.DegreeVerified,
                    hours.GetValueOrDefault(p.Id), points, title22, facts.Completeness, p.UpdatedAt,
                    documents[p.Id].ToList())
                {
                    NextPoint = next,
                };
            }).ToList();
        }
    }
}
