using System.Security.Claims;
using Birge.Web.Data;
using Birge.Web.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

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

    /// <summary>Staff or a call-centre operator of the region's office or of the national one, or the national admin.</summary>
    public async Task<bool> WorksForRegionAsync(ClaimsPrincipal user, string regionKato, CancellationToken cancellationToken = default) =>
        user.IsInRole(AccountRole.Admin)
        || (AccountId(user) is { } id && await db.FrontOfficeStaff.AnyAsync(
            s => s.AccountId == id && (s.FrontOfficeKato == regionKato || s.FrontOfficeKato == FrontOffice.NationalKato), cancellationToken));

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

/// <summary>The person acts for the organisation the route names (see <see cref="RouteScopes"/>), as owner when required.</summary>
public sealed record OrganizationRoleRequirement(bool OwnerOnly) : IAuthorizationRequirement;

/// <summary>
/// The person works for the front office of the region the route names (see <see cref="RouteScopes"/>); the national
/// office and the national admin cover every region. A route that names no region, or names one that does not exist
/// (so the endpoint answers 404), lets any front-office staff member (or operator, when allowed) in.
/// </summary>
public sealed record RegionStaffRequirement(bool OperatorsToo) : IAuthorizationRequirement;

public sealed class ScopedRequirementsHandler(Scopes scopes, BirgeDb db, IOptions<RouteScopes> routeScopes) : IAuthorizationHandler
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
                && await routeScopes.Value.OrganizationAsync(db, http) is { } organizationId
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

    private async Task<bool> IsRegionStaffAsync(ClaimsPrincipal user, HttpContext http, bool operatorsToo)
    {
        // No region in the route, or an unknown one: let the endpoint answer (404 rather than hide it behind 403).
        if (await routeScopes.Value.RegionsAsync(db, http) is not { } regions)
        {
            return operatorsToo
                ? await scopes.WorksForAnyOfficeAsync(user, http.RequestAborted)
                : await scopes.IsStaffAnywhereAsync(user, http.RequestAborted);
        }

        foreach (var region in regions)
        {
            if (!await IsStaffOfAsync(region))
            {
                return false;
            }
        }

        return true;

        async Task<bool> IsStaffOfAsync(string region)
        {
            if (await scopes.IsStaffOfRegionAsync(user, region, http.RequestAborted))
            {
                return true;
            }

            // Operators count only where the policy lets them in (they moderate no region: StaffRegionsAsync leaves them out).
            var id = Scopes.AccountId(user)!.Value;
            return operatorsToo && await db.FrontOfficeStaff.AnyAsync(
                s => s.AccountId == id && (s.FrontOfficeKato == region || s.FrontOfficeKato == FrontOffice.NationalKato),
                http.RequestAborted);
        }
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
            var (targetType, targetId) = Target(context);
            var kato = context.GetRouteValue("kato")?.ToString();
            var region = targetType == "endpoint" ? kato : await RegionAsync(context) ?? kato;
            await audit.RecordDeniedAsync(
                $"{context.Request.Method} {(context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path}",
                targetType,
                targetId,
                region,
                context.RequestAborted,
                verdict == RefusalAllowance.Verdict.RecordOverAllowance ? RefusalAllowance.OverAllowance : null);
        }

        await inner.HandleAsync(next, context, policy, authorizeResult);
    }

    /// <summary>
    /// What the refused request was about: the organisation it names, else the thing of one region it names (a
    /// <c>{helpRequestId}</c> is a "help_request", as the feature's own entries name it), else the endpoint with the region typed in <c>{kato}</c>.
    /// </summary>
    private static (string Type, string? Id) Target(HttpContext context)
    {
        if (ScopedRequirementsHandler.OrganizationId(context) is { } organizationId)
        {
            return ("organization", organizationId.ToString());
        }

        var scopes = context.RequestServices.GetRequiredService<IOptions<RouteScopes>>().Value;
        foreach (var (name, value) in context.Request.RouteValues)
        {
            if (name != "kato" && scopes.RegionParameters.Contains(name) && value?.ToString() is { } id)
            {
                return (SnakeCase(name.EndsWith("Id", StringComparison.Ordinal) ? name[..^2] : name), id);
            }
        }

        return ("endpoint", context.GetRouteValue("kato")?.ToString());
    }

    private static string SnakeCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsAsciiLetterUpper(c) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(c) : c.ToString()));

    /// <summary>The region of the thing refused, so the region's office finds the attempt in its own log.</summary>
    private static async Task<string?> RegionAsync(HttpContext context)
    {
        var scopes = context.RequestServices.GetRequiredService<IOptions<RouteScopes>>().Value;
        var regions = await scopes.RegionsAsync(context.RequestServices.GetRequiredService<BirgeDb>(), context);
        return regions is { Count: > 0 } ? regions[0] : null;
    }
}
