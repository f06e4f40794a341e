using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Registry.Web.Domain;
using Registry.Web.Domain.DataQuality;
using Registry.Web.Domain.Workforce;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.DataQuality;

/// <summary>
/// The data quality dashboard: the share of records passing every rule, by rule and by county,
/// from the latest run; registry staff open the lists of records to fix.
/// </summary>
[Route("data-quality")]
public sealed class DataQualityController(DataQualityRuns.Handler runs, DataQualitySignal signal, AccessLogService log, UserManager<RegistryUser> users, IStringLocalizer<SharedResource> t) : Controller
{
    [Authorize(Policy = Policies.Analyst)]
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => View(await runs.DashboardAsync(ct));

    [Authorize(Policy = Policies.Analyst)]
    [HttpPost("run")]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> Run(CancellationToken ct)
    {
        await runs.RequestAsync(users.GetUserId(User)!, ct);
        signal.Notify();
        TempData["Notice"] = t["The rules are being run over every record. The figures change when the run is complete."].Value;
        return RedirectToAction(nameof(Index));
    }

    [Authorize(Policy = Policies.RegistryStaff)]
    [HttpGet("{rule}")]
    public async Task<IActionResult> Failures(string rule, string? county, int page = 1, CancellationToken ct = default)
    {
        if (!Enum.TryParse<DataQualityRule>(rule, ignoreCase: false, out var chosen) || !Enum.IsDefined(chosen) || char.IsDigit(rule[0]))
        {
            return NotFound();
        }

        int? code = null;
        if (!string.IsNullOrEmpty(county))
        {
            code = county == "none" ? 0 : CaliforniaCounties.IsCounty(county) ? Census.CountyCode(county) : null;
            if (code is null)
            {
                ModelState.AddModelError(nameof(county), t["Choose a county from the list."]);
            }
        }

        if (await runs.FailuresAsync(chosen, code, page, ct) is not { } list)
        {
            return RedirectToAction(nameof(Index));
        }

        // The list shows names and email addresses: each person's access log says so.
        await log.RecordAsync(list.Rows.Select(r => r.ProfessionalId), users.GetUserId(User)!, "RegistryStaff", null, "data quality list", ct);
        return View(list);
    }
}
