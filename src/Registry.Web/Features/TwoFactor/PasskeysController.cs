using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Registry.Web.Infrastructure.Forms;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.TwoFactor;

/// <summary>
/// Passkeys: adding and removing them on the second-factor page (a session that owes its account's
/// second factor is sent to prove it first, by <see cref="SecondFactorGate"/>), and signing in with one.
/// The two options actions answer JSON for wwwroot/js/passkeys.js; everything else is a plain form.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
[Route("account")]
public sealed class PasskeysController(Passkeys.Handler handler, UserManager<RegistryUser> userManager, IStringLocalizer<SharedResource> t) : Controller
{
    private const string SecondFactorView = "/Features/TwoFactor/Index.cshtml";

    /// <summary>The options for <c>navigator.credentials.create</c>; the antiforgery token comes in a header.</summary>
    [HttpPost("two-factor/passkeys/options")]
    public async Task<IActionResult> CreationOptions(CancellationToken ct)
    {
        if (await userManager.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        return await handler.CreationOptionsAsync(user, ct) is { } options
            ? Content(options, "application/json")
            : StatusCode(StatusCodes.Status403Forbidden, new { message = t["To add a passkey, sign in with a passkey you already have, or with the code from your authenticator app."].Value });
    }

    [HttpPost("two-factor/passkeys/add")]
    public async Task<IActionResult> Add(
        Passkeys.AddForm form,
        [FromServices] IValidator<Passkeys.AddForm> validator,
        [FromServices] SecondFactor.Handler secondFactor,
        CancellationToken ct)
    {
        if (await userManager.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        if (await this.ValidateAsync(validator, form, ct))
        {
            var outcome = await handler.AddAsync(user, form.Name!, form.CredentialJson!, ct);
            if (outcome == Passkeys.Outcome.Done)
            {
                TempData["Notice"] = t["The passkey is added. Next time, choose \"Sign in with a passkey\" on the sign-in page."].Value;
                return Redirect(Url.Action(nameof(TwoFactorController.Index), "TwoFactor") + "#passkeys");
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            ModelState.AddModelError(nameof(form.CredentialJson), outcome switch
            {
                Passkeys.Outcome.NotAllowed => t["To add a passkey, sign in with a passkey you already have, or with the code from your authenticator app."],
                Passkeys.Outcome.AlreadyAdded => t["This passkey is already added."],
                Passkeys.Outcome.StartAgain => t["Adding the passkey took too long. Try again."],
                _ => t["That passkey could not be added. Try again."],
            });
        }
        else
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        form.CredentialJson = null;
        ViewData["PasskeyName"] = form.Name;
        return View(SecondFactorView, await secondFactor.PageAsync(user, null, ct));
    }

    /// <summary>Removes one of the person's own passkeys, named by its credential id (Base64Url); anyone else's answers 404.</summary>
    [HttpPost("two-factor/passkeys/remove")]
    public async Task<IActionResult> Remove(string? id, CancellationToken ct)
    {
        if (await userManager.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        switch (await handler.RemoveAsync(user, id, ct))
        {
            case Passkeys.Outcome.Done:
                TempData["Notice"] = t["The passkey is removed: it no longer signs you in."].Value;
                break;
            case Passkeys.Outcome.NotAllowed:
                break;
            default:
                return NotFound();
        }

        return Redirect(Url.Action(nameof(TwoFactorController.Index), "TwoFactor") + "#passkeys");
    }
}
