using System.Net;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Features.Applications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Birge.Tests.Features.Applications;

/// <summary>
/// Seats are exact under load because the database takes them (a conditional UPDATE), not the code: many people
/// applying and cancelling at the same moment, each in a request scope of their own.
/// </summary>
public abstract class ConcurrencyTests(BirgeApp app)
{
    [Fact]
    public async Task Two_hundred_parallel_applications_for_ten_seats_give_ten_accepted_and_a_hundred_and_ninety_waitlisted()
    {
        var shift = await app.NewOpportunity().Seats(10);
        var volunteers = await app.NewVolunteersAsync(200);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = volunteers.Select(v => Task.Run(async () =>
        {
            await start.Task;
            return await InScopeAsync(s => s.ApplyAsync(shift.ShiftId, v, CancellationToken.None));
        })).ToList();

        start.SetResult();
        var outcomes = await Task.WhenAll(tasks);

        Assert.All(outcomes, o => Assert.Null(o.Error));
        Assert.Equal(10, outcomes.Count(o => o.Value!.Application.Status == ApplicationStatus.Accepted));
        Assert.Equal(190, outcomes.Count(o => o.Value!.Application.Status == ApplicationStatus.Waitlisted));
        var stored = await app.Db(db => db.Applications.Where(a => a.ShiftId == shift.ShiftId).GroupBy(a => a.Status).ToDictionaryAsync(g => g.Key, g => g.Count()));
        Assert.Equal(10, stored[ApplicationStatus.Accepted]);
        Assert.Equal(190, stored[ApplicationStatus.Waitlisted]);
        Assert.Equal(10, await TakenAsync(shift.ShiftId));
    }

    [Fact]
    public async Task Sixty_people_joining_a_full_shifts_line_at_once_are_told_places_one_to_sixty_as_the_line_is_stored()
    {
        var shift = await app.NewOpportunity().Seats(1);
        var seated = (await app.NewVolunteersAsync(1))[0];
        Assert.Equal(ApplicationStatus.Accepted, (await InScopeAsync(s => s.ApplyAsync(shift.ShiftId, seated, CancellationToken.None))).Value!.Application.Status);
        var volunteers = await app.NewVolunteersAsync(60);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = volunteers.Select(v => Task.Run(async () =>
        {
            await start.Task;
            return await InScopeAsync(s => s.ApplyAsync(shift.ShiftId, v, CancellationToken.None));
        })).ToList();

        // Everyone at the same instant, as a coarse clock or a busy server makes them: the line still has one order.
        app.Clock.Set(DateTime.UtcNow);
        Outcome<Applied>[] outcomes;
        try
        {
            start.SetResult();
            outcomes = await Task.WhenAll(tasks);
        }
        finally
        {
            app.Clock.Reset();
        }

        Assert.All(outcomes, o => Assert.Equal(ApplicationStatus.Waitlisted, o.Value!.Application.Status));
        Assert.Equal(Enumerable.Range(1, 60), outcomes.Select(o => o.Value!.WaitlistPosition!.Value).Order());
        var line = await app.Db(db => db.Applications.AsNoTracking()
            .Where(a => a.ShiftId == shift.ShiftId && a.Status == ApplicationStatus.Waitlisted)
            .OrderBy(a => a.AppliedAt).ThenBy(a => a.Id)
            .Select(a => a.Id)
            .ToListAsync());
        var told = outcomes.ToDictionary(o => o.Value!.Application.Id, o => o.Value!.WaitlistPosition!.Value);
        Assert.Equal(Enumerable.Range(1, 60), line.Select(id => told[id]));

        // The volunteer's own list says the same place, and a freed seat goes to the one told "1".
        using (var scope = app.Services.CreateScope())
        {
            var rosters = scope.ServiceProvider.GetRequiredService<Rosters>();
            var third = volunteers.Single(v => v.Id == outcomes.Single(o => o.Value!.WaitlistPosition == 3).Value!.Application.VolunteerId);
            var (mine, _) = await rosters.MineAsync(third.Id, 1, 20, CancellationToken.None);
            Assert.Equal(3, Assert.Single(mine).WaitlistPosition);
        }

        var seatedApplication = await app.Db(db => db.Applications.AsNoTracking().SingleAsync(a => a.ShiftId == shift.ShiftId && a.VolunteerId == seated.Id));
        Assert.Null((await InScopeAsync(s => s.CancelAsync(seatedApplication.Id, seated.Id, CancellationToken.None))).Error);
        var promoted = await app.Db(db => db.Applications.AsNoTracking().SingleAsync(a => a.ShiftId == shift.ShiftId && a.Status == ApplicationStatus.Accepted));
        Assert.Equal(line[0], promoted.Id);
    }

