using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Registry.Web.Infrastructure.Employers;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Access;

/// <summary>A signed-in person's administrative access: their sites, their requests, and a new request.</summary>
[Authorize(Policy = Policies.SignedIn)]
[Route("access")]
public sealed class AccessController(AccessRequests.Handler handler, SearchEmployers.Handler search, UserManager<RegistryUser> users, IStringLocalizer<SharedResource> t) : Controller
{
    /// <summary>A little over 10 MB, so a too-large proof still reaches the form and gets its message beside the field.</summary>
    private const long RequestLimit = 12 * 1024 * 1024;

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => View(await handler.MineAsync(UserId(), ct));

    [HttpGet("request")]
    public async Task<IActionResult> Ask(string? q, CancellationToken ct) =>
        View(await ModelAsync(q, new AccessRequests.RequestForm(), ct));

    [HttpPost("request")]
    [RequestSizeLimit(RequestLimit)]
    [RequestFormLimits(MultipartBodyLengthLimit = RequestLimit)]
    public async Task<IActionResult> Ask(string? q, AccessRequests.RequestForm form, CancellationToken ct)
    {
        if (await handler.RequestAsync(UserId(), form, ct) is { } problem)
        {
            ModelState.AddModelError(problem.Field, problem.Message);
            return View(await ModelAsync(q, form, ct));
        }

        TempData["Notice"] = t["Your request is sent. Registry staff will answer by email."].Value;
        return RedirectToAction(nameof(Index));
    }

    private async Task<AccessRequestPage> ModelAsync(string? q, AccessRequests.RequestForm form, CancellationToken ct)
    {
        var found = new List<AccessRequests.SiteView>();
        foreach (var part in (q ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(20))
        {
            found.AddRange((await search.HandleAsync(new SearchEmployers.Criteria(part), ct)).Matches
                .Select(m => new AccessRequests.SiteView(m.Id, m.LicenseNumber, m.Name, m.City)));
        }

        var chosen = await handler.SitesAsync(form.Sites, ct);
        return new AccessRequestPage(q, chosen.Concat(found.Where(f => chosen.All(c => c.Id != f.Id)).DistinctBy(f => f.Id)).ToList(), form);
    }

    private string UserId() => users.GetUserId(User) ?? throw new InvalidOperationException("Signed in without a user id.");
}

public sealed record AccessRequestPage(string? Query, IReadOnlyList<AccessRequests.SiteView> Sites, AccessRequests.RequestForm Form);
