using System.Security.Claims;
using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;

namespace Birge.Web.Features.Pictures;

/// <summary>Uploading and removing logos and photos (multipart), and serving pictures to everyone.</summary>
public static class PicturesApi
{
    /// <summary>A picture's bytes never change under its address: browsers and proxies may keep it a year.</summary>
    public const string CacheControl = "public, max-age=31536000, immutable";

    public static IEndpointRouteBuilder MapPicturesApi(this IEndpointRouteBuilder app)
    {
        var organizations = app.MapGroup("/api/v1/organizations").WithTags("Organizations")
            .RequireAuthorization(Policies.OrganizationMember);
        // Bearer tokens only (no cookies) on the API: no cross-site request can carry them, so no antiforgery token. The
        // handler reads the form itself: a form parameter would make routing answer 415 to a stranger before authorisation.
        organizations.MapPut("/{organizationId:guid}/logo", (Guid organizationId, HttpRequest request, ClaimsPrincipal user, PictureUploads uploads, ApiProblems problems, CancellationToken cancellationToken) =>
                PutAsync(PictureSubject.OrganizationLogo, organizationId, request, user, uploads, problems, cancellationToken))
            .DisableAntiforgery()
            .AddOpenApiOperationTransformer(DescribeUpload)
            .WithSummary("The owner or a coordinator uploads the organisation's logo (JPEG, PNG or WebP, at most 5 MB), replacing any earlier one")
            .WithName("putOrganizationLogo").ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status422UnprocessableEntity);
        organizations.MapDelete("/{organizationId:guid}/logo", (Guid organizationId, PictureUploads uploads, ApiProblems problems, CancellationToken cancellationToken) =>
                DeleteAsync(PictureSubject.OrganizationLogo, organizationId, uploads, problems, cancellationToken))
            .WithSummary("The owner or a coordinator removes the organisation's logo")
            .WithName("deleteOrganizationLogo").ProducesProblems(StatusCodes.Status404NotFound);

        var opportunities = app.MapGroup("/api/v1/opportunities").WithTags("Opportunities")
            .RequireAuthorization(Policies.OrganizationMember);
        opportunities.MapPut("/{opportunityId:guid}/photo", (Guid opportunityId, HttpRequest request, ClaimsPrincipal user, PictureUploads uploads, ApiProblems problems, CancellationToken cancellationToken) =>
                PutAsync(PictureSubject.OpportunityPhoto, opportunityId, request, user, uploads, problems, cancellationToken))
            .DisableAntiforgery()
            .AddOpenApiOperationTransformer(DescribeUpload)
            .WithSummary("The organisation's owner or a coordinator uploads the opportunity's photo (JPEG, PNG or WebP, at most 5 MB), replacing any earlier one")
            .WithName("putOpportunityPhoto").ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status422UnprocessableEntity);
        opportunities.MapDelete("/{opportunityId:guid}/photo", (Guid opportunityId, PictureUploads uploads, ApiProblems problems, CancellationToken cancellationToken) =>
                DeleteAsync(PictureSubject.OpportunityPhoto, opportunityId, uploads, problems, cancellationToken))
            .WithSummary("The organisation's owner or a coordinator removes the opportunity's photo")
            .WithName("deleteOpportunityPhoto").ProducesProblems(StatusCodes.Status404NotFound);

        app.MapGet("/pictures/{pictureId:guid}/{version}", ServeAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<Results<Ok<PictureItem>, ProblemHttpResult>> PutAsync(
        PictureSubject subject, Guid ownerId, HttpRequest request, ClaimsPrincipal user, PictureUploads uploads, ApiProblems problems, CancellationToken cancellationToken)
    {
        if (await uploads.OwnerAsync(subject, ownerId, cancellationToken) is not { } owner)
        {
            return problems.Refusal(ErrorCodes.NotFound);
        }

        if (!request.HasFormContentType)
        {
            return problems.Refusal(ErrorCodes.UnsupportedMediaType);
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException)
        {
            // A broken multipart body.
            return problems.Refusal(ErrorCodes.BadRequest);
        }

        var upload = await Upload.ReadAsync(form.Files.GetFile("file"), cancellationToken);
        var alt = new LocalizedText(form["altKk"].FirstOrDefault(), form["altRu"].FirstOrDefault(), form["altEn"].FirstOrDefault());
        var result = await uploads.UploadAsync(owner, upload, alt, Scopes.AccountId(user)!.Value, cancellationToken);
        return result.Value is { } picture ? TypedResults.Ok(PictureItem.From(picture)) : problems.Refusal(result);
    }

    /// <summary>The multipart body the handler reads itself, for the API document.</summary>
    private static Task DescribeUpload(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var text = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = Picture.MaxAltLength };
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["multipart/form-data"] = new()
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { "file", "altKk" },
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "JPEG, PNG or WebP, at most 5 MB and 50 megapixels" },
                            ["altKk"] = text,
                            ["altRu"] = text,
                            ["altEn"] = text,
                        },
                    },
                },
            },
        };
        return Task.CompletedTask;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        PictureSubject subject, Guid ownerId, PictureUploads uploads, ApiProblems problems, CancellationToken cancellationToken) =>
        await uploads.OwnerAsync(subject, ownerId, cancellationToken) is { } owner && await uploads.RemoveAsync(owner, cancellationToken)
            ? TypedResults.NoContent()
            : problems.Refusal(ErrorCodes.NotFound);

    private static async Task<IResult> ServeAsync(Guid pictureId, string version, HttpContext http, BirgeDb db, CancellationToken cancellationToken)
    {
        var picture = await db.Pictures.AsNoTracking().Where(p => p.Id == pictureId && p.Version == version)
            .Select(p => new { p.Bytes, p.ContentType }).FirstOrDefaultAsync(cancellationToken);
        if (picture is null)
        {
            return TypedResults.NotFound();
        }

        http.Response.Headers.CacheControl = CacheControl;
        return TypedResults.File(picture.Bytes, picture.ContentType, entityTag: new EntityTagHeaderValue($"\"{version}\""));
    }
}

/// <summary>A stored picture as the API shows it.</summary>
public sealed record PictureItem(Guid Id, string Url, string ContentType, int Width, int Height, Dictionary<string, string> Alt)
{
    public static PictureItem From(Picture p) => new(p.Id, p.Url, p.ContentType, p.Width, p.Height, p.Alt.ToDictionary());
}

/// <summary>An uploaded file: its bytes, read only when it is small enough to be a picture, and its length.</summary>
public sealed record Upload(byte[] Bytes, long Length)
{
    public static async Task<Upload> ReadAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0 || file.Length > Picture.MaxUploadBytes)
        {
            return new Upload([], file?.Length ?? 0);
        }

        using var memory = new MemoryStream((int)file.Length);
        await file.CopyToAsync(memory, cancellationToken);
        return new Upload(memory.ToArray(), file.Length);
    }
}
