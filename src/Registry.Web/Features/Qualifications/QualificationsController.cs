using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Registry.Web.Domain.Rules;
using Registry.Web.Infrastructure.Forms;
using Registry.Web.Infrastructure.Rules;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Qualifications;

/// <summary>"What I qualify for": permits, Quality Counts points and Title 22 roles, with the working shown.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class QualificationsController(CurrentProfessional me, RuleResults.Handler handler, QualificationText text, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("/my-registry/qualifications")]
    public async Task<IActionResult> Index(string? asOf, CancellationToken ct)
    {
        if (await me.IdAsync(User, ct) is not { } id)
        {
            return RedirectToAction("Index", "MyRegistry");
        }

        var day = ParseAsOf(asOf);
        if (day is null && !string.IsNullOrWhiteSpace(asOf))
        {
            ModelState.AddModelError("asOf", AsOfProblem(asOf));
        }

        var evaluation = await handler.EvaluateAsync(id, day, ct);
        return View(new QualificationsPage(evaluation, day is null ? null : asOf, evaluation.AsOf == handler.Today));
    }

    /// <summary>The same results as JSON, for other state systems (docs/qualifications-api.md).</summary>
    [HttpGet("/api/my/qualifications")]
    [Produces("application/json")]
    public async Task<IActionResult> Json(string? asOf, CancellationToken ct)
    {
        if (await me.IdAsync(User, ct) is not { } id)
        {
            return NotFound();
        }

        var day = ParseAsOf(asOf);
        if (day is null && !string.IsNullOrWhiteSpace(asOf))
        {
            return ValidationProblem(new ValidationProblemDetails(new Dictionary<string, string[]> { ["asOf"] = [AsOfProblem(asOf)] }));
        }

        return Ok(QualificationsJson.From(await handler.EvaluateAsync(id, day, ct), text));
    }

    private DateOnly? ParseAsOf(string? value) =>
        FormRules.ParseIsoDate(value) is { } day && day <= handler.Today && day.Year >= 1900 ? day : null;

    private string AsOfProblem(string value) =>
        FormRules.ParseIsoDate(value) is { } day && day > handler.Today
            ? t["Choose today or an earlier date."]
            : t["Enter a date like {0}.", handler.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)];
}

public sealed record QualificationsPage(Evaluation Evaluation, string? AsOfInput, bool IsToday)
{
    /// <summary>A ladder's highest rule met and the next one up (null at the top).</summary>
    public (RuleResult? Highest, RuleResult? Next) Ladder(string track)
    {
        var rungs = Evaluation.Results.Where(r => r.Rule.Track == track).OrderBy(r => r.Rule.Level).ToList();
        var highest = rungs.LastOrDefault(r => r.Met);
        return (highest, rungs.FirstOrDefault(r => r.Rule.Level > (highest?.Rule.Level ?? 0)));
    }

    public IReadOnlyList<RuleResult> Group(RuleGroup group) =>
        Evaluation.Results.Where(r => r.Rule.Group == group).OrderBy(r => r.Rule.Track, StringComparer.Ordinal).ThenBy(r => r.Rule.Level).ToList();
}
