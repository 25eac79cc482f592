using System.Security.Cryptography;
using System.Text;

namespace Birge.Web.Infrastructure;

/// <summary>
/// The SMS gateway's calls to Birge (delivery reports, inbound SMS) carry the header <c>X-Gateway-Secret</c> equal to
/// the setting <c>Sms:InboundSecret</c>. Compared in fixed time; with no secret configured nothing passes.
/// </summary>
public static class GatewaySecret
{
    public const string Header = "X-Gateway-Secret";

    public static bool Matches(HttpRequest request, IConfiguration configuration) =>
        Matches(request.Headers[Header] is [{ Length: > 0 } given] ? given : null, configuration);

    /// <summary>The header's value as an endpoint bound it (so the OpenAPI document shows the header).</summary>
    public static bool Matches(string? given, IConfiguration configuration)
    {
        var secret = configuration["Sms:InboundSecret"];
        if (string.IsNullOrEmpty(secret) || string.IsNullOrEmpty(given))
        {
            return false;
        }

        // Hashes of equal length, so the comparison does not tell the secret's length either.
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
    }
}
