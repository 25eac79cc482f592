using System.Globalization;
using Birge.Web.Domain;

namespace Birge.Web.Features.Statistics;

/// <summary>A region (or the country, when null) over the days from <see cref="From"/> to <see cref="To"/>, both included.</summary>
public sealed record StatsQuery(string? RegionKato, DateOnly From, DateOnly To)
{
    /// <summary>Nothing is counted before this day.</summary>
    public static readonly DateOnly Beginning = new(2020, 1, 1);

    public IEnumerable<DateOnly> Months()
    {
        for (var month = new DateOnly(From.Year, From.Month, 1); month <= To; month = month.AddMonths(1))
        {
            yield return month;
        }
    }

    /// <summary>
    /// The query a link asks for: <c>region</c> a KATO code of <paramref name="regions"/>; <c>from</c> and <c>to</c> a
    /// day (2026-11-05) or a month (2026-11: its first day for <c>from</c>, its last for <c>to</c>). Missing, the whole
    /// history up to today. The nearest valid answer where a reader expects one: a start before
    /// <see cref="Beginning"/> starts there, an end after today ends today. A start after today, an end before the
    /// start, a region that does not exist or a date that is not one is refused.
    /// </summary>
    public static Outcome<StatsQuery> Parse(string? region, string? from, string? to, DateOnly today, IReadOnlyCollection<string> regions)
    {
        var errors = new List<FieldError>();
        region = string.IsNullOrWhiteSpace(region) ? null : region.Trim();
        if (region is not null && !regions.Contains(region))
        {
            errors.Add(new FieldError("region", ErrorCodes.RegionInvalid));
        }

        var start = Day(from, end: false);
        var end = Day(to, end: true);
        if (start is null && !string.IsNullOrWhiteSpace(from))
        {
            errors.Add(new FieldError("from", ErrorCodes.ValueInvalid));
        }

        if (end is null && !string.IsNullOrWhiteSpace(to))
        {
            errors.Add(new FieldError("to", ErrorCodes.ValueInvalid));
        }

        var first = start is { } s && s > Beginning ? s : Beginning;
        var last = end is { } e && e < today ? e : today;
        if (start > today)
        {
            errors.Add(new FieldError("from", ErrorCodes.DateOutOfRange, "Error_stats_from_future"));
        }
        else if (end is not null && start is not null && end < start)
        {
            errors.Add(new FieldError("to", ErrorCodes.DateRangeInvalid));
        }
        else if (last < first)
        {
            errors.Add(new FieldError("to", ErrorCodes.DateOutOfRange, "Error_stats_to_early"));
        }

        return errors.Count > 0 ? Outcome.Invalid(errors) : new StatsQuery(region, first, last);
    }

    private static DateOnly? Day(string? value, bool end)
    {
        value = value?.Trim();
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            return end ? month.AddMonths(1).AddDays(-1) : month;
        }

        return null;
    }
}
