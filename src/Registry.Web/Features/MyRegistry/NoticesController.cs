using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Registry.Web.Infrastructure.Email;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.MyRegistry;

/// <summary>The messages a person received, as notices in My Registry in the language they were sent, and the "my address is right" answer to a refused address.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class NoticesController(Notices notices, IStringLocalizer<SharedResource> t) : Controller
{
    public const int PageSize = 25;

    [HttpGet("/my-registry/notices")]
    public async Task<IActionResult> Notices(int page = 1, CancellationToken ct = default)
    {
        page = Math.Max(1, page);
        var (items, total) = await notices.PageAsync(User.UserId(), page, PageSize, ct);
        return View(new NoticeList(items, page, total));
    }

    [HttpGet("/my-registry/notices/{id:int}")]
    public async Task<IActionResult> Notice(int id, CancellationToken ct) =>
        await notices.FindAsync(User.UserId(), id, ct) is { } notice ? View(notice) : NotFound();

    [HttpPost("/my-registry/email-is-right")]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> EmailIsRight(CancellationToken ct)
    {
        await notices.AddressIsRightAsync(User.UserId(), ct);
        TempData["Notice"] = t["Thank you. We will try your address again."].Value;
        return Redirect("/my-registry");
    }
}

public sealed record NoticeList(IReadOnlyList<Notice> Items, int Page, int Total);
