namespace Birge.Web.Domain;

/// <summary>
/// The dates Birge deals in. Nothing it records happened before 2000, shifts are planned at most two years ahead, and a
/// search, a report or a certificate's period looks at most five years ahead. A date outside is a typing mistake (or a
/// probe), refused with a code before any arithmetic could overflow on it.
/// </summary>
public static class DateWindow
{
    public const int ShiftYearsAhead = 2;
    public const int SearchYearsAhead = 5;

    public static readonly DateOnly Earliest = new(2000, 1, 1);

    public static readonly DateTime EarliestUtc = Earliest.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    /// <summary>The latest start of a shift written now.</summary>
    public static DateTime LatestShiftStart(DateTime nowUtc) => nowUtc.AddYears(ShiftYearsAhead);

    /// <summary>Whether a day may be asked for in a search, an audit filter or a certificate's period.</summary>
    public static bool IsSearchable(DateOnly day, DateTime nowUtc) =>
        day >= Earliest && day <= DateOnly.FromDateTime(nowUtc).AddYears(SearchYearsAhead);

    /// <summary>The refusals of a from–to pair of days, each on its own field.</summary>
    public static List<FieldError> Check(DateOnly? from, DateOnly? to, DateTime nowUtc, string fromField = "from", string toField = "to")
    {
        var errors = new List<FieldError>();
        if (from is { } f && !IsSearchable(f, nowUtc))
        {
            errors.Add(new FieldError(fromField, ErrorCodes.DateOutOfRange));
        }

        if (to is { } t && !IsSearchable(t, nowUtc))
        {
            errors.Add(new FieldError(toField, ErrorCodes.DateOutOfRange));
        }

        if (errors.Count == 0 && from is not null && to is not null && to < from)
        {
            errors.Add(new FieldError(toField, ErrorCodes.DateRangeInvalid));
        }

        return errors;
    }
}
