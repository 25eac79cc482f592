namespace Birge.Web.Localization;

/// <summary>
/// Times are stored in UTC and shown in Kazakhstan's time (one zone, UTC+5, since March 2024), whatever the
/// server's own time zone is.
/// </summary>
public static class KazakhstanTime
{
    public static readonly TimeZoneInfo Zone = Find();

    public static DateTime FromUtc(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>A wall-clock time in Kazakhstan (as a person types it) in UTC.</summary>
    public static DateTime ToUtc(DateTime local) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone);

    private static TimeZoneInfo Find()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Almaty");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Almaty", TimeSpan.FromHours(5), "Kazakhstan", "Kazakhstan");
        }
    }
}
