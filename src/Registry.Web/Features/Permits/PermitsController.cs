using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Registry.Web.Infrastructure.Forms;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Permits;

/// <summary>My Registry: permits and credentials.</summary>
[Authorize(Policy = Policies.SignedIn)]
[Route("my-registry/permits")]
public sealed class PermitsController(CurrentProfessional me, PermitRecords.Handler permits, PermitApplications.Handler applications, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        await me.IdAsync(User, ct) is { } id ? View(await PageAsync(id, new PermitApplications.Form(), ct)) : NotFound();

    /// <summary>Records a permit applied for (stipend programs accept one); the form is on the permits page.</summary>
    [HttpPost("applications")]
    public async Task<IActionResult> AddApplication(PermitApplications.Form form, [FromServices] IValidator<PermitApplications.Form> validator, CancellationToken ct)
    {
        if (await me.IdAsync(User, ct) is not { } id)
        {
            return NotFound();
        }

        if (await this.ValidateAsync(validator, form, ct))
        {
            if (await applications.AddAsync(id, form, ct))
            {
                TempData["Notice"] = t["The application is recorded."].Value;
                return RedirectToAction(nameof(Index));
            }

            ModelState.AddModelError(nameof(form.Type), t["An application for this permit is already recorded."]);
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(nameof(Index), await PageAsync(id, form, ct));
    }

    [HttpPost("applications/{applicationId:int}/remove")]
    public async Task<IActionResult> RemoveApplication(int applicationId, CancellationToken ct)
    {
        if (await me.IdAsync(User, ct) is not { } id || !await applications.RemoveAsync(id, applicationId, ct))
        {
            return NotFound();
        }

        TempData["Notice"] = t["The application is removed."].Value;
        return RedirectToAction(nameof(Index));
    }

    private async Task<PermitsPage> PageAsync(int professionalId, PermitApplications.Form form, CancellationToken ct) =>
        new(await permits.ListAsync(professionalId, ct), await applications.ListAsync(professionalId, ct), form);

    [HttpGet("add")]
    public IActionResult Add() => View("PermitForm", new PermitFormViewModel(null, new PermitFields.Form()));

    [HttpPost("add")]
    public async Task<IActionResult> Add(PermitFields.Form form, [FromServices] IValidator<PermitFields.Form> validator, CancellationToken ct)
    {
        if (await me.IdAsync(User, ct) is not { } id)
        {
            return NotFound();
        }

        if (!await this.ValidateAsync(validator, form, ct))
        {
            return View("PermitForm", new PermitFormViewModel(null, form));
        }

        await permits.AddAsync(id, form, ct);
        TempData["Notice"] = t["The permit or credential is added."].Value;
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("{permitId:int}/edit")]
    public async Task<IActionResult> Edit(int permitId, CancellationToken ct) =>
        await me.IdAsync(User, ct) is { } id && await permits.FindAsync(id, permitId, ct) is { } credential
            ? View("PermitForm", new PermitFormViewModel(permitId, PermitFields.Form.From(credential)))
            : NotFound();

    [HttpPost("{permitId:int}/edit")]
    public async Task<IActionResult> Edit(int permitId, PermitFields.Form form, [FromServices] IValidator<PermitFields.Form> validator, CancellationToken ct)
    {
        if (await me.IdAsync(User, ct) is not { } id || await permits.FindAsync(id, permitId, ct) is null)
        {
            return NotFound();
        }

        if (!await this.ValidateAsync(validator, form, ct))
        {
            return View("PermitForm", new PermitFormViewModel(permitId, form));
        }

        await permits.UpdateAsync(id, permitId, form, ct);
        TempData["Notice"] = t["The permit or credential is saved."].Value;
        return RedirectToAction(nameof(Index));
    }

    [HttpPost("{permitId:int}/remove")]
    public async Task<IActionResult> Remove(int permitId, CancellationToken ct)
    {
        if (await me.IdAsync(User, ct) is not { } id || !await permits.RemoveAsync(id, permitId, ct))
        {
            return NotFound();
        }

        TempData["Notice"] = t["The permit or credential is removed."].Value;
        return RedirectToAction(nameof(Index));
    }
}

public sealed record PermitFormViewModel(int? PermitId, PermitFields.Form Form);
