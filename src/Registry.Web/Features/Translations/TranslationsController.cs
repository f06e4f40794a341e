using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Translations;

/// <summary>Registry staff see, for each language, the texts whose English changed since they were translated and the texts not yet translated.</summary>
[Authorize(Policy = Policies.RegistryStaff)]
public sealed class TranslationsController(TranslationStatus status) : Controller
{
    /// <summary>At most this many texts of each list are shown (the counts are whole).</summary>
    public const int Shown = 300;

    [HttpGet("/staff/translations")]
    public IActionResult Index() => View(status.Languages);
}
