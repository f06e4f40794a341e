using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain;
using Registry.Web.Domain.Access;
using Registry.Web.Domain.Employments;
using Registry.Web.Domain.Professionals;
using Registry.Web.Domain.Rules;
using Registry.Web.Infrastructure.Rules;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Stipends;

/// <summary>
/// Stipend programs (the stipend rules in force) for the administrators of a county: who works there
/// now and meets the program's rule, who nearly does, and a page of the program's eligible sites
/// (the list is changed in <see cref="StipendSites"/>).
/// </summary>
public sealed class StipendPrograms(RegistryDbContext db, RuleBook book, RuleResults.Handler qualifications, QualificationText text, IAuthorizationService authorization, TimeProvider time)
{
    public const int SitesPageSize = 50;

    public sealed record Applicant(int ProfessionalId, string Name, string RegistryId, string Site, RuleResult Result)
    {
        public int MissingCount => Result.Met ? 0 : Result.Closest.Missing.Count;
    }

    /// <summary>A site on the program's list, as the page shows it.</summary>
    public sealed record EligibleSite(int EmployerId, string LicenseNumber, string Name, string? City);

    /// <summary>License numbers to add to the program's list: several at once, separated by spaces, commas or lines.</summary>
    public sealed class SitesForm
    {
        public string? Program { get; set; }

        public string? County { get; set; }

        public string? LicenseNumbers { get; set; }
    }

    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    /// <summary>The program, when it is a stipend rule in force and the person may do <paramref name="operation"/> for it in the county.</summary>
    public async Task<Rule?> ProgramInScopeAsync(ClaimsPrincipal user, string? program, string? county, OperationAuthorizationRequirement operation) =>
        program is not null && county is not null && Programs().FirstOrDefault(p => p.Id == program) is { } rule
            && (await authorization.AuthorizeAsync(user, new StipendScope(program, county), operation)).Succeeded
            ? rule
            : null;

    /// <summary>The page: the person's programs and counties, and for a program chosen, its applicants and a page of its eligible sites.</summary>
    public async Task<StipendsPage> PageAsync(ClaimsPrincipal user, Rule? rule, string? county, int sitesPage, SitesForm form, CancellationToken ct)
    {
        var scopes = await ScopesAsync(user, ct);
        if (rule is null || county is null)
        {
            return new StipendsPage(scopes, Programs(), null, null, [], [], 0, 1, form);
        }

        var applicants = await ApplicantsAsync(rule, county, ct);
        var (sites, total, page) = await EligibleSitesAsync(rule.Id, county, sitesPage, ct);
        return new StipendsPage(scopes, Programs(), rule, county, applicants, sites, total, page, form);
    }

    /// <summary>The applicants as CSV, safe to open in a spreadsheet.</summary>
    public string Csv(IEnumerable<Applicant> applicants)
    {
        var csv = new StringBuilder("registry_id,name,site,eligible,missing\n");
        foreach (var a in applicants)
        {
            csv.AppendLine(Infrastructure.Forms.Csv.Line(new[] { a.RegistryId, a.Name, a.Site, a.Result.Met ? "yes" : "no", a.Result.Met ? string.Empty : text.MissingSummary(a.Result) }));
        }

        return csv.ToString();
    }

