using Birge.Web.Data;

namespace Birge.Web.Infrastructure;

/// <summary>
/// Which organisation or region a request is about, read from its route for the organisation and region policies
/// (<see cref="ScopedRequirementsHandler"/>). Each feature registers the parameters of its own routes in its
/// <c>AddX()</c> (<see cref="RouteScopeRegistration.AddOrganizationScope"/>, <see cref="RouteScopeRegistration.AddRegionScope"/>),
/// so a new capability's <c>{helpRequestId}</c> needs no change here; <c>RouteScopeTests</c> fails for a route under
/// one of those policies whose parameter nobody registered.
/// </summary>
public sealed class RouteScopes
{
    public delegate Task<Guid?> OrganizationOf(BirgeDb db, Guid id, CancellationToken cancellationToken);

    public delegate Task<string?> RegionOf(BirgeDb db, string value, CancellationToken cancellationToken);

    private readonly Dictionary<string, OrganizationOf> organizations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RegionOf> regions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> checkedByEndpoint = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> OrganizationParameters => organizations.Keys;

    public IReadOnlyCollection<string> RegionParameters => regions.Keys;

    /// <summary>Parameters under a region policy whose endpoint checks the region itself, with the reason.</summary>
    public IReadOnlyDictionary<string, string> CheckedByEndpoint => checkedByEndpoint;

    public void AddOrganization(string parameter, OrganizationOf organizationOf)
    {
        if (!organizations.TryAdd(parameter, organizationOf))
        {
            throw new InvalidOperationException($"The route parameter {{{parameter}}} is registered twice as naming an organisation.");
        }
    }

    public void AddRegion(string parameter, RegionOf regionOf)
    {
        if (!regions.TryAdd(parameter, regionOf))
        {
            throw new InvalidOperationException($"The route parameter {{{parameter}}} is registered twice as naming a region.");
        }
    }

    public void AddCheckedByEndpoint(string parameter, string why) => checkedByEndpoint[parameter] = why;

    /// <summary>
    /// The organisation the route names; null when it names none, or one of its parameters is malformed, unknown or
    /// names another organisation than the rest (a route may never mix two organisations' things).
    /// </summary>
    public async Task<Guid?> OrganizationAsync(BirgeDb db, HttpContext http)
    {
        Guid? found = null;
        foreach (var (name, value) in http.Request.RouteValues)
        {
            if (!organizations.TryGetValue(name, out var organizationOf))
            {
                continue;
            }

            if (!Guid.TryParse(value?.ToString(), out var id)
                || await organizationOf(db, id, http.RequestAborted) is not { } organization
                || (found is { } earlier && earlier != organization))
            {
                return null;
            }

            found = organization;
        }

        return found;
    }

    /// <summary>The regions the route names (one for every region parameter); null when it names none or an unknown one.</summary>
    public async Task<IReadOnlyList<string>?> RegionsAsync(BirgeDb db, HttpContext http)
    {
        List<string>? found = null;
        foreach (var (name, value) in http.Request.RouteValues)
        {
            if (regions.TryGetValue(name, out var regionOf))
            {
                if (value?.ToString() is not { } text || await regionOf(db, text, http.RequestAborted) is not { } region)
                {
                    return null;
                }

                (found ??= []).Add(region);
            }
        }

        return found;
    }
}

public static class RouteScopeRegistration
{
    /// <summary>The route parameter <paramref name="parameter"/> is the id of something of one organisation.</summary>
    public static IServiceCollection AddOrganizationScope(this IServiceCollection services, string parameter, RouteScopes.OrganizationOf organizationOf) =>
        services.Configure<RouteScopes>(s => s.AddOrganization(parameter, organizationOf));

    /// <summary>The route parameter <paramref name="parameter"/> names something of one region (its KATO code).</summary>
    public static IServiceCollection AddRegionScope(this IServiceCollection services, string parameter, RouteScopes.RegionOf regionOf) =>
        services.Configure<RouteScopes>(s => s.AddRegion(parameter, regionOf));

    /// <summary>Under a region policy, the endpoint itself checks the region of what <paramref name="parameter"/> names.</summary>
    public static IServiceCollection AddRegionCheckedByEndpoint(this IServiceCollection services, string parameter, string why) =>
        services.Configure<RouteScopes>(s => s.AddCheckedByEndpoint(parameter, why));
}
