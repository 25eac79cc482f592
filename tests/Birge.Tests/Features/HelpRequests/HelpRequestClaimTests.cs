using System.Net;
using System.Net.Http.Json;
using Birge.Tests.Features.FrontOffices;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Features.Applications;
using Birge.Web.Features.HelpRequests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Birge.Tests.Features.HelpRequests;

/// <summary>
/// One claimant at a time, decided by the database: of fifty parallel claims one wins, a volunteer's cap holds under
/// parallel claims too, and only the claimant releases or completes.
/// </summary>
public abstract class HelpRequestClaimTests(BirgeApp app)
{
    [Fact]
    public async Task Fifty_parallel_claims_give_exactly_one_claimant()
    {
        var request = await QueuedAsync();
        var volunteers = await app.NewVolunteersAsync(50);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = volunteers.Select(v => Task.Run(async () =>
        {
            await start.Task;
            return await InScopeAsync(c => c.ClaimAsync(request.Id, v.Id, CancellationToken.None));
        })).ToList();

        start.SetResult();
        var outcomes = await Task.WhenAll(tasks);

        var winner = Assert.Single(outcomes, o => o.Succeeded);
        Assert.All(outcomes.Where(o => !o.Succeeded), o => Assert.Equal(HelpRequestErrors.AlreadyClaimed, o.Error));
        var stored = await app.Db(db => db.HelpRequests.SingleAsync(r => r.Id == request.Id));
        Assert.Equal(HelpRequestStatus.Claimed, stored.Status);
        Assert.Equal(winner.Value!.ClaimedBy, stored.ClaimedBy);
        Assert.Equal(1, await app.Db(db => db.HelpRequestEvents.CountAsync(e => e.HelpRequestId == request.Id && e.Kind == HelpRequestEvent.Claimed)));
    }

    [Fact]
    public async Task A_volunteer_claiming_six_requests_at_once_holds_three()
    {
        var requests = new List<HelpRequest>();
        for (var i = 0; i < 6; i++)
        {
            requests.Add(await QueuedAsync());
        }

        var volunteer = (await app.NewVolunteersAsync(1))[0];
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = requests.Select(r => Task.Run(async () =>
        {
            await start.Task;
            return await InScopeAsync(c => c.ClaimAsync(r.Id, volunteer.Id, CancellationToken.None));
        })).ToList();

        start.SetResult();
        var outcomes = await Task.WhenAll(tasks);

        Assert.Equal(HelpRequestClaims.MaxActiveClaims, outcomes.Count(o => o.Succeeded));
        Assert.All(outcomes.Where(o => !o.Succeeded), o => Assert.Equal(HelpRequestErrors.ClaimLimit, o.Error));
        Assert.Equal(3, await app.Db(db => db.HelpRequests.CountAsync(r => r.ClaimedBy == volunteer.Id)));
    }

    [Fact]
    public async Task Through_the_api_only_the_claimant_releases_or_completes_and_done_waits_for_the_call_back()
    {
        var request = await QueuedAsync();
        var claimant = await app.NewPerson().Speaking("ru").WithToken();
        var other = await app.NewPerson().Speaking("ru").WithToken();
        var now = app.Clock.GetUtcNow().UtcDateTime;

        using var claimed = await app.Client("ru", claimant.Token).PostAsync($"/api/v1/help-requests/{request.Id}/claim", null);
        Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
        var expires = (await claimed.JsonAsync()).GetProperty("claimExpiresAt").GetDateTime().ToUniversalTime();
        Assert.InRange(expires, now.AddHours(48).AddMinutes(-1), now.AddHours(48).AddMinutes(1));

        using var taken = await app.Client("ru", other.Token).PostAsync($"/api/v1/help-requests/{request.Id}/claim", null);
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal(HelpRequestErrors.AlreadyClaimed, (await taken.JsonAsync()).GetProperty("code").GetString());

        using var notTheirs = await app.Client("ru", other.Token).PostAsJsonAsync($"/api/v1/help-requests/{request.Id}/complete", new { minutes = 30 });
        Assert.Equal(HttpStatusCode.Forbidden, notTheirs.StatusCode);
        Assert.Equal(HelpRequestErrors.NotClaimant, (await notTheirs.JsonAsync()).GetProperty("code").GetString());

        using var noTime = await app.Client("ru", claimant.Token).PostAsJsonAsync($"/api/v1/help-requests/{request.Id}/complete", new { minutes = 0 });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noTime.StatusCode);
        Assert.Equal(HelpRequestStatus.Claimed, await StatusAsync(request.Id));

