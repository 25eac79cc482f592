using System.Security.Claims;
using Birge.Web.Data;
using Birge.Web.Domain;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Birge.Web.Features.Accounts;

/// <summary>
/// A password reset and a deleted account end every session opened before them (the security stamp changes). A
/// browser's cookie is checked against the account every <see cref="SecurityStampValidatorOptions.ValidationInterval"/>;
/// once it no longer matches, the cookie is cleared and the person lands on the login page, told why. A bearer token
/// is checked on every API request: one look-up of the account by its key, so a revoked token fails at once.
/// </summary>
public static class Sessions
{
    /// <summary>The login page's notice after a session ended.</summary>
    public const string EndedStatus = "Session_Ended";

    private const string EndedKey = "birge.session-ended";

    public static IServiceCollection AddAccountSessions(this IServiceCollection services)
    {
        services.AddScoped<ISecurityStampValidator, CookieValidator>();
        services.Configure<BearerTokenOptions>(IdentityConstants.BearerScheme, o => o.Events.OnMessageReceived = RefuseRevokedTokenAsync);
        return services;
    }

    /// <summary>After authentication: a page request whose cookie was just rejected goes to the login page.</summary>
    public static IApplicationBuilder UseEndedSessions(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!context.Items.ContainsKey(EndedKey) || context.Request.Path.StartsWithSegments("/api"))
        {
            await next(context);
            return;
        }

        var tempData = context.RequestServices.GetRequiredService<ITempDataDictionaryFactory>().GetTempData(context);
        tempData["Status"] = EndedStatus;
        tempData.Save();
        var path = context.Request.Path;
        var returnTo = HttpMethods.IsGet(context.Request.Method) && path != "/" && !path.StartsWithSegments("/account/login")
            ? "?ReturnUrl=" + Uri.EscapeDataString(path + context.Request.QueryString)
            : "";
        context.Response.Redirect("/account/login" + returnTo);
    });

    /// <summary>
    /// Refuses a bearer token whose account has changed its security stamp (password reset), was deleted or is not
    /// active. A token that cannot be read is left to the bearer handler, which refuses it too.
    /// </summary>
    private static async Task RefuseRevokedTokenAsync(MessageReceivedContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return;
        }

        var token = authorization["Bearer ".Length..];
        var principal = context.Options.BearerTokenProtector.Unprotect(token)?.Principal;
        if (principal is null)
        {
            return;
        }

        var stampClaim = context.HttpContext.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var stamp = principal.FindFirstValue(stampClaim);
        var db = context.HttpContext.RequestServices.GetRequiredService<BirgeDb>();
        var current = Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            ? await db.Accounts.AsNoTracking()
                .Where(a => a.Id == id)
                .Select(a => new { a.SecurityStamp, a.Status })
                .FirstOrDefaultAsync(context.HttpContext.RequestAborted)
            : null;
        if (current is null || current.Status != AccountStatus.Active || stamp is null || current.SecurityStamp != stamp)
        {
            context.Fail("The token was issued before the account's password or status changed.");
            return;
        }

        context.Token = token;
    }

    /// <summary>
    /// Identity's own validator also signs out schemes Birge does not register (two-factor, external logins), which
    /// throws: every page, the error page included, answered 500 and the cookie stayed. This one clears only the cookie
    /// Birge uses.
    /// </summary>
    private sealed class CookieValidator(SignInManager<Account> signIn, IOptions<SecurityStampValidatorOptions> options, TimeProvider clock)
        : ISecurityStampValidator
    {
        public async Task ValidateAsync(CookieValidatePrincipalContext context)
        {
            if (context.Properties.IssuedUtc is { } issued && clock.GetUtcNow() - issued <= options.Value.ValidationInterval)
            {
                return;
            }

            if (context.Principal is { } principal && await signIn.ValidateSecurityStampAsync(principal) is { IsActive: true } account)
            {
                context.ReplacePrincipal(await signIn.CreateUserPrincipalAsync(account));
                context.ShouldRenew = true;
                return;
            }

            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            context.HttpContext.Items[EndedKey] = true;
        }
    }
}
