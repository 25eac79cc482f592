using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Birge.Web.Domain;

namespace Birge.Web.Features.Attendance;

/// <summary>
/// The shift's rotating check-in code: HMAC-SHA256 of the shift and the minute under the shift's own secret, as ten
/// base32 characters (50 bits). A new code every minute; the current and the previous minute's codes are accepted,
/// so a photo of the screen sent to a friend at home stops working within two minutes. Codes work only from
/// <see cref="OpensBefore"/> before the shift's start to its end.
/// </summary>
public static class CheckinCode
{
    public const int Length = 10;

    public static readonly TimeSpan OpensBefore = TimeSpan.FromMinutes(30);

    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static DateTime OpensAt(Shift shift) => shift.StartsAt - OpensBefore;

    public static bool IsOpen(Shift shift, DateTime now) => now >= OpensAt(shift) && now <= shift.EndsAt;

    /// <summary>The code shown at <paramref name="now"/>.</summary>
    public static string Current(Shift shift, DateTime now) => For(shift, Minute(now));

    /// <summary>The moment the code shown at <paramref name="now"/> is replaced by the next one.</summary>
    public static DateTime RotatesAt(DateTime now) => DateTime.UnixEpoch.AddMinutes(Minute(now) + 1);

    /// <summary>The moment the code shown at <paramref name="now"/> stops being accepted.</summary>
    public static DateTime ExpiresAt(DateTime now) => DateTime.UnixEpoch.AddMinutes(Minute(now) + 2);

    /// <summary>Why <paramref name="code"/> does not open the shift at <paramref name="now"/>, or null when it does.</summary>
    public static string? Check(Shift shift, string? code, DateTime now) =>
        Check(shift.Id, shift.CheckinSecret, OpensAt(shift), shift.EndsAt, code, now);

    /// <summary>The same for anything with an id, a secret and a window (a call-out's roster).</summary>
    public static string? Check(Guid id, byte[] secret, DateTime opensAt, DateTime closesAt, string? code, DateTime now)
    {
        if (now < opensAt || now > closesAt)
        {
            return AttendanceErrors.CheckinNotOpen;
        }

        var given = Normalize(code);
        if (given is null)
        {
            return AttendanceErrors.CheckinCodeInvalid;
        }

        var minute = Minute(now);
        var givenBytes = Encoding.ASCII.GetBytes(given);
        var current = CryptographicOperations.FixedTimeEquals(givenBytes, Encoding.ASCII.GetBytes(For(id, secret, minute)));
        var previous = CryptographicOperations.FixedTimeEquals(givenBytes, Encoding.ASCII.GetBytes(For(id, secret, minute - 1)));
        return current | previous ? null : AttendanceErrors.CheckinCodeInvalid;
    }

    /// <summary>A typed code as the generator writes it: capitals, no spaces or dashes; null when it cannot be one.</summary>
    public static string? Normalize(string? code)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 40)
        {
            return null;
        }

        var letters = new string([.. code.Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant)]);
        return letters.Length == Length && letters.All(c => Alphabet.Contains(c, StringComparison.Ordinal)) ? letters : null;
    }

    /// <summary>For people who type it: "ABCDE FGHIJ".</summary>
    public static string Display(string code) => code.Length == Length ? code[..5] + " " + code[5..] : code;

    public static string For(Shift shift, long minute) => For(shift.Id, shift.CheckinSecret, minute);

    /// <summary>The code shown at <paramref name="now"/> for anything with an id and a secret.</summary>
    public static string Current(Guid id, byte[] secret, DateTime now) => For(id, secret, Minute(now));

    public static string For(Guid id, byte[] secret, long minute)
    {
        var message = Encoding.ASCII.GetBytes(id.ToString("N") + ":" + minute.ToString(CultureInfo.InvariantCulture));
        var mac = HMACSHA256.HashData(secret, message);
        var code = new StringBuilder(Length);
        ulong bits = 0;
        for (var i = 0; i < 7; i++)
        {
            bits = (bits << 8) | mac[i];
        }

        // 56 bits read; the first 50 make ten characters of five bits.
        for (var i = 0; i < Length; i++)
        {
            code.Append(Alphabet[(int)((bits >> (51 - (5 * i))) & 31)]);
        }

        return code.ToString();
    }

    private static long Minute(DateTime utc) => (long)Math.Floor((utc - DateTime.UnixEpoch).TotalMinutes);
}
