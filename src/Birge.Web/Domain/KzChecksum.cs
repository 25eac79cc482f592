namespace Birge.Web.Domain;

/// <summary>The control digit shared by Kazakhstan's IIN and BIN (two weight passes, modulo 11).</summary>
internal static class KzChecksum
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
