using System.Reflection;
using Birge.Web.Domain;

namespace Birge.Web.Infrastructure;

/// <summary>
/// The one table of error code → HTTP status every API endpoint answers by, read from the codes' declarations
/// (<see cref="ErrorCodeGroupAttribute"/> classes: <see cref="ErrorCodes"/> and each feature's <c>…Errors</c>).
/// </summary>
public static class ErrorStatuses
{
    private static readonly Lazy<Table> Declared = new(Read);

    /// <summary>Every declared code with its group and the field that declares it.</summary>
    public static IReadOnlyList<(Type Group, FieldInfo Field, string Code)> Codes => Declared.Value.Codes;

    /// <summary>The status of a refusal with <paramref name="code"/> by the endpoint named <paramref name="operation"/>.</summary>
    public static int Of(string code, string? operation = null)
    {
        var table = Declared.Value;
        if (operation is not null && table.ByOperation.TryGetValue((code, operation), out var pinned))
        {
            return pinned;
        }

        return table.Statuses.TryGetValue(code, out var status)
            ? status
            : throw new InvalidOperationException($"The error code '{code}' has no HTTP status: declare it with [HttpStatus] in its feature's …Errors class.");
    }

    /// <summary>The code of a response that has no body of its own (401 from the auth handler, 404 for no route…).</summary>
    public static string CodeFor(int status) => status switch
    {
        StatusCodes.Status400BadRequest => ErrorCodes.BadRequest,
        StatusCodes.Status401Unauthorized => ErrorCodes.Unauthorized,
        StatusCodes.Status403Forbidden => ErrorCodes.Forbidden,
        StatusCodes.Status404NotFound => ErrorCodes.NotFound,
        StatusCodes.Status405MethodNotAllowed => ErrorCodes.MethodNotAllowed,
        StatusCodes.Status413PayloadTooLarge => ErrorCodes.RequestTooLarge,
        StatusCodes.Status415UnsupportedMediaType => ErrorCodes.UnsupportedMediaType,
        StatusCodes.Status429TooManyRequests => ErrorCodes.RateLimited,
        StatusCodes.Status503ServiceUnavailable => ErrorCodes.Unavailable,
        _ => ErrorCodes.ServerError,
    };

    private static Table Read()
    {
        var codes = typeof(ErrorStatuses).Assembly.GetTypes()
            .Where(t => t.GetCustomAttribute<ErrorCodeGroupAttribute>() is not null)
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral && f.FieldType == typeof(string))
                .Select(f => (Group: t, Field: f, Code: (string)f.GetRawConstantValue()!)))
            .OrderBy(c => c.Code, StringComparer.Ordinal)
            .ToList();
        var statuses = new Dictionary<string, int>(StringComparer.Ordinal);
        var byOperation = new Dictionary<(string, string), int>();
        foreach (var (_, field, code) in codes)
        {
            foreach (var status in field.GetCustomAttributes<HttpStatusAttribute>())
            {
                if (status.Operation is { } operation)
                {
                    byOperation[(code, operation)] = status.Status;
                }
                else
                {
                    statuses.TryAdd(code, status.Status);
                }
            }
        }

        return new Table(codes, statuses, byOperation);
    }

    private sealed record Table(
        IReadOnlyList<(Type Group, FieldInfo Field, string Code)> Codes,
        Dictionary<string, int> Statuses,
        Dictionary<(string Code, string Operation), int> ByOperation);
}
