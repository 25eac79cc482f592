using System.Net;
using System.Net.Http.Json;
using Birge.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Birge.Tests.Security;

/// <summary>
/// Forwarded headers and the login limit on, one configured proxy address and one proxy network. The test server
/// has no network connection, so a small middleware in front of the app takes the connection's address from a test
/// header.
/// </summary>
public sealed class ProxiedApp : SqliteApp
{
    public const string Proxy = "10.20.30.40";
    public const string RemoteAddressHeader = "X-Test-Remote-Address";

    protected override IReadOnlyDictionary<string, string> ExtraSettings { get; } = new Dictionary<string, string>
    {
        ["ForwardedHeaders:Enabled"] = "true",
        ["ForwardedHeaders:KnownProxies:0"] = Proxy,
        ["ForwardedHeaders:KnownProxies:1"] = "192.0.2.0/24",
        ["RateLimiting:Enabled"] = "true",
        ["RateLimiting:AuthPermitsPerMinute"] = "3",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, RemoteAddressFromHeader>());
    }

    private sealed class RemoteAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.Remove(RemoteAddressHeader, out var address))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

/// <summary>Only configured proxies may say who the client is; anyone else is counted by their own address.</summary>
public sealed class ForwardedHeadersTests(ProxiedApp app) : IClassFixture<ProxiedApp>
{
    [Fact]
    public async Task Rotating_X_Forwarded_For_from_an_untrusted_address_does_not_escape_the_login_limit()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= 4; i++)
        {
            using var response = await LoginAsync(from: "203.0.113.50", forwardedFor: $"198.51.100.{i}");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
    }

    [Theory]
    [InlineData(ProxiedApp.Proxy, "198.51.100.")]
    [InlineData("192.0.2.77", "198.51.101.")]
    public async Task Behind_a_configured_proxy_the_forwarded_address_is_the_one_counted(string proxy, string clients)
    {
        // Four people behind the proxy: each has an allowance of their own.
        for (var i = 10; i < 14; i++)
        {
            using var response = await LoginAsync(from: proxy, forwardedFor: clients + i);
            await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "login_failed");
        }

        // One of them trying again and again is limited.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await LoginAsync(from: proxy, forwardedFor: clients + "10");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
    }

    private async Task<HttpResponseMessage> LoginAsync(string from, string forwardedFor)
    {
        using var client = app.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token")
        {
            Content = JsonContent.Create(new { login = People.NewEmail(), password = "Wrong-2026" }),
        };
        request.Headers.Add(ProxiedApp.RemoteAddressHeader, from);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return await client.SendAsync(request);
    }
}

/// <summary>A proxy address with a typing mistake.</summary>
public sealed class MistypedProxyApp : SqliteApp
{
    protected override IReadOnlyDictionary<string, string> ExtraSettings { get; } = new Dictionary<string, string>
    {
        ["ForwardedHeaders:Enabled"] = "true",
        ["ForwardedHeaders:KnownProxies"] = "10.0.0.5, 10.0.0.300",
    };
}

public sealed class MistypedProxyTests
{
    [Fact]
    public async Task A_mistyped_proxy_address_stops_the_program_at_start_with_a_clear_message()
    {
        await using var app = new MistypedProxyApp();

        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Contains("ForwardedHeaders:KnownProxies: '10.0.0.300'", error.ToString(), StringComparison.Ordinal);
    }
}

/// <summary>Without a list in the settings, only a proxy on the same machine is trusted.</summary>
public abstract class TrustedProxyDefaultsTests(BirgeApp app)
{
    [Fact]
    public void By_default_only_loopback_proxies_are_trusted()
    {
        var options = app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;

        Assert.Equal([IPAddress.IPv6Loopback], options.KnownProxies);
        Assert.Equal(["127.0.0.0/8"], options.KnownIPNetworks.Select(n => n.ToString()));
        Assert.Equal(ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, options.ForwardedHeaders);
    }
}

[Collection(Sqlite.Name)]
public sealed class TrustedProxyDefaultsTestsOnSqlite(SqliteApp app) : TrustedProxyDefaultsTests(app);

[Collection(Postgres.Name)]
public sealed class TrustedProxyDefaultsTestsOnPostgres(PostgresApp app) : TrustedProxyDefaultsTests(app);

