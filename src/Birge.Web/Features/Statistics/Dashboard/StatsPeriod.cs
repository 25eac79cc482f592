using System.Globalization;

namespace Birge.Web.Features.Statistics.Dashboard;

/// <summary>
/// The dashboard's ready-made periods, as the days <see cref="StatsQuery.Parse"/> reads: this month, last month, this
/// year, the last 12 months (this one and the 11 before) and all time. <see cref="Custom"/> (or no period) takes the
/// dates typed.
/// </summary>
public static class StatsPeriod
{
    public const string All = "all";
    public const string ThisMonth = "this-month";
    public const string LastMonth = "last-month";
    public const string ThisYear = "this-year";
    public const string Last12Months = "last-12-months";
    public const string Custom = "custom";

    public static readonly IReadOnlyList<string> Choices = [All, ThisMonth, LastMonth, ThisYear, Last12Months, Custom];

    /// <summary>A period's <c>from</c> and <c>to</c>; the typed ones for <see cref="Custom"/> or a period we do not know.</summary>
    public static (string? From, string? To) Days(string? period, string? from, string? to, DateOnly today)
    {
        string Month(DateOnly day) => day.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        return period switch
        {
            All => (null, null),
            ThisMonth => (Month(today), Month(today)),
            LastMonth => (Month(today.AddMonths(-1)), Month(today.AddMonths(-1))),
            ThisYear => (today.ToString("yyyy-01", CultureInfo.InvariantCulture), Month(today)),
            Last12Months => (Month(today.AddMonths(-11)), Month(today)),
            _ => (from, to),
        };
    }

    /// <summary>The period a link names: a known one, else custom when dates are typed, else all time.</summary>
    public static string Of(string? period, string? from, string? to) =>
        period is not null && Choices.Contains(period) ? period
        : string.IsNullOrWhiteSpace(from) && string.IsNullOrWhiteSpace(to) ? All
        : Custom;
}
