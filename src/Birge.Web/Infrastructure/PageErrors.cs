using Birge.Web.Domain;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Birge.Web.Infrastructure;

public static class PageErrors
{
    /// <summary>Shows each refusal next to its field: API field "birthDate" is form field "Input.BirthDate".</summary>
    public static void AddFieldErrors(
        this ModelStateDictionary modelState,
        IEnumerable<FieldError> errors,
        IStringLocalizer localizer,
        IReadOnlyDictionary<string, string>? renames = null,
        string prefix = "Input")
    {
        foreach (var error in errors)
        {
            var apiField = renames?.GetValueOrDefault(error.Field) ?? error.Field;
            var field = char.ToUpperInvariant(apiField[0]) + apiField[1..];
            modelState.AddModelError($"{prefix}.{field}", localizer[error.Message]);
        }
    }
}