        using var done = await app.Client("ru", claimant.Token).PostAsJsonAsync($"/api/v1/help-requests/{request.Id}/complete", new { note = "Купила продукты", minutes = 45 });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal("done_unconfirmed", (await done.JsonAsync()).GetProperty("status").GetString());
        var stored = await app.Db(db => db.HelpRequests.SingleAsync(r => r.Id == request.Id));
        Assert.Equal(45, stored.DoneMinutes);
        Assert.Equal(claimant.Id, stored.HelperId);
    }

    [Fact]
    public async Task The_claimant_gives_it_back_and_someone_else_may_take_it()
    {
        var request = await QueuedAsync();
        var first = await app.NewPerson().WithToken();
        var second = await app.NewPerson().WithToken();

        using var claimed = await app.Client(accessToken: first.Token).PostAsync($"/api/v1/help-requests/{request.Id}/claim", null);
        using var strangerRelease = await app.Client(accessToken: second.Token).PostAsync($"/api/v1/help-requests/{request.Id}/release", null);
        using var released = await app.Client(accessToken: first.Token).PostAsync($"/api/v1/help-requests/{request.Id}/release", null);
        using var again = await app.Client(accessToken: second.Token).PostAsync($"/api/v1/help-requests/{request.Id}/claim", null);

        Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, strangerRelease.StatusCode);
        Assert.Equal("open", (await released.JsonAsync()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(second.Id, await app.Db(db => db.HelpRequests.Where(r => r.Id == request.Id).Select(r => r.ClaimedBy).SingleAsync()));
    }

    [Fact]
    public async Task A_minor_may_not_take_a_request_that_needs_an_adult()
    {
        var request = await QueuedAsync("household");
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var minor = await app.NewPerson().Born(today.AddYears(-16)).WithToken();

        using var response = await app.Client(accessToken: minor.Token).PostAsync($"/api/v1/help-requests/{request.Id}/claim", null);

        Assert.Equal(ApplicationErrors.AgeRestricted, (await response.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HelpRequestStatus.New, await StatusAsync(request.Id));
    }

    [Fact]
    public async Task An_expired_claim_returns_the_request_to_the_queue_tells_the_volunteer_and_is_audited()
    {
        var request = await QueuedAsync();
        var later = await QueuedAsync();
        var volunteer = (await app.NewVolunteersAsync(1, "ru"))[0];
        var now = DateTime.UtcNow;
        app.Clock.Set(now);
        try
        {
            Assert.True((await InScopeAsync(c => c.ClaimAsync(request.Id, volunteer.Id, CancellationToken.None))).Succeeded);
            app.Clock.Set(now.AddHours(47));
            Assert.True((await InScopeAsync(c => c.ClaimAsync(later.Id, volunteer.Id, CancellationToken.None))).Succeeded);
            var job = app.Services.GetRequiredService<ClaimExpiry>();

            await job.RunOnceAsync(CancellationToken.None);
            Assert.Equal(HelpRequestStatus.Claimed, await StatusAsync(request.Id));

            app.Clock.Set(now.AddHours(48).AddMinutes(1));
            await job.RunOnceAsync(CancellationToken.None);
            await job.RunOnceAsync(CancellationToken.None);
        }
        finally
        {
            app.Clock.Reset();
        }

        var stored = await app.Db(db => db.HelpRequests.SingleAsync(r => r.Id == request.Id));
        Assert.Equal(HelpRequestStatus.Open, stored.Status);
        Assert.Null(stored.ClaimedBy);
        Assert.Equal(HelpRequestStatus.Claimed, await StatusAsync(later.Id));
        Assert.Equal(1, await app.Db(db => db.HelpRequestEvents.CountAsync(e => e.HelpRequestId == request.Id && e.Kind == HelpRequestEvent.ClaimExpired)));
        Assert.Equal(1, await app.Db(db => db.AuditEntries.CountAsync(e => e.Action == ClaimExpiry.AuditAction && e.TargetId == request.Id.ToString())));
        var notices = await app.Db(db => db.OutboxMessages.Where(m => m.Recipient == volunteer.Email).OrderBy(m => m.CreatedAt).Select(m => m.Body).ToListAsync());
        Assert.Equal(2, notices.Count);
        Assert.Contains("истекает", notices[0], StringComparison.Ordinal);
        Assert.Contains(TrackingCode.Format(request.TrackingCode), notices[1], StringComparison.Ordinal);
        Assert.Contains("вернулся в очередь", notices[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_hour_before_a_claim_runs_out_the_volunteer_is_warned_once_in_their_inbox_and_by_email()
    {
        var request = await QueuedAsync();
        var volunteer = (await app.NewVolunteersAsync(1, "ru"))[0];
        var now = new DateTime(2026, 12, 1, 4, 0, 0, DateTimeKind.Utc);
        app.Clock.Set(now);
        try
        {
            Assert.True((await InScopeAsync(c => c.ClaimAsync(request.Id, volunteer.Id, CancellationToken.None))).Succeeded);
            var job = app.Services.GetRequiredService<ClaimExpiry>();
            app.Clock.Set(now.AddHours(46).AddMinutes(50));
            await job.RunOnceAsync(CancellationToken.None);
            Assert.Equal(0, await app.Db(db => db.OutboxMessages.CountAsync(m => m.Recipient == volunteer.Email)));

            app.Clock.Set(now.AddHours(47).AddMinutes(10));
            await job.RunOnceAsync(CancellationToken.None);
            await job.RunOnceAsync(CancellationToken.None);
        }
        finally
        {
            app.Clock.Reset();
        }

        Assert.Equal(HelpRequestStatus.Claimed, await StatusAsync(request.Id));
        Assert.Equal(1, await app.Db(db => db.HelpRequestEvents.CountAsync(e => e.HelpRequestId == request.Id && e.Kind == HelpRequestEvent.ClaimExpiring)));
        var email = await app.Db(db => db.OutboxMessages.Where(m => m.Recipient == volunteer.Email).Select(m => m.Body).SingleAsync());
        Assert.Contains(TrackingCode.Format(request.TrackingCode), email, StringComparison.Ordinal);
        // The claim runs out on 3 December at 04:00 UTC, 09:00 in Kazakhstan: the day the warning is written.
        Assert.Contains("истекает сегодня в 09:00", email, StringComparison.Ordinal);
        Assert.Contains($"/help-requests/{request.Id}", email, StringComparison.Ordinal);
        var notice = await app.Db(db => db.Notifications.SingleAsync(n => n.AccountId == volunteer.Id));
        Assert.Equal(Birge.Web.Infrastructure.NotificationKinds.ClaimExpiring, notice.Kind);
    }

    /// <summary>A request an operator logged, so it is in the queue at once.</summary>
    private async Task<HelpRequest> QueuedAsync(string category = "groceries")
    {
        using var scope = app.Services.CreateScope();
        var intake = scope.ServiceProvider.GetRequiredService<HelpRequestIntake>();
        var asked = await intake.AskAsync(
            new HelpRequestInput
            {
                Category = category,
                Description = "Нужна помощь по дому " + Guid.NewGuid().ToString("N")[..6],
                RegionKato = Offices.Almaty,
                Address = "ул. Абая 10",
                Phone = People.NewPhone(),
                Language = "ru",
                ConsentVersion = PersonalDataConsent.CurrentVersion,
            },
            operatorId: Guid.NewGuid(),
            CancellationToken.None);
        return asked.Value!.Request;
    }

    private async Task<T> InScopeAsync<T>(Func<HelpRequestClaims, Task<T>> action)
    {
        using var scope = app.Services.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<HelpRequestClaims>());
    }

    private Task<HelpRequestStatus> StatusAsync(Guid id) => app.Db(db => db.HelpRequests.Where(r => r.Id == id).Select(r => r.Status).SingleAsync());
}

[Collection(Sqlite.Name)]
public sealed class HelpRequestClaimTestsOnSqlite(SqliteApp app) : HelpRequestClaimTests(app);

[Collection(Postgres.Name)]
public sealed class HelpRequestClaimTestsOnPostgres(PostgresApp app) : HelpRequestClaimTests(app);
