using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Facts;

/// <summary>Registry staff: verified facts changed since they were verified.</summary>
[Authorize(Policy = Policies.RegistryStaff)]
[Route("staff")]
public sealed class FactsController(ChangedFacts.Handler changed, AccessLogService log) : Controller
{
    [HttpGet("changed-facts")]
    public async Task<IActionResult> ChangedFacts(bool mine, CancellationToken ct)
    {
        var model = await changed.ListAsync(UserId(), mine, ct);
        await log.RecordAsync(model.Rows.Select(r => r.ProfessionalId), UserId(), "RegistryStaff", null, "changed facts", ct);
        return View(model);
    }

    private string UserId() => User.UserId();
}
