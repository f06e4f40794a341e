using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Registry.Web.Domain.Rules;
using Registry.Web.Infrastructure.Forms;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.TryRules;

/// <summary>
/// "Try the rules", for registry staff and the state's rules owners: hypothetical facts (no person
/// needed) worked out against every rule in force on a day, each result with its working, and the
/// same facts as a case for a <c>*.cases.json</c> file. It reads the rules only and never saves.
/// </summary>
[Authorize(Policy = Policies.RegistryStaff)]
[Route("/staff/try-rules")]
public sealed class TryRulesController(RuleBook book, TimeProvider time, IStringLocalizer<SharedResource> t) : Controller
{
    public const int MaxFactsLength = 100_000;

    private DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    [HttpGet("")]
    public IActionResult Index() => View(new TryRulesPage(new TryRulesForm
    {
        AsOf = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Facts = Example,
    }, null, null));

    [HttpPost("")]
    [ValidateAntiForgeryToken]
    public IActionResult Index(TryRulesForm form)
    {
        var asOf = FormRules.ParseIsoDate(form.AsOf);
        if (asOf is null || asOf.Value.Year < 1950 || asOf.Value.Year > 2100)
        {
            ModelState.AddModelError(nameof(form.AsOf), string.IsNullOrWhiteSpace(form.AsOf)
                ? t["Enter the day to work the rules out for."]
                : t["Enter a date like {0}.", Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]);
        }

        DateOnly? validation = null;
        if (!string.IsNullOrWhiteSpace(form.ValidationDate))
        {
            validation = FormRules.ParseIsoDate(form.ValidationDate);
            if (validation is null || validation.Value.Year < 1950 || validation.Value.Year > 2100)
            {
                ModelState.AddModelError(nameof(form.ValidationDate), t["Enter a date like {0}, or leave it empty.", Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]);
            }
        }

        RuleCases.CaseFacts? facts = null;
        string? detail = null;
        if (string.IsNullOrWhiteSpace(form.Facts))
        {
            ModelState.AddModelError(nameof(form.Facts), t["Enter the facts (an empty record is {}): see the example."]);
        }
        else if (form.Facts.Length > MaxFactsLength)
        {
            ModelState.AddModelError(nameof(form.Facts), t["Use at most {0} characters.", MaxFactsLength]);
        }
        else
        {
            try
            {
                facts = RuleCases.ReadFacts(form.Facts);
            }
            catch (RuleFileException e)
            {
                ModelState.AddModelError(nameof(form.Facts), t["Line {0}: these are not facts as the rules read them. Compare them with the example.", e.Line ?? 1]);
                detail = e.Problem;
            }
        }

        if (!ModelState.IsValid || facts is null || asOf is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(new TryRulesPage(form, null, detail));
        }

        var evaluation = RuleEngine.Evaluate(book, facts.ToEvidence(), asOf.Value, new EvaluationOptions(validation));
        return View(new TryRulesPage(form, evaluation, null) { Case = AsCase(facts, asOf.Value, validation, evaluation) });
    }

    /// <summary>The facts and today's answers as a case a rules owner can paste into a case file (then correct what the rules should answer).</summary>
    private static string AsCase(RuleCases.CaseFacts facts, DateOnly asOf, DateOnly? validation, Evaluation evaluation) =>
        RuleCases.WriteCase(new RuleCases.RuleCase
        {
            Name = "Describe the person",
            Source = "Cite the line of the regulation or leaflet",
            AsOf = asOf,
            ValidationDate = validation,
            Facts = facts,
            Expect = evaluation.Results.ToDictionary(r => r.Rule.Id, r => r.Met, StringComparer.Ordinal),
        });

    /// <summary>A person with the core, one more ECE course in quarter units, a C- and a year as a teacher.</summary>
    public const string Example = """
        {
          "courses": [
            { "name": "Child Growth and Development", "units": 3, "category": "childGrowthAndDevelopment", "grade": "A" },
            { "name": "Child, Family and Community", "units": 3, "category": "childFamilyAndCommunity", "grade": "C-" },
            { "name": "Introduction to Curriculum", "units": 3, "category": "programAndCurriculum", "grade": "B" },
            { "name": "Observation and Assessment", "units": 4.5, "unitType": "quarter", "category": "otherEce", "grade": "B", "verified": true }
          ],
          "degrees": [ { "level": "associate", "major": "Child Development", "conferredOn": "2015-06-01", "earnedIn": "US-CA" } ],
          "credentials": [ { "type": "childDevelopmentAssociateCredential", "issuedOn": "2024-03-01", "expiresOn": "2027-03-01", "earnedIn": "US-TX" } ],
          "jobs": [ { "employer": "Sunshine Preschool", "role": "teacher", "start": "2025-09-01", "daysPerWeek": 5, "hoursPerDay": 6 } ],
          "training": [ { "title": "Early literacy", "on": "2026-05-01", "hours": 12 } ]
        }
        """;
}

public sealed class TryRulesForm
{
    public string? AsOf { get; set; }

    public string? ValidationDate { get; set; }

    public string? Facts { get; set; }
}

public sealed record TryRulesPage(TryRulesForm Form, Evaluation? Evaluation, string? ParserDetail)
{
    public string? Case { get; init; }
}
