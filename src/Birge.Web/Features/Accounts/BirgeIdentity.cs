using Birge.Web.Domain;
using Microsoft.AspNetCore.Identity;

namespace Birge.Web.Features.Accounts;

/// <summary>
/// Accounts as ASP.NET Core Identity sees them: its managers over our own store, the password and lockout rules,
/// a cookie for pages and a bearer token for the API (one scheme picks between them by path), and sessions that end
/// when the security stamp changes.
/// </summary>
public static class BirgeIdentity
{
    private const string SmartScheme = "pages-or-api";

    public static IServiceCollection AddBirgeIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddIdentityCore<Account>(o =>
            {
                o.Password.RequiredLength = Password.MinLength;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.SignIn.RequireConfirmedAccount = true;
                o.User.RequireUniqueEmail = false;
            })
            .AddUserStore<AccountStore>()
            .AddClaimsPrincipalFactory<AccountClaimsFactory>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.AddScoped<IUserConfirmation<Account>, AccountConfirmation>();
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(24));

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
            })
            .AddPolicyScheme(SmartScheme, null, o => o.ForwardDefaultSelector = context =>
                context.Request.Path.StartsWithSegments("/api") ? IdentityConstants.BearerScheme : IdentityConstants.ApplicationScheme)
            .AddCookie(IdentityConstants.ApplicationScheme, o =>
            {
                o.Cookie.Name = "birge.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = SecureCookies(configuration);
                o.LoginPath = "/account/login";
                o.LogoutPath = "/account/logout";
                o.AccessDeniedPath = "/error/403";
                o.ExpireTimeSpan = TimeSpan.FromDays(14);
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = SecurityStampValidator.ValidatePrincipalAsync;
            })
            .AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(1));
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddAccountSessions();
        return services;
    }

    /// <summary>Cookies go only over HTTPS unless <c>Security:RequireHttps</c> is false (development, tests).</summary>
    public static CookieSecurePolicy SecureCookies(IConfiguration configuration) =>
        configuration.GetValue("Security:RequireHttps", true) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
}
