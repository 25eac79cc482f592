namespace Birge.Web.Domain;

/// <summary>
/// Individual identification number: YYMMDD, a digit for century and sex, a serial, a control digit.
/// </summary>
public sealed record Iin
{
    private Iin(string value, DateOnly birthDate, bool isMale)
    {
        Value = value;
        BirthDate = birthDate;
        IsMale = isMale;
    }

    public string Value { get; }

    public DateOnly BirthDate { get; }

    public bool IsMale { get; }

    public static bool TryParse(string? text, out Iin? iin)
    {
        iin = null;
        var digits = text?.Trim().Replace(" ", "", StringComparison.Ordinal) ?? "";
        if (!KzChecksum.IsValid(digits))
        {
            return false;
        }

        var centuryDigit = digits[6] - '0';
        if (centuryDigit is < 1 or > 6)
        {
            return false;
        }

        var century = 1800 + ((centuryDigit - 1) / 2 * 100);
        var year = century + int.Parse(digits.AsSpan(0, 2), provider: null);
        var month = int.Parse(digits.AsSpan(2, 2), provider: null);
        var day = int.Parse(digits.AsSpan(4, 2), provider: null);
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        iin = new Iin(digits, new DateOnly(year, month, day), centuryDigit % 2 == 1);
        return true;
    }

    public override string ToString() => Value;
}
