using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Registry.Web.Infrastructure.Forms;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Training;

/// <summary>My Registry: professional development (self-reported hours; hours a sponsor posted are the sponsor's).</summary>
[Authorize(Policy = Policies.SignedIn)]
[Route("my-registry/training")]
public sealed class TrainingController(CurrentProfessional me, TrainingHours.Handler training, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        await me.IdAsync(User, ct) is { } id ? View(await training.ListAsync(id, ct)) : NotFound();

    [HttpGet("add")]
    public IActionResult Add() => View("TrainingForm", new TrainingFormViewModel(null, new TrainingFields.Form()));

    [HttpPost("add")]
    public async Task<IActionResult> Add(TrainingFields.Form form, [FromServices] IValidator<TrainingFields.Form> validator, CancellationToken ct)
    {
        if (await me.IdAsync(User, ct) is not { } id)
        {
            return NotFound();
        }

        if (!await this.ValidateAsync(validator, form, ct))
        {
            return View("TrainingForm", new TrainingFormViewModel(null, form));
        }

        await training.AddAsync(id, form, ct);
        TempData["Notice"] = t["The training is added."].Value;
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("{recordId:int}/edit")]
    public async Task<IActionResult> Edit(int recordId, CancellationToken ct) =>
        await me.IdAsync(User, ct) is { } id && await training.FindEditableAsync(id, recordId, ct) is { } record
            ? View("TrainingForm", new TrainingFormViewModel(recordId, TrainingFields.Form.From(record)))
            : NotFound();

    [HttpPost("{recordId:int}/edit")]
    public async Task<IActionResult> Edit(int recordId, TrainingFields.Form form, [FromServices] IValidator<TrainingFields.Form> validator, CancellationToken ct)
    {
        if (await me.IdAsync(User, ct) is not { } id || await training.FindEditableAsync(id, recordId, ct) is null)
        {
            return NotFound();
        }

        if (!await this.ValidateAsync(validator, form, ct))
        {
            return View("TrainingForm", new TrainingFormViewModel(recordId, form));
        }

        await training.UpdateAsync(id, recordId, form, ct);
        TempData["Notice"] = t["The training is saved."].Value;
        return RedirectToAction(nameof(Index));
    }

    [HttpPost("{recordId:int}/remove")]
    public async Task<IActionResult> Remove(int recordId, CancellationToken ct)
    {
        if (await me.IdAsync(User, ct) is not { } id || !await training.RemoveAsync(id, recordId, ct))
        {
            return NotFound();
        }

        TempData["Notice"] = t["The training is removed."].Value;
        return RedirectToAction(nameof(Index));
    }
}

public sealed record TrainingFormViewModel(int? RecordId, TrainingFields.Form Form);
