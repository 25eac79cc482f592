using System.Security.Claims;
using Birge.Web.Data;
using Birge.Web.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Infrastructure;

/// <summary>Which regions a person moderates and which organisations they act for, read fresh from the database.</summary>
public sealed class Scopes(BirgeDb db)
{
    /// <summary>Null means every region (national office staff and the national admin).</summary>
    public async Task<IReadOnlySet<string>?> StaffRegionsAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (AccountId(user) is not { } id)
        {
            return new HashSet<string>();
        }

        if (user.IsInRole(AccountRole.Admin))
        {
            return null;
        }

        var offices = await db.FrontOfficeStaff.AsNoTracking()
            .Where(s => s.AccountId == id && s.Role == FrontOfficeStaff.Staff)
            .Select(s => s.FrontOfficeKato)
            .ToListAsync(cancellationToken);
        return offices.Contains(FrontOffice.NationalKato) ? null : offices.ToHashSet();
    }

    public async Task<bool> IsStaffOfRegionAsync(ClaimsPrincipal user, string regionKato, CancellationToken cancellationToken = default)
    {
        var regions = await StaffRegionsAsync(user, cancellationToken);
        return regions is null || regions.Contains(regionKato);
    }

    /// <summary>Moderates at least one region: the front-office dashboard is theirs.</summary>
    public async Task<bool> IsStaffAnywhereAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default) =>
        await StaffRegionsAsync(user, cancellationToken) is not { Count: 0 };

    public async Task<bool> WorksForAnyOfficeAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default) =>
        user.IsInRole(AccountRole.Admin)
        || (AccountId(user) is { } id && await db.FrontOfficeStaff.AnyAsync(s => s.AccountId == id, cancellationToken));

    public async Task<string?> OrganizationRoleAsync(ClaimsPrincipal user, Guid organizationId, CancellationToken cancellationToken = default) =>
        AccountId(user) is { } id
            ? await db.OrganizationMembers.AsNoTracking()
                .Where(m => m.OrganizationId == organizationId && m.AccountId == id)
                .Select(m => m.Role)
                .FirstOrDefaultAsync(cancellationToken)
            : null;

    public static Guid? AccountId(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
}

/// <summary>The person acts for the organisation in the route's <c>{organizationId}</c> (as owner, when required).</summary>
public sealed record OrganizationRoleRequirement(bool OwnerOnly) : IAuthorizationRequirement;

/// <summary>
/// The person works for the front office of the region concerned: the route's <c>{kato}</c>, or the region of the
/// route's <c>{organizationId}</c>; the national office and the national admin cover every region.
/// Without either in the route, any front-office staff member (or operator, when allowed) qualifies.
/// </summary>
public sealed record RegionStaffRequirement(bool OperatorsToo) : IAuthorizationRequirement;

public sealed class ScopedRequirementsHandler(Scopes scopes, BirgeDb db) : IAuthorizationHandler
{
    public async Task HandleAsync(AuthorizationHandlerContext context)
    {
        if (context.Resource is not HttpContext http || Scopes.AccountId(context.User) is null)
        {
            return;
        }

        foreach (var requirement in context.PendingRequirements.ToList())
        {
            if (requirement is OrganizationRoleRequirement organization
                && await OrganizationOfRouteAsync(http) is { } organizationId
                && await scopes.OrganizationRoleAsync(context.User, organizationId, http.RequestAborted) is { } role
                && (!organization.OwnerOnly || role == OrganizationMember.Owner))
            {
                context.Succeed(requirement);
            }
            else if (requirement is RegionStaffRequirement staff && await IsRegionStaffAsync(context.User, http, staff.OperatorsToo))
            {
                context.Succeed(requirement);
            }
        }
    }

    public static Guid? OrganizationId(HttpContext http) =>
        Guid.TryParse(http.GetRouteValue("organizationId")?.ToString(), out var id) ? id : null;

