using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Registry.Web.Infrastructure.Security;
using Registry.Web.Infrastructure.Signed;
using Registry.Web.Infrastructure.Web;
using Registry.Web.Infrastructure.Training;

namespace Registry.Web.Features.Calendar;

/// <summary>An attendee's certificate of completion for an event they attended.</summary>
[Authorize(Policy = Policies.SignedIn)]
[Route("training/events/{eventId:int}/certificate")]
public sealed class CertificatesController(TrainingCertificates certificates, CredentialIssuer credentials, CurrentProfessional me, IStringLocalizer<SharedResource> t, PublicAddress site) : Controller
{
    /// <summary>The attendee's certificate of completion, printable, with the code the public verification page checks.</summary>
    [HttpGet("")]
    public async Task<IActionResult> Certificate(int eventId, bool download, CancellationToken ct)
    {
        if (await me.IdAsync(User, ct) is not { } professionalId || await certificates.ForAsync(eventId, professionalId, ct) is not { } certificate)
        {
            return NotFound();
        }

        // The printed certificate's QR code carries its signed payload (made when the attendee first opens it).
        if (await credentials.CertificateCodeAsync(professionalId, eventId, ct) is { } code)
        {
            ViewData["CheckLink"] = site.Link("/credentials/card?c=" + Uri.EscapeDataString(code.Token));
            ViewData["QrDataUri"] = download ? "data:image/png;base64," + Convert.ToBase64String(QrCodes.Png((string)ViewData["CheckLink"]!)) : null;
        }

        if (download)
        {
            Response.Headers.ContentDisposition = $"attachment; filename=\"certificate-{eventId}-{certificate.RegistryId.Replace(" ", string.Empty, StringComparison.Ordinal)}.html\"";
        }

        return View(certificate);
    }

    /// <summary>The QR code printed on the certificate: its check link with the signed payload.</summary>
    [HttpGet("qr.png")]
    public async Task<IActionResult> Qr(int eventId, CancellationToken ct) =>
        await me.IdAsync(User, ct) is { } professionalId && await credentials.CertificateCodeAsync(professionalId, eventId, ct) is { } code
            ? File(QrCodes.Png(site.Link("/credentials/card?c=" + Uri.EscapeDataString(code.Token))), "image/png")
            : NotFound();

    /// <summary>The certificate as a signed credential (Open Badges 3.0, the sponsor as creator), issued because the attendee asks.</summary>
    [HttpPost("signed")]
    public async Task<IActionResult> SignedCredential(int eventId, CancellationToken ct)
    {
        if (await me.IdAsync(User, ct) is not { } professionalId || await credentials.TrainingAsync(professionalId, eventId, ct) is null)
        {
            return NotFound();
        }

        TempData["Notice"] = t["Your signed credential is ready: download it below."].Value;
        return Redirect("/my-registry/credentials");
    }
}
