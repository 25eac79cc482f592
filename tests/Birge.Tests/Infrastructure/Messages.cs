using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace Birge.Tests.Infrastructure;

/// <summary>Reads what the app "sent": rows in the outbox (the background sender is off in tests).</summary>
public static partial class Messages
{
    /// <summary>
    /// The newest link to <paramref name="path"/> in a message to <paramref name="recipient"/>, as a relative URL
    /// ("http://localhost/account/confirm?…" becomes "/account/confirm?…").
    /// </summary>
    public static async Task<string> LinkAsync(BirgeApp app, string recipient, string path)
    {
        var bodies = await app.Db(db => db.OutboxMessages
            .Where(m => m.Recipient == recipient)
            .OrderByDescending(m => m.CreatedAt)
            .Select(m => m.Body)
            .ToListAsync());
        foreach (var body in bodies)
        {
            foreach (Match match in LinkPattern().Matches(body))
            {
                var link = match.Groups[1].Value.TrimEnd('.', ',', ')', ';');
                if (link.StartsWith(path, StringComparison.Ordinal))
                {
                    return link;
                }
            }
        }

        throw new InvalidOperationException($"No message to {recipient} has a link to {path} ({bodies.Count} messages).");
    }

    /// <summary>The value of one query parameter of a relative URL.</summary>
    public static string Query(string url, string name) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://localhost" + url).Query)[name].ToString();

    [GeneratedRegex(@"http://localhost(/[^\s""'<>]*)", RegexOptions.CultureInvariant)]
    private static partial Regex LinkPattern();
}

/// <summary>Valid (and deliberately broken) individual identification numbers for a birth date.</summary>
public static class Iins
{
    private static int serial = Random.Shared.Next(1000, 9000);

    /// <summary>A checksum-valid IIN for someone born on <paramref name="born"/>, unique in this test run.</summary>
    public static string For(DateOnly born)
    {
        while (true)
        {
            var century = born.Year >= 2000 ? 5 : 3;
            var s = Interlocked.Increment(ref serial) % 10_000;
            var prefix = born.ToString("yyMMdd", CultureInfo.InvariantCulture) + century.ToString(CultureInfo.InvariantCulture)
                + s.ToString("0000", CultureInfo.InvariantCulture);
            var control = Weigh(prefix, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
            if (control == 10)
            {
                control = Weigh(prefix, [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]);
            }

            if (control != 10)
            {
                return prefix + control.ToString(CultureInfo.InvariantCulture);
            }
        }
    }

    /// <summary>The same number with a wrong control digit.</summary>
    public static string WithBadChecksum(string iin) =>
        iin[..11] + ((iin[11] - '0' + 1) % 10).ToString(CultureInfo.InvariantCulture);

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
