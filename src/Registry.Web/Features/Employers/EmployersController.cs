using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Registry.Web.Features.Employers;

/// <summary>The licensing list is public: anyone may look a site up.</summary>
[AllowAnonymous]
public sealed class EmployersController(SearchEmployers.Handler search, IValidator<FindEmployer.Form> validator) : Controller
{
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

        var result = await search.HandleAsync(new SearchEmployers.Query(form.Q, form.Page), cancellationToken);
        return View(new FindEmployer.ViewModel(form, result));
    }
}
