using Birge.Web.Domain;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Birge.Web.Infrastructure;

/// <summary>RFC 9457 problem details with a stable <c>code</c> and messages in the request's language.</summary>
public sealed class ApiProblems(IStringLocalizer<SharedResource> localizer)
{
    public ProblemHttpResult Problem(int status, string code)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Title = localizer["Error_" + code],
            Type = $"https://birge.kz/problems/{code}",
        };
        problem.Extensions["code"] = code;
        return TypedResults.Problem(problem);
    }

    /// <summary>422 with every field's messages; <c>code</c> is the first refusal's.</summary>
    public ProblemHttpResult Validation(IReadOnlyList<FieldError> errors, int status = StatusCodes.Status422UnprocessableEntity)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Title = localizer["Error_validation"],
            Type = $"https://birge.kz/problems/{errors[0].Code}",
        };
        problem.Extensions["code"] = errors[0].Code;
        problem.Extensions["errors"] = errors
            .GroupBy(e => e.Field)
            .ToDictionary(g => g.Key, g => g.Select(e => localizer[e.Message].Value).ToArray());
        return TypedResults.Problem(problem);
    }

    /// <summary>
    /// Problems written by the framework (unhandled exceptions, bad JSON) get a <c>code</c> and a title in the
    /// request's language like ours.
    /// </summary>
    public static void Complete(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Extensions.ContainsKey("code"))
        {
            return;
        }

        var code = CodeFor(problem.Status ?? StatusCodes.Status500InternalServerError);
        var localizer = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        problem.Extensions["code"] = code;
        problem.Title = localizer["Error_" + code];
        problem.Type = $"https://birge.kz/problems/{code}";
        problem.Detail = null;
    }

    /// <summary>Codes for responses that carry no body of their own (401 from the auth handler, 404 for no route…).</summary>
    public static string CodeFor(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "bad_request",
        StatusCodes.Status401Unauthorized => "unauthorized",
        StatusCodes.Status403Forbidden => "forbidden",
        StatusCodes.Status404NotFound => "not_found",
        StatusCodes.Status405MethodNotAllowed => "method_not_allowed",
        StatusCodes.Status413PayloadTooLarge => ErrorCodes.RequestTooLarge,
        StatusCodes.Status415UnsupportedMediaType => "unsupported_media_type",
        StatusCodes.Status429TooManyRequests => "rate_limited",
        _ => "server_error",
    };
}
