using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.AccessLog;

/// <summary>"Who looked at my record": every look by someone else, newest first.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class AccessLogController(AccessLogService log, CurrentProfessional me) : Controller
{
    [HttpGet("/my-registry/access-log")]
    public async Task<IActionResult> Index(int page = 1, CancellationToken ct = default)
    {
        if (await me.IdAsync(User, ct) is not { } id)
        {
            return RedirectToAction("Index", "MyRegistry");
        }

        var (entries, hasOlder) = await log.ForAsync(id, page, ct);
        return View(new AccessLogPage(entries, Math.Max(1, page), hasOlder));
    }
}

public sealed record AccessLogPage(IReadOnlyList<AccessLogService.Entry> Entries, int Page, bool HasOlder);
