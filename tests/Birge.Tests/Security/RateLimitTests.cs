using System.Net;
using System.Net.Http.Json;
using Birge.Tests.Infrastructure;

namespace Birge.Tests.Security;

/// <summary>The app with rate limiting on, as in production, and a small allowance to reach quickly.</summary>
public sealed class RateLimitedApp : SqliteApp
{
    protected override IReadOnlyDictionary<string, string> ExtraSettings { get; } = new Dictionary<string, string>
    {
        ["RateLimiting:Enabled"] = "true",
        ["RateLimiting:AuthPermitsPerMinute"] = "3",
    };
}

public sealed class RateLimitTests(RateLimitedApp app) : IClassFixture<RateLimitedApp>
{
    [Fact]
    public async Task The_fourth_login_attempt_in_a_minute_is_refused_with_429()
    {
        using var client = app.Client();
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await client.PostAsJsonAsync("/api/v1/auth/token", new { login = People.NewEmail(), password = "Wrong-2026" });
            await allowed.AssertProblemAsync(HttpStatusCode.Unauthorized, "login_failed");
        }

        using var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { login = People.NewEmail(), password = "Wrong-2026" });

        await response.AssertProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.True(response.Headers.RetryAfter is not null);
    }

    [Fact]
    public async Task Reading_the_login_page_is_never_limited()
    {
        using var client = app.Browser();
        for (var i = 0; i < 10; i++)
        {
            using var response = await client.GetAsync("/account/login");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}
