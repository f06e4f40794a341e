using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Registry.Web.Infrastructure.Security;
using Registry.Web.Infrastructure.Training;
using Registry.Web.Infrastructure.Web;

namespace Registry.Web.Features.Card;

/// <summary>The membership card, and the public page its QR code opens.</summary>
public sealed class CardController(MembershipCard.Handler cards, TrainingCertificates certificates, CurrentProfessional me, IStringLocalizer<SharedResource> t, PublicAddress site) : Controller
{
    [Authorize(Policy = Policies.SignedIn)]
    [HttpGet("/my-registry/card")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        await me.IdAsync(User, ct) is { } id && await cards.CardAsync(id, ct) is { } card ? View(card) : NotFound();

    /// <summary>The card's QR code: a link to the check page carrying the card's signed payload, which anyone (offline too) can check.</summary>
    [Authorize(Policy = Policies.SignedIn)]
    [HttpGet("/my-registry/card/qr.png")]
    public async Task<IActionResult> Qr(CancellationToken ct) =>
        await me.IdAsync(User, ct) is { } id && await cards.CardAsync(id, ct) is { } card
            ? File(QrCodes.Png(site.Link("/credentials/card?c=" + Uri.EscapeDataString(card.SignedPayload))), "image/png")
            : NotFound();

    [Authorize(Policy = Policies.SignedIn)]
    [HttpPost("/my-registry/card/public")]
    public async Task<IActionResult> Public(bool allow, CancellationToken ct)
    {
        if (await me.IdAsync(User, ct) is not { } id)
        {
            return NotFound();
        }

        await cards.SetPublicAsync(id, allow, ct);
        TempData["Notice"] = allow
            ? t["Anyone with your card can now see your name and verified permits."].Value
            : t["Your verification page is private again."].Value;
        return RedirectToAction(nameof(Index));
    }

    [AllowAnonymous]
    [PublicPage]
    [HttpGet("/verify/{registryId}")]
    [EnableRateLimiting(RateLimits.Verify)]
    public async Task<IActionResult> Verify(string registryId, string? certificate, CancellationToken ct)
    {
        var view = await cards.PublicAsync(registryId, ct);
        if (await cards.PersonIdAsync(registryId, ct) is { } personId)
        {
            // A change to the person's record or consent evicts their cached page.
            CacheTags.Add(HttpContext, CacheTags.Person(personId));
        }

        // A certificate's code shows that certificate, whether or not the record itself is public.
        if (!string.IsNullOrEmpty(certificate))
        {
            ViewData["Certificate"] = await certificates.VerifyAsync(registryId, certificate, ct);
            ViewData["CertificateAsked"] = true;
            if (ViewData["Certificate"] is null)
            {
                Response.StatusCode = StatusCodes.Status404NotFound;
            }

            return View(view);
        }

        if (view is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return View(view);
    }
}
