using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Birge.Web.Infrastructure;

/// <summary>
/// Refuses (400 bad_request, or the 400 page) a request whose path, query string, form or JSON body holds the NUL
/// character. No text Birge keeps may contain it, and PostgreSQL refuses to store or even compare it, which would
/// otherwise surface as a 500 from deep inside whichever query first met it.
/// </summary>
public static class NulCharacters
{
    public static IApplicationBuilder UseNulRefusal(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is null && await HasNulAsync(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        await next(context);
    });

    private static async Task<bool> HasNulAsync(HttpRequest request)
    {
        if (request.Path.Value?.Contains('\0', StringComparison.Ordinal) == true
            || request.Query.Any(q => Nul(q.Key) || q.Value.Any(Nul)))
        {
            return true;
        }

        try
        {
            if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
                return form.Any(f => Nul(f.Key) || f.Value.Any(Nul));
            }

            if (request.HasJsonContentType())
            {
                // Buffered, so the endpoint reads the same body after this look at its strings.
                request.EnableBuffering();
                using var body = new MemoryStream();
                await request.Body.CopyToAsync(body, request.HttpContext.RequestAborted);
                request.Body.Position = 0;
                return JsonHasNul(body.GetBuffer().AsSpan(0, (int)body.Length));
            }
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException)
        {
            // A form or body that cannot be read is refused where it is read, as before.
        }

        return false;
    }

    private static bool JsonHasNul(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName
                    && (reader.ValueIsEscaped ? Nul(reader.GetString()) : reader.ValueSpan.IndexOf((byte)0) >= 0))
                {
                    return true;
                }
            }
        }
        catch (JsonException)
        {
            // Malformed JSON is the endpoint's 400 to give.
        }

        return false;
    }

    private static bool Nul(string? text) => text?.Contains('\0', StringComparison.Ordinal) == true;
}
