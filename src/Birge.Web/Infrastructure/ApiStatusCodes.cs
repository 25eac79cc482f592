using Microsoft.AspNetCore.Diagnostics;

namespace Birge.Web.Infrastructure;

/// <summary>Gives a problem body with a <c>code</c> to API responses that have none (401, 403, 404, 429…).</summary>
public static class ApiStatusCodes
{
    public static async Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var problems = http.RequestServices.GetRequiredService<ApiProblems>();
        var result = problems.ForStatus(http.Response.StatusCode);
        await result.ExecuteAsync(http);
    }
}
