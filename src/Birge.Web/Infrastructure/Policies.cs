using Birge.Web.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Birge.Web.Infrastructure;

/// <summary>
/// Named authorisation policies. Every page and endpoint names one of these or is explicitly anonymous: pages
/// require a signed-in person by folder convention, every API group requires <see cref="Account"/> by default,
/// and <c>AuthorizationTests</c> fails for any endpoint that says nothing. (No fallback policy: it would also
/// apply to unknown addresses and answer 401 where 404 is true.)
/// </summary>
public static class Policies
{
    /// <summary>Any signed-in person acting on their own account.</summary>
    public const string Account = "account";

    /// <summary>The national admin.</summary>
    public const string NationalAdmin = "national-admin";

    /// <summary>
    /// The owner or a coordinator of the organisation the route names: its <c>{organizationId}</c>, or the organisation
    /// of the route's <c>{opportunityId}</c> or <c>{shiftId}</c> (<see cref="RouteScopes"/>).
    /// </summary>
    public const string OrganizationMember = "organization-member";

    /// <summary>The owner of the organisation in the route's <c>{organizationId}</c>.</summary>
    public const string OrganizationOwner = "organization-owner";

    /// <summary>Staff of the front office of the route's region (<c>{kato}</c> or the organisation's), or national.</summary>
    public const string RegionStaff = "region-staff";

    /// <summary>Like <see cref="RegionStaff"/>, call-centre operators included.</summary>
    public const string RegionStaffOrOperator = "region-staff-or-operator";

    /// <summary>Tools that exist only on a developer's machine (the outbox viewer).</summary>
    public const string Development = "development";

    /// <summary>
    /// The policies, their organisation and region checks (<see cref="ScopedRequirementsHandler"/>, over the route
    /// scopes the features register), and the audit of every refusal.
    /// </summary>
    public static IServiceCollection AddBirgeAuthorization(this IServiceCollection services, IWebHostEnvironment environment)
    {
        services.AddAuthorization(o => Add(o, environment));
        services.AddScoped<Scopes>();
        services.AddScoped<IAuthorizationHandler, ScopedRequirementsHandler>();
        services.Replace(ServiceDescriptor.Singleton<IAuthorizationMiddlewareResultHandler, AuditingAuthorizationResultHandler>());
        services.AddSingleton<RefusalAllowance>();
        services.AddScoped<AuditLog>();
        services.AddHttpContextAccessor();
        return services;
    }

    public static void Add(AuthorizationOptions options, IWebHostEnvironment environment)
    {
        options.AddPolicy(Account, p => p.RequireAuthenticatedUser());
        options.AddPolicy(NationalAdmin, p => p.RequireAuthenticatedUser().RequireRole(AccountRole.Admin));
        options.AddPolicy(Development, p => p.RequireAssertion(_ => environment.IsDevelopment()));
        options.AddPolicy(OrganizationMember, p => p.RequireAuthenticatedUser().AddRequirements(new OrganizationRoleRequirement(OwnerOnly: false)));
        options.AddPolicy(OrganizationOwner, p => p.RequireAuthenticatedUser().AddRequirements(new OrganizationRoleRequirement(OwnerOnly: true)));
        options.AddPolicy(RegionStaff, p => p.RequireAuthenticatedUser().AddRequirements(new RegionStaffRequirement(OperatorsToo: false)));
        options.AddPolicy(RegionStaffOrOperator, p => p.RequireAuthenticatedUser().AddRequirements(new RegionStaffRequirement(OperatorsToo: true)));
    }
}
