using System.Security.Claims;
using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Organizations;

/// <summary>Organisations: registration, the fair (directory and public profiles) and coordinator invitations.</summary>
public static class OrganizationsApi
{
    public static IEndpointRouteBuilder MapOrganizationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/organizations").WithTags("Organizations").RequireAuthorization(Policies.Account);
        api.MapPost("", CreateAsync).RequireAuthorization(Policies.Account)
            .WithSummary("Register an organisation; the caller becomes its owner")
            .WithName("createOrganization").ProducesProblems(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        api.MapGet("", ListAsync).AllowAnonymous()
            .WithSummary("The fair of organisations: verified ones by region, direction and text; other statuses for front-office staff of their regions")
            .WithName("listOrganizations").ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/{organizationId:guid}", GetAsync).AllowAnonymous()
            .WithSummary("An organisation's public profile")
            .WithName("getOrganization");
        api.MapPost("/{organizationId:guid}/invitations", InviteAsync).RequireAuthorization(Policies.OrganizationOwner)
            .WithSummary("The owner invites an existing account (by e-mail or phone) to coordinate")
            .WithName("inviteCoordinator").ProducesProblems(StatusCodes.Status422UnprocessableEntity);
        api.MapDelete("/{organizationId:guid}/invitations/{invitationId:guid}", RevokeAsync).RequireAuthorization(Policies.OrganizationOwner)
            .WithSummary("The owner revokes an open invitation")
            .WithName("revokeInvitation");
        return app;
    }

    private static async Task<Results<Created<CreatedOrganization>, ProblemHttpResult>> CreateAsync(
        CreateOrganizationRequest request, ClaimsPrincipal user, OrganizationRegistration registration, ApiProblems problems, CancellationToken cancellationToken)
    {
        var input = new OrganizationInput
        {
            Name = request.Name,
            Bin = request.Bin,
            LegalForm = request.LegalForm,
            RegionKato = request.RegionKato,
            Address = request.Address,
            Directions = request.Directions ?? [],
            DescriptionKk = request.Description?.Kk,
            DescriptionRu = request.Description?.Ru,
            DescriptionEn = request.Description?.En,
            Email = request.Email,
            Phone = request.Phone,
            Website = request.Website,
        };
        var result = await registration.RegisterAsync(input, Scopes.AccountId(user)!.Value, cancellationToken);
        if (result.Value is not { } organization)
        {
            // A bad BIN is the refusal partners look for first.
            return result.Errors.Count > 0
                ? problems.Validation([.. result.Errors.OrderBy(e => e.Code == OrganizationErrors.BinInvalid ? 0 : 1)])
                : problems.Refusal(result);
        }

        return TypedResults.Created($"/api/v1/organizations/{organization.Id}", new CreatedOrganization(organization.Id, organization.Status.ApiName()));
    }

    private static async Task<Results<Ok<OrganizationPage>, ProblemHttpResult>> ListAsync(
        string? region,
        string? direction,
        string? q,
        string? status,
        int? page,
        int? pageSize,
        ClaimsPrincipal user,
        OrganizationDirectory directory,
        Scopes scopes,
        ApiProblems problems,
        CancellationToken cancellationToken)
    {
        var wanted = string.IsNullOrWhiteSpace(status) ? OrganizationStatus.Verified : OrganizationStatusNames.Parse(status);
        if (wanted is null)
        {
            return problems.Validation("status", ErrorCodes.ValueInvalid);
        }

        IReadOnlySet<string>? regions = null;
        if (wanted != OrganizationStatus.Verified)
        {
            // Organisations not yet (or no longer) public: only the front offices that moderate them see them.
            regions = await scopes.StaffRegionsAsync(user, cancellationToken);
            if (regions is { Count: 0 })
            {
                return problems.Refusal(ErrorCodes.Forbidden);
            }
        }

        var query = new DirectoryQuery(q, region, direction, wanted.Value, OrganizationDirectory.ClampPage(page), OrganizationDirectory.ClampPageSize(pageSize), regions);
        var (items, total) = await directory.SearchAsync(query, cancellationToken);
        return TypedResults.Ok(new OrganizationPage([.. items.Select(OrganizationItem.From)], total, query.Page, query.PageSize));
    }

