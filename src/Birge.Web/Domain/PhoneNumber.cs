namespace Birge.Web.Domain;

/// <summary>A Kazakh mobile number, stored as +77xxxxxxxxx whatever way it was typed.</summary>
public sealed record PhoneNumber
{
    private PhoneNumber(string value) => Value = value;

    public string Value { get; }

    /// <summary>
    /// Accepts "+7 701 123 45 67", "8 (701) 123-45-67", "87011234567", "77011234567", "7011234567".
    /// Rejects numbers of other countries that share the +7 code.
    /// </summary>
    public static bool TryParse(string? text, out PhoneNumber? phone)
    {
        phone = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        var plus = trimmed.StartsWith('+');
        var digits = new string(trimmed.Where(char.IsAsciiDigit).ToArray());
        if (trimmed.Any(c => !char.IsAsciiDigit(c) && c is not (' ' or '-' or '(' or ')' or '.' or '+'))
            || trimmed.LastIndexOf('+') > 0)
        {
            return false;
        }

        string? national = digits.Length switch
        {
            11 when plus && digits[0] == '7' => digits[1..],
            11 when !plus && digits[0] is '7' or '8' => digits[1..],
            10 when !plus => digits,
            _ => null,
        };

        // +7 7xx is Kazakhstan; +7 9xx, 4xx, 3xx, 8xx are Russia.
        if (national is null || national[0] != '7')
        {
            return false;
        }

        phone = new PhoneNumber("+7" + national);
        return true;
    }

    /// <summary>"+7 701 *** ** 67": enough for a person to recognise their own number.</summary>
    public string Masked => $"{Value[..2]} {Value[2..5]} *** ** {Value[^2..]}";

    public override string ToString() => Value;
}
