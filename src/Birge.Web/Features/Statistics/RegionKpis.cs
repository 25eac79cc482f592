using System.Globalization;
using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Features.HelpRequests;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Statistics;

/// <summary>How a key figure reads: a count, a share (0 to 1) or a duration in minutes.</summary>
public enum KpiKind
{
    Count,
    Share,
    Minutes,
}

/// <summary>
/// One key figure of a region's month, with the previous month's (null where the past is not known, e.g. overdue now)
/// and the median of the 20 regions for the same month (over the regions that have one, for shares and durations).
/// </summary>
public sealed record Kpi(string Code, KpiKind Kind, double? Value, double? Previous, double? NationalMedian)
{
    public double? Change => Value is { } value && Previous is { } previous ? value - previous : null;
}

/// <summary>A region's key figures for a month counted up to <see cref="Through"/> (the month's last day, or today).</summary>
public sealed record RegionKpiSheet(string RegionKato, DateOnly Month, DateOnly Through, IReadOnlyList<Kpi> Figures)
{
    public Kpi this[string code] => Figures.Single(f => f.Code == code);
}

/// <summary>
/// The front office's key figures of a region for a month (issue 13 §5). Counts are the <see cref="StatsReader"/>'s,
/// unsuppressed (staff see their own region), so they agree with the public dashboard; medians of durations, the
/// requests overdue now and the people active in the last 90 days are counted live here. Time to verify runs from the
/// organisation's latest submission (its creation, or its latest resubmission after a rejection in the audit log) to
/// its verification; a verification that lifts a suspension verifies nothing submitted and is left out of the median.
/// </summary>
public sealed class RegionKpis(BirgeDb db, StatsReader reader, HelpRequestCounts helpCounts)
{
    public const int ActiveDays = 90;

    public const string NewVolunteers = "newVolunteers";
    public const string ActiveVolunteers = "activeVolunteers";
    public const string OrganizationsVerified = "organizationsVerified";
    public const string MedianMinutesToVerify = "medianMinutesToVerify";
    public const string OpportunitiesPublished = "opportunitiesPublished";
    public const string FillRate = "fillRate";
    public const string ConfirmedMinutes = "confirmedMinutes";
    public const string HelpRequestsOpened = "helpRequestsOpened";
    public const string HelpRequestsClosed = "helpRequestsClosed";
    public const string HelpRequestsOverdue = "helpRequestsOverdue";
    public const string MedianMinutesToClose = "medianMinutesToClose";
    public const string CallOutsSent = "callOutsSent";
    public const string CallOutAnswerRate = "callOutAnswerRate";

    public DateOnly Today => reader.Today;

