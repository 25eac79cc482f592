namespace Birge.Web.Infrastructure;

/// <summary>
/// Headers every response carries: no inline scripts, no framing, no sniffing, no referrer leaks; and
/// <c>Cache-Control: no-store</c> on every answer to a signed-in person (pages and API) and on one-time links.
/// Static files (served before authentication) and public answers to anonymous visitors stay cacheable.
/// </summary>
public static class SecurityHeaders
{
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    /// <summary>
    /// The API reference (<see cref="ApiReference"/>) starts itself with an inline script and styles itself inline;
    /// it still loads, connects to and reports to nothing but this site.
    /// </summary>
    private const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; form-action 'self'; frame-ancestors 'none'; " +
        "base-uri 'self'; object-src 'none'";

    /// <summary>Pages opened from links with a token or code, which show who the link is for.</summary>
    private static readonly string[] OneTimeLinks =
        ["/account/confirm", "/account/reset-password", "/parent-consent", "/invitations/accept", "/verify", "/api/v1/certificates"];

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments(ApiReference.Path) ? ApiReferencePolicy : ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            // Links in e-mails carry one-time tokens: never pass a URL on to another site.
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(self), geolocation=(self), microphone=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            // Pictures are public and never change under their address (they set their own long cache).
            if (context.Request.Path.StartsWithSegments("/pictures"))
            {
                return Task.CompletedTask;
            }

            if (context.User.Identity?.IsAuthenticated == true || OneTimeLinks.Any(p => context.Request.Path.StartsWithSegments(p)))
            {
                // Personal: never kept by a browser's cache or a proxy.
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
            }

            return Task.CompletedTask;
        });
        await next(context);
    });
}
