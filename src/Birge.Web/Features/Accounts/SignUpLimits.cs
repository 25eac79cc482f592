using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;

namespace Birge.Web.Features.Accounts;

/// <summary>
/// Slows down whoever tests which contacts are registered. A sign-up that hits a registered e-mail or phone (409
/// <c>account_exists</c>) counts against the contact tried and against the network it came from (the client's IPv4
/// address, or its IPv6 /64); one that gives an IIN another account holds counts against the network. Once either
/// allowance for the hour is spent, further sign-ups with that contact or from that network are refused (429
/// <c>sign_up_limited</c>) before anything is looked up, so the refusal says nothing about the contact tried.
/// The counts live in memory, per app node, like the other rate limits; <c>RateLimiting:Enabled=false</c> turns
/// them off.
/// </summary>
public sealed class SignUpLimits : IDisposable
{
    private readonly bool enabled;
    private readonly PartitionedRateLimiter<string> contacts;
    private readonly PartitionedRateLimiter<string> networks;

    public SignUpLimits(IConfiguration configuration)
    {
        enabled = configuration.GetValue("RateLimiting:Enabled", true);
        contacts = Hourly(configuration.GetValue("RateLimiting:SignUpConflictsPerAddressPerHour", 5));
        networks = Hourly(configuration.GetValue("RateLimiting:SignUpConflictsPerNetworkPerHour", 20));
    }

    /// <summary>The network a request comes from: an IPv4 address, or the /64 an IPv6 host usually has to itself.</summary>
    public static string Network(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>False when the network or one of the contacts has used up its allowance.</summary>
    public bool Allows(string network, IReadOnlyCollection<string> triedContacts) =>
        !enabled || (HasPermits(networks, network) && triedContacts.All(c => HasPermits(contacts, c)));

    /// <summary>A sign-up hit a registered contact (or an IIN held by another account).</summary>
    public void Count(string network, IEnumerable<string> triedContacts)
    {
        if (!enabled)
        {
            return;
        }

        networks.AttemptAcquire(network).Dispose();
        foreach (var contact in triedContacts)
        {
            contacts.AttemptAcquire(contact).Dispose();
        }
    }

    public void Dispose()
    {
        contacts.Dispose();
        networks.Dispose();
    }

    private static bool HasPermits(PartitionedRateLimiter<string> limiter, string key) =>
        limiter.GetStatistics(key)?.CurrentAvailablePermits > 0;

    private static PartitionedRateLimiter<string> Hourly(int permits) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(
            key,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, permits), Window = TimeSpan.FromHours(1), QueueLimit = 0 }));
}
