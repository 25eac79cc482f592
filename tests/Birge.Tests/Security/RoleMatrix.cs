using System.Collections;
using System.Reflection;

namespace Birge.Tests.Security;

/// <summary>The ten people the role matrix sends every request as. Organisation A is in Almaty, B in Astana.</summary>
public enum Actor
{
    Anonymous,
    Volunteer,
    OwnerOfA,
    CoordinatorOfA,
    OtherCoordinator,
    AlmatyStaff,
    AstanaStaff,
    AlmatyOperator,
    NationalStaff,
    Admin,
}

/// <summary>Who may use a route, named after the policies that produce these sets.</summary>
public static class Who
{
    public static readonly Actor[] Everyone = Enum.GetValues<Actor>();
    public static readonly Actor[] SignedIn = [.. Everyone.Where(a => a != Actor.Anonymous)];
    public static readonly Actor[] MembersOfA = [Actor.OwnerOfA, Actor.CoordinatorOfA];
    public static readonly Actor[] OwnerOfA = [Actor.OwnerOfA];

    /// <summary><c>region-staff</c> for organisation A's region: Almaty's office, the national office and the admin.</summary>
    public static readonly Actor[] AlmatyStaff = [Actor.AlmatyStaff, Actor.NationalStaff, Actor.Admin];

    /// <summary><c>region-staff</c> with no region in the route: staff of any office, not operators.</summary>
    public static readonly Actor[] AnyRegionStaff = [Actor.AlmatyStaff, Actor.AstanaStaff, Actor.NationalStaff, Actor.Admin];

    public static readonly Actor[] Admin = [Actor.Admin];

    /// <summary>Development-only tools; the tests run in the Testing environment.</summary>
    public static readonly Actor[] Nobody = [];
}

/// <summary>One row: "METHOD /route/pattern" (the endpoint's RoutePattern.RawText with a leading slash) → who may use it.</summary>
public sealed record RoleRow(string Route, Actor[] Allowed, string Feature);

/// <summary>
/// A feature's rows of the role matrix, written as <c>["GET /x"] = Who.SignedIn</c>. A route written twice stays twice,
/// so that <see cref="RoleMatrix"/> can report it.
/// </summary>
public sealed class RoleRows : IEnumerable<(string Route, Actor[] Allowed)>
{
    private readonly List<(string Route, Actor[] Allowed)> rows = [];

    public Actor[] this[string route]
    {
        get => rows.First(r => r.Route == route).Allowed;
        set => rows.Add((route, value));
    }

    public IEnumerator<(string Route, Actor[] Allowed)> GetEnumerator() => rows.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>
/// A feature's part of the role matrix, kept next to its tests (<c>tests/Birge.Tests/Features/&lt;Feature&gt;/
/// &lt;Feature&gt;Roles.cs</c>): every page and endpoint the feature maps, with the people allowed.
/// </summary>
public abstract class FeatureRoles
{
    public abstract RoleRows Rows { get; }
}

/// <summary>Every feature's rows, merged.</summary>
public static class RoleMatrix
{
    private static readonly Lazy<IReadOnlyList<RoleRow>> All = new(() =>
        [.. typeof(RoleMatrix).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(FeatureRoles)) && !t.IsAbstract)
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .SelectMany(t => ((FeatureRoles)Activator.CreateInstance(t)!).Rows.Select(r => new RoleRow(r.Route, r.Allowed, t.Name)))]);

    public static IReadOnlyList<RoleRow> Rows => All.Value;

    /// <summary>Route → who may use it; a route written twice counts by its first row (and fails <see cref="Duplicates"/>).</summary>
    public static IReadOnlyDictionary<string, Actor[]> ByRoute { get; } =
        Rows.DistinctBy(r => r.Route).ToDictionary(r => r.Route, r => r.Allowed, StringComparer.Ordinal);

    /// <summary>Routes with more than one row, with the features that wrote them.</summary>
    public static IEnumerable<string> Duplicates() =>
        Rows.GroupBy(r => r.Route, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key} in {string.Join(" and ", g.Select(r => r.Feature))}");

    /// <summary>The file a route's row belongs in, from the feature whose code maps it.</summary>
    public static string FileFor(string? feature) =>
        feature is not null && Rows.Any(r => r.Feature == feature + "Roles")
            ? $"tests/Birge.Tests/Features/{feature}/{feature}Roles.cs"
            : $"a new tests/Birge.Tests/Features/{feature ?? "<Feature>"}/{feature ?? "<Feature>"}Roles.cs, or tests/Birge.Tests/Security/SiteRoles.cs for the site as a whole";

    /// <summary>"Accounts" for a type in <c>Birge.Web.Features.Accounts</c>, else null.</summary>
    public static string? FeatureOf(MemberInfo? handler)
    {
        var parts = (handler?.DeclaringType?.Namespace ?? "").Split('.');
        return parts.Length >= 4 && parts[2] == "Features" ? parts[3] : null;
    }
}