    /// <summary>
    /// The month a link asks for, "2026-11"; missing, this month. A month after this one, before the statistics begin,
    /// or not a month is refused at the field <c>month</c>.
    /// </summary>
    public static Outcome<DateOnly> ParseMonth(string? month, DateOnly today)
    {
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        if (string.IsNullOrWhiteSpace(month))
        {
            return thisMonth;
        }

        if (!DateOnly.TryParseExact(month.Trim(), "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
        {
            return Outcome.Invalid([new FieldError("month", ErrorCodes.ValueInvalid, "Error_kpis_month_invalid")]);
        }

        return first > thisMonth ? Outcome.Invalid([new FieldError("month", ErrorCodes.DateOutOfRange, "Error_kpis_month_future")])
            : first < StatsQuery.Beginning ? Outcome.Invalid([new FieldError("month", ErrorCodes.DateOutOfRange, "Error_kpis_month_early")])
            : first;
    }

    public async Task<RegionKpiSheet> ForMonthAsync(string kato, DateOnly month, CancellationToken cancellationToken)
    {
        var today = reader.Today;
        var previous = month.AddMonths(-1);
        var through = Min(month.AddMonths(1).AddDays(-1), today);
        var previousThrough = month.AddDays(-1);
        var regions = await db.Regions.AsNoTracking().Select(r => r.Kato).ToListAsync(cancellationToken);
        var rows = await reader.MonthlyAsync(previous, through, live: true, cancellationToken);
        var sums = rows.Where(r => r.Part == "").ToDictionary(r => (r.Month, r.RegionKato, r.Metric), r => (double)r.Value);
        double Sum(DateOnly m, string region, string metric) => sums.GetValueOrDefault((m, region, metric));
        double? Share(DateOnly m, string region, string part, string whole) =>
            Sum(m, region, whole) is > 0 and var all ? Sum(m, region, part) / all : null;

        var verifyMonth = await MinutesToVerifyAsync(month, through, cancellationToken);
        var verifyPrevious = await MinutesToVerifyAsync(previous, previousThrough, cancellationToken);
        var closeMonth = await MinutesToCloseAsync(month, through, cancellationToken);
        var closePrevious = await MinutesToCloseAsync(previous, previousThrough, cancellationToken);
        var activeMonth = await ActiveAsync(through, cancellationToken);
        var activePrevious = await ActiveAsync(previousThrough, cancellationToken);
        var overdue = (await helpCounts.ForRegionsAsync(regions, cancellationToken)).ToDictionary(c => c.Kato, c => (double)c.Overdue);

        Kpi Figure(string code, KpiKind kind, Func<DateOnly, string, double?> of)
        {
            var national = regions.Select(r => of(month, r)).OfType<double>().ToList();
            return new Kpi(code, kind, of(month, kato), of(previous, kato), Median(national));
        }

        Kpi Counted(string code, string metric, KpiKind kind = KpiKind.Count) => Figure(code, kind, (m, r) => Sum(m, r, metric));

        Kpi Live(string code, KpiKind kind, Dictionary<string, double> now, Dictionary<string, double>? before, bool zeroWhenNone) =>
            Figure(code, kind, (m, r) => (m == month ? now : before) switch
            {
                null => null,
                var of when of.TryGetValue(r, out var value) => value,
                _ => zeroWhenNone ? 0 : null,
            });

        return new RegionKpiSheet(kato, month, through,
        [
            Counted(NewVolunteers, StatMetric.VolunteersRegistered),
            Live(ActiveVolunteers, KpiKind.Count, activeMonth, activePrevious, zeroWhenNone: true),
            Counted(OrganizationsVerified, StatMetric.OrganizationsVerified),
            Live(MedianMinutesToVerify, KpiKind.Minutes, verifyMonth, verifyPrevious, zeroWhenNone: false),
            Counted(OpportunitiesPublished, StatMetric.OpportunitiesPublished),
            Figure(FillRate, KpiKind.Share, (m, r) => Share(m, r, StatMetric.SeatsTaken, StatMetric.Seats)),
            Counted(ConfirmedMinutes, StatMetric.ConfirmedMinutes, KpiKind.Minutes),
            Counted(HelpRequestsOpened, StatMetric.HelpRequestsOpened),
            Counted(HelpRequestsClosed, StatMetric.HelpRequestsClosed),
            Live(HelpRequestsOverdue, KpiKind.Count, overdue, null, zeroWhenNone: true),
            Live(MedianMinutesToClose, KpiKind.Minutes, closeMonth, closePrevious, zeroWhenNone: false),
            Counted(CallOutsSent, StatMetric.CallOutsSent),
            Figure(CallOutAnswerRate, KpiKind.Share, (m, r) => Share(m, r, StatMetric.CallOutReplies, StatMetric.CallOutRecipients)),
        ]);
    }

    /// <summary>The middle value; for an even count, halfway between the two middle ones; null for none.</summary>
    public static double? Median(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static Dictionary<string, double> Medians<T>(IEnumerable<T> items, Func<T, string> region, Func<T, TimeSpan> duration) =>
        items.GroupBy(region).ToDictionary(g => g.Key, g => Math.Round(HelpRequestCounts.Median([.. g.Select(duration)])!.Value.TotalMinutes));

    /// <summary>Each region's median minutes from the latest submission to verification, for verifications from <paramref name="first"/> to <paramref name="last"/>.</summary>
    private async Task<Dictionary<string, double>> MinutesToVerifyAsync(DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        var (start, end) = (DailyFigures.Utc(first), DailyFigures.Utc(last.AddDays(1)));
        var verified = await db.Organizations.AsNoTracking()
            .Where(o => o.Status == OrganizationStatus.Verified && o.StatusChangedAt >= start && o.StatusChangedAt < end)
            .Select(o => new { o.Id, o.RegionKato, o.CreatedAt, o.StatusChangedAt })
            .ToListAsync(cancellationToken);
        var ids = verified.Select(o => o.Id.ToString()).ToList();
        string[] actions = ["organization.resubmitted", "organization.suspended"];
        var history = (await db.AuditEntries.AsNoTracking()
                .Where(e => e.TargetType == "organization" && ids.Contains(e.TargetId!) && actions.Contains(e.Action) && e.Outcome == AuditEntry.Done)
                .Select(e => new { e.TargetId, e.Action, e.At })
                .ToListAsync(cancellationToken))
            .ToLookup(e => e.TargetId!);
        var submitted = verified
            .Select(o => (o.RegionKato, o.CreatedAt, o.StatusChangedAt, Last: history[o.Id.ToString()].Where(e => e.At <= o.StatusChangedAt).MaxBy(e => e.At)))
            .Where(o => o.Last?.Action != "organization.suspended")
            .Select(o => (o.RegionKato, Took: o.StatusChangedAt - (o.Last?.At ?? o.CreatedAt)));
        return Medians(submitted, o => o.RegionKato, o => o.Took);
    }

    /// <summary>Each region's median minutes from asking to a confirmed close, for closes from <paramref name="first"/> to <paramref name="last"/> (as the help dashboard counts it).</summary>
    private async Task<Dictionary<string, double>> MinutesToCloseAsync(DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        var (start, end) = (DailyFigures.Utc(first), DailyFigures.Utc(last.AddDays(1)));
        var closed = await db.HelpRequests.AsNoTracking()
            .Where(r => r.Status == HelpRequestStatus.Closed && r.ClosedAt >= start && r.ClosedAt < end)
            .Select(r => new { r.RegionKato, r.CreatedAt, r.ClosedAt })
            .ToListAsync(cancellationToken);
        return Medians(closed, r => r.RegionKato, r => r.ClosedAt!.Value - r.CreatedAt);
    }

    /// <summary>Each region's people (in their own region) with confirmed hours dated in the <see cref="ActiveDays"/> days up to <paramref name="last"/>.</summary>
    private async Task<Dictionary<string, double>> ActiveAsync(DateOnly last, CancellationToken cancellationToken)
    {
        var first = last.AddDays(1 - ActiveDays);
        return await db.HoursEntries.AsNoTracking()
            .Where(h => h.Status == HoursStatus.Confirmed && h.Date >= first && h.Date <= last)
            .Join(db.Accounts, h => h.VolunteerId, a => a.Id, (h, a) => new { a.RegionKato, h.VolunteerId })
            .GroupBy(x => x.RegionKato)
            .Select(g => new { g.Key, Count = g.Select(x => x.VolunteerId).Distinct().Count() })
            .ToDictionaryAsync(g => g.Key, g => (double)g.Count, cancellationToken);
    }
}