    [Fact]
    public async Task Parallel_requests_to_the_api_fill_exactly_the_seats_there_are()
    {
        var shift = await app.NewOpportunity().Seats(5);
        var tokens = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            tokens.Add((await app.NewPerson().WithToken()).Token);
        }

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = tokens.Select(token => Task.Run(async () =>
        {
            await start.Task;
            using var client = app.Client(accessToken: token);
            using var response = await client.PostAsync($"/api/v1/shifts/{shift.ShiftId}/applications", null);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (await response.JsonAsync()).GetProperty("status").GetString();
        })).ToList();
        start.SetResult();
        var statuses = await Task.WhenAll(tasks);

        Assert.Equal(5, statuses.Count(s => s == "accepted"));
        Assert.Equal(15, statuses.Count(s => s == "waitlisted"));
        Assert.Equal(5, await TakenAsync(shift.ShiftId));
    }

    [Fact]
    public async Task Parallel_cancels_keep_the_seat_count_exact_and_promote_each_seat_once()
    {
        var shift = await app.NewOpportunity().Seats(10);
        var volunteers = await app.NewVolunteersAsync(30);
        var applied = new List<Application>();
        foreach (var volunteer in volunteers)
        {
            applied.Add((await InScopeAsync(s => s.ApplyAsync(shift.ShiftId, volunteer, CancellationToken.None))).Value!.Application);
        }

        var accepted = applied.Where(a => a.Status == ApplicationStatus.Accepted).ToList();
        var waiting = applied.Where(a => a.Status == ApplicationStatus.Waitlisted).OrderBy(a => a.AppliedAt).ToList();
        Assert.Equal((10, 20), (accepted.Count, waiting.Count));

        // The ten accepted cancel at once, and so do the last five in line.
        var leaving = accepted.Concat(waiting.TakeLast(5)).ToList();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = leaving.Select(a => Task.Run(async () =>
        {
            await start.Task;
            return await InScopeAsync(s => s.CancelAsync(a.Id, a.VolunteerId, CancellationToken.None));
        })).ToList();
        start.SetResult();
        var outcomes = await Task.WhenAll(tasks);

        Assert.All(outcomes, o => Assert.Null(o.Error));
        var stored = await app.Db(db => db.Applications.AsNoTracking().Where(a => a.ShiftId == shift.ShiftId).ToListAsync());
        var nowAccepted = stored.Where(a => a.Status == ApplicationStatus.Accepted).Select(a => a.Id).ToHashSet();
        Assert.Equal(10, await TakenAsync(shift.ShiftId));
        Assert.Equal(10, nowAccepted.Count);
        Assert.Equal(15, stored.Count(a => a.Status == ApplicationStatus.Cancelled));
        Assert.Equal(5, stored.Count(a => a.Status == ApplicationStatus.Waitlisted));

        // The first ten in line got the seats (none of the five who left), and each was told once.
        Assert.Equal(waiting.Take(10).Select(a => a.Id).ToHashSet(), nowAccepted);
        var promotedEmails = volunteers.Where(v => waiting.Take(10).Any(a => a.VolunteerId == v.Id)).Select(v => v.Email).ToList();
        var messages = await app.Db(db => db.OutboxMessages.Where(m => promotedEmails.Contains(m.Recipient)).Select(m => m.Recipient).ToListAsync());
        Assert.Equal(promotedEmails.Order(StringComparer.Ordinal), messages.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_same_volunteer_applying_five_times_at_once_gets_one_application_and_one_seat()
    {
        var shift = await app.NewOpportunity().Seats(10);
        var volunteer = (await app.NewVolunteersAsync(1))[0];
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, 5).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            return await InScopeAsync(s => s.ApplyAsync(shift.ShiftId, volunteer, CancellationToken.None));
        })).ToList();
        start.SetResult();
        var outcomes = await Task.WhenAll(tasks);

        Assert.Single(outcomes, o => o.Succeeded);
        Assert.All(outcomes.Where(o => !o.Succeeded), o => Assert.Equal(ApplicationErrors.AlreadyApplied, o.Error));
        Assert.Equal(1, await app.Db(db => db.Applications.CountAsync(a => a.ShiftId == shift.ShiftId)));
        Assert.Equal(1, await TakenAsync(shift.ShiftId));
    }

    private async Task<T> InScopeAsync<T>(Func<ShiftApplications, Task<T>> action)
    {
        using var scope = app.Services.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<ShiftApplications>());
    }

    private async Task<int> TakenAsync(Guid shiftId) => await app.Db(db => db.Shifts.Where(s => s.Id == shiftId).Select(s => s.Taken).SingleAsync());
}

[Collection(Sqlite.Name)]
public sealed class ConcurrencyTestsOnSqlite(SqliteApp app) : ConcurrencyTests(app);

[Collection(Postgres.Name)]
public sealed class ConcurrencyTestsOnPostgres(PostgresApp app) : ConcurrencyTests(app);