    /// <summary>The organisation a route is about: its <c>{organizationId}</c>, or that of its <c>{opportunityId}</c> or <c>{shiftId}</c>.</summary>
    private async Task<Guid?> OrganizationOfRouteAsync(HttpContext http)
    {
        if (OrganizationId(http) is { } organizationId)
        {
            return organizationId;
        }

        if (Guid.TryParse(http.GetRouteValue("opportunityId")?.ToString(), out var opportunityId))
        {
            return await db.Opportunities.AsNoTracking().Where(o => o.Id == opportunityId)
                .Select(o => (Guid?)o.OrganizationId).FirstOrDefaultAsync(http.RequestAborted);
        }

        if (Guid.TryParse(http.GetRouteValue("shiftId")?.ToString(), out var shiftId))
        {
            return await db.Shifts.AsNoTracking().Where(s => s.Id == shiftId)
                .Join(db.Opportunities, s => s.OpportunityId, o => o.Id, (s, o) => (Guid?)o.OrganizationId)
                .FirstOrDefaultAsync(http.RequestAborted);
        }

        return null;
    }

    private async Task<bool> IsRegionStaffAsync(ClaimsPrincipal user, HttpContext http, bool operatorsToo)
    {
        var region = http.GetRouteValue("kato")?.ToString();
        if (region is null && OrganizationId(http) is { } organizationId)
        {
            // An unknown organisation: let the endpoint answer 404 rather than hide it behind 403.
            region = await db.Organizations.AsNoTracking().Where(o => o.Id == organizationId).Select(o => o.RegionKato).FirstOrDefaultAsync(http.RequestAborted);
            if (region is null)
            {
                return await AnyOfficeAsync();
            }
        }

        if (region is null)
        {
            return await AnyOfficeAsync();
        }

        if (await scopes.IsStaffOfRegionAsync(user, region, http.RequestAborted))
        {
            return true;
        }

        var id = Scopes.AccountId(user)!.Value;
        return operatorsToo && await db.FrontOfficeStaff.AnyAsync(
            s => s.AccountId == id && (s.FrontOfficeKato == region || s.FrontOfficeKato == FrontOffice.NationalKato),
            http.RequestAborted);

        // Operators count only where the policy lets them in (they moderate no region: StaffRegionsAsync leaves them out).
        async Task<bool> AnyOfficeAsync() => operatorsToo
            ? await scopes.WorksForAnyOfficeAsync(user, http.RequestAborted)
            : await scopes.IsStaffAnywhereAsync(user, http.RequestAborted);
    }
}

/// <summary>
/// Every refusal of a signed-in person by an organisation or region policy is written to the audit log: acting on
/// another organisation or another region is exactly what the log is for. Up to <see cref="RefusalAllowance"/> a
/// minute per client, so one client cannot fill the log.
/// </summary>
public sealed class AuditingAuthorizationResultHandler(RefusalAllowance allowance) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler inner = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden
            && policy.Requirements.Any(r => r is OrganizationRoleRequirement or RegionStaffRequirement or RolesAuthorizationRequirement)
            && allowance.Take(Scopes.AccountId(context.User)?.ToString() ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown") is var verdict
            && verdict != RefusalAllowance.Verdict.CountOnly)
        {
            var audit = context.RequestServices.GetRequiredService<AuditLog>();
            var organizationId = ScopedRequirementsHandler.OrganizationId(context);
            await audit.RecordDeniedAsync(
                $"{context.Request.Method} {(context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path}",
                organizationId is null ? "endpoint" : "organization",
                organizationId?.ToString() ?? context.GetRouteValue("kato")?.ToString(),
                context.GetRouteValue("kato")?.ToString(),
                context.RequestAborted,
                verdict == RefusalAllowance.Verdict.RecordOverAllowance ? RefusalAllowance.OverAllowance : null);
        }

        await inner.HandleAsync(next, context, policy, authorizeResult);
    }
}
