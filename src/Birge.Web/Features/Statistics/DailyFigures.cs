using Birge.Web.Data;
using Birge.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Statistics;

/// <summary>
/// Counts what happened on each Kazakhstan day of a window, from the platform's own records, as <see cref="DailyFigure"/>
/// rows. The snapshot job stores them for the past; <see cref="StatsReader"/> counts the days since the last snapshot
/// the same way, live. Large tables are grouped in the database; the small ones (opportunities, shifts, call-outs) in
/// memory, because their directions are lists.
/// </summary>
public sealed class DailyFigures(BirgeDb db)
{
    /// <summary>Kazakhstan is UTC+5 all year, so a day is a fixed shift of UTC.</summary>
    private static readonly TimeSpan Offset = TimeSpan.FromHours(5);

    /// <summary>Every figure of the days from <paramref name="from"/> up to, not including, <paramref name="until"/>.</summary>
    public async Task<List<DailyFigure>> CountAsync(DateOnly from, DateOnly until, CancellationToken cancellationToken)
    {
        var start = Utc(from);
        var end = Utc(until);
        var tally = new Tally();

        var joined = await db.Accounts.AsNoTracking()
            .Where(a => a.CreatedAt >= start && a.CreatedAt < end)
            .GroupBy(a => new { Day = a.CreatedAt.AddHours(5).Date, a.RegionKato, a.BirthYear })
            .Select(g => new { g.Key.Day, g.Key.RegionKato, g.Key.BirthYear, Count = g.Count() })
            .ToListAsync(cancellationToken);
        foreach (var row in joined)
        {
            var day = DateOnly.FromDateTime(row.Day);
            tally.Add(day, row.RegionKato, StatMetric.VolunteersRegistered, "", row.Count);
            if (IsSilver(day.Year, row.BirthYear))
            {
                tally.Add(day, row.RegionKato, StatMetric.SilverRegistered, "", row.Count);
            }
        }

        var left = await db.Accounts.AsNoTracking()
            .Where(a => a.DeletedAt >= start && a.DeletedAt < end)
            .GroupBy(a => new { Day = a.DeletedAt!.Value.AddHours(5).Date, a.RegionKato, Joined = a.CreatedAt.Year, a.BirthYear })
            .Select(g => new { g.Key.Day, g.Key.RegionKato, g.Key.Joined, g.Key.BirthYear, Count = g.Count() })
            .ToListAsync(cancellationToken);
        foreach (var row in left)
        {
            var day = DateOnly.FromDateTime(row.Day);
            tally.Add(day, row.RegionKato, StatMetric.VolunteersLeft, "", row.Count);
            if (IsSilver(row.Joined, row.BirthYear))
            {
                tally.Add(day, row.RegionKato, StatMetric.SilverLeft, "", row.Count);
            }
        }

        var verified = await db.Organizations.AsNoTracking()
            .Where(o => o.Status == OrganizationStatus.Verified && o.StatusChangedAt >= start && o.StatusChangedAt < end)
            .GroupBy(o => new { Day = o.StatusChangedAt.AddHours(5).Date, o.RegionKato })
            .Select(g => new { g.Key.Day, g.Key.RegionKato, Count = g.Count() })
            .ToListAsync(cancellationToken);
        foreach (var row in verified)
        {
            tally.Add(DateOnly.FromDateTime(row.Day), row.RegionKato, StatMetric.OrganizationsVerified, "", row.Count);
        }

        var published = await db.Opportunities.AsNoTracking()
            .Where(o => o.Status == OpportunityStatus.Published && o.PublishedAt >= start && o.PublishedAt < end)
            .Select(o => new { o.PublishedAt, o.RegionKato, o.Directions })
            .ToListAsync(cancellationToken);
        foreach (var o in published)
        {
            tally.AddByDirection(Day(o.PublishedAt!.Value), o.RegionKato, StatMetric.OpportunitiesPublished, o.Directions, 1);
        }

        var shifts = await db.Shifts.AsNoTracking()
            .Where(s => s.StartsAt >= start && s.StartsAt < end)
            .Join(db.Opportunities.Where(o => o.Status == OpportunityStatus.Published), s => s.OpportunityId, o => o.Id, (s, o) => new { s.StartsAt, s.Capacity, s.Taken, o.RegionKato, o.Directions })
            .ToListAsync(cancellationToken);
        foreach (var s in shifts)
        {
            tally.AddByDirection(Day(s.StartsAt), s.RegionKato, StatMetric.Seats, s.Directions, s.Capacity);
            tally.AddByDirection(Day(s.StartsAt), s.RegionKato, StatMetric.SeatsTaken, s.Directions, s.Taken);
        }

        await CountHoursAsync(tally, from, until, cancellationToken);
        await CountHelpRequestsAsync(tally, start, end, cancellationToken);
        await CountCallOutsAsync(tally, start, end, cancellationToken);
        return tally.Figures();
    }

