using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Registry.Web.Infrastructure.Employers;
using Registry.Web.Infrastructure.Forms;
using Registry.Web.Infrastructure.Security;
using Registry.Web.Infrastructure.Web;

namespace Registry.Web.Features.Employments;

/// <summary>My Registry: employment history.</summary>
[Authorize(Policy = Policies.SignedIn)]
[Route("my-registry/employment")]
public sealed class EmploymentController(CurrentProfessional me, EmploymentHistory.Handler jobs, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        await me.IdAsync(User, ct) is { } id ? View(await jobs.ListAsync(id, ct)) : NotFound();

    /// <summary>Step one finds the employer (results page, or "not found"); step two is the job form.</summary>
    [HttpGet("add")]
    [EnableRateLimiting(RateLimits.EmployerLookup)]
    public async Task<IActionResult> Add(
        [FromQuery] FindEmployer.Form search,
        int? employerId,
        bool notFound,
        [FromServices] IValidator<FindEmployer.Form> validator,
        [FromServices] SearchEmployers.Handler searchEmployers,
        CancellationToken ct)
    {
        if (employerId is { } chosen)
        {
            return await jobs.EmployerNameAsync(chosen, ct) is { } name
                ? View("JobForm", new JobFormViewModel(null, name, new JobFields.Form { EmployerId = chosen }))
                : NotFound();
        }

        if (notFound)
        {
            return View("JobForm", new JobFormViewModel(null, null, new JobFields.Form()));
        }

        SearchEmployers.Result? result = null;
        if (!string.IsNullOrWhiteSpace(search.Q) && await this.ValidateAsync(validator, search, ct))
        {
            result = await searchEmployers.HandleAsync(new SearchEmployers.Criteria(search.Q, search.Page), ct);
        }

        return View("FindEmployer", new FindEmployer.ViewModel(search, result));
    }

    [HttpPost("add")]
    public async Task<IActionResult> Add(JobFields.Form form, [FromServices] IValidator<JobFields.Form> validator, CancellationToken ct)
    {
        if (await me.IdAsync(User, ct) is not { } id)
        {
            return NotFound();
        }

        var employerName = form.EmployerId is { } employerId ? await jobs.EmployerNameAsync(employerId, ct) : null;
        if (form.EmployerId is not null && employerName is null)
        {
            return NotFound();
        }

        if (!await this.ValidateAsync(validator, form, ct))
        {
            return View("JobForm", new JobFormViewModel(null, employerName, form));
        }

        await jobs.AddAsync(id, form, ct);
        TempData["Notice"] = t["The job is added."].Value;
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("{jobId:int}/edit")]
    public async Task<IActionResult> Edit(int jobId, CancellationToken ct) =>
        await me.IdAsync(User, ct) is { } id && await jobs.FindAsync(id, jobId, ct) is { } job
            ? View("JobForm", new JobFormViewModel(jobId, null, JobFields.Form.From(job), job.IsConfirmedByEmployer))
            : NotFound();

    [HttpPost("{jobId:int}/edit")]
    public async Task<IActionResult> Edit(int jobId, JobFields.Form form, [FromServices] IValidator<JobFields.Form> validator, CancellationToken ct)
    {
        if (await me.IdAsync(User, ct) is not { } id || await jobs.FindAsync(id, jobId, ct) is not { } job)
        {
            return NotFound();
        }

        form.EmployerFixed = true;
        if (!await this.ValidateAsync(validator, form, ct))
        {
            return View("JobForm", new JobFormViewModel(jobId, null, form, job.IsConfirmedByEmployer));
        }

        var wasConfirmed = job.IsConfirmedByEmployer;
        await jobs.ReviseAsync(job, form, ct);
        TempData["Notice"] = wasConfirmed && !job.IsConfirmedByEmployer
            ? t["The job is saved. Your employer had confirmed it; it now waits for them to confirm the change."].Value
            : t["The job is saved."].Value;
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("{jobId:int}/change-role")]
    public async Task<IActionResult> ChangeRole(int jobId, CancellationToken ct) =>
        await me.IdAsync(User, ct) is { } id && await jobs.FindAsync(id, jobId, ct) is { EndDate: null }
            ? View(new ChangeRoleViewModel(jobId, new EmploymentHistory.ChangeRoleForm()))
            : NotFound();

    [HttpPost("{jobId:int}/change-role")]
    public async Task<IActionResult> ChangeRole(int jobId, EmploymentHistory.ChangeRoleForm form, [FromServices] IValidator<EmploymentHistory.ChangeRoleForm> validator, CancellationToken ct)
    {
        if (await me.IdAsync(User, ct) is not { } id || await jobs.FindAsync(id, jobId, ct) is not { EndDate: null } job)
        {
            return NotFound();
        }

        if (await this.ValidateAsync(validator, form, ct) && form.From <= job.StartDate)
        {
            ModelState.AddModelError("FromDay", t["The new role must start after {0}, when this job began.", job.StartDate.ToString("d", System.Globalization.CultureInfo.CurrentCulture)]);
        }

        if (!ModelState.IsValid)
        {
            return View(new ChangeRoleViewModel(jobId, form));
        }

        await jobs.ChangeRoleAsync(id, job, form, ct);
        TempData["Notice"] = t["Your new role is added; the earlier role is kept in your history."].Value;
        return RedirectToAction(nameof(Index));
    }

    [HttpPost("{jobId:int}/remove")]
    public async Task<IActionResult> Remove(int jobId, CancellationToken ct)
    {
        if (await me.IdAsync(User, ct) is not { } id || !await jobs.RemoveAsync(id, jobId, ct))
        {
            return NotFound();
        }

        TempData["Notice"] = t["The job is removed."].Value;
        return RedirectToAction(nameof(Index));
    }
}

/// <param name="Confirmed">Editing a job the employer confirmed: the form says what a change does to the confirmation.</param>
public sealed record JobFormViewModel(int? JobId, string? EmployerName, JobFields.Form Form, bool Confirmed = false);

public sealed record ChangeRoleViewModel(int JobId, EmploymentHistory.ChangeRoleForm Form);
