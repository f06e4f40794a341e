using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Registry.Web.Data;
using Registry.Web.Domain.Access;
using Registry.Web.Domain.Accounts;
using Registry.Web.Domain.Employments;
using Registry.Web.Domain.Rules;
using Registry.Web.Infrastructure.Forms;
using Registry.Web.Infrastructure.Rules;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Stipends;

/// <summary>
/// The stipend administrator's view: for a program (a stipend rule) in a county, who works there
/// now and meets the rules, who nearly does (one rule missed) and which rule, with a CSV.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
[Route("stipends")]
public sealed class StipendsController(RegistryDbContext db, RuleBook book, RuleResults.Handler qualifications, QualificationText text, IAuthorizationService authorization, AccessLogService log, SecurityAudit audit, UserManager<RegistryUser> users, TimeProvider time, IStringLocalizer<SharedResource> t) : Controller
{
    public sealed record Applicant(int ProfessionalId, string Name, string RegistryId, string Site, RuleResult Result)
    {
        public int MissingCount => Result.Met ? 0 : Result.Closest.Missing.Count;
    }

    public const int SitesPageSize = 50;

    /// <summary>A site on the program's list, as the page shows it.</summary>
    public sealed record EligibleSite(int EmployerId, string LicenseNumber, string Name, string? City);

    /// <summary>License numbers to add to the program's list: several at once, separated by spaces, commas or lines.</summary>
    public sealed class SitesForm
    {
        public string? Program { get; set; }

        public string? County { get; set; }

        public string? LicenseNumbers { get; set; }
    }

    [HttpGet("")]
    public async Task<IActionResult> Index(string? program, string? county, int sitesPage = 1, CancellationToken ct = default)
    {
        var userId = users.GetUserId(User)!;
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        var programs = Programs(today);
        var scopes = await ScopesAsync(today, ct);
        if (program is null || county is null)
        {
            return View(new StipendsPage(scopes, programs, null, null, [], [], 0, 1, new SitesForm()));
        }

        if (programs.FirstOrDefault(p => p.Id == program) is not { } rule || !(await authorization.AuthorizeAsync(User, new StipendScope(program, county), StipendOperations.Review)).Succeeded)
        {
            return NotFound();
        }

        var applicants = await ApplicantsAsync(rule, county, today, ct);
        await log.RecordAsync(applicants.Select(a => a.ProfessionalId), userId, "StipendAdministrator", null, "stipend review", ct);
        var (sites, total, page) = await EligibleSitesAsync(program, county, sitesPage, ct);
        return View(new StipendsPage(scopes, programs, rule, county, applicants, sites, total, page, new SitesForm { Program = program, County = county }));
    }

