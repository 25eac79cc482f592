using Birge.Web.Domain;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Birge.Web.Infrastructure;

/// <summary>
/// The one way pages put a refusal next to its field (shown by the <c>&lt;field&gt;</c> tag helper and the error
/// summary): the message is <c>Error_{code}</c> in the request's language. Use-case fields are the API's names
/// ("birthDate"), which become the form's ("Input.BirthDate").
/// </summary>
public static class PageErrors
{
    /// <summary>A refusal the page found itself; <paramref name="key"/> "" puts it in the summary only.</summary>
    public static void AddError(this ModelStateDictionary modelState, string key, string code, IStringLocalizer localizer) =>
        modelState.AddModelError(key, localizer["Error_" + code]);

    /// <summary>A use case's refusal: each refused field next to its input, a refusal of the whole at its field or in the summary.</summary>
    public static void AddRefusal(
        this ModelStateDictionary modelState,
        Outcome outcome,
        IStringLocalizer localizer,
        IReadOnlyDictionary<string, string>? renames = null,
        string prefix = "Input")
    {
        if (outcome.Refusal is { } refusal)
        {
            modelState.AddRefusal(refusal, localizer, renames, prefix);
        }
    }

    public static void AddRefusal(
        this ModelStateDictionary modelState,
        Refusal refusal,
        IStringLocalizer localizer,
        IReadOnlyDictionary<string, string>? renames = null,
        string prefix = "Input")
    {
        if (!refusal.IsInvalidInput)
        {
            modelState.AddModelError(Key(refusal.Field, renames, prefix), localizer["Error_" + refusal.Code]);
            return;
        }

        modelState.AddFieldErrors(refusal.Errors, localizer, renames, prefix);
    }

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
            modelState.AddModelError(Key(error.Field, renames, prefix), localizer[error.Message]);
        }
    }

    private static string Key(string? apiField, IReadOnlyDictionary<string, string>? renames, string prefix)
    {
        if (string.IsNullOrEmpty(apiField))
        {
            return "";
        }

        // "shifts[1].capacity" is "Input.Shifts[1].Capacity".
        var renamed = renames?.GetValueOrDefault(apiField) ?? apiField;
        if (renamed.Length == 0)
        {
            return "";
        }

        var field = string.Join('.', renamed.Split('.').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
        return prefix.Length == 0 ? field : $"{prefix}.{field}";
    }
}
