using System.Globalization;
using System.Text.Encodings.Web;
using Birge.Web.Domain;
using Birge.Web.Localization;
using Microsoft.Extensions.Localization;

namespace Birge.Web.Infrastructure;

/// <summary>
/// With <c>Security:RequireHttps</c> (the default outside Development) cookies are sent only over HTTPS and
/// antiforgery refuses plain HTTP, which used to give an empty 500 on every page. A request that did not come over
/// HTTPS (directly, or through a trusted proxy's <c>X-Forwarded-Proto</c>) is answered before anything needs a cookie:
/// a page read (GET, HEAD) is redirected (308) to the same address at <c>Birge:PublicUrl</c> when that is https;
/// anything else, the API, and requests that came through a proxy the app does not trust (redirecting those would loop)
/// get 403 with a page in the request's language, or the problem <c>https_required</c>. Health checks answer over
/// plain HTTP for the load balancer. HSTS (outside Development) is a year with subdomains; <c>Security:HstsPreload</c>
/// adds <c>preload</c> (docs/deploy.md).
/// </summary>
public static class HttpsOnly
{
    public static IServiceCollection AddHttpsOnly(this IServiceCollection services, IConfiguration configuration) =>
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
            o.Preload = configuration.GetValue("Security:HstsPreload", false);
        });

    public static IApplicationBuilder UseHttpsOnly(this IApplicationBuilder app, IConfiguration configuration)
    {
        if (!configuration.GetValue("Security:RequireHttps", true))
        {
            return app;
        }

        var publicUrl = Uri.TryCreate(configuration["Birge:PublicUrl"], UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps
            ? url.GetLeftPart(UriPartial.Path).TrimEnd('/')
            : null;
        return app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (request.IsHttps || request.Path.StartsWithSegments("/health"))
            {
                await next(context);
                return;
            }

            // A proxy that ended TLS said so, but it is not trusted (ForwardedHeaders): a redirect would come back here.
            var throughUntrustedProxy = request.Headers.ContainsKey("X-Forwarded-Proto");
            var isApi = request.Path.StartsWithSegments("/api");
            if (publicUrl is not null && !throughUntrustedProxy && !isApi && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)))
            {
                context.Response.StatusCode = StatusCodes.Status308PermanentRedirect;
                context.Response.Headers.Location = publicUrl + request.Path.ToUriComponent() + request.QueryString.ToUriComponent();
                return;
            }

            if (isApi)
            {
                await context.RequestServices.GetRequiredService<ApiProblems>()
                    .Refusal(ErrorCodes.HttpsRequired)
                    .ExecuteAsync(context);
                return;
            }

            await WritePageAsync(context);
        });
    }

    /// <summary>A page of its own: the site's layout has forms, whose antiforgery tokens need HTTPS.</summary>
    private static async Task WritePageAsync(HttpContext context)
    {
        var text = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        var html = HtmlEncoder.Default;
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(
            $"""
            <!DOCTYPE html>
            <html lang="{CultureInfo.CurrentUICulture.TwoLetterISOLanguageName}">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{html.Encode(text["HttpsRequired_Title"])}</title></head>
            <body>
            <main>
            <h1>{html.Encode(text["HttpsRequired_Title"])}</h1>
            <p>{html.Encode(text["HttpsRequired_Text"])}</p>
            <p>{html.Encode(text["HttpsRequired_Operators"])}</p>
            </main>
            </body>
            </html>
            """,
            context.RequestAborted);
    }
}