    private static async Task<Results<Ok<OrganizationProfile>, ProblemHttpResult>> GetAsync(
        Guid organizationId, ClaimsPrincipal user, OrganizationDirectory directory, ApiProblems problems, CancellationToken cancellationToken)
    {
        var organization = await directory.ProfileAsync(organizationId, user, cancellationToken);
        return organization is null
            ? problems.Refusal(ErrorCodes.NotFound)
            : TypedResults.Ok(OrganizationProfile.From(organization));
    }

    private static async Task<Results<Created<CreatedInvitation>, ProblemHttpResult>> InviteAsync(
        Guid organizationId,
        InvitationRequest request,
        ClaimsPrincipal user,
        BirgeDb db,
        CoordinatorInvitations invitations,
        ApiProblems problems,
        CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.FirstOrDefaultAsync(o => o.Id == organizationId, cancellationToken);
        if (organization is null)
        {
            return problems.Refusal(ErrorCodes.NotFound);
        }

        var result = await invitations.InviteAsync(organization, request.Email, request.Phone, Scopes.AccountId(user)!.Value, cancellationToken);
        return result.Value is { } invitation
            ? TypedResults.Created($"/api/v1/organizations/{organizationId}/invitations/{invitation.Id}", new CreatedInvitation(invitation.Id))
            : problems.Refusal(result);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        Guid organizationId, Guid invitationId, CoordinatorInvitations invitations, ApiProblems problems, CancellationToken cancellationToken) =>
        await invitations.RevokeAsync(organizationId, invitationId, cancellationToken)
            ? TypedResults.NoContent()
            : problems.Refusal(ErrorCodes.NotFound);
}

public sealed record LocalizedTextRequest(string? Kk = null, string? Ru = null, string? En = null);

public sealed record CreateOrganizationRequest(
    string? Name,
    string? Bin,
    string? RegionKato,
    List<string>? Directions,
    LocalizedTextRequest? Description = null,
    string? LegalForm = null,
    string? Address = null,
    string? Email = null,
    string? Phone = null,
    string? Website = null);

public sealed record CreatedOrganization(Guid Id, string Status);

public sealed record InvitationRequest(string? Email = null, string? Phone = null);

public sealed record CreatedInvitation(Guid Id);

public sealed record OrganizationItem(
    Guid Id,
    string Name,
    string Bin,
    string RegionKato,
    IReadOnlyList<string> Directions,
    string Description,
    IReadOnlyDictionary<string, string> Descriptions,
    string? Website,
    string Status)
{
    public static OrganizationItem From(Organization o) =>
        new(o.Id, o.Name, o.Bin, o.RegionKato, o.Directions, o.Description.Resolve(), o.Description.ToDictionary(), o.Website, o.Status.ApiName());
}

public sealed record OrganizationPage(IReadOnlyList<OrganizationItem> Items, int Total, int Page, int PageSize);

public sealed record OrganizationProfile(
    Guid Id,
    string Name,
    string Bin,
    string LegalForm,
    string RegionKato,
    string? Address,
    IReadOnlyList<string> Directions,
    string Description,
    IReadOnlyDictionary<string, string> Descriptions,
    string? Email,
    string? Phone,
    string? Website,
    string Status,
    string? StatusReason)
{
    public static OrganizationProfile From(Organization o) => new(
        o.Id,
        o.Name,
        o.Bin,
        o.LegalForm,
        o.RegionKato,
        o.Address,
        o.Directions,
        o.Description.Resolve(),
        o.Description.ToDictionary(),
        o.Email,
        o.Phone,
        o.Website,
        o.Status.ApiName(),
        o.IsVerified ? null : o.StatusReason);
}
