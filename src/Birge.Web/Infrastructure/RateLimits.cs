using System.Threading.RateLimiting;

namespace Birge.Web.Infrastructure;

/// <summary>
/// Sign-up, login and password reset accept a few attempts a minute from one address; reading the forms is free.
/// Certificate checks (page and API) accept <c>RateLimiting:VerifyPermitsPerMinute</c> (30) a minute from one address.
/// <c>RateLimiting:Enabled=false</c> switches it off for load tests.
/// </summary>
public static class RateLimits
{
    public const string Auth = "auth";

    /// <summary>Certificate checks, reading included: a code is looked up on every request.</summary>
    public const string Verify = "verify";

    public static IServiceCollection AddBirgeRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var enabled = configuration.GetValue("RateLimiting:Enabled", true);
        var permits = configuration.GetValue("RateLimiting:AuthPermitsPerMinute", 10);
        var verifyPermits = configuration.GetValue("RateLimiting:VerifyPermitsPerMinute", 30);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(Auth, context =>
                !enabled || HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
                    ? RateLimitPartition.GetNoLimiter("free")
                    : RateLimitPartition.GetFixedWindowLimiter(
                        context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            options.AddPolicy(Verify, context =>
                !enabled
                    ? RateLimitPartition.GetNoLimiter("free")
                    : RateLimitPartition.GetFixedWindowLimiter(
                        context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = verifyPermits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            options.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
        });
        return services;
    }
}
