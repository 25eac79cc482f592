using Birge.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Birge.Tests.Features.Attendance;

/// <summary>The attendance tests' clock, and what a shift holds.</summary>
public static class Duty
{
    public const string Ecology = "ecology";

    /// <summary>
    /// A moment 20 seconds into a minute a little ahead of the real clock, which tests set the app's clock to (never
    /// behind the real one: keys and tokens issued earlier must stay valid).
    /// </summary>
    public static DateTime Now()
    {
        var next = DateTime.UtcNow.AddMinutes(2);
        return new DateTime(next.Year, next.Month, next.Day, next.Hour, next.Minute, 20, DateTimeKind.Utc);
    }

    public static async Task<int> AttendanceCountAsync(BirgeApp app, Guid shiftId) =>
        await app.Db(db => db.Attendances.CountAsync(a => a.ShiftId == shiftId));

    public static async Task<int> EntryCountAsync(BirgeApp app, Guid shiftId) =>
        await app.Db(db => db.HoursEntries.CountAsync(h => h.ShiftId == shiftId));
}
