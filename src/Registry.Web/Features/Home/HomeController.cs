using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Registry.Web.Features.Home;

[AllowAnonymous]
public sealed class HomeController : Controller
{
    [HttpGet("/")]
    public IActionResult Index() => View();

    [HttpGet("/error/{statusCode:int?}")]
    [ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
    public IActionResult Error(int? statusCode)
    {
        var code = statusCode is >= 400 and < 600 ? statusCode.Value : StatusCodes.Status500InternalServerError;
        Response.StatusCode = code;
        return View(new ErrorViewModel(code, HttpContext.TraceIdentifier));
    }
}

public sealed record ErrorViewModel(int StatusCode, string RequestId);
