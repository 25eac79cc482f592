using Birge.Web.Infrastructure;

namespace Birge.Web.Features.Accounts;

/// <summary>Sign-up, confirmation, login, password reset, parents' consent, my data; identity itself is <see cref="BirgeIdentity"/>.</summary>
public static class AccountsFeature
{
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddScoped<SignUp>();
        services.AddSingleton<SignUpLimits>();
        services.AddScoped<ContactConfirmation>();
        services.AddScoped<AccountLookup>();
        services.AddScoped<LoginCheck>();
        services.AddScoped<PasswordReset>();
        services.AddScoped<PersonalData>();
        services.AddScoped<ParentConsentConfirmation>();

        // Contacts not confirmed within 7 days are released (reminded at day 5).
        services.AddPeriodicJob<UnconfirmedAccounts>();
        return services;
    }

    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app) => app.MapAccountsApi();
}
