using FluentValidation;
using Microsoft.AspNetCore.Mvc;

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
}
