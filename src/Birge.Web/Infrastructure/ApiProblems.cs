using Birge.Web.Domain;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Birge.Web.Infrastructure;

/// <summary>
/// RFC 9457 problem details with a stable <c>code</c> and messages in the request's language, the one way API
/// endpoints refuse: a refusal of input fields is 422 with <c>errors</c>; any other refusal takes its code's status from
/// <see cref="ErrorStatuses"/>.
/// </summary>
public sealed class ApiProblems(IStringLocalizer<SharedResource> localizer, IHttpContextAccessor http)
{
    public ProblemHttpResult Refusal(Outcome outcome) =>
        outcome.Refusal is { } refusal ? Refusal(refusal) : throw new InvalidOperationException("The outcome is not a refusal.");

    public ProblemHttpResult Refusal(Refusal refusal) =>
        refusal.IsInvalidInput ? Validation(refusal.Errors) : Refusal(refusal.Code);

    /// <summary>The request refused as a whole, with its code's status.</summary>
    public ProblemHttpResult Refusal(string code)
    {
        var operation = http.HttpContext?.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
        return Problem(ErrorStatuses.Of(code, operation), code);
    }

    /// <summary>422 with every field's messages; <c>code</c> is the first refusal's.</summary>
    public ProblemHttpResult Validation(IReadOnlyList<FieldError> errors)
    {
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = localizer["Error_validation"],
            Type = $"https://birge.kz/problems/{errors[0].Code}",
        };
        problem.Extensions["code"] = errors[0].Code;
        problem.Extensions["errors"] = errors
            .GroupBy(e => e.Field)
            .ToDictionary(g => g.Key, g => g.Select(e => localizer[e.Message].Value).ToArray());
        return TypedResults.Problem(problem);
    }

    public ProblemHttpResult Validation(string field, string code) => Validation([new FieldError(field, code)]);

    /// <summary>The problem for a response that has no body of its own (401, 403, 404, 429…).</summary>
    public ProblemHttpResult ForStatus(int status) => Problem(status, ErrorStatuses.CodeFor(status));

    /// <summary>
    /// Problems written by the framework (unhandled exceptions, bad JSON) get a <c>code</c> and a title in the
    /// request's language like ours.
    /// </summary>
    public static void Complete(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            context.HttpContext.Response.Headers.RetryAfter = DatabaseUnavailable.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (problem.Extensions.ContainsKey("code"))
        {
            return;
        }

        var code = ErrorStatuses.CodeFor(problem.Status ?? StatusCodes.Status500InternalServerError);
        var localizer = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        problem.Extensions["code"] = code;
        problem.Title = localizer["Error_" + code];
        problem.Type = $"https://birge.kz/problems/{code}";
        problem.Detail = null;
    }

    private ProblemHttpResult Problem(int status, string code)
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
}
