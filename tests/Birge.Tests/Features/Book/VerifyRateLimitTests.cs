using System.Net;
using Birge.Tests.Infrastructure;

namespace Birge.Tests.Features.Book;

/// <summary>The app with rate limiting on and a small allowance for certificate checks.</summary>
public sealed class VerifyRateLimitedApp : SqliteApp
{
    protected override IReadOnlyDictionary<string, string> ExtraSettings { get; } = new Dictionary<string, string>
    {
        ["RateLimiting:Enabled"] = "true",
        ["RateLimiting:VerifyPermitsPerMinute"] = "3",
    };
}

public sealed class VerifyRateLimitTests(VerifyRateLimitedApp app) : IClassFixture<VerifyRateLimitedApp>
{
    [Fact]
    public async Task Checking_codes_one_after_another_is_limited_from_one_address()
    {
        using var client = app.Client();
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await client.GetAsync("/api/v1/certificates/" + Birge.Web.Features.Book.CertificateCode.New());
            await allowed.AssertProblemAsync(HttpStatusCode.NotFound, "certificate_not_found");
        }

        using var api = await client.GetAsync("/api/v1/certificates/" + Birge.Web.Features.Book.CertificateCode.New());
        using var page = await app.Browser().GetAsync("/verify/" + Birge.Web.Features.Book.CertificateCode.New());

        await api.AssertProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
    }
}