    /// <summary>Everyone with a current job at a site in the county, with the program's rule evaluated (only that rule).</summary>
    public async Task<List<Applicant>> ApplicantsAsync(Rule rule, string county, CancellationToken ct)
    {
        var today = Today;
        var people = await db.Employments.AsNoTracking()
            .Where(Employment.CurrentOn(today))
            .Join(db.Employers.Where(s => s.County == county), e => e.EmployerId, s => (int?)s.Id, (e, s) => new { e.ProfessionalId, Site = s.Name })
            .Join(db.Professionals, x => x.ProfessionalId, p => p.Id, (x, p) => new { p.Id, Name = p.FirstName + " " + p.LastName, p.RegistryId, x.Site })
            .Take(5000)
            .ToListAsync(ct);
        var unique = people.GroupBy(p => p.Id).Select(g => g.First()).ToList();

        // The program's result from each person's stored summary where it holds today; the others evaluated here.
        var ids = unique.Select(p => p.Id).ToList();
        var stored = (await db.QualificationSummaries.AsNoTracking().Where(s => EF.Parameter(ids).Contains(s.ProfessionalId)).ToListAsync(ct))
            .Where(s => s.HoldsOn(today, book.Fingerprint, s.ValidationDate))
            .Select(s => (s.ProfessionalId, Result: s.Read().Results.FirstOrDefault(r => r.Rule == rule.Id) is { } found ? QualificationSummary.Rehydrate(found, book, today) : null))
            .Where(s => s.Result is not null).ToDictionary(s => s.ProfessionalId, s => s.Result!);
        var live = ids.Where(id => !stored.ContainsKey(id)).ToList();
        var evidence = live.Count == 0 ? new Dictionary<int, Evidence>() : await qualifications.LoadAsync(live, ct);
        return unique.Select(p => new Applicant(p.Id, p.Name, RegistryId.Format(p.RegistryId), p.Site,
                stored.GetValueOrDefault(p.Id) ?? RuleEngine.Evaluate(book, evidence.GetValueOrDefault(p.Id, Evidence.None), today, null, r => r.Id == rule.Id).Results.Single()))
            .OrderBy(a => a.MissingCount).ThenBy(a => a.Name, StringComparer.CurrentCulture).ToList();
    }

    private List<Rule> Programs() => book.InForceOn(Today).SelectMany(s => s.Rules).Where(r => r.Group == RuleGroup.Stipend).ToList();

    /// <summary>The program's eligible sites in the county, by name, a page at a time (a large county lists thousands).</summary>
    private async Task<(List<EligibleSite> Sites, int Total, int Page)> EligibleSitesAsync(string program, string county, int page, CancellationToken ct)
    {
        var query = db.StipendEligibleSites.AsNoTracking().Where(s => s.Program == program)
            .Join(db.Employers.Where(e => e.County == county), s => s.EmployerId, e => e.Id, (s, e) => e);
        var total = await query.CountAsync(ct);
        page = Math.Clamp(page, 1, Math.Max(1, (total + SitesPageSize - 1) / SitesPageSize));
        var sites = await query.OrderBy(e => e.SearchName).ThenBy(e => e.Id).Skip((page - 1) * SitesPageSize).Take(SitesPageSize)
            .Select(e => new EligibleSite(e.Id, e.LicenseNumber, e.Name, e.City)).ToListAsync(ct);
        return (sites, total, page);
    }

    /// <summary>The programs and counties the person may review (staff: every county).</summary>
    private async Task<List<(string Program, string County)>> ScopesAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var programs = Programs();
        if (user.IsRegistryStaff())
        {
            return CaliforniaCounties.All.SelectMany(c => programs.Select(p => (Program: p.Id, County: c))).ToList();
        }

        var userId = user.UserId();
        return (await db.AccessGrants.AsNoTracking().Where(AccessGrant.ActiveAt(time.GetUtcNow())).Where(g => g.UserId == userId && g.Role == AccessRole.StipendAdministrator && g.County != null)
                .Select(g => new { g.County, g.Program }).ToListAsync(ct))
            .SelectMany(g => programs.Where(p => g.Program is null || g.Program == p.Id).Select(p => (Program: p.Id, County: g.County!))).Distinct().ToList();
    }
}

public sealed record StipendsPage(
    IReadOnlyList<(string Program, string County)> Scopes,
    IReadOnlyList<Rule> Programs,
    Rule? Program,
    string? County,
    IReadOnlyList<StipendPrograms.Applicant> Applicants,
    IReadOnlyList<StipendPrograms.EligibleSite> Sites,
    int SitesTotal,
    int SitesPage,
    StipendPrograms.SitesForm SitesForm);
