using Birge.Web.Domain;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;

namespace Birge.Web.Infrastructure;

/// <summary>Limits on what a request may be, checked before anything else reads it.</summary>
public static class RequestLimits
{
    /// <summary>
    /// API bodies up to 1 MB. The largest real ones: an opportunity with its 200 shifts and every text at its longest
    /// in three languages (about 400 KB when the client escapes Cyrillic as <c>\u04D9</c>), or the hours of a full
    /// shift of 10,000 volunteers (about 650 KB). Forms keep ASP.NET's own limits.
    /// </summary>
    public const int ApiBodyBytes = 1024 * 1024;

    /// <summary>
    /// Form bodies (picture uploads): room for a picture a little over its 5 MB, so that one is refused with its own
    /// translated message; anything bigger is refused here.
    /// </summary>
    public const int ApiUploadBytes = 8 * 1024 * 1024;

    /// <summary>A bigger API body is refused with 413 and the problem <c>request_too_large</c>, nothing read or stored.</summary>
    public static IApplicationBuilder UseApiBodyLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        var limit = request.HasFormContentType ? ApiUploadBytes : ApiBodyBytes;
        if (request.ContentLength > limit)
        {
            await RefuseAsync(context);
            return;
        }

        // The server (Kestrel) enforces it too, for anything that reads further.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        if (request.ContentLength is null && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)
            && context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody != false)
        {
            // No length given (chunked): read at most one byte more than allowed before the endpoint sees it.
            var buffer = new MemoryStream();
            context.Response.RegisterForDispose(buffer);
            try
            {
                var chunk = new byte[16 * 1024];
                int read;
                while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
                {
                    buffer.Write(chunk, 0, read);
                    if (buffer.Length > limit)
                    {
                        await RefuseAsync(context);
                        return;
                    }
                }
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                await RefuseAsync(context);
                return;
            }

            buffer.Position = 0;
            request.Body = buffer;
        }

        await next(context);
    });

    /// <summary>TRACE and TRACK echo a request, cookies included, back to the caller: 405 on every path.</summary>
    public static IApplicationBuilder UseNoTrace(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var method = context.Request.Method;
        if ((HttpMethods.IsTrace(method) || string.Equals(method, "TRACK", StringComparison.OrdinalIgnoreCase))
            && context.Features.Get<IStatusCodeReExecuteFeature>() is null)
        {
            // The status code pages write the problem (API) or the error page.
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return Task.CompletedTask;
        }

        return next(context);
    });

    private static Task RefuseAsync(HttpContext context) =>
        context.RequestServices.GetRequiredService<ApiProblems>()
            .Refusal(ErrorCodes.RequestTooLarge)
            .ExecuteAsync(context);
}
