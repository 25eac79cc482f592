using System.Security.Claims;
using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Readiness;

/// <summary>
/// The readiness register (api.md, "Readiness register and call-outs"): a region's staff and the national office
/// create teams, add adult members with their certificates, change a member's state, and read the region's readiness.
/// A route's <c>{teamId}</c> is the team's region scope; a region given in the body or the query is checked here, and a
/// refusal is audited as the policy's are.
/// </summary>
public static class ReadinessApi
{
    public static IEndpointRouteBuilder MapReadinessApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Readiness register").RequireAuthorization(Policies.RegionStaff);
        api.MapPost("/teams", CreateAsync)
            .WithSummary("A new permanent team of a region, with its first members if given (all or nothing)")
            .WithName("createTeam")
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/teams", ListAsync)
            .WithSummary("A region's teams (?region=): members, how many are available now, the last drill")
            .WithName("listTeams")
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/teams/{teamId:guid}", ReadAsync)
            .WithSummary("One team with its members, their state and certificates")
            .WithName("getTeam")
            .ProducesProblems(StatusCodes.Status404NotFound);
        api.MapPost("/teams/{teamId:guid}/members", AddMemberAsync)
            .WithSummary("Adds an adult account to the team as available, with its certificates; under 18 is refused")
            .WithName("addTeamMember")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        api.MapPatch("/teams/{teamId:guid}/members", ChangeMemberAsync)
            .WithSummary("Changes a member's state (available, unavailable, committed) and, if given, role")
            .WithName("changeTeamMember")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/readiness", ReadinessAsync)
            .WithSummary("A region's readiness (?region=): ready people by team and by certificate valid today, and certificates expiring within 30 days")
            .WithName("getReadiness")
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/readiness/regions", NationalAsync)
            .WithSummary("The national office: every region's teams, members, ready people and certificates expiring within 30 days")
            .WithName("getNationalReadiness")
            .ProducesProblems(StatusCodes.Status403Forbidden);
        return app;
    }

    private static async Task<Results<Created<CreatedTeam>, ProblemHttpResult>> CreateAsync(
        CreateTeam body,
        ClaimsPrincipal user,
        BirgeDb db,
        Scopes scopes,
        AuditLog audit,
        TeamRoster roster,
        ApiProblems problems,
        CancellationToken cancellationToken)
    {
        if (body.RegionKato is { } region && await db.Regions.AnyAsync(r => r.Kato == region, cancellationToken)
            && !await scopes.IsStaffOfRegionAsync(user, region, cancellationToken))
        {
            await audit.RecordDeniedAsync("POST /api/v1/teams", "region", region, region, cancellationToken);
            return problems.Refusal(ErrorCodes.Forbidden);
        }

        // The team and its first members are stored together or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = await roster.CreateAsync(
            new TeamInput(body.RegionKato, body.Name, body.Kind, body.Equipment, body.LastDrillOn, body.Standby ?? false), Scopes.AccountId(user)!.Value, cancellationToken);
        if (created.Value is not { } team)
        {
            return problems.Refusal(created);
        }

        var members = body.Members ?? [];
        for (var i = 0; i < members.Count; i++)
        {
            var added = await roster.AddAsync(team.Id, members[i]?.AccountId ?? Guid.Empty, members[i]?.Role, [], cancellationToken, prefix: $"members[{i}].");
            if (!added.Succeeded)
            {
                await transaction.RollbackAsync(cancellationToken);
                return problems.Refusal(added);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/teams/{team.Id}", new CreatedTeam(team.Id));
    }

    private static async Task<Results<Ok<TeamRows>, ProblemHttpResult>> ListAsync(
        ClaimsPrincipal user, BirgeDb db, Scopes scopes, AuditLog audit, ReadinessReport report, ApiProblems problems, CancellationToken cancellationToken, string? region = null)
    {
        if (await RegionRefusalAsync(region, "GET /api/v1/teams", user, db, scopes, audit, problems, cancellationToken) is { } refused)
        {
            return refused;
        }

        var teams = await report.TeamsAsync(region!, cancellationToken);
        return TypedResults.Ok(new TeamRows([.. teams.Select(Row)], teams.Count));
    }

    private static async Task<Results<Ok<TeamDetails>, ProblemHttpResult>> ReadAsync(
        Guid teamId, BirgeDb db, ReadinessReport report, ApiProblems problems, CancellationToken cancellationToken)
    {
        var team = await db.Teams.AsNoTracking().FirstOrDefaultAsync(t => t.Id == teamId, cancellationToken);
        if (team is null)
        {
            return problems.Refusal(ReadinessErrors.TeamNotFound);
        }

        var today = report.Today;
        var members = await report.MembersAsync(teamId, cancellationToken);
        return TypedResults.Ok(new TeamDetails(
            team.Id,
            team.RegionKato,
            team.Name,
            team.Kind,
            team.Equipment,
            team.LastDrillOn,
            team.Standby,
            report.DrillOverdue(team.LastDrillOn),
            [.. members.Select(m => new TeamMemberRow(
                m.AccountId,
                m.FullName,
                m.Role,
                TeamRoster.ApiName(m.State),
                [.. m.Certificates.Select(c => new CertificateRow(c.Code, c.ExpiresOn, c.ExpiresOn < today))]))]));
    }

    private static async Task<Results<Ok<AddedMember>, ProblemHttpResult>> AddMemberAsync(
        Guid teamId, AddMember body, TeamRoster roster, ApiProblems problems, CancellationToken cancellationToken)
    {
        var certificates = (body.Certificates ?? []).Select(c => new CertificateInput(c?.Code, c?.ExpiresOn)).ToList();
        var added = await roster.AddAsync(teamId, body.AccountId ?? Guid.Empty, body.Role, certificates, cancellationToken);
        return added.Value is { } member
            ? TypedResults.Ok(new AddedMember(member.TeamId, member.AccountId, member.Role, TeamRoster.ApiName(member.State)))
            : problems.Refusal(added);
    }

    private static async Task<Results<Ok<AddedMember>, ProblemHttpResult>> ChangeMemberAsync(
        Guid teamId, ChangeMember body, BirgeDb db, TeamRoster roster, ApiProblems problems, CancellationToken cancellationToken)
    {
        var accountId = body.AccountId ?? Guid.Empty;
        var changed = await roster.ChangeAsync(teamId, accountId, body.State, body.Role, cancellationToken);
        if (!changed.Succeeded)
        {
            return problems.Refusal(changed);
        }

        var member = await db.TeamMembers.AsNoTracking().FirstAsync(m => m.TeamId == teamId && m.AccountId == accountId, cancellationToken);
        return TypedResults.Ok(new AddedMember(member.TeamId, member.AccountId, member.Role, TeamRoster.ApiName(member.State)));
    }

    private static async Task<Results<Ok<ReadinessBody>, ProblemHttpResult>> ReadinessAsync(
        ClaimsPrincipal user, BirgeDb db, Scopes scopes, AuditLog audit, ReadinessReport report, ApiProblems problems, CancellationToken cancellationToken, string? region = null)
    {
        if (await RegionRefusalAsync(region, "GET /api/v1/readiness", user, db, scopes, audit, problems, cancellationToken) is { } refused)
        {
            return refused;
        }

        var readiness = await report.ForRegionAsync(region!, cancellationToken);
        return TypedResults.Ok(new ReadinessBody(
            readiness.RegionKato,
            readiness.ReadyPeople,
            [.. readiness.Teams.Select(Row)],
            [.. readiness.Certificates.Select(c => new CertificateReadiness(c.Code, c.ReadyPeople))],
            [.. readiness.Expiring.Select(e => new ExpiringRow(e.AccountId, e.HolderName, e.Code, e.ExpiresOn, e.Teams))]));
    }

    private static async Task<Results<Ok<NationalReadiness>, ProblemHttpResult>> NationalAsync(
        ClaimsPrincipal user, Scopes scopes, AuditLog audit, ReadinessReport report, ApiProblems problems, CancellationToken cancellationToken)
    {
        if (await scopes.StaffRegionsAsync(user, cancellationToken) is not null)
        {
            await audit.RecordDeniedAsync("GET /api/v1/readiness/regions", "endpoint", null, null, cancellationToken);
            return problems.Refusal(ErrorCodes.Forbidden);
        }

        var totals = await report.NationalAsync(cancellationToken);
        return TypedResults.Ok(new NationalReadiness([.. totals.Select(t => new RegionReadinessTotals(t.RegionKato, t.Teams, t.Members, t.ReadyPeople, t.Expiring))]));
    }

    /// <summary>The query's region must exist (422) and be the caller's (403, audited).</summary>
    private static async Task<ProblemHttpResult?> RegionRefusalAsync(
        string? region, string action, ClaimsPrincipal user, BirgeDb db, Scopes scopes, AuditLog audit, ApiProblems problems, CancellationToken cancellationToken)
    {
        if (region is null || !await db.Regions.AnyAsync(r => r.Kato == region, cancellationToken))
        {
            return problems.Validation("region", ErrorCodes.RegionInvalid);
        }

        if (!await scopes.IsStaffOfRegionAsync(user, region, cancellationToken))
        {
            await audit.RecordDeniedAsync(action, "region", region, region, cancellationToken);
            return problems.Refusal(ErrorCodes.Forbidden);
        }

        return null;
    }

    private static TeamRow Row(TeamSummary t) =>
        new(t.Id, t.RegionKato, t.Name, t.Kind, t.Standby, t.Members, t.AvailableNow, t.LastDrillOn, t.DrillOverdue);
}

