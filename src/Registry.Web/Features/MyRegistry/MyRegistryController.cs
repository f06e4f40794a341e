using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.MyRegistry;

[Authorize(Policy = Policies.SignedIn)]
public sealed class MyRegistryController(MyRegistryPage.Handler handler, UserManager<RegistryUser> users) : Controller
{
    [HttpGet("/my-registry")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User) ?? throw new InvalidOperationException("Signed in without a user id.");
        var page = await handler.HandleAsync(userId, cancellationToken);
        return View(page);
    }
}
