using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Registry.Web.Infrastructure.Employers;
using Registry.Web.Infrastructure.Web;

namespace Registry.Web.Features.Employers;

/// <summary>The licensing list is public: anyone may look a site up.</summary>
[AllowAnonymous]
public sealed class EmployersController(SearchEmployers.Handler search, IValidator<FindEmployer.Form> validator) : Controller
{
    [PublicPage(CacheTags.Employers)]
    [HttpGet("/employers")]
    public async Task<IActionResult> Index([FromQuery] FindEmployer.Form form, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(form.Q))
        {
            return View(new FindEmployer.ViewModel(form, null));
        }

        var validation = await validator.ValidateAsync(form, cancellationToken);
        if (!validation.IsValid)
        {
            foreach (var error in validation.Errors)
            {
                ModelState.AddModelError(error.PropertyName, error.ErrorMessage);
            }

            return View(new FindEmployer.ViewModel(form, null));
        }

        var result = await search.HandleAsync(new SearchEmployers.Criteria(form.Q, form.Page), cancellationToken);
        return View(new FindEmployer.ViewModel(form, result));
    }

    /// <summary>The look-up as JSON, for the pop-up that opens as someone types (JavaScript only improves the page).</summary>
    [HttpGet("/employers/lookup")]
    [EnableRateLimiting(RateLimits.EmployerLookup)]
    public async Task<IActionResult> Lookup(string? q, [FromServices] IStringLocalizer<SharedResource> t, CancellationToken cancellationToken)
    {
        var result = await search.HandleAsync(new SearchEmployers.Criteria(q, 1, 10), cancellationToken);
        return Json(new
        {
            total = result.Total,
            matches = result.Matches.Select(m => new
            {
                id = m.Id,
                name = m.Name,
                licenseNumber = m.LicenseNumber,
                description = $"{t["License"]} {m.LicenseNumber} · {t[m.FacilityType.ToString()]} · {t[m.Status.ToString()]}",
                city = m.City,
            }),
        });
    }
}
