namespace Birge.Web.Domain;

/// <summary>
/// Business identification number: YYMM of registration, the kind of entity, the kind of office, a serial,
/// a control digit.
/// </summary>
public sealed record Bin
{
    private Bin(string value, int year, int month, BinEntityKind entityKind, BinOfficeKind officeKind)
    {
        Value = value;
        RegisteredYear = year;
        RegisteredMonth = month;
        EntityKind = entityKind;
        OfficeKind = officeKind;
    }

    public string Value { get; }

    public int RegisteredYear { get; }

    public int RegisteredMonth { get; }

    public BinEntityKind EntityKind { get; }

    public BinOfficeKind OfficeKind { get; }

    public static bool TryParse(string? text, out Bin? bin)
    {
        bin = null;
        var digits = text?.Trim().Replace(" ", "", StringComparison.Ordinal) ?? "";
        if (!KzChecksum.IsValid(digits))
        {
            return false;
        }

        var yy = int.Parse(digits.AsSpan(0, 2), provider: null);
        var month = int.Parse(digits.AsSpan(2, 2), provider: null);
        var entity = digits[4] - '0';
        var office = digits[5] - '0';
        if (month is < 1 or > 12 || entity is < 4 or > 6 || office is < 0 or > 3)
        {
            return false;
        }

        // BINs were introduced in the 1990s; a two-digit year above the current one is from the 1900s.
        var year = yy + (yy <= DateTime.UtcNow.Year % 100 ? 2000 : 1900);
        bin = new Bin(digits, year, month, (BinEntityKind)entity, (BinOfficeKind)office);
        return true;
    }

    public override string ToString() => Value;
}

public enum BinEntityKind
{
    ResidentLegalEntity = 4,
    NonResidentLegalEntity = 5,
    JointVenture = 6,
}

public enum BinOfficeKind
{
    HeadOffice = 0,
    Branch = 1,
    Representation = 2,
    PeasantFarm = 3,
}
