using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Registry.Web.Infrastructure.Web;

/// <summary>
/// Yes-or-no fields (checkboxes, hidden flags) take "true" or "false" and nothing else. A page never
/// sends anything else, so another value is a crafted post: it is refused whole, with a 400 page
/// that says the form could not be read, instead of being read as "no" and saved.
/// </summary>
public sealed class StrictBooleanBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        context.Metadata.UnderlyingOrModelType == typeof(bool) ? new StrictBooleanBinder() : null;
}

public sealed class StrictBooleanBinder : IModelBinder
{
    /// <summary>Set on the request when a yes-or-no field held something else.</summary>
    public static readonly object Crafted = new();

    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var value = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        if (value == ValueProviderResult.None)
        {
            return Task.CompletedTask;
        }

        bindingContext.ModelState.SetModelValue(bindingContext.ModelName, value);

        // A checkbox with its hidden "false" sends two values; the first is the box's.
        var text = value.FirstValue?.Trim();
        if (string.IsNullOrEmpty(text) && bindingContext.ModelMetadata.IsReferenceOrNullableType)
        {
            bindingContext.Result = ModelBindingResult.Success(null);
        }
        else if (string.Equals(text, "true", StringComparison.OrdinalIgnoreCase) || string.Equals(text, "on", StringComparison.OrdinalIgnoreCase))
        {
            bindingContext.Result = ModelBindingResult.Success(true);
        }
        else if (string.Equals(text, "false", StringComparison.OrdinalIgnoreCase))
        {
            bindingContext.Result = ModelBindingResult.Success(false);
        }
        else
        {
            bindingContext.HttpContext.Items[Crafted] = true;
            bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, bindingContext.ModelMetadata.ModelBindingMessageProvider.ValueIsInvalidAccessor(text ?? string.Empty));
            bindingContext.Result = ModelBindingResult.Failed();
        }

        return Task.CompletedTask;
    }
}

/// <summary>Refuses a post whose yes-or-no field or list of ids held something a page never sends, before the action runs (nothing saved).</summary>
public sealed class RefuseCraftedValues : IActionFilter
{
    public void OnActionExecuting(ActionExecutingContext context)
    {
        // Taken off the request once acted on: the error page is the same request, executed again.
        if (context.HttpContext.Items.Remove(StrictBooleanBinder.Crafted) || CraftedIds(context))
        {
            context.Result = new StatusCodeResult(StatusCodes.Status400BadRequest);
        }
    }

    public void OnActionExecuted(ActionExecutedContext context)
    {
    }

    /// <summary>A list of ids (checked boxes of people or entries) holding something that is not a number: no page sends that.</summary>
    private static bool CraftedIds(ActionExecutingContext context) =>
        context.HttpContext.Request.Method == HttpMethods.Post
        && context.ActionDescriptor.Parameters.Any(p => (p.ParameterType == typeof(List<int>) || p.ParameterType == typeof(int[]))
            && context.ModelState.TryGetValue(p.Name, out var entry) && entry.Errors.Count > 0);
}

/// <summary>The framework's own messages for values it cannot read, in the person's language (never its English).</summary>
public sealed class LocalizedBindingMessages(IStringLocalizer<SharedResource> t) : IConfigureOptions<MvcOptions>
{
    public void Configure(MvcOptions options)
    {
        var messages = options.ModelBindingMessageProvider;
        messages.SetAttemptedValueIsInvalidAccessor((_, _) => t["This value is not valid."]);
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(_ => t["This value is not valid."]);
        messages.SetUnknownValueIsInvalidAccessor(_ => t["This value is not valid."]);
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => t["This value is not valid."]);
        messages.SetValueIsInvalidAccessor(_ => t["This value is not valid."]);
        messages.SetValueMustBeANumberAccessor(_ => t["Enter a number."]);
        messages.SetNonPropertyValueMustBeANumberAccessor(() => t["Enter a number."]);
        messages.SetValueMustNotBeNullAccessor(_ => t["Enter a value."]);
        messages.SetMissingBindRequiredValueAccessor(_ => t["Enter a value."]);
        messages.SetMissingKeyOrValueAccessor(() => t["Enter a value."]);
        messages.SetMissingRequestBodyRequiredValueAccessor(() => t["Enter a value."]);
    }
}
