using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Registry.Web.Infrastructure.History;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.History;

[Authorize(Policy = Policies.SignedIn)]
public sealed class HistoryController(RecentChanges.Handler handler, CurrentProfessional current) : Controller
{
    [HttpGet("/my-registry/history")]
    public async Task<IActionResult> Index(int page = 1, CancellationToken cancellationToken = default)
    {
        if (await current.IdAsync(User, cancellationToken) is not { } professionalId
            || await handler.PageAsync(professionalId, page, RecentChanges.PageSize, cancellationToken) is not { } model)
        {
            return RedirectToAction("Index", "MyRegistry");
        }

        return View(model);
    }
}
