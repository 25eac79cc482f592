using System.Security.Claims;
using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Organizations;

public sealed record DirectoryQuery(string? Q, string? Region, string? Direction, OrganizationStatus Status, int Page, int PageSize, IReadOnlySet<string>? Regions = null);

/// <summary>
/// The fair of organisations: verified organisations by text in any language, region and direction, a page at a time.
/// Search compares lower-case text with the lower-case <see cref="Organization.SearchText"/>, so it ignores case for
/// Kazakh letters on SQLite and PostgreSQL alike.
/// </summary>
public sealed class OrganizationDirectory(BirgeDb db, Scopes scopes)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public async Task<(List<Organization> Items, int Total)> SearchAsync(DirectoryQuery query, CancellationToken cancellationToken)
    {
        var organizations = db.Organizations.AsNoTracking().Where(o => o.Status == query.Status);
        if (query.Regions is not null)
        {
            var regions = query.Regions.ToList();
            organizations = organizations.Where(o => regions.Contains(o.RegionKato));
        }

        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var text = query.Q.Trim().ToLowerInvariant();
            organizations = organizations.Where(o => o.SearchText.Contains(text));
        }

        if (!string.IsNullOrWhiteSpace(query.Region))
        {
            var region = query.Region.Trim();
            organizations = organizations.Where(o => o.RegionKato == region);
        }

        if (!string.IsNullOrWhiteSpace(query.Direction))
        {
            var direction = query.Direction.Trim();
            organizations = organizations.Where(o => o.Directions.Contains(direction));
        }

        var total = await organizations.CountAsync(cancellationToken);
        var items = await organizations
            .OrderBy(o => o.Name).ThenBy(o => o.Id)
            .Skip((query.Page - 1) * query.PageSize)
            .Take(query.PageSize)
            .ToListAsync(cancellationToken);
        return (items, total);
    }

    /// <summary>
    /// An organisation as its public profile shows it: a verified one to anyone; any other only to its members and
    /// the staff of its region, else null (the caller answers 404).
    /// </summary>
    public async Task<Organization?> ProfileAsync(Guid organizationId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organizationId, cancellationToken);
        if (organization is null || organization.IsVerified)
        {
            return organization;
        }

        if (Scopes.AccountId(user) is null)
        {
            return null;
        }

        return await scopes.OrganizationRoleAsync(user, organizationId, cancellationToken) is not null
            || await scopes.IsStaffOfRegionAsync(user, organization.RegionKato, cancellationToken)
            ? organization
            : null;
    }

    public static int ClampPage(int? page) => page is null or < 1 ? 1 : Math.Min(page.Value, 100_000);

    public static int ClampPageSize(int? pageSize) => pageSize is null or < 1 ? DefaultPageSize : Math.Min(pageSize.Value, MaxPageSize);
}

public static class OrganizationStatusNames
{
    public static string ApiName(this OrganizationStatus status) => status.ToString().ToLowerInvariant();

    public static OrganizationStatus? Parse(string? text) =>
        Enum.GetValues<OrganizationStatus>().Cast<OrganizationStatus?>().FirstOrDefault(s => s!.Value.ApiName() == text?.Trim().ToLowerInvariant());
}
