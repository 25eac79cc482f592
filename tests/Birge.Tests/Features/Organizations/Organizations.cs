using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Birge.Tests.Features.Organizations;

/// <summary>Business identification numbers for tests: valid and unique in the run, or broken on purpose.</summary>
public static class Bins
{
    public const string Sample = "940140000385";

    private static int serial = Random.Shared.Next(10_000, 90_000);

    /// <summary>A valid, unique BIN of a resident legal entity's head office registered in <paramref name="yymm"/>.</summary>
    public static string New(string yymm = "2103") => WithControlDigit(yymm + "40" + (Interlocked.Increment(ref serial) % 100_000).ToString("00000", CultureInfo.InvariantCulture));

    /// <summary>A BIN whose control digit is right but whose month is 99.</summary>
    public static string WithMonth99() => New("2199");

    public static string WithBadChecksum(string bin) => bin[..11] + ((bin[11] - '0' + 1) % 10).ToString(CultureInfo.InvariantCulture);

    private static string WithControlDigit(string prefix)
    {
        while (true)
        {
            var control = Weigh(prefix, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
            if (control == 10)
            {
                control = Weigh(prefix, [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]);
            }

            if (control != 10)
            {
                return prefix + control.ToString(CultureInfo.InvariantCulture);
            }

            // Both passes give 10: such a number is never issued; take the next serial.
            prefix = prefix[..6] + (Interlocked.Increment(ref serial) % 100_000).ToString("00000", CultureInfo.InvariantCulture);
        }
    }

    private static int Weigh(string digits, int[] weights)
    {
        var sum = 0;
        for (var i = 0; i < 11; i++)
        {
            sum += (digits[i] - '0') * weights[i];
        }

        return sum % 11;
    }
}

/// <summary>Organisations through the registration API, for the tests of registration and the fair; <see cref="TestData"/> makes the rest.</summary>
public static class Orgs
{
    public const string AstanaCity = "710000000";

    private static int counter = Random.Shared.Next(1000, 9000);

    /// <summary>A word no other test uses, to find exactly the organisations a test made.</summary>
    public static string UniqueWord() => "тест" + Interlocked.Increment(ref counter).ToString(CultureInfo.InvariantCulture) + Guid.NewGuid().ToString("N")[..6];

    public static Dictionary<string, object?> Body(string? name = null, string? bin = null) => new()
    {
        ["name"] = name ?? "Қамқор " + UniqueWord(),
        ["bin"] = bin ?? Bins.New(),
        ["regionKato"] = People.AlmatyCity,
        ["directions"] = new[] { "social" },
        ["description"] = new { kk = "Қарттарға көмек", ru = "Помощь пожилым" },
        ["legalForm"] = "public_association",
    };

    /// <summary>Registers an organisation through the API as <paramref name="token"/>'s owner; returns its id.</summary>
    public static async Task<Guid> RegisterAsync(BirgeApp app, string token, Dictionary<string, object?>? body = null)
    {
        using var client = app.Client(accessToken: token);
        using var response = await client.PostAsJsonAsync("/api/v1/organizations", body ?? Body());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("id").GetGuid();
    }

    /// <summary>The front office's decision, made on the entity as the verification feature will make it.</summary>
    public static async Task VerifyAsync(BirgeApp app, Guid organizationId) =>
        await app.Db(async db =>
        {
            var organization = await db.Organizations.SingleAsync(o => o.Id == organizationId);
            Assert.Null(organization.Decide(OrganizationDecision.Verify, null, Guid.NewGuid(), DateTime.UtcNow));
            return await db.SaveChangesAsync();
        });
}
