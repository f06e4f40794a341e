using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Registry.Web.Features.Forms;
using Registry.Web.Features.MyRegistry;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Profile;

/// <summary>My Registry: personal information and demographics.</summary>
[Authorize(Policy = Policies.SignedIn)]
[Route("my-registry")]
public sealed class ProfileController(CurrentProfessional me, ProfileForms.Handler profiles, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("personal")]
    public async Task<IActionResult> Personal(CancellationToken ct) =>
        await me.IdAsync(User, ct) is { } id && await profiles.LoadAsync(id, ct) is { } p ? View(ProfileForms.PersonalForm.From(p)) : NotFound();

    [HttpPost("personal")]
    public async Task<IActionResult> Personal(ProfileForms.PersonalForm form, [FromServices] IValidator<ProfileForms.PersonalForm> validator, CancellationToken ct)
    {
        if (await me.IdAsync(User, ct) is not { } id || await profiles.LoadAsync(id, ct) is not { } p)
        {
            return NotFound();
        }

        if (!await this.ValidateAsync(validator, form, ct))
        {
            return View(form);
        }

        await profiles.SavePersonalAsync(p, form, ct);
        TempData["Notice"] = t["Your personal information is saved."].Value;
        return RedirectToAction("Index", "MyRegistry");
    }

    [HttpGet("demographics")]
    public async Task<IActionResult> Demographics(CancellationToken ct) =>
        await me.IdAsync(User, ct) is { } id && await profiles.LoadAsync(id, ct) is { } p ? View(ProfileForms.DemographicsForm.From(p)) : NotFound();

    [HttpPost("demographics")]
    public async Task<IActionResult> Demographics(ProfileForms.DemographicsForm form, [FromServices] IValidator<ProfileForms.DemographicsForm> validator, CancellationToken ct)
    {
        if (await me.IdAsync(User, ct) is not { } id || await profiles.LoadAsync(id, ct) is not { } p)
        {
            return NotFound();
        }

        if (!await this.ValidateAsync(validator, form, ct))
        {
            return View(form);
        }

        await profiles.SaveDemographicsAsync(p, form, ct);
        TempData["Notice"] = t["Your answers are saved."].Value;
        return RedirectToAction("Index", "MyRegistry");
    }
}
