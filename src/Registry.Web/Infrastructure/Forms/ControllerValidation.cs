using System.Diagnostics.CodeAnalysis;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Registry.Web.Infrastructure.Forms;

public static class ControllerValidation
{
    /// <summary>Runs a form's validator and puts each error beside its field (ModelState). True when valid.</summary>
    public static async Task<bool> ValidateAsync<TForm>(this Controller controller, IValidator<TForm> validator, TForm form, CancellationToken ct)
    {
        var result = await validator.ValidateAsync(form, ct);
        foreach (var error in result.Errors)
        {
            if (!controller.ModelState.ContainsKey(error.PropertyName) || controller.ModelState[error.PropertyName]!.Errors.Count == 0)
            {
                controller.ModelState.AddModelError(error.PropertyName, error.ErrorMessage);
            }
        }

        return result.IsValid;
    }

    /// <summary>
    /// A refusal's reason, as the person refused will read it: written, and at most <paramref name="maxLength"/>
    /// characters. When it is not, the problem goes beside <paramref name="field"/> and the result is false.
    /// </summary>
    public static bool CheckReason(this Controller controller, string field, [NotNullWhen(true)] string? reason, int maxLength, IStringLocalizer t)
    {
        if (!string.IsNullOrWhiteSpace(reason) && reason.Trim().Length <= maxLength)
        {
            return true;
        }

        controller.ModelState.AddModelError(field, string.IsNullOrWhiteSpace(reason)
            ? t["Say why, in words the person will read."]
            : t["Use at most {0} characters.", maxLength]);
        return false;
    }
}
