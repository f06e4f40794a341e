using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Registry.Web.Infrastructure.Employers;
using Registry.Web.Infrastructure.Forms;
using Registry.Web.Infrastructure.Security;
using Registry.Web.Infrastructure.Web;

namespace Registry.Web.Features.SignUp;

/// <summary>"Create a Profile": four steps with Post/Redirect/Get between them, and the page that ends it.</summary>
[AllowAnonymous]
[Route("sign-up")]
[EnableRateLimiting(RateLimits.SignUp)]
public sealed class SignUpController(SignUpDraftStore drafts, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        RedirectToAction((await drafts.LoadAsync(ct)).NextStep.ToString());

    [HttpGet("personal")]
    public async Task<IActionResult> Personal(CancellationToken ct) =>
        View(PersonalStep.FormFrom((await drafts.LoadAsync(ct)).Personal));

    [HttpPost("personal")]
    public async Task<IActionResult> Personal(
        PersonFields.Form form,
        [FromServices] IValidator<PersonFields.Form> validator,
        [FromServices] PersonalStep.Handler handler,
        CancellationToken ct)
    {
        form.HasSavedPassword = (await drafts.LoadAsync(ct)).Personal is not null;
        if (!await this.ValidateAsync(validator, form, ct))
        {
            form.Password = form.ConfirmPassword = null;
            return View(form);
        }

        await handler.HandleAsync(form, ct);
        return RedirectToAction(nameof(Employer));
    }

    [HttpGet("employer")]
    [EnableRateLimiting(RateLimits.EmployerLookup)]
    public async Task<IActionResult> Employer(
        [FromQuery] FindEmployer.Form search,
        [FromServices] IValidator<FindEmployer.Form> validator,
        [FromServices] SearchEmployers.Handler searchEmployers,
        CancellationToken ct)
    {
        var answers = await drafts.LoadAsync(ct);
        if (answers.Personal is null)
        {
            return RedirectToAction(nameof(Personal));
        }

        SearchEmployers.Result? result = null;
        if (!string.IsNullOrWhiteSpace(search.Q) && await this.ValidateAsync(validator, search, ct))
        {
            result = await searchEmployers.HandleAsync(new SearchEmployers.Criteria(search.Q, search.Page), ct);
        }

        return View(new EmployerStep.ViewModel(search, result, answers.Employer));
    }

    [HttpPost("employer")]
    public async Task<IActionResult> Employer(EmployerStep.SelectForm form, [FromServices] EmployerStep.Handler handler, CancellationToken ct)
    {
        if (form.EmployerId is { } id && await handler.SelectAsync(id, ct))
        {
            return RedirectToAction(nameof(Employment));
        }

        var answers = await drafts.LoadAsync(ct);
        if (form.EmployerId is null && answers.Employer is not null)
        {
            // "Continue" with the employer chosen before.
            return RedirectToAction(nameof(Employment));
        }

        ModelState.AddModelError("Q", t["Search for your employer, then choose it from the list."]);
        return View(new EmployerStep.ViewModel(new FindEmployer.Form(), null, answers.Employer));
    }

    [HttpGet("employer/not-found")]
    public async Task<IActionResult> EmployerNotFound(CancellationToken ct) =>
        View(EmployerStep.NotFoundForm.From((await drafts.LoadAsync(ct)).Employer));

    [HttpPost("employer/not-found")]
    public async Task<IActionResult> EmployerNotFound(
        EmployerStep.NotFoundForm form,
        [FromServices] IValidator<EmployerStep.NotFoundForm> validator,
        [FromServices] EmployerStep.Handler handler,
        CancellationToken ct)
    {
        if (!await this.ValidateAsync(validator, form, ct))
        {
            return View(form);
        }

        await handler.NotFoundAsync(form, ct);
        return RedirectToAction(nameof(Employment));
    }

    [HttpGet("employment")]
    public async Task<IActionResult> Employment(CancellationToken ct)
    {
        var answers = await drafts.LoadAsync(ct);
        return answers.Employer is null ? RedirectToAction(answers.NextStep.ToString()) : View(EmploymentStep.Form.From(answers.Employment));
    }

    [HttpPost("employment")]
    public async Task<IActionResult> Employment(
        EmploymentStep.Form form,
        [FromServices] IValidator<EmploymentStep.Form> validator,
        [FromServices] EmploymentStep.Handler handler,
        CancellationToken ct)
    {
        form.BirthDate = (await drafts.LoadAsync(ct)).Personal?.DateOfBirth;
        if (!await this.ValidateAsync(validator, form, ct))
        {
            return View(form);
        }

        await handler.HandleAsync(form, ct);
        return RedirectToAction(nameof(Education));
    }

    [HttpGet("education")]
    public async Task<IActionResult> Education(CancellationToken ct)
    {
        var answers = await drafts.LoadAsync(ct);
        return answers.Employment is null ? RedirectToAction(answers.NextStep.ToString()) : View(EducationStep.Form.From(answers.Education));
    }

    [HttpPost("education")]
    public async Task<IActionResult> Education(
        EducationStep.Form form,
        [FromServices] IValidator<EducationStep.Form> validator,
        [FromServices] CreateProfile.Handler handler,
        [FromServices] SignUpBrowser signUpBrowser,
        CancellationToken ct)
    {
        if (!await this.ValidateAsync(validator, form, ct))
        {
            return View(form);
        }

        var result = await handler.HandleAsync(form, ct);
        if (result.Outcome == CreateProfile.Outcome.StepsMissing)
        {
            return RedirectToAction((await drafts.LoadAsync(ct)).NextStep.ToString());
        }

        // Only this browser will be signed in by the confirmation link.
        if (result.UserId is { } userId)
        {
            signUpBrowser.Remember(Response, userId);
        }

        return RedirectToAction(nameof(Done));
    }

    [HttpGet("done")]
    public IActionResult Done() => View();
}
