using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Birge.Web.Infrastructure;

/// <summary>
/// With <c>ForwardedHeaders:Enabled</c>, <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed only from the
/// reverse proxies in <c>ForwardedHeaders:KnownProxies</c>: addresses and networks (<c>10.0.0.5</c>, <c>10.0.0.0/24</c>),
/// as a list or one string separated by commas; without it, only a proxy on the same machine (127.0.0.0/8 and ::1).
/// Anyone else is known by the address they connect from (rate limits), and their scheme is the connection's.
/// <c>ForwardedHeaders:ForwardLimit</c> (1) is the number of trusted proxies in a row, e.g. 2 for a load balancer in
/// front of nginx (both listed).
/// </summary>
public static class TrustedProxies
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>((o, configuration) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = configuration.GetValue("ForwardedHeaders:ForwardLimit", 1);
            var entries = Entries(configuration.GetSection("ForwardedHeaders:KnownProxies"));
            if (entries.Count == 0)
            {
                return; // ASP.NET's default: loopback only.
            }

            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var entry in entries)
            {
                if (entry.Contains('/', StringComparison.Ordinal) && System.Net.IPNetwork.TryParse(entry, out var network))
                {
                    o.KnownIPNetworks.Add(network);
                }
                else if (IPAddress.TryParse(entry, out var address))
                {
                    o.KnownProxies.Add(address);
                }
                else
                {
                    throw new InvalidOperationException($"ForwardedHeaders:KnownProxies: '{entry}' is neither an IP address nor a network such as 10.0.0.0/24.");
                }
            }
        });
        return services;
    }

    /// <summary>Believes the forwarded headers only with <c>ForwardedHeaders:Enabled</c> (behind nginx).</summary>
    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app, IConfiguration configuration) =>
        configuration.GetValue("ForwardedHeaders:Enabled", false) ? app.UseForwardedHeaders() : app;

    /// <summary>A list (<c>KnownProxies:0</c>, <c>KnownProxies__0</c>…) or one value separated by commas.</summary>
    private static List<string> Entries(IConfigurationSection section) =>
        [.. (section.Value is { Length: > 0 } single ? single.Split(',') : section.GetChildren().Select(c => c.Value ?? ""))
            .Select(e => e.Trim())
            .Where(e => e.Length > 0)];
}
