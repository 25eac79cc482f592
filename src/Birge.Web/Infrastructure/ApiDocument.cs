using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace Birge.Web.Infrastructure;

/// <summary>
/// <c>/openapi/v1.json</c> as a client generator needs it. Every operation names its errors (problem details with a
/// stable <c>code</c>, <see cref="ProblemSchema"/>); the ones that follow from how an endpoint is mapped are added here
/// (400 for input that cannot be read, 401 and 403 from its policy, 404 for a path that names nothing, 429 from its
/// rate limit), the ones its logic returns are named where it is mapped (<see cref="ProducesProblems"/>). Operations
/// that need a signed-in caller carry the bearer scheme; anonymous ones say they need nothing, or that a token is
/// optional when they read the caller. In request bodies a
/// property is required only when the server refuses the request without it (optional ones have a default in C#), and
/// a required one is not nullable; responses list every property they always write, nullable where it may be null.
/// </summary>
public static class ApiDocument
{
    public const string BearerScheme = "bearer";
    public const string ProblemSchema = "Problem";
    public const string ProblemMediaType = "application/problem+json";

    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Accounts"] = "Sign-up, bearer tokens, the caller's account, their personal data and its deletion.",
        ["Reference data"] = "The regions (KATO codes) and directions every form uses.",
        ["Organizations"] = "Registration, the public fair of verified organisations, coordinator invitations.",
        ["Profile"] = "The volunteer's own profile.",
        ["Front offices"] = "The national and regional front offices: staff and verification of organisations.",
        ["Audit"] = "The audit log, for the national admin.",
        ["Opportunities"] = "Opportunities and their shifts: written by coordinators, searched by everyone.",
        ["Applications"] = "Applications to shifts, the waitlist and coordinators' rosters and decisions.",
        ["Attendance and hours"] = "Check-in codes, check-in and check-out, confirmed hours and disputes.",
        ["Volunteer book"] = "Confirmed hours, signed certificates and the public check of a certificate's code.",
    };

    public static IServiceCollection AddApiDocument(this IServiceCollection services) => services.AddOpenApi(o =>
    {
        o.AddOperationTransformer((operation, context, _) =>
        {
            DescribeRefusalsAndSecurity(operation, context);
            return Task.CompletedTask;
        });
        o.AddDocumentTransformer((document, _, _) =>
        {
            Describe(document);
            return Task.CompletedTask;
        });
    });

    /// <summary>The refusals an endpoint's own logic answers with, as problem details (404, 409, 422 …).</summary>
    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            builder.Produces(status);
        }

        return builder;
    }

    private static void DescribeRefusalsAndSecurity(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        var policies = metadata.OfType<IAuthorizeData>().ToList();
        var signedIn = !anonymous && policies.Count > 0;

        var statuses = new SortedSet<int>();
        var readsInput = description.ParameterDescriptions.Any(p => p.Source.Id is "Body" or "Query" or "Header" or "Form");
        if (readsInput)
        {
            statuses.Add(StatusCodes.Status400BadRequest);
        }

        if (signedIn)
        {
            statuses.Add(StatusCodes.Status401Unauthorized);
            if (policies.Any(p => p.Policy is not (null or Policies.Account) || p.Roles is not null))
            {
                statuses.Add(StatusCodes.Status403Forbidden);
            }
        }

        if (description.ParameterDescriptions.Any(p => p.Source.Id == "Path"))
        {
            statuses.Add(StatusCodes.Status404NotFound);
        }

        if (metadata.OfType<EnableRateLimitingAttribute>().Any())
        {
            statuses.Add(StatusCodes.Status429TooManyRequests);
        }

        operation.Responses ??= [];
        foreach (var status in operation.Responses.Keys.Select(k => int.TryParse(k, out var s) ? s : 0).Where(s => s is >= 400 and < 600))
        {
            statuses.Add(status);
        }

        foreach (var status in statuses)
        {
            operation.Responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse
            {
                Description = Refusal(status),
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [ProblemMediaType] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, context.Document) },
                },
            };
        }

        // Anonymous operations need nothing ({}); those that read the caller when there is one (a draft for its
        // organisation, pending organisations for staff) also take the token.
        var bearer = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] };
        operation.Security = signedIn ? [bearer]
            : ReadsCaller(metadata) ? [new OpenApiSecurityRequirement(), bearer]
            : [new OpenApiSecurityRequirement()];
    }

    private static bool ReadsCaller(IList<object> metadata) =>
        metadata.OfType<System.Reflection.MethodInfo>().Any(m => m.GetParameters().Any(p => p.ParameterType == typeof(System.Security.Claims.ClaimsPrincipal)));

    private static string Refusal(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "The request could not be read: malformed JSON, or a parameter of the wrong type (code bad_request)",
        StatusCodes.Status401Unauthorized => "No valid bearer token, or the login was refused (code names why)",
        StatusCodes.Status403Forbidden => "The caller may not do this (code forbidden, or why not)",
        StatusCodes.Status404NotFound => "Nothing of the kind with this id is visible to the caller (code not_found or more specific)",
        StatusCodes.Status409Conflict => "The request clashes with the current state (code names the clash)",
        StatusCodes.Status422UnprocessableEntity => "Refused by a rule: code names the first refusal, errors holds each field's messages in the request's language",
        StatusCodes.Status429TooManyRequests => "Too many attempts from this address: try again after Retry-After seconds (code rate_limited)",
        _ => "Refused (see code)",
    };

    private static void Describe(OpenApiDocument document)
    {
        document.Info.Title = "Birge API";
        document.Info.Description =
            "The national volunteer platform's API. Send Accept-Language (kk, ru, en) for names and messages; " +
            "authenticate with POST /api/v1/auth/token and then Authorization: Bearer <accessToken>. " +
            "Errors are RFC 9457 problem details with a stable `code`.";
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }

        document.Tags = new HashSet<OpenApiTag>(
            TagDescriptions.Select(t => new OpenApiTag { Name = t.Key, Description = t.Value }));
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The accessToken of POST /api/v1/auth/token (or /auth/refresh), valid for an hour.",
        };
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[ProblemSchema] = Problem();
        RequireValuesInRequests(document);
    }

    /// <summary>RFC 9457 problem details as <see cref="ApiProblems"/> writes them.</summary>
    private static OpenApiSchema Problem() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "RFC 9457 problem details: `code` is stable and machine-readable; `title` and the messages in `errors` are in the request's language.",
        Required = new HashSet<string> { "type", "title", "status", "code" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "https://birge.kz/problems/{code}" },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "e.g. iin_invalid, shift_full, not_found, rate_limited" },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "Validation refusals (422): each field's messages, e.g. \"shifts[0].startsAt\"",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
            ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String },
        },
    };

    /// <summary>
    /// In the schemas of request bodies (and the schemas they contain), a required property takes a value: the server
    /// reads null as missing and refuses it, so the type drops "null". Optional ones stay nullable.
    /// </summary>
    private static void RequireValuesInRequests(OpenApiDocument document)
    {
        var schemas = document.Components?.Schemas;
        if (schemas is null)
        {
            return;
        }

        var pending = new Queue<string>(
            (document.Paths?.Values.AsEnumerable() ?? []).SelectMany(p => p.Operations?.Values.AsEnumerable() ?? [])
                .SelectMany(o => o.RequestBody?.Content?.Values.AsEnumerable() ?? [])
                .SelectMany(m => References(m.Schema)));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (pending.TryDequeue(out var name))
        {
            if (!seen.Add(name) || !schemas.TryGetValue(name, out var found) || found is not OpenApiSchema schema)
            {
                continue;
            }

            foreach (var (property, value) in (schema.Properties ?? new Dictionary<string, IOpenApiSchema>()).ToList())
            {
                foreach (var reference in References(value))
                {
                    pending.Enqueue(reference);
                }

                if (schema.Required?.Contains(property) == true)
                {
                    schema.Properties![property] = WithoutNull(value);
                }
            }
        }
    }

    private static IOpenApiSchema WithoutNull(IOpenApiSchema schema)
    {
        if (schema is not OpenApiSchema own)
        {
            return schema;
        }

        if (own.OneOf is { Count: > 0 } oneOf && oneOf.Where(s => s.Type != JsonSchemaType.Null).ToList() is [var only])
        {
            return only;
        }

        if (own.Type is { } type)
        {
            own.Type = type & ~JsonSchemaType.Null;
        }

        return own;
    }

    private static IEnumerable<string> References(IOpenApiSchema? schema)
    {
        switch (schema)
        {
            case null:
                yield break;
            case OpenApiSchemaReference reference:
                if (reference.Reference.Id is { } id)
                {
                    yield return id;
                }

                yield break;
        }

        foreach (var inner in new[] { schema.Items, schema.AdditionalProperties }
            .Concat(schema.OneOf ?? []).Concat(schema.AnyOf ?? []).Concat(schema.AllOf ?? [])
            .Concat(schema.Properties?.Values ?? []))
        {
            foreach (var id in References(inner))
            {
                yield return id;
            }
        }
    }
}
