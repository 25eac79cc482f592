namespace Birge.Web.Domain;

/// <summary>
/// One number of the statistics (M17): how much of <see cref="Metric"/> happened in one region on one Kazakhstan day,
/// for one <see cref="Part"/> (a direction, a help category and outcome, a reply; "" for the whole). Written by the
/// nightly snapshot job; the dashboard, the API, open data and the reports all add these up, so they always agree.
/// Counts of people are counted in the person's own region, so regions add up to the country.
/// </summary>
public sealed class DailyFigure
{
    public DateOnly Day { get; init; }

    public required string RegionKato { get; init; }

    /// <summary>One of <see cref="StatMetric"/>.</summary>
    public required string Metric { get; init; }

    public string Part { get; init; } = "";

    public long Value { get; set; }
}

/// <summary>
/// The sum of <see cref="DailyFigure"/> over a whole month (<see cref="Month"/> is its first day), written with the days
/// by the snapshot job so that a period of many months is read from a few rows. Active volunteers, counted per month,
/// are here too.
/// </summary>
public sealed class MonthTotal
{
    public DateOnly Month { get; init; }

    public required string RegionKato { get; init; }

    public required string Metric { get; init; }

    public string Part { get; init; } = "";

    public long Value { get; set; }
}

/// <summary>
/// A run of the snapshot job: every day up to and including <see cref="Through"/> is in <see cref="DailyFigure"/>;
/// later days are counted live. Open data names its dated files after these.
/// </summary>
public sealed class StatsSnapshot
{
    public DateOnly Through { get; init; }

    public DateTime MadeAt { get; set; }
}

/// <summary>The metrics of <see cref="DailyFigure"/>. Their codes are column names of the open data; never rename one.</summary>
public static class StatMetric
{
    /// <summary>Accounts created that day, in the person's region.</summary>
    public const string VolunteersRegistered = "volunteers_registered";

    /// <summary>Of those, people aged 55 or more in the year they joined (silver volunteers).</summary>
    public const string SilverRegistered = "silver_registered";

    /// <summary>Accounts deleted that day (the record stays, anonymised, so history is unchanged).</summary>
    public const string VolunteersLeft = "volunteers_left";

    /// <summary>Of those, silver volunteers (by the year they joined, as <see cref="SilverRegistered"/>).</summary>
    public const string SilverLeft = "silver_left";

    /// <summary>
    /// People with confirmed hours dated in the month, in their own region: a <see cref="MonthTotal"/> only, and only
    /// meaningful per month (a person active in two months is one person in each).
    /// </summary>
    public const string ActiveVolunteers = "active_volunteers";

    /// <summary>Organisations verified that day (as they stand now), in the organisation's region.</summary>
    public const string OrganizationsVerified = "organizations_verified";

    /// <summary>Opportunities published that day (and not withdrawn); Part: each of its directions, and "".</summary>
    public const string OpportunitiesPublished = "opportunities_published";

    /// <summary>Seats of the shifts of published opportunities, on the shift's day; Part: each direction, and "".</summary>
    public const string Seats = "seats";

    /// <summary>Of those seats, the ones taken; Part as <see cref="Seats"/>.</summary>
    public const string SeatsTaken = "seats_taken";

    /// <summary>Confirmed minutes dated that day, in the region of the opportunity, request or call-out; Part: direction, and "".</summary>
    public const string ConfirmedMinutes = "confirmed_minutes";

    /// <summary>Help requests that reached the queue that day; Part: category, and "".</summary>
    public const string HelpRequestsOpened = "help_requests_opened";

    /// <summary>Help requests that ended that day; Part: "{category}:{outcome}" (closed, unresponsive, cancelled, duplicate).</summary>
    public const string HelpRequestsEnded = "help_requests_ended";

    /// <summary>Help requests done and confirmed that day; Part: category, and "".</summary>
    public const string HelpRequestsClosed = "help_requests_closed";

    /// <summary>Call-outs sent that day, in their region.</summary>
    public const string CallOutsSent = "callouts_sent";

    /// <summary>People a call-out reached that day, in the region they were reached in.</summary>
    public const string CallOutRecipients = "callout_recipients";

    /// <summary>Replies to call-outs that day; Part: selected, standby, not_needed, declined, and "".</summary>
    public const string CallOutReplies = "callout_replies";

    /// <summary>Metrics that count people: a cell of 1 to 4 is suppressed in what the public sees.</summary>
    public static readonly IReadOnlySet<string> People = new HashSet<string>(StringComparer.Ordinal)
    {
        VolunteersRegistered, SilverRegistered, VolunteersLeft, SilverLeft, ActiveVolunteers, CallOutRecipients, CallOutReplies,
    };

    public static readonly IReadOnlyList<string> HelpOutcomes = ["closed", "unresponsive", "cancelled", "duplicate"];
}