    /// <summary>
    /// Distinct people with confirmed hours in each month the window touches, in their own region. The month is
    /// counted whole, even when the window starts or ends inside it.
    /// </summary>
    public async Task<List<MonthTotal>> CountActiveAsync(DateOnly from, DateOnly until, CancellationToken cancellationToken)
    {
        var first = new DateOnly(from.Year, from.Month, 1);
        var last = new DateOnly(until.Year, until.Month, 1).AddMonths(until.Day == 1 ? 0 : 1);
        var rows = await db.HoursEntries.AsNoTracking()
            .Where(h => h.Status == HoursStatus.Confirmed && h.Date >= first && h.Date < last)
            .Join(db.Accounts, h => h.VolunteerId, a => a.Id, (h, a) => new { h.Date.Year, h.Date.Month, a.RegionKato, h.VolunteerId })
            .GroupBy(x => new { x.Year, x.Month, x.RegionKato })
            .Select(g => new { g.Key.Year, g.Key.Month, g.Key.RegionKato, Count = g.Select(x => x.VolunteerId).Distinct().Count() })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new MonthTotal
        {
            Month = new DateOnly(r.Year, r.Month, 1),
            RegionKato = r.RegionKato,
            Metric = StatMetric.ActiveVolunteers,
            Value = r.Count,
        })];
    }

    /// <summary>A silver volunteer: 55 or more in the year they joined (the birth year outlives an erased account).</summary>
    private static bool IsSilver(int joined, int birthYear) => birthYear > 0 && joined - birthYear >= Account.SilverAge;

    public static DateTime Utc(DateOnly day) => DateTime.SpecifyKind(day.ToDateTime(TimeOnly.MinValue) - Offset, DateTimeKind.Utc);

    public static DateOnly Day(DateTime utc) => DateOnly.FromDateTime(utc + Offset);

    private async Task CountHoursAsync(Tally tally, DateOnly first, DateOnly until, CancellationToken cancellationToken)
    {
        // The region where the hours were given: the opportunity's, the help request's or the call-out's; the
        // volunteer's own for hours without one.
        var rows = await (
            from h in db.HoursEntries.AsNoTracking()
            where h.Status == HoursStatus.Confirmed && h.Date >= first && h.Date < until
            join o in db.Opportunities on h.OpportunityId equals (Guid?)o.Id into os
            from o in os.DefaultIfEmpty()
            join r in db.HelpRequests on h.HelpRequestId equals (Guid?)r.Id into rs
            from r in rs.DefaultIfEmpty()
            join c in db.CallOuts on h.CallOutId equals (Guid?)c.Id into cs
            from c in cs.DefaultIfEmpty()
            join a in db.Accounts on h.VolunteerId equals a.Id
            group h.Minutes by new
            {
                h.Date,
                RegionKato = o != null ? o.RegionKato : r != null ? r.RegionKato : c != null ? c.RegionKato : a.RegionKato,
                h.DirectionCode,
            } into g
            select new { g.Key.Date, g.Key.RegionKato, g.Key.DirectionCode, Minutes = g.Sum() })
            .ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            tally.AddByDirection(row.Date, row.RegionKato, StatMetric.ConfirmedMinutes, [row.DirectionCode], row.Minutes);
        }
    }

    private async Task CountHelpRequestsAsync(Tally tally, DateTime start, DateTime end, CancellationToken cancellationToken)
    {
        var opened = await db.HelpRequests.AsNoTracking()
            .Where(r => r.QueuedAt >= start && r.QueuedAt < end)
            .GroupBy(r => new { Day = r.QueuedAt!.Value.AddHours(5).Date, r.RegionKato, r.Category })
            .Select(g => new { g.Key.Day, g.Key.RegionKato, g.Key.Category, Count = g.Count() })
            .ToListAsync(cancellationToken);
        foreach (var row in opened)
        {
            tally.AddByDirection(DateOnly.FromDateTime(row.Day), row.RegionKato, StatMetric.HelpRequestsOpened, [row.Category], row.Count);
        }

        HelpRequestStatus[] ends = [HelpRequestStatus.Closed, HelpRequestStatus.ClosedUnresponsive, HelpRequestStatus.Cancelled, HelpRequestStatus.Duplicate];
        var ended = await db.HelpRequests.AsNoTracking()
            .Where(r => ends.Contains(r.Status) && r.ClosedAt >= start && r.ClosedAt < end)
            .GroupBy(r => new { Day = r.ClosedAt!.Value.AddHours(5).Date, r.RegionKato, r.Category, r.Status })
            .Select(g => new { g.Key.Day, g.Key.RegionKato, g.Key.Category, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);
        foreach (var row in ended)
        {
            var day = DateOnly.FromDateTime(row.Day);
            tally.Add(day, row.RegionKato, StatMetric.HelpRequestsEnded, $"{row.Category}:{Outcome(row.Status)}", row.Count);
            if (row.Status == HelpRequestStatus.Closed)
            {
                tally.AddByDirection(day, row.RegionKato, StatMetric.HelpRequestsClosed, [row.Category], row.Count);
            }
        }
    }

    private async Task CountCallOutsAsync(Tally tally, DateTime start, DateTime end, CancellationToken cancellationToken)
    {
        var sent = await db.CallOuts.AsNoTracking()
            .Where(c => c.CreatedAt >= start && c.CreatedAt < end)
            .Select(c => new { c.CreatedAt, c.RegionKato })
            .ToListAsync(cancellationToken);
        foreach (var c in sent)
        {
            tally.Add(Day(c.CreatedAt), c.RegionKato, StatMetric.CallOutsSent, "", 1);
        }

        var reached = await db.CallOutRecipients.AsNoTracking()
            .Where(r => r.SentAt >= start && r.SentAt < end)
            .GroupBy(r => new { Day = r.SentAt.AddHours(5).Date, r.RegionKato })
            .Select(g => new { g.Key.Day, g.Key.RegionKato, Count = g.Count() })
            .ToListAsync(cancellationToken);
        foreach (var row in reached)
        {
            tally.Add(DateOnly.FromDateTime(row.Day), row.RegionKato, StatMetric.CallOutRecipients, "", row.Count);
        }

        var replies = await db.CallOutRecipients.AsNoTracking()
            .Where(r => r.Reply != null && r.RepliedAt >= start && r.RepliedAt < end)
            .GroupBy(r => new { Day = r.RepliedAt!.Value.AddHours(5).Date, r.RegionKato, r.Reply })
            .Select(g => new { g.Key.Day, g.Key.RegionKato, g.Key.Reply, Count = g.Count() })
            .ToListAsync(cancellationToken);
        foreach (var row in replies)
        {
            tally.AddByDirection(DateOnly.FromDateTime(row.Day), row.RegionKato, StatMetric.CallOutReplies, [Reply(row.Reply!.Value)], row.Count);
        }
    }

    private static string Outcome(HelpRequestStatus status) => status switch
    {
        HelpRequestStatus.Closed => "closed",
        HelpRequestStatus.ClosedUnresponsive => "unresponsive",
        HelpRequestStatus.Cancelled => "cancelled",
        _ => "duplicate",
    };

    private static string Reply(CallOutReply reply) => reply switch
    {
        CallOutReply.Selected => "selected",
        CallOutReply.Standby => "standby",
        CallOutReply.NotNeeded => "not_needed",
        _ => "declined",
    };

    /// <summary>Sums by (day, region, metric, part).</summary>
    private sealed class Tally
    {
        private readonly Dictionary<(DateOnly Day, string Region, string Metric, string Part), long> sums = [];

        public void Add(DateOnly day, string region, string metric, string part, long value)
        {
            if (value != 0)
            {
                var key = (day, region, metric, part);
                sums[key] = sums.GetValueOrDefault(key) + value;
            }
        }

        /// <summary>Once for the whole ("") and once for each part (an opportunity with two directions counts in both).</summary>
        public void AddByDirection(DateOnly day, string region, string metric, IEnumerable<string> parts, long value)
        {
            Add(day, region, metric, "", value);
            foreach (var part in parts.Distinct())
            {
                Add(day, region, metric, part, value);
            }
        }

        public List<DailyFigure> Figures() =>
            [.. sums.Select(s => new DailyFigure { Day = s.Key.Day, RegionKato = s.Key.Region, Metric = s.Key.Metric, Part = s.Key.Part, Value = s.Value })];
    }
}