/// <param name="Name">1–200 characters.</param>
/// <param name="RegionKato">The region's KATO code (<c>GET /api/v1/regions</c>); staff of another region are refused (403).</param>
/// <param name="Kind">eco, rescue, medical, logistics, psychological, communications or other.</param>
/// <param name="Members">The first members: each an active account aged 18 or more, and its role.</param>
/// <param name="Equipment">What the team has (boats, pumps…), up to 2000 characters.</param>
/// <param name="LastDrillOn">The date of the last drill, not in the future.</param>
/// <param name="Standby">Called in a call-out's second wave.</param>
public sealed record CreateTeam(
    string? Name,
    string? RegionKato,
    string? Kind,
    List<NewMember?>? Members = null,
    string? Equipment = null,
    DateOnly? LastDrillOn = null,
    bool? Standby = null);

/// <param name="Role">leader, deputy, member, or free text up to 100 characters.</param>
public sealed record NewMember(Guid? AccountId, string? Role);

public sealed record CreatedTeam(Guid Id);

/// <param name="AccountId">An active account aged 18 or more (under 18: <c>422 age_restricted</c>).</param>
/// <param name="Role">leader, deputy, member, or free text up to 100 characters.</param>
/// <param name="Certificates">The member's certificates; one of a code they already hold gets the new expiry date.</param>
public sealed record AddMember(Guid? AccountId, string? Role, List<CertificateBody?>? Certificates = null);

