using System.Net;
using Birge.Tests.Features.Organizations;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Birge.Tests.Features.Attendance;

/// <summary>A person for attendance tests: their id, an API client with a bearer token and a signed-in browser.</summary>
public sealed record Someone(Guid Id, string Email, HttpClient Api, HttpClient Pages);

/// <summary>
/// Organisations, shifts and accepted volunteers stored straight in the database (opportunities and applications are
/// features of their own), and people signed in to act on them.
/// </summary>
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

    public static async Task<Someone> PersonAsync(BirgeApp app, string? language = null)
    {
        var (id, email) = await Api.CreateAccountAsync(app);
        var pages = app.Browser(language);
        using (var login = await Logins.PostAsync(pages, email, People.Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        }

        return new Someone(id, email, app.Client(language, await Api.TokenAsync(app, email)), pages);
    }

    /// <summary>A verified organisation in Almaty with <paramref name="coordinator"/> as its coordinator.</summary>
    public static async Task<Guid> OrganizationAsync(BirgeApp app, Someone coordinator)
    {
        var organizationId = await Orgs.VerifiedAsync(app, "Жасыл " + Orgs.UniqueWord(), direction: Ecology);
        await Orgs.AddCoordinatorAsync(app, organizationId, coordinator.Id);
        return organizationId;
    }

    /// <summary>A published event of the organisation with one shift; returns the shift as stored.</summary>
    public static async Task<Shift> ShiftAsync(BirgeApp app, Guid organizationId, DateTime startsAt, DateTime endsAt, string direction = Ecology)
    {
        var shift = new Shift { StartsAt = startsAt, EndsAt = endsAt, Capacity = 20 };
        var opportunity = new Opportunity
        {
            OrganizationId = organizationId,
            Title = new("Саябақты тазалау", "Уборка парка", null),
            RegionKato = People.AlmatyCity,
            Directions = [direction, "social"],
            CreatedAt = DateTime.UtcNow,
            CreatedBy = Guid.NewGuid(),
            Shifts = [shift],
        };
        opportunity.RefreshSchedule();
        Assert.Null(opportunity.Publish(organizationVerified: true, DateTime.UtcNow));
        await app.Db(async db =>
        {
            db.Opportunities.Add(opportunity);
            return await db.SaveChangesAsync();
        });
        return shift;
    }

    public static async Task AcceptAsync(BirgeApp app, Guid shiftId, params Guid[] volunteerIds) =>
        await app.Db(async db =>
        {
            foreach (var volunteerId in volunteerIds)
            {
                db.Applications.Add(new Application
                {
                    ShiftId = shiftId,
                    VolunteerId = volunteerId,
                    Status = ApplicationStatus.Accepted,
                    AppliedAt = DateTime.UtcNow,
                    UpdatedAt = DateTime.UtcNow,
                });
            }

            return await db.SaveChangesAsync();
        });

    /// <summary>Attendance as a scan (or the coordinator) would have recorded it.</summary>
    public static async Task AttendAsync(BirgeApp app, Guid shiftId, Guid volunteerId, DateTime checkedInAt, DateTime? checkedOutAt) =>
        await app.Db(async db =>
        {
            db.Attendances.Add(new Birge.Web.Domain.Attendance { ShiftId = shiftId, VolunteerId = volunteerId, CheckedInAt = checkedInAt, CheckedOutAt = checkedOutAt });
            return await db.SaveChangesAsync();
        });

    /// <summary>A confirmed entry stored directly, for the overlap and daily-limit rules to meet.</summary>
    public static async Task<HoursEntry> EntryAsync(BirgeApp app, Shift shift, Guid organizationId, Guid volunteerId, DateTime startsAt, int minutes, DateOnly date)
    {
        var entry = new HoursEntry
        {
            ShiftId = shift.Id,
            OpportunityId = shift.OpportunityId,
            OrganizationId = organizationId,
            VolunteerId = volunteerId,
            DirectionCode = Ecology,
            Date = date,
            StartsAt = startsAt,
            EndsAt = startsAt.AddMinutes(minutes),
            Minutes = minutes,
            ConfirmedBy = Guid.NewGuid(),
            ConfirmedAt = DateTime.UtcNow,
        };
        await app.Db(async db =>
        {
            db.HoursEntries.Add(entry);
            return await db.SaveChangesAsync();
        });
        return entry;
    }

    public static async Task<int> AttendanceCountAsync(BirgeApp app, Guid shiftId) =>
        await app.Db(db => db.Attendances.CountAsync(a => a.ShiftId == shiftId));

    public static async Task<int> EntryCountAsync(BirgeApp app, Guid shiftId) =>
        await app.Db(db => db.HoursEntries.CountAsync(h => h.ShiftId == shiftId));
}
