using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Registry.Web.Infrastructure.Forms;
using Registry.Web.Infrastructure.Security;
using Registry.Web.Infrastructure.Web;

namespace Registry.Web.Features.TwoFactor;

/// <summary>The second factor's pages: set it up, prove it in this session, recovery codes, turn it off.</summary>
[Authorize(Policy = Policies.SignedIn)]
[AllowWithoutSecondFactor]
[Route("account/two-factor")]
public sealed class TwoFactorController(SecondFactor.Handler handler, UserManager<RegistryUser> userManager, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? returnUrl, CancellationToken ct) =>
        await userManager.GetUserAsync(User) is { } user ? View(await handler.PageAsync(user, SafeReturnUrl(returnUrl), ct)) : Challenge();

    /// <summary>The QR code an authenticator app scans, drawn here (no outside image service sees the key).</summary>
    [HttpGet("qr.png")]
    public async Task<IActionResult> Qr() =>
        await userManager.GetUserAsync(User) is { } user && await handler.SetUpUriAsync(user) is { } uri
            ? File(QrCodes.Png(uri), "image/png")
            : NotFound();

    [HttpPost("set-up")]
    public async Task<IActionResult> SetUp(SecondFactor.CodeForm form, [FromServices] IValidator<SecondFactor.CodeForm> validator, CancellationToken ct)
    {
        if (await userManager.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        if (await this.ValidateAsync(validator, form, ct))
        {
            var (outcome, codes) = await handler.SetUpAsync(user, form.Code!, ct);
            if (outcome == SecondFactor.Outcome.Done)
            {
                return View("RecoveryCodes", new RecoveryCodesPage(codes, SafeReturnUrl(form.ReturnUrl), FirstTime: true));
            }

            Problem(outcome);
        }

        return View(nameof(Index), await handler.PageAsync(user, SafeReturnUrl(form.ReturnUrl), ct));
    }

    [HttpPost("verify")]
    public async Task<IActionResult> Verify(SecondFactor.CodeForm form, [FromServices] IValidator<SecondFactor.CodeForm> validator, CancellationToken ct)
    {
        if (await userManager.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        if (await this.ValidateAsync(validator, form, ct))
        {
            var outcome = await handler.ProveAsync(user, form.Code!, ct);
            if (outcome == SecondFactor.Outcome.Done)
            {
                return LocalRedirect(SafeReturnUrl(form.ReturnUrl) ?? "/my-registry");
            }

            Problem(outcome);
        }

        return View(nameof(Index), await handler.PageAsync(user, SafeReturnUrl(form.ReturnUrl), ct));
    }

    [HttpPost("recovery-codes")]
    public async Task<IActionResult> NewRecoveryCodes(CancellationToken ct) =>
        await userManager.GetUserAsync(User) is not { } user ? Challenge()
        : await handler.NewRecoveryCodesAsync(user, ct) is { } codes ? View("RecoveryCodes", new RecoveryCodesPage(codes, null, FirstTime: false))
        : RedirectToAction(nameof(Index));

    [HttpPost("turn-off")]
    public Task<IActionResult> TurnOff(CancellationToken ct) => TurnOffAsync(startAgain: false, ct);

    [HttpPost("start-again")]
    public Task<IActionResult> StartAgain(CancellationToken ct) => TurnOffAsync(startAgain: true, ct);

    private async Task<IActionResult> TurnOffAsync(bool startAgain, CancellationToken ct)
    {
        if (await userManager.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        if (await handler.TurnOffAsync(user, startAgain, ct) != SecondFactor.Outcome.Done)
        {
            return RedirectToAction(nameof(Index));
        }

        TempData["Notice"] = startAgain
            ? t["The old authenticator app is removed. Scan the new code with the app on your new phone."].Value
            : t["The second factor is off."].Value;
        return RedirectToAction(nameof(Index));
    }

    private void Problem(SecondFactor.Outcome outcome)
    {
        Response.StatusCode = outcome == SecondFactor.Outcome.Paused ? StatusCodes.Status429TooManyRequests : StatusCodes.Status400BadRequest;
        ModelState.AddModelError(nameof(SecondFactor.CodeForm.Code), outcome switch
        {
            SecondFactor.Outcome.Paused => t["Too many wrong codes: this is paused for a while. Try again later."],
            SecondFactor.Outcome.NotAllowed => t["This cannot be done now. Reload the page and try again."],
            _ => t["That code does not match. Check that the time on your phone is right, and that you scanned the code on this page."],
        });
    }

    private string? SafeReturnUrl(string? returnUrl) => Url.IsLocalUrl(returnUrl) ? returnUrl : null;
}

public sealed record RecoveryCodesPage(IReadOnlyList<string> Codes, string? ReturnUrl, bool FirstTime);
