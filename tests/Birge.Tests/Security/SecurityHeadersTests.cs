using System.Net;
using Birge.Tests.Infrastructure;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Birge.Tests.Security;

public abstract class SecurityHeadersTests(BirgeApp app)
{
    [Theory]
    [InlineData("/account/login")]
    [InlineData("/api/v1/regions")]
    public async Task Pages_and_api_responses_forbid_inline_scripts_framing_sniffing_and_referrers(string path)
    {
        using var client = app.Browser();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    /// <summary>The test server has no Server header of its own; InstalledProgramTests checks a real Kestrel.</summary>
    [Fact]
    public void Kestrel_does_not_name_itself_in_a_Server_header() =>
        Assert.False(app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.AddServerHeader);

    [Fact]
    public async Task Error_responses_carry_the_headers_too()
    {
        using var client = app.Browser();

        using var response = await client.GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.True(response.Headers.Contains("Content-Security-Policy"));
    }

    [Fact]
    public async Task A_form_posted_without_the_antiforgery_token_is_refused_and_nothing_is_stored()
    {
        using var client = app.Browser();
        var email = People.NewEmail();
        using var content = new FormUrlEncodedContent(People.AdultForm(email));

        using var response = await client.PostAsync("/account/signup", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await app.Db(db => db.Accounts.AnyAsync(a => a.Email == email)));
    }
}

[Collection(Sqlite.Name)]
public sealed class SecurityHeadersTestsOnSqlite(SqliteApp app) : SecurityHeadersTests(app);

[Collection(Postgres.Name)]
public sealed class SecurityHeadersTestsOnPostgres(PostgresApp app) : SecurityHeadersTests(app);
