using System.Security.Cryptography;
using System.Text;

namespace Birge.Web.Domain;

public enum CodeCheck
{
    Valid,

    /// <summary>Not the right number of characters of the alphabet: not a Birge code of this kind at all.</summary>
    Malformed,

    /// <summary>The check character does not match: a character was mistyped (or changed on purpose).</summary>
    Typo,
}

/// <summary>
/// A code people read aloud and type: random characters and a check character (Luhn mod 32, which catches every
/// single changed character and most swapped neighbours) from Crockford's alphabet, which leaves out I, L, O and U so
/// that nothing reads as another character. Printed in groups of four: <c>7KQ2-M9XD-4HTB</c>. Certificates and help
/// requests' tracking codes are such codes of different lengths.
/// </summary>
public static class CheckedCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New(int length)
    {
        var code = new StringBuilder(length);
        for (var i = 0; i < length - 1; i++)
        {
            code.Append(Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)]);
        }

        return code.Append(CheckCharacter(code.ToString())).ToString();
    }

    /// <summary>The code as a person typed it (any case, spaces or dashes, O for 0, I or L for 1) in its stored form.</summary>
    public static CodeCheck Parse(string? input, int length, out string code)
    {
        code = "";
        if (string.IsNullOrWhiteSpace(input) || input.Length > 40)
        {
            return CodeCheck.Malformed;
        }

        var normalized = new StringBuilder(length);
        foreach (var c in input.ToUpperInvariant())
        {
            if (c is ' ' or '-')
            {
                continue;
            }

            var value = c switch
            {
                'O' => '0',
                'I' or 'L' => '1',
                _ => c,
            };
            if (!Alphabet.Contains(value, StringComparison.Ordinal))
            {
                return CodeCheck.Malformed;
            }

            normalized.Append(value);
        }

        if (normalized.Length != length)
        {
            return CodeCheck.Malformed;
        }

        code = normalized.ToString();
        return CheckCharacter(code[..^1]) == code[^1] ? CodeCheck.Valid : CodeCheck.Typo;
    }

    /// <summary>For reading aloud and typing: groups of four.</summary>
    public static string Format(string code) =>
        string.Join('-', code.Chunk(4).Select(group => new string(group)));

    /// <summary>Luhn mod N over the alphabet's values, N = 32.</summary>
    private static char CheckCharacter(string payload)
    {
        var n = Alphabet.Length;
        var factor = 2;
        var sum = 0;
        for (var i = payload.Length - 1; i >= 0; i--)
        {
            var addend = factor * Alphabet.IndexOf(payload[i], StringComparison.Ordinal);
            factor = factor == 2 ? 1 : 2;
            sum += (addend / n) + (addend % n);
        }

        return Alphabet[(n - (sum % n)) % n];
    }
}
