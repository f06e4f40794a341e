using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain.Access;
using Registry.Web.Domain.Rules;
using Registry.Web.Features.Access;
using Registry.Web.Features.Forms;
using Registry.Web.Features.Qualifications;
using Registry.Web.Features.Sites;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Stipends;

/// <summary>
/// The stipend administrator's view: for a program (a stipend rule) in a county, who works there
/// now and meets the rules, who nearly does (one rule missed) and which rule, with a CSV.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
[Route("stipends")]
public sealed class StipendsController(RegistryDbContext db, RuleBook book, Qualifications.Qualifications.Handler qualifications, QualificationText text, IAuthorizationService authorization, AccessLogService log, UserManager<RegistryUser> users, TimeProvider time) : Controller
{
    public sealed record Applicant(int ProfessionalId, string Name, string RegistryId, string Site, RuleResult Result)
    {
        public int MissingCount => Result.Met ? 0 : Result.Closest.Missing.Count;
    }

    [HttpGet("")]
    public async Task<IActionResult> Index(string? program, string? county, CancellationToken ct)
    {
        var userId = users.GetUserId(User)!;
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        var programs = book.InForceOn(today).SelectMany(s => s.Rules).Where(r => r.Group == RuleGroup.Stipend).ToList();
        var scopes = User.IsRegistryStaff()
            ? Domain.CaliforniaCounties.All.SelectMany(c => programs.Select(p => (Program: p.Id, County: c))).ToList()
            : (await db.AccessGrants.AsNoTracking().Where(g => g.UserId == userId && g.Role == AccessRole.StipendAdministrator && g.RevokedAt == null && g.ExpiresAt > now && g.County != null)
                .Select(g => new { g.County, g.Program }).ToListAsync(ct))
                .SelectMany(g => programs.Where(p => g.Program is null || g.Program == p.Id).Select(p => (Program: p.Id, County: g.County!))).Distinct().ToList();
        if (program is null || county is null)
        {
            return View(new StipendsPage(scopes, programs, null, null, []));
        }

        if (programs.FirstOrDefault(p => p.Id == program) is not { } rule || !(await authorization.AuthorizeAsync(User, new StipendScope(program, county), StipendOperations.Review)).Succeeded)
        {
            return NotFound();
        }

        var applicants = await ApplicantsAsync(rule, county, today, ct);
        await log.RecordAsync(applicants.Select(a => a.ProfessionalId), userId, "StipendAdministrator", null, "stipend review", ct);
        return View(new StipendsPage(scopes, programs, rule, county, applicants));
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
        await log.RecordAsync(applicants.Select(a => a.ProfessionalId), users.GetUserId(User)!, "StipendAdministrator", null, "stipend export", ct);
        var csv = new StringBuilder("registry_id,name,site,eligible,missing\n");
        foreach (var a in applicants)
        {
            csv.AppendLine(Csv.Line(new[] { a.RegistryId, a.Name, a.Site, a.Result.Met ? "yes" : "no", a.Result.Met ? string.Empty : text.MissingSummary(a.Result) }));
        }

        return File(Csv.Bytes(csv.ToString()), "text/csv", $"stipend-{program}-{county}-{today:yyyy-MM-dd}.csv");
    }

    /// <summary>Everyone with a current job at a site in the county, with the program's rule evaluated (only that rule).</summary>
    private async Task<List<Applicant>> ApplicantsAsync(Rule rule, string county, DateOnly today, CancellationToken ct)
    {
        var people = await db.Employments.AsNoTracking()
            .Where(e => e.EndDate == null || e.EndDate >= today)
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

public sealed record StipendsPage(IReadOnlyList<(string Program, string County)> Scopes, IReadOnlyList<Rule> Programs, Rule? Program, string? County, IReadOnlyList<StipendsController.Applicant> Applicants);
