namespace Birge.Web.Domain;

/// <summary>The control digit shared by Kazakhstan's IIN and BIN (two weight passes, modulo 11).</summary>
public static class KzChecksum
{
    private static readonly int[] FirstWeights = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    private static readonly int[] SecondWeights = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

    /// <summary>True when <paramref name="digits"/> is 12 ASCII digits whose last is the control digit.</summary>
    public static bool IsValid(string digits)
    {
        if (digits.Length != 12 || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }

        var control = Weigh(digits, FirstWeights);
        if (control == 10)
        {
            control = Weigh(digits, SecondWeights);
        }

        // A prefix for which both passes give 10 is never issued.
        return control != 10 && control == digits[11] - '0';
    }

    /// <summary>
    /// The 12-digit number made of <paramref name="first11"/> and its control digit, or null for a prefix that is never
    /// issued. Used to make valid demo and test numbers.
    /// </summary>
    public static string? Complete(string first11)
    {
        if (first11.Length != 11 || !first11.All(char.IsAsciiDigit))
        {
            return null;
        }

        var control = Weigh(first11, FirstWeights);
        if (control == 10)
        {
            control = Weigh(first11, SecondWeights);
        }

        return control == 10 ? null : first11 + (char)('0' + control);
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
