using Scalar.AspNetCore;

namespace Birge.Web.Infrastructure;

/// <summary>
/// The interactive API reference (Scalar) at <c>/scalar</c>, reading <c>/openapi/v1.json</c>. Everything it loads
/// comes from the app itself: its script is served from the package, fonts are the system's, and nothing is reported
/// anywhere; its own Content-Security-Policy (<see cref="SecurityHeaders"/>) keeps it that way. Anonymous, like the
/// document it reads.
/// </summary>
public static class ApiReference
{
    public const string Path = "/scalar";

    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder app)
    {
        app.MapScalarApiReference(Path, o => o
                .WithTitle("Birge API")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp())
            .AllowAnonymous()

            // The page writes the document's name from its URL into its inline script (which its own CSP has to
            // allow): only the one document there is, never whatever a visitor typed.
            .AddEndpointFilter((context, next) => context.HttpContext.GetRouteValue("documentName") is null or "v1"
                ? next(context)
                : ValueTask.FromResult<object?>(Results.NotFound()));
        return app;
    }
}
