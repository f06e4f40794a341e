using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Registry.Web.Infrastructure.Forms;

namespace Registry.Web.Features.PeopleImports;

/// <summary>An imported person opens their invitation and chooses a password: the account is theirs.</summary>
[AllowAnonymous]
[Route("account/claim")]
public sealed class ClaimAccountController(Invitations invitations, IValidator<ClaimAccountController.ClaimForm> validator, IStringLocalizer<SharedResource> t) : Controller
{
    public sealed class ClaimForm
    {
        public string? Code { get; set; }

        public string? Password { get; set; }

        public string? ConfirmPassword { get; set; }
    }

    public sealed class ClaimValidator : AbstractValidator<ClaimForm>
    {
        public ClaimValidator(IStringLocalizer<SharedResource> t) => PersonFields.NewPasswordRules(this, f => f.Password, f => f.ConfirmPassword, t);
    }

    [HttpGet("")]
    public async Task<IActionResult> Claim(string? code, CancellationToken ct) =>
        await invitations.FindAsync(code, ct) is null ? Invalid() : View(new ClaimForm { Code = code });

    [HttpPost("")]
    public async Task<IActionResult> Claim(ClaimForm form, CancellationToken ct)
    {
        if (await invitations.FindAsync(form.Code, ct) is not { } invitation)
        {
            return Invalid();
        }

        var checkedForm = await validator.ValidateAsync(form, ct);
        foreach (var error in checkedForm.Errors)
        {
            ModelState.AddModelError(error.PropertyName, error.ErrorMessage);
        }

        if (checkedForm.IsValid)
        {
            var result = await invitations.ClaimAsync(invitation, form.Password!, ct);
            if (result is null)
            {
                return Invalid();
            }

            if (result.Succeeded)
            {
                TempData["Notice"] = t["Your account is ready: sign in with your email and the password you chose."].Value;
                return Redirect("/account/sign-in");
            }

            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(nameof(ClaimForm.Password), error.Description);
            }
        }

        form.Password = form.ConfirmPassword = null;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(form);
    }

    private ViewResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return View("ClaimInvalid");
    }
}