    /// <summary>
    /// Adds sites to the program's list of eligible sites in the county, by license number. All or
    /// nothing: a number that is not a site in the county is named beside the field and nothing is added.
    /// </summary>
    [HttpPost("sites")]
    public async Task<IActionResult> AddSites(SitesForm form, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        if (await ProgramInScopeAsync(form.Program, form.County, StipendOperations.ManageSites, today) is not { } rule)
        {
            return NotFound();
        }

        var county = form.County!;
        var numbers = (form.LicenseNumbers ?? string.Empty).Split([' ', ',', ';', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var normalized = numbers.Select(n => (Given: n, Number: Domain.Employers.LicenseNumber.Normalize(n))).ToList();
        var wanted = normalized.Where(n => n.Number != null).Select(n => n.Number!).Distinct().ToList();
        var found = wanted.Count == 0 ? [] : await db.Employers.AsNoTracking()
            .Where(e => e.County == county && EF.Parameter(wanted).Contains(e.LicenseNumber))
            .Select(e => new { e.Id, e.LicenseNumber }).ToDictionaryAsync(e => e.LicenseNumber, e => e.Id, ct);
        var unknown = normalized.Where(n => n.Number is null || !found.ContainsKey(n.Number)).Select(n => n.Given).Distinct().ToList();
        if (numbers.Length == 0)
        {
            ModelState.AddModelError(nameof(form.LicenseNumbers), t["Enter one or more license numbers."]);
        }
        else if (numbers.Length > MaxSitesAtOnce)
        {
            ModelState.AddModelError(nameof(form.LicenseNumbers), t["Add at most {0} sites at once.", MaxSitesAtOnce]);
        }
        else if (unknown.Count > 0)
        {
            ModelState.AddModelError(nameof(form.LicenseNumbers), t["Not a licensed site in {0}: {1}. Nothing was added.", county, string.Join(", ", unknown)]);
        }

        if (!ModelState.IsValid)
        {
            var applicants = await ApplicantsAsync(rule, county, today, ct);
            var (sites, total, page) = await EligibleSitesAsync(rule.Id, county, 1, ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Index), new StipendsPage(await ScopesAsync(today, ct), Programs(today), rule, county, applicants, sites, total, page, form));
        }

        var ids = found.Values.Distinct().ToList();
        var listed = await db.StipendEligibleSites.Where(s => s.Program == rule.Id && EF.Parameter(ids).Contains(s.EmployerId)).Select(s => s.EmployerId).ToListAsync(ct);
        var userId = users.GetUserId(User)!;
        var added = ids.Except(listed).ToList();
        db.StipendEligibleSites.AddRange(added.Select(id => new StipendEligibleSite(rule.Id, id, userId, time.GetUtcNow())));
        await db.SaveChangesAsync(ct);
        TempData["Notice"] = t["Added {0} sites to the list ({1} were on it already).", added.Count, ids.Count - added.Count].Value;
        return RedirectToAction(nameof(Index), new { program = rule.Id, county });
    }

    [HttpPost("sites/remove")]
    public async Task<IActionResult> RemoveSite(string? program, string? county, int employerId, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        if (await ProgramInScopeAsync(program, county, StipendOperations.ManageSites, today) is not { } rule)
        {
            return NotFound();
        }

        var removed = await db.StipendEligibleSites
            .Where(s => s.Program == rule.Id && s.EmployerId == employerId && db.Employers.Any(e => e.Id == employerId && e.County == county))
            .ExecuteDeleteAsync(ct);
        TempData["Notice"] = removed == 0 ? t["That site was not on the list."].Value : t["The site is off the list."].Value;
        return RedirectToAction(nameof(Index), new { program = rule.Id, county });
    }

    public const int MaxSitesAtOnce = 500;

    private List<Rule> Programs(DateOnly today) => book.InForceOn(today).SelectMany(s => s.Rules).Where(r => r.Group == RuleGroup.Stipend).ToList();

    private async Task<Rule?> ProgramInScopeAsync(string? program, string? county, Microsoft.AspNetCore.Authorization.Infrastructure.OperationAuthorizationRequirement operation, DateOnly today) =>
        program is not null && county is not null && Programs(today).FirstOrDefault(p => p.Id == program) is { } rule
            && (await authorization.AuthorizeAsync(User, new StipendScope(program, county), operation)).Succeeded
            ? rule
            : null;

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

    [HttpGet("export.csv")]
    public async Task<IActionResult> Export(string program, string county, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        if (book.InForceOn(today).SelectMany(s => s.Rules).FirstOrDefault(r => r.Id == program && r.Group == RuleGroup.Stipend) is not { } rule
            || !(await authorization.AuthorizeAsync(User, new StipendScope(program, county), StipendOperations.Review)).Succeeded)
        {
            return NotFound();
        }

        var applicants = await ApplicantsAsync(rule, county, today, ct);

        // Other people's records leave the registry: audited, and saved with the access log's entries.
        audit.Add(SecurityEventKind.Export, null, null, $"stipend CSV of program {program} in {county}: {applicants.Count} people");
        await log.RecordAsync(applicants.Select(a => a.ProfessionalId), users.GetUserId(User)!, "StipendAdministrator", null, "stipend export", ct);
        var csv = new StringBuilder("registry_id,name,site,eligible,missing\n");
        foreach (var a in applicants)
        {
            csv.AppendLine(Csv.Line(new[] { a.RegistryId, a.Name, a.Site, a.Result.Met ? "yes" : "no", a.Result.Met ? string.Empty : text.MissingSummary(a.Result) }));
        }

        return File(Csv.Bytes(csv.ToString()), "text/csv", $"stipend-{program}-{county}-{today:yyyy-MM-dd}.csv");
    }

    /// <summary>The programs and counties the person may review (staff: every county).</summary>
    private async Task<List<(string Program, string County)>> ScopesAsync(DateOnly today, CancellationToken ct)
    {
        var userId = users.GetUserId(User)!;
        var now = time.GetUtcNow();
        var programs = Programs(today);
        return User.IsRegistryStaff()
            ? Domain.CaliforniaCounties.All.SelectMany(c => programs.Select(p => (Program: p.Id, County: c))).ToList()
            : (await db.AccessGrants.AsNoTracking().Where(AccessGrant.ActiveAt(now)).Where(g => g.UserId == userId && g.Role == AccessRole.StipendAdministrator && g.County != null)
                .Select(g => new { g.County, g.Program }).ToListAsync(ct))
                .SelectMany(g => programs.Where(p => g.Program is null || g.Program == p.Id).Select(p => (Program: p.Id, County: g.County!))).Distinct().ToList();
    }

    /// <summary>Everyone with a current job at a site in the county, with the program's rule evaluated (only that rule).</summary>
    private async Task<List<Applicant>> ApplicantsAsync(Rule rule, string county, DateOnly today, CancellationToken ct)
    {
        var people = await db.Employments.AsNoTracking()
            .Where(Employment.CurrentOn(today))
            .Join(db.Employers.Where(s => s.County == county), e => e.EmployerId, s => (int?)s.Id, (e, s) => new { e.ProfessionalId, Site = s.Name })
            .Join(db.Professionals, x => x.ProfessionalId, p => p.Id, (x, p) => new { p.Id, Name = p.FirstName + " " + p.LastName, p.RegistryId, x.Site })
            .Take(5000)
            .ToListAsync(ct);
        var unique = people.GroupBy(p => p.Id).Select(g => g.First()).ToList();
        var evidence = await qualifications.LoadAsync(unique.Select(p => p.Id).ToList(), ct);
        return unique.Select(p => new Applicant(p.Id, p.Name, Domain.Professionals.RegistryId.Format(p.RegistryId), p.Site,
                RuleEngine.Evaluate(book, evidence.GetValueOrDefault(p.Id, Evidence.None), today, null, r => r.Id == rule.Id).Results.Single()))
            .OrderBy(a => a.MissingCount).ThenBy(a => a.Name, StringComparer.CurrentCulture).ToList();
    }
}

public sealed record StipendsPage(
    IReadOnlyList<(string Program, string County)> Scopes,
    IReadOnlyList<Rule> Programs,
    Rule? Program,
    string? County,
    IReadOnlyList<StipendsController.Applicant> Applicants,
    IReadOnlyList<StipendsController.EligibleSite> Sites,
    int SitesTotal,
    int SitesPage,
    StipendsController.SitesForm SitesForm);
