using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Registry.Web.Domain.Messages;
using Registry.Web.Infrastructure.Email;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Messages;

public sealed record PreferencesView(IReadOnlySet<MessageKind> TurnedOff, bool Saved);

public sealed record UnsubscribeView(string Token, MessageKind? Kind, bool Done, bool AlreadyOff);

/// <summary>
/// Which messages a person receives: chosen on <c>/my-registry/messages</c>, or one kind turned
/// off with the signed link in any optional email, without signing in (RFC 8058 one-click: mail
/// programs POST to the same address with no form token, so that POST is authorised by the
/// signed token alone).
/// </summary>
public sealed class MessagesController(MessageChoices.Handler handler, UnsubscribeLinks links, UserManager<RegistryUser> users, IStringLocalizer<SharedResource> t) : Controller
{
    [Authorize(Policy = Policies.SignedIn)]
    [HttpGet("/my-registry/messages")]
    public async Task<IActionResult> Preferences(bool saved, CancellationToken ct) =>
        View(new PreferencesView(await handler.TurnedOffAsync(users.GetUserId(User)!, ct), saved));

    [Authorize(Policy = Policies.SignedIn)]
    [HttpPost("/my-registry/messages")]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> Preferences([FromForm] string[]? wanted, CancellationToken ct)
    {
        var kinds = new List<MessageKind>();
        foreach (var value in wanted ?? [])
        {
            if (!Enum.TryParse<MessageKind>(value, ignoreCase: false, out var kind) || !MessageKinds.Optional.Contains(kind) || char.IsDigit(value[0]))
            {
                ModelState.AddModelError("wanted", t["Choose from the kinds of message listed."]);
                return View(new PreferencesView(await handler.TurnedOffAsync(users.GetUserId(User)!, ct), false));
            }

            kinds.Add(kind);
        }

        await handler.ChooseAsync(users.GetUserId(User)!, kinds, ct);
        return RedirectToAction(nameof(Preferences), new { saved = true });
    }

    [AllowAnonymous]
    [HttpGet("/unsubscribe")]
    public IActionResult Unsubscribe(string? token)
    {
        var read = links.Read(token);
        if (read is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(new UnsubscribeView(string.Empty, null, false, false));
        }

        return View(new UnsubscribeView(token!, read.Value.Kind, false, false));
    }

    [AllowAnonymous]
    [HttpPost("/unsubscribe")]
    [IgnoreAntiforgeryToken]
    public async Task<IActionResult> UnsubscribeConfirmed(string? token, CancellationToken ct)
    {
        var read = links.Read(token);
        if (read is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Unsubscribe), new UnsubscribeView(string.Empty, null, false, false));
        }

        var changed = await handler.UnsubscribeAsync(read.Value.UserId, read.Value.Kind, read.Value.AnnouncementId, ct);
        return View(nameof(Unsubscribe), new UnsubscribeView(token!, read.Value.Kind, true, !changed));
    }
}
