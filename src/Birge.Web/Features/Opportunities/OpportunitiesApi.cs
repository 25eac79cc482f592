using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Features.Organizations;
using Birge.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Opportunities;

/// <summary>Opportunities: coordinators write, publish and cancel them; anyone searches and reads the published ones.</summary>
public static class OpportunitiesApi
{
    public static IEndpointRouteBuilder MapOpportunitiesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/opportunities").WithTags("Opportunities").RequireAuthorization(Policies.Account);
        api.MapPost("", CreateAsync).RequireAuthorization(Policies.Account)
            .WithSummary("A coordinator of the body's organisation writes an opportunity with its shifts; it is saved as a draft")
            .WithName("createOpportunity").ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status422UnprocessableEntity);
        api.MapGet("", SearchAsync).AllowAnonymous().CacheOutput(SearchResults.Policy)
            .WithSummary("Published opportunities not yet over, by region, direction, dates (Kazakhstan days), text, distance, age and free seats; nearest first with lat/lon, else soonest")
            .WithName("searchOpportunities").ProducesProblems(StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/{opportunityId:guid}", GetAsync).AllowAnonymous()
            .WithSummary("An opportunity with its shifts and seats left; a draft only for its organisation")
            .WithName("getOpportunity");
        api.MapPut("/{opportunityId:guid}", UpdateAsync).RequireAuthorization(Policies.OrganizationMember)
            .WithSummary("Replaces the details and shifts: shifts with an id are changed, without one added, left out removed (not when someone applied); the organisation stays")
            .WithName("replaceOpportunity").ProducesProblems(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        api.MapPost("/{opportunityId:guid}/publish", PublishAsync).RequireAuthorization(Policies.OrganizationMember)
            .WithSummary("Publishes a draft; only a verified organisation may")
            .WithName("publishOpportunity").ProducesProblems(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        api.MapPost("/{opportunityId:guid}/cancel", CancelAsync).RequireAuthorization(Policies.OrganizationMember)
            .WithSummary("Cancels with a reason; every applicant is told and their applications are cancelled")
            .WithName("cancelOpportunity").ProducesProblems(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    private static async Task<Results<Created<CreatedOpportunity>, ProblemHttpResult>> CreateAsync(
        OpportunityRequest request,
        ClaimsPrincipal user,
        BirgeDb db,
        Scopes scopes,
        AuditLog audit,
        OpportunityEditor editor,
        ApiProblems problems,
        CancellationToken cancellationToken)
    {
        var organization = request.OrganizationId is { } organizationId
            ? await db.Organizations.FirstOrDefaultAsync(o => o.Id == organizationId, cancellationToken)
            : null;
        if (organization is null)
        {
            return problems.Validation("organizationId", ErrorCodes.ValueInvalid);
        }

        if (await scopes.OrganizationRoleAsync(user, organization.Id, cancellationToken) is null)
        {
            await audit.RecordDeniedAsync("POST /api/v1/opportunities", "organization", organization.Id.ToString(), organization.RegionKato, cancellationToken);
            return problems.Refusal(ErrorCodes.Forbidden);
        }

        var result = await editor.CreateAsync(organization, request.ToInput(), Scopes.AccountId(user)!.Value, cancellationToken);
        if (result.Value is not { } opportunity)
        {
            return problems.Refusal(result);
        }

        return TypedResults.Created(
            $"/api/v1/opportunities/{opportunity.Id}",
            new CreatedOpportunity(opportunity.Id, opportunity.Status.ApiName(), [.. opportunity.Shifts.OrderBy(s => s.StartsAt).Select(s => new CreatedShift(s.Id))]));
    }

    private static async Task<Results<Ok<OpportunityPage>, ProblemHttpResult>> SearchAsync(
        string? q,
        string? region,
        string? direction,
        DateOnly? from,
        DateOnly? to,
        double? lat,
        double? lon,
        double? radiusKm,
        int? age,
        bool? free,
        int? page,
        int? pageSize,
        ClaimsPrincipal user,
        OpportunitySearch search,
        ApiProblems problems,
        CancellationToken cancellationToken)
    {
        var query = new OpportunityQuery(q, region, direction, from, to, lat, lon, radiusKm, age, free ?? false, OpportunitySearch.ClampPage(page), OpportunitySearch.ClampPageSize(pageSize));
        var errors = search.Validate(query);
        if (errors.Count > 0)
        {
            return problems.Validation(errors);
        }

        var (items, total) = await search.SearchAsync(query, user, cancellationToken);
        return TypedResults.Ok(new OpportunityPage([.. items.Select(OpportunityItem.From)], total, query.Page, query.PageSize));
    }

    private static async Task<Results<Ok<OpportunityDetail>, ProblemHttpResult>> GetAsync(
        Guid opportunityId, ClaimsPrincipal user, OpportunitySearch search, ApiProblems problems, CancellationToken cancellationToken) =>
        await search.VisibleAsync(opportunityId, user, cancellationToken) is { } found
            ? TypedResults.Ok(OpportunityDetail.From(found.Opportunity, found.Organization))
            : problems.Refusal(ErrorCodes.NotFound);

    private static async Task<Results<Ok<OpportunityDetail>, ProblemHttpResult>> UpdateAsync(
        Guid opportunityId, OpportunityRequest request, OpportunityEditor editor, ApiProblems problems, CancellationToken cancellationToken)
    {
        if (await editor.FindAsync(opportunityId, cancellationToken) is not (var opportunity, var organization))
        {
            return problems.Refusal(ErrorCodes.NotFound);
        }

        var result = await editor.UpdateAsync(opportunity, organization.Name, request.ToInput(), cancellationToken);
        return result.Value is { } updated
            ? TypedResults.Ok(OpportunityDetail.From(updated, organization))
            : problems.Refusal(result);
    }

    private static async Task<Results<Ok<StatusResponse>, ProblemHttpResult>> PublishAsync(
        Guid opportunityId, OpportunityEditor editor, ApiProblems problems, CancellationToken cancellationToken)
    {
        if (await editor.FindAsync(opportunityId, cancellationToken) is not (var opportunity, var organization))
        {
            return problems.Refusal(ErrorCodes.NotFound);
        }

        var published = await editor.PublishAsync(opportunity, organization, cancellationToken);
        return published.Succeeded ? TypedResults.Ok(new StatusResponse(opportunity.Status.ApiName())) : problems.Refusal(published);
    }

    private static async Task<Results<Ok<StatusResponse>, ProblemHttpResult>> CancelAsync(
        Guid opportunityId, CancelRequest request, OpportunityEditor editor, ApiProblems problems, CancellationToken cancellationToken)
    {
        if (await editor.FindAsync(opportunityId, cancellationToken) is not (var opportunity, _))
        {
            return problems.Refusal(ErrorCodes.NotFound);
        }

        var cancelled = await editor.CancelAsync(opportunity, request.Reason, cancellationToken);
        return cancelled.Succeeded ? TypedResults.Ok(new StatusResponse(opportunity.Status.ApiName())) : problems.Refusal(cancelled);
    }
}

public sealed record ShiftRequest(DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, int? Capacity, Guid? Id = null, ShiftRoleRequest? Role = null, int? RepeatWeekly = null);

/// <summary>
/// A shift's role as a request gives it: <c>{kk, ru, en}</c> like the title, or a plain string, taken to be in the
/// title's language (the first of kk, ru, en the title is written in), so it reads wherever the title does.
/// </summary>
[JsonConverter(typeof(ShiftRoleRequestConverter))]
public sealed record ShiftRoleRequest(string? Text, LocalizedTextRequest? Languages)
{
    public LocalizedText ToText(LocalizedText title) => Languages is { } l
        ? new LocalizedText(l.Kk, l.Ru, l.En)
        : LocalizedText.InLanguageOf(Text, title);
}

/// <summary>Reads a role as a string or an object; anything else is input that cannot be read (400).</summary>
public sealed class ShiftRoleRequestConverter : JsonConverter<ShiftRoleRequest>
{
    public override ShiftRoleRequest? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => new ShiftRoleRequest(reader.GetString(), null),
        JsonTokenType.StartObject => new ShiftRoleRequest(null, JsonSerializer.Deserialize<LocalizedTextRequest>(ref reader, options)),
        _ => throw new JsonException("A shift's role is a string or an object {kk, ru, en}."),
    };

    public override void Write(Utf8JsonWriter writer, ShiftRoleRequest value, JsonSerializerOptions options)
    {
        if (value.Languages is { } languages)
        {
            JsonSerializer.Serialize(writer, languages, options);
        }
        else
        {
            writer.WriteStringValue(value.Text);
        }
    }
}

public sealed record OpportunityRequest(
    Guid? OrganizationId,
    string? Kind,
    LocalizedTextRequest? Title,
    LocalizedTextRequest? Description,
    List<string>? Directions,
    string? RegionKato,
    List<ShiftRequest>? Shifts,
    string? Address = null,
    double? Latitude = null,
    double? Longitude = null,
    bool? Online = null,
    int? MinAge = null,
    bool? AutoAccept = null)
{
    public OpportunityInput ToInput()
    {
        var input = new OpportunityInput
        {
            Kind = Kind,
            Title = new LocalizedText(Title?.Kk, Title?.Ru, Title?.En),
            Description = new LocalizedText(Description?.Kk, Description?.Ru, Description?.En),
            Directions = Directions ?? [],
            RegionKato = RegionKato,
            Address = Address,
            Latitude = Latitude,
            Longitude = Longitude,
            Online = Online ?? false,
            MinAge = MinAge,
            AutoAccept = AutoAccept ?? true,
        };
        foreach (var (shift, i) in (Shifts ?? []).Select((s, i) => (s, i)))
        {
            if (shift is null)
            {
                // [null] in the list: refused by its place, as a row that says nothing.
                input.ParseErrors.Add(new FieldError($"shifts[{i}]", ErrorCodes.ValueInvalid));
                continue;
            }

            var role = shift.Role?.ToText(input.Title) ?? new LocalizedText(null, null, null);
            input.Shifts.Add(new ShiftInput(i, shift.Id, shift.StartsAt?.UtcDateTime, shift.EndsAt?.UtcDateTime, shift.Capacity, role, shift.RepeatWeekly ?? 0));
        }

        return input;
    }
}

public sealed record CancelRequest(string? Reason);

public sealed record CreatedShift(Guid Id);

public sealed record CreatedOpportunity(Guid Id, string Status, IReadOnlyList<CreatedShift> Shifts);

public sealed record StatusResponse(string Status);

public sealed record OpportunityItem(
    Guid Id,
    string Title,
    IReadOnlyDictionary<string, string> Titles,
    string Organization,
    string RegionKato,
    DateTime StartsAt,
    bool Online,
    double? DistanceKm,
    int SeatsLeft)
{
    public static OpportunityItem From(OpportunityHit h) =>
        new(h.Id, h.Title.Resolve(), h.Title.ToDictionary(), h.Organization, h.RegionKato, h.StartsAt, h.Online, h.DistanceKm, h.SeatsLeft);
}

public sealed record OpportunityPage(IReadOnlyList<OpportunityItem> Items, int Total, int Page, int PageSize);

/// <param name="Role">The role in the request's language, falling back like the title; null when the shift has none.</param>
/// <param name="Roles">The role in each language it is written in.</param>
public sealed record ShiftDetail(Guid Id, DateTime StartsAt, DateTime EndsAt, int Capacity, string? Role, IReadOnlyDictionary<string, string> Roles, int SeatsLeft);

public sealed record OpportunityDetail(
    Guid Id,
    Guid OrganizationId,
    string Organization,
    string Kind,
    string Status,
    string Title,
    IReadOnlyDictionary<string, string> Titles,
    string Description,
    IReadOnlyDictionary<string, string> Descriptions,
    IReadOnlyList<string> Directions,
    string RegionKato,
    string? Address,
    double? Latitude,
    double? Longitude,
    bool Online,
    int MinAge,
    bool AutoAccept,
    DateTime StartsAt,
    DateTime EndsAt,
    string? CancelReason,
    IReadOnlyList<ShiftDetail> Shifts)
{
    public static OpportunityDetail From(Opportunity o, Organization organization) => new(
        o.Id,
        organization.Id,
        organization.Name,
        o.Kind.ApiName(),
        o.Status.ApiName(),
        o.Title.Resolve(),
        o.Title.ToDictionary(),
        o.Description.Resolve(),
        o.Description.ToDictionary(),
        o.Directions,
        o.RegionKato,
        o.Address,
        o.Latitude,
        o.Longitude,
        o.Online,
        o.RequiredMinAge,
        o.AutoAccept,
        o.StartsAt,
        o.EndsAt,
        o.CancelReason,
        [.. o.Shifts.OrderBy(s => s.StartsAt).Select(s => new ShiftDetail(s.Id, s.StartsAt, s.EndsAt, s.Capacity, s.Role.ResolveOrNull(), s.Role.ToDictionary(), o.Status == OpportunityStatus.Cancelled ? 0 : s.SeatsLeft))]);
}
