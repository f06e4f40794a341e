using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Registry.Web.Infrastructure.Forms;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Profile;

/// <summary>My Registry: personal information and demographics.</summary>
[Authorize(Policy = Policies.SignedIn)]
[Route("my-registry")]
public sealed class ProfileController(CurrentProfessional me, ProfileForms.Handler profiles, IStringLocalizer<SharedResource> t) : Controller
{
    private const long RequestLimit = 12 * 1024 * 1024;

    [HttpGet("personal")]
    public async Task<IActionResult> Personal(CancellationToken ct) =>
        await me.IdAsync(User, ct) is { } id && await profiles.LoadAsync(id, ct) is { } p ? View(await profiles.DescribeAsync(id, ProfileForms.PersonalForm.From(p), ct)) : NotFound();

    /// <summary>The personal information; a new name or date of birth after a verification comes with proof (at most 10 MB).</summary>
    [HttpPost("personal")]
    [RequestSizeLimit(RequestLimit)]
    [RequestFormLimits(MultipartBodyLengthLimit = RequestLimit)]
    public async Task<IActionResult> Personal(ProfileForms.PersonalForm form, [FromServices] IValidator<ProfileForms.PersonalForm> validator, CancellationToken ct)
    {
        if (await me.IdAsync(User, ct) is not { } id || await profiles.LoadAsync(id, ct) is not { } p)
        {
            return NotFound();
        }

        if (!await this.ValidateAsync(validator, form, ct))
        {
            return View(await profiles.DescribeAsync(id, form, ct));
        }

        var (asked, problem) = await profiles.SavePersonalAsync(p, form, User.FindFirstValue(ClaimTypes.NameIdentifier)!, ct);
        if (problem is { } wrong)
        {
            ModelState.AddModelError(wrong.Field, wrong.Message);
            return View(await profiles.DescribeAsync(id, form, ct));
        }

        TempData["Notice"] = asked
            ? t["Your personal information is saved. Your new name or date of birth waits for registry staff to check the proof; until then your verified name stays on your record."].Value
            : t["Your personal information is saved."].Value;
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