/// <param name="Code">first_aid, rescuer, eco_volunteer, psychological_first_aid, driver, diver, medic or radio_operator.</param>
/// <param name="ExpiresOn">The last day it is valid; not already past.</param>
public sealed record CertificateBody(string? Code, DateOnly? ExpiresOn);

/// <param name="State">available, unavailable or committed (committed elsewhere: left out of new call-outs).</param>
/// <param name="Role">The new role, if it changes.</param>
public sealed record ChangeMember(Guid? AccountId, string? State, string? Role = null);

/// <param name="State">available, unavailable or committed.</param>
public sealed record AddedMember(Guid TeamId, Guid AccountId, string Role, string State);

public sealed record TeamRows(List<TeamRow> Items, int Total);

/// <param name="Kind">eco, rescue, medical, logistics, psychological, communications or other.</param>
/// <param name="AvailableNow">Members available now and aged 18 or more today.</param>
/// <param name="LastDrillOn">Null when the team has never drilled.</param>
/// <param name="DrillOverdue">No drill for over 6 months (or none at all).</param>
public sealed record TeamRow(Guid Id, string RegionKato, string Name, string Kind, bool Standby, int Members, int AvailableNow, DateOnly? LastDrillOn, bool DrillOverdue);

/// <param name="Equipment">Null when none was written.</param>
/// <param name="LastDrillOn">Null when the team has never drilled.</param>
/// <param name="DrillOverdue">No drill for over 6 months (or none at all).</param>
public sealed record TeamDetails(
    Guid Id, string RegionKato, string Name, string Kind, string? Equipment, DateOnly? LastDrillOn, bool Standby, bool DrillOverdue, List<TeamMemberRow> Members);

/// <param name="Name">Null when the account has no name (erased).</param>
/// <param name="State">available, unavailable or committed.</param>
public sealed record TeamMemberRow(Guid AccountId, string? Name, string Role, string State, List<CertificateRow> Certificates);

/// <param name="Expired">The expiry date is past.</param>
public sealed record CertificateRow(string Code, DateOnly ExpiresOn, bool Expired);

/// <param name="RegionKato">The region read.</param>
/// <param name="ReadyPeople">Distinct people available now and aged 18 or more in the region's teams.</param>
/// <param name="Teams">Each team with its ready people (<c>availableNow</c>).</param>
/// <param name="Certificates">For every certificate code, the ready people holding one valid today.</param>
/// <param name="Expiring">Certificates of the region's members expiring within 30 days (today included), soonest first.</param>
public sealed record ReadinessBody(string RegionKato, int ReadyPeople, List<TeamRow> Teams, List<CertificateReadiness> Certificates, List<ExpiringRow> Expiring);

/// <param name="ReadyPeople">Ready people holding this certificate, valid today.</param>
public sealed record CertificateReadiness(string Code, int ReadyPeople);

/// <param name="HolderName">Null when the account has no name (erased).</param>
/// <param name="Teams">The names of the region's teams the holder is in.</param>
public sealed record ExpiringRow(Guid AccountId, string? HolderName, string Code, DateOnly ExpiresOn, IReadOnlyList<string> Teams);

public sealed record NationalReadiness(List<RegionReadinessTotals> Regions);

/// <param name="Members">Distinct people in the region's teams.</param>
/// <param name="ReadyPeople">Of them, available now and aged 18 or more.</param>
/// <param name="Expiring">Certificates of the region's members expiring within 30 days.</param>
public sealed record RegionReadinessTotals(string RegionKato, int Teams, int Members, int ReadyPeople, int Expiring);
