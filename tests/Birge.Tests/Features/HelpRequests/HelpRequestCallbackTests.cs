using System.Net;
using System.Net.Http.Json;
using Birge.Tests.Features.FrontOffices;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Features.HelpRequests;
using Birge.Web.Features.HelpRequests.Callbacks;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Birge.Tests.Features.HelpRequests;

/// <summary>
/// Done means confirmed: the volunteer's "done" waits in the call-back queue until the operator calls the person
/// helped; confirmed closes it and the time is in the volunteer's book once; not done reopens it; three unanswered
/// calls close it as unresponsive. Only the staff and operators of the request's region may make the call.
/// </summary>
public abstract class HelpRequestCallbackTests(BirgeApp app)
{
    [Fact]
    public async Task Confirmed_on_the_call_back_form_closes_the_request_and_the_hours_are_in_the_book_once()
    {
        var request = await QueuedAsync();
        var volunteer = await app.NewPerson().Speaking("ru").SignedIn().WithToken();
        var operatorPerson = await app.NewPerson().Speaking("ru").Staff(Offices.Almaty, FrontOfficeStaff.Operator).SignedIn().WithToken();
        await DoneAsync(request.Id, volunteer, "Купила продукты и лекарства", 45);

        var queue = await operatorPerson.Pages.GetPageAsync("/call-centre/callbacks");
        var row = queue.Find($"#due tr[data-help-request='{request.Id}']");
        Assert.Contains(Html.Text("HelpCategory_groceries", Cultures.Russian), row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Алматы", row.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(request.Phone!, queue.Body!.TextContent, StringComparison.Ordinal);

        var call = await operatorPerson.Pages.GetPageAsync($"/call-centre/callbacks/{request.Id}");
        Assert.Equal("tel:" + request.Phone, call.Find("#phone").GetAttribute("href"));
        Assert.Contains("Мария Иванова", call.Find("#person").TextContent, StringComparison.Ordinal);
        Assert.Equal("Купила продукты и лекарства", call.Find("#done-note").TextContent.Trim());
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(e =>
            e.Action == CallModel.ViewedAction && e.TargetId == request.Id.ToString() && e.ActorId == operatorPerson.Id && e.RegionKato == Offices.Almaty)));

        using var confirmed = await operatorPerson.Pages.SubmitAsync(call, "#callback-form", new Dictionary<string, string>
        {
            ["Input.Outcome"] = "confirmed",
            ["Input.Note"] = "Всё хорошо, спасибо волонтёру",
        }, $"/call-centre/callbacks/{request.Id}");

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var after = await operatorPerson.Pages.GetPageAsync(confirmed.Location());
        Assert.Equal(Html.Text("HelpCallback_Done_closed", Cultures.Russian), after.Find(".notice").TextContent.Trim());
        Assert.Equal("closed", after.Find("#status").GetAttribute("data-status"));
        Assert.Null(after.QuerySelector("#callback-form"));
        var stored = await app.Db(db => db.HelpRequests.AsNoTracking().SingleAsync(r => r.Id == request.Id));
        Assert.Equal((HelpRequestStatus.Closed, operatorPerson.Id), (stored.Status, stored.ClosedBy));
        var entry = await app.Db(db => db.HoursEntries.AsNoTracking().SingleAsync(h => h.HelpRequestId == request.Id));
        Assert.Equal((volunteer.Id, 45, operatorPerson.Id, HelpRequestHours.DirectionCode), (entry.VolunteerId, entry.Minutes, entry.ConfirmedBy, entry.DirectionCode));
        Assert.Equal(stored.DoneAt, entry.EndsAt);
        Assert.Equal(stored.DoneAt!.Value.AddMinutes(-45), entry.StartsAt);
        Assert.Equal(DateOnly.FromDateTime(KazakhstanTime.FromUtc(stored.DoneAt.Value)), entry.Date);
        Assert.Null(entry.ShiftId);

        // The volunteer's book and API show it as help on a request, with the region's front office.
        var title = Html.Text("HelpCallback_BookTitle", Cultures.Russian, Html.Text("HelpCategory_groceries", Cultures.Russian));
        var book = await volunteer.Pages.GetPageAsync("/book");
        var bookRow = Assert.Single(book.QuerySelectorAll("#entries tbody tr"));
        Assert.Contains(title, bookRow.TextContent, StringComparison.Ordinal);
        Assert.Contains("Региональный фронт-офис: г. Алматы", bookRow.TextContent, StringComparison.Ordinal);
        Assert.Null(bookRow.QuerySelector("a[href*='/dispute']"));
        var hours = await (await volunteer.Api.GetAsync("/api/v1/me/hours")).JsonAsync();
        Assert.Equal(45, hours.GetProperty("totalMinutes").GetInt32());
        var item = Assert.Single(hours.GetProperty("entries").EnumerateArray());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, item.GetProperty("opportunityId").ValueKind);
        Assert.Equal(title, item.GetProperty("opportunity").GetString());
        Assert.Equal(operatorPerson.Id, item.GetProperty("confirmedBy").GetGuid());

        // A second confirmation changes nothing.
        using var again = await operatorPerson.Api.PostAsync($"/api/v1/help-requests/{request.Id}/confirm", null);
        await again.AssertProblemAsync(HttpStatusCode.Conflict, HelpRequestErrors.NotDone);
        Assert.Equal(1, await app.Db(db => db.HoursEntries.CountAsync(h => h.VolunteerId == volunteer.Id)));
        Assert.Equal(1, await app.Db(db => db.HelpRequestEvents.CountAsync(e => e.HelpRequestId == request.Id && e.Kind == HelpRequestEvent.Closed)));
    }

    [Fact]
    public async Task Not_done_puts_the_request_back_in_the_queue_with_the_note_and_tells_the_volunteer()
    {
        var request = await QueuedAsync();
        var volunteer = await app.NewPerson().Speaking("ru").WithToken();
        var operatorPerson = await app.NewPerson().Staff(Offices.Almaty, FrontOfficeStaff.Operator).WithToken();
        await DoneAsync(request.Id, volunteer, "Отвёз в поликлинику", 90);

        using var response = await operatorPerson.Api.PostAsJsonAsync(
            $"/api/v1/help-requests/{request.Id}/callback", new { outcome = "not_done", note = "Никто не приходил" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("open", (await response.JsonAsync()).GetProperty("status").GetString());
        var stored = await app.Db(db => db.HelpRequests.AsNoTracking().SingleAsync(r => r.Id == request.Id));
        Assert.Equal(HelpRequestStatus.Open, stored.Status);
        Assert.Null(stored.ClaimedBy);
        var note = await app.Db(db => db.HelpRequestEvents.Where(e => e.HelpRequestId == request.Id && e.Kind == HelpRequestEvent.CallbackNotDone).Select(e => e.Note).SingleAsync());
        Assert.Equal("Никто не приходил", note);
        Assert.False(await app.Db(db => db.HoursEntries.AnyAsync(h => h.HelpRequestId == request.Id)));
        var told = await app.Db(db => db.OutboxMessages.Where(m => m.Recipient == volunteer.Email && m.Subject == Html.Text("Message_CallbackNotDone_Subject", Cultures.Russian)).Select(m => m.Body).SingleAsync());
        Assert.Contains("Никто не приходил", told, StringComparison.Ordinal);
        Assert.Contains(TrackingCode.Format(request.TrackingCode), told, StringComparison.Ordinal);

        // Back in the queue, anyone may take it again.
        var other = await app.NewPerson().WithToken();
        using var claimed = await other.Api.PostAsync($"/api/v1/help-requests/{request.Id}/claim", null);
        Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
    }

    [Fact]
    public async Task Three_unanswered_calls_close_the_request_as_unresponsive_without_hours()
    {
        var request = await QueuedAsync();
        var volunteer = await app.NewPerson().WithToken();
        var operatorPerson = await app.NewPerson().Staff(Offices.Almaty, FrontOfficeStaff.Operator).SignedIn().WithToken();
        await DoneAsync(request.Id, volunteer, null, null);
        var before = DateTime.UtcNow;

        var statuses = new List<string?>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await operatorPerson.Api.PostAsJsonAsync($"/api/v1/help-requests/{request.Id}/callback", new { outcome = "no_answer" });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            statuses.Add((await response.JsonAsync()).GetProperty("status").GetString());
            if (i == 0)
            {
                // Tried again in two hours: in the queue's "later" part until then.
                var next = await app.Db(db => db.HelpRequests.Where(r => r.Id == request.Id).Select(r => r.NextCallbackAt).SingleAsync());
                Assert.InRange(next!.Value, before.AddHours(2).AddMinutes(-1), DateTime.UtcNow.AddHours(2).AddMinutes(1));
                var queue = await operatorPerson.Pages.GetPageAsync("/call-centre/callbacks");
                Assert.Equal("1", queue.Find($"#later tr[data-help-request='{request.Id}'] [data-attempts]").GetAttribute("data-attempts"));
                Assert.Null(queue.QuerySelector($"#due tr[data-help-request='{request.Id}']"));
            }
        }

        Assert.Equal(["done_unconfirmed", "done_unconfirmed", "closed_unresponsive"], statuses);
        var stored = await app.Db(db => db.HelpRequests.AsNoTracking().SingleAsync(r => r.Id == request.Id));
        Assert.Equal((HelpRequestStatus.ClosedUnresponsive, 3), (stored.Status, stored.CallbackAttempts));
        Assert.False(await app.Db(db => db.HoursEntries.AnyAsync(h => h.HelpRequestId == request.Id)));
        Assert.Equal(3, await app.Db(db => db.HelpRequestEvents.CountAsync(e => e.HelpRequestId == request.Id && e.Kind == HelpRequestEvent.CallbackNoAnswer)));
        using var fourth = await operatorPerson.Api.PostAsJsonAsync($"/api/v1/help-requests/{request.Id}/callback", new { outcome = "no_answer" });
        await fourth.AssertProblemAsync(HttpStatusCode.Conflict, HelpRequestErrors.NotDone);
    }

    [Fact]
    public async Task The_api_refuses_a_request_not_done_yet_a_wrong_outcome_or_time_and_changes_nothing()
    {
        var request = await QueuedAsync();
        var operatorPerson = await app.NewPerson().Staff(Offices.Almaty, FrontOfficeStaff.Operator).WithToken();

        using var notDone = await operatorPerson.Api.PostAsJsonAsync($"/api/v1/help-requests/{request.Id}/callback", new { outcome = "confirmed" });
        await notDone.AssertProblemAsync(HttpStatusCode.Conflict, HelpRequestErrors.NotDone);
        using var notDoneConfirm = await operatorPerson.Api.PostAsync($"/api/v1/help-requests/{request.Id}/confirm", null);
        await notDoneConfirm.AssertProblemAsync(HttpStatusCode.Conflict, HelpRequestErrors.NotDone);

        var volunteer = await app.NewPerson().WithToken();
        await DoneAsync(request.Id, volunteer, null, 30);
        using var wrongOutcome = await operatorPerson.Api.PostAsJsonAsync($"/api/v1/help-requests/{request.Id}/callback", new { outcome = "maybe" });
        await wrongOutcome.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, HelpRequestErrors.OutcomeInvalid);
        using var noTime = await operatorPerson.Api.PostAsJsonAsync($"/api/v1/help-requests/{request.Id}/callback", new { outcome = "confirmed", minutes = 0 });
        await noTime.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, HelpRequestErrors.MinutesInvalid);
        using var unknown = await operatorPerson.Api.PostAsync($"/api/v1/help-requests/{Guid.NewGuid()}/confirm", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HelpRequestStatus.DoneUnconfirmed, await StatusAsync(request.Id));

        // The time the person tells the operator counts instead of the volunteer's.
        using var confirmed = await operatorPerson.Api.PostAsJsonAsync($"/api/v1/help-requests/{request.Id}/callback", new { outcome = "confirmed", minutes = 50 });
        Assert.Equal("closed", (await confirmed.JsonAsync()).GetProperty("status").GetString());
        Assert.Equal(50, await app.Db(db => db.HoursEntries.Where(h => h.HelpRequestId == request.Id).Select(h => h.Minutes).SingleAsync()));
    }

    [Fact]
    public async Task A_wrong_outcome_on_the_form_is_shown_translated_with_the_form_filled_again()
    {
        var request = await QueuedAsync();
        var volunteer = await app.NewPerson().WithToken();
        var operatorPerson = await app.NewPerson().Speaking("ru").Staff(Offices.Almaty, FrontOfficeStaff.Operator).SignedIn();
        await DoneAsync(request.Id, volunteer, null, null);
        var call = await operatorPerson.Pages.GetPageAsync($"/call-centre/callbacks/{request.Id}");
        Assert.Equal(Html.Text("HelpCallback_NoMinutes", Cultures.Russian), call.Find("#done-minutes").TextContent.Trim());

        using var response = await operatorPerson.Pages.SubmitAsync(call, "#callback-form", new Dictionary<string, string>
        {
            ["Input.Outcome"] = "",
            ["Input.Note"] = "Перезвонить вечером",
            ["Input.Minutes"] = "2000",
        }, $"/call-centre/callbacks/{request.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var again = await Html.ParseAsync(response);
        Assert.Equal(Html.Text("Error_callback_outcome_invalid", Cultures.Russian), again.FieldError("Input_Outcome"));
        Assert.Equal(Html.Text("Error_help_minutes_invalid", Cultures.Russian), again.FieldError("Input_Minutes"));
        Assert.Equal("Перезвонить вечером", again.Find("#Input_Note").TextContent);
        Assert.Equal("2000", again.Value("Input_Minutes"));
        Assert.Equal(HelpRequestStatus.DoneUnconfirmed, await StatusAsync(request.Id));
    }

    [Fact]
    public async Task An_astana_operator_a_volunteer_and_a_stranger_may_not_call_back_an_almaty_request_and_the_attempt_is_audited()
    {
        var request = await QueuedAsync();
        var claimant = await app.NewPerson().SignedIn().WithToken();
        await DoneAsync(request.Id, claimant, null, 20);
        var astana = await app.NewPerson().Staff(Offices.Astana, FrontOfficeStaff.Operator).SignedIn().WithToken();
        var stranger = await app.NewPerson().SignedIn().WithToken();

        using var astanaApi = await astana.Api.PostAsJsonAsync($"/api/v1/help-requests/{request.Id}/callback", new { outcome = "confirmed" });
        Assert.Equal(HttpStatusCode.Forbidden, astanaApi.StatusCode);
        using var astanaPage = await astana.Pages.GetAsync($"/call-centre/callbacks/{request.Id}");
        Assert.Equal("/error/403", Offices.RedirectPath(astanaPage));
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(e => e.ActorId == astana.Id && e.Outcome == AuditEntry.Denied && e.Action.EndsWith("/callback"))));
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(e => e.ActorId == astana.Id && e.Outcome == AuditEntry.Denied && e.Action.Contains("call-centre/callbacks/{helpRequestId"))));
        var astanaQueue = await astana.Pages.GetPageAsync("/call-centre/callbacks");
        Assert.Null(astanaQueue.QuerySelector($"tr[data-help-request='{request.Id}']"));

        foreach (var person in new[] { claimant, stranger })
        {
            using var api = await person.Api.PostAsync($"/api/v1/help-requests/{request.Id}/confirm", null);
            Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
            using var page = await person.Pages.GetAsync($"/call-centre/callbacks/{request.Id}");
            Assert.Equal("/error/403", Offices.RedirectPath(page));
        }

        using var anonymous = await app.Browser().GetAsync("/call-centre/callbacks");
        Assert.Equal("/account/login", Offices.RedirectPath(anonymous));
        Assert.Equal(HelpRequestStatus.DoneUnconfirmed, await StatusAsync(request.Id));
        Assert.False(await app.Db(db => db.AuditEntries.AnyAsync(e => e.Action == CallModel.ViewedAction && e.TargetId == request.Id.ToString())));
    }

    [Fact]
    public async Task Five_operators_confirming_at_once_credit_the_hours_once()
    {
        var request = await QueuedAsync();
        var volunteer = await app.NewPerson().WithToken();
        await DoneAsync(request.Id, volunteer, null, 40);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, 5).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            return await InScopeAsync<HelpRequestCallbacks, Outcome<HelpRequest>>(c => c.CallBackAsync(request.Id, "confirmed", null, null, Guid.NewGuid(), CancellationToken.None));
        })).ToList();

        start.SetResult();
        var outcomes = await Task.WhenAll(tasks);

        Assert.Single(outcomes, o => o.Succeeded);
        Assert.All(outcomes.Where(o => !o.Succeeded), o => Assert.Equal(HelpRequestErrors.NotDone, o.Error));
        Assert.Equal(1, await app.Db(db => db.HoursEntries.CountAsync(h => h.HelpRequestId == request.Id)));
        Assert.Equal(40, await app.Db(db => db.HoursEntries.Where(h => h.VolunteerId == volunteer.Id).SumAsync(h => h.Minutes)));
        Assert.Equal(HelpRequestStatus.Closed, await StatusAsync(request.Id));
    }

    [Fact]
    public async Task The_person_confirming_through_the_tracking_link_credits_the_hours_without_an_operator()
    {
        var request = await QueuedAsync();
        var volunteer = await app.NewPerson().WithToken();
        await DoneAsync(request.Id, volunteer, null, null);

        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Birge.Web.Data.BirgeDb>();
            var hours = scope.ServiceProvider.GetRequiredService<HelpRequestHours>();
            var stored = await db.HelpRequests.SingleAsync(r => r.Id == request.Id);
            Assert.Null(stored.ConfirmByRequester(DateTime.UtcNow));
            Assert.NotNull(await hours.CreditAsync(stored, null, null, CancellationToken.None));
            await db.SaveChangesAsync();
            Assert.Null(await hours.CreditAsync(stored, null, null, CancellationToken.None));
        }

        var entry = await app.Db(db => db.HoursEntries.AsNoTracking().SingleAsync(h => h.HelpRequestId == request.Id));
        Assert.Equal((HelpRequestHours.DefaultMinutes, (Guid?)null), (entry.Minutes, entry.ConfirmedBy));
    }

    [Fact]
    public async Task A_breach_is_escalated_to_the_region_once()
    {
        var request = await QueuedAsync();
        var staff = await app.NewPerson().Staff(Offices.Almaty);
        var operatorPerson = await app.NewPerson().Speaking("ru").Staff(Offices.Almaty, FrontOfficeStaff.Operator);
        var astana = await app.NewPerson().Staff(Offices.Astana);
        var job = app.Services.GetRequiredService<SlaEscalation>();
        try
        {
            app.Clock.Set(DateTime.UtcNow.AddHours(23));
            await job.RunOnceAsync(CancellationToken.None);
            Assert.Null(await app.Db(db => db.HelpRequests.Where(r => r.Id == request.Id).Select(r => r.ClaimBreachNotifiedAt).SingleAsync()));

            app.Clock.Set(DateTime.UtcNow.AddHours(25));
            await job.RunOnceAsync(CancellationToken.None);
            await job.RunOnceAsync(CancellationToken.None);
        }
        finally
        {
            app.Clock.Reset();
        }

        Assert.NotNull(await app.Db(db => db.HelpRequests.Where(r => r.Id == request.Id).Select(r => r.ClaimBreachNotifiedAt).SingleAsync()));
        Assert.Equal(1, await app.Db(db => db.HelpRequestEvents.CountAsync(e => e.HelpRequestId == request.Id && e.Kind == HelpRequestEvent.Escalated)));
        var code = TrackingCode.Format(request.TrackingCode);
        var toOperator = await app.Db(db => db.OutboxMessages.Where(m => m.Recipient == operatorPerson.Email && m.Body.Contains(code)).ToListAsync());
        var message = Assert.Single(toOperator);
        Assert.Contains($"/call-centre/requests/{request.Id}", message.Body, StringComparison.Ordinal);
        Assert.Contains(Html.Text("HelpCategory_groceries", Cultures.Russian), message.Body, StringComparison.Ordinal);
        Assert.Equal(1, await app.Db(db => db.OutboxMessages.CountAsync(m => m.Recipient == staff.Email && m.Body.Contains(code))));
        Assert.False(await app.Db(db => db.OutboxMessages.AnyAsync(m => m.Recipient == astana.Email && m.Body.Contains(code))));
    }

    [Fact]
    public async Task Ninety_days_after_closing_the_name_phone_and_address_are_erased_and_the_counts_remain()
    {
        var request = await QueuedAsync();
        var open = await QueuedAsync();
        var volunteer = await app.NewPerson().WithToken();
        var operatorPerson = await app.NewPerson().Staff(Offices.Almaty, FrontOfficeStaff.Operator).WithToken();
        await DoneAsync(request.Id, volunteer, "Помог с покупками", 30);
        using var closed = await operatorPerson.Api.PostAsJsonAsync($"/api/v1/help-requests/{request.Id}/callback", new { outcome = "confirmed", note = "Спасибо" });
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        var job = app.Services.GetRequiredService<HelpRequestRetention>();
        try
        {
            app.Clock.Set(DateTime.UtcNow.AddDays(89));
            await job.RunOnceAsync(CancellationToken.None);
            Assert.NotNull(await app.Db(db => db.HelpRequests.Where(r => r.Id == request.Id).Select(r => r.Phone).SingleAsync()));

            app.Clock.Set(DateTime.UtcNow.AddDays(91));
            await job.RunOnceAsync(CancellationToken.None);
            await job.RunOnceAsync(CancellationToken.None);
        }
        finally
        {
            app.Clock.Reset();
        }

        var erased = await app.Db(db => db.HelpRequests.AsNoTracking().SingleAsync(r => r.Id == request.Id));
        Assert.Equal((null, null, null, null), (erased.RequesterName, erased.Phone, erased.Address, erased.DoneNote));
        Assert.Equal(("groceries", Offices.Almaty, HelpRequestStatus.Closed), (erased.Category, erased.RegionKato, erased.Status));
        Assert.NotNull(erased.ErasedAt);
        Assert.Equal(1, await app.Db(db => db.HelpRequestEvents.CountAsync(e => e.HelpRequestId == request.Id && e.Kind == HelpRequestEvent.Erased)));
        Assert.False(await app.Db(db => db.HelpRequestEvents.AnyAsync(e => e.HelpRequestId == request.Id && e.Note != null)));
        Assert.Equal(30, await app.Db(db => db.HoursEntries.Where(h => h.HelpRequestId == request.Id).Select(h => h.Minutes).SingleAsync()));
        var kept = await app.Db(db => db.HelpRequests.AsNoTracking().SingleAsync(r => r.Id == open.Id));
        Assert.Equal((open.Phone, open.Address, (DateTime?)null), (kept.Phone, kept.Address, kept.ErasedAt));
    }

    [Fact]
    public async Task The_dashboard_counts_a_regions_requests_and_the_median_time_to_close()
    {
        const string ulytau = "620000000";
        var start = DateTime.UtcNow.Date.AddDays(-2).AddHours(2);
        var volunteers = await app.NewVolunteersAsync(3);
        var operatorId = Guid.NewGuid();
        try
        {
            app.Clock.Set(start);
            var fresh = await QueuedAsync(ulytau, HelpUrgency.Normal);
            var urgent = await QueuedAsync(ulytau, HelpUrgency.Critical);
            var claimed = await QueuedAsync(ulytau, HelpUrgency.Normal);
            var quick = await QueuedAsync(ulytau, HelpUrgency.Normal);
            var slow = await QueuedAsync(ulytau, HelpUrgency.Normal);
            await InScopeAsync<HelpRequestClaims, Outcome<HelpRequest>>(c => c.ClaimAsync(claimed.Id, volunteers[0].Id, CancellationToken.None));
            await InScopeAsync<HelpRequestClaims, Outcome<HelpRequest>>(c => c.ClaimAsync(quick.Id, volunteers[1].Id, CancellationToken.None));
            await InScopeAsync<HelpRequestClaims, Outcome<HelpRequest>>(c => c.ClaimAsync(slow.Id, volunteers[2].Id, CancellationToken.None));
            await InScopeAsync<HelpRequestClaims, Outcome<HelpRequest>>(c => c.CompleteAsync(quick.Id, volunteers[1].Id, null, 30, CancellationToken.None));
            await InScopeAsync<HelpRequestClaims, Outcome<HelpRequest>>(c => c.CompleteAsync(slow.Id, volunteers[2].Id, null, 30, CancellationToken.None));
            app.Clock.Set(start.AddHours(1));
            Assert.True((await InScopeAsync<HelpRequestCallbacks, Outcome<HelpRequest>>(c => c.CallBackAsync(quick.Id, "confirmed", null, null, operatorId, CancellationToken.None))).Succeeded);
            app.Clock.Set(start.AddHours(3));
            Assert.True((await InScopeAsync<HelpRequestCallbacks, Outcome<HelpRequest>>(c => c.CallBackAsync(slow.Id, "confirmed", null, null, operatorId, CancellationToken.None))).Succeeded);

            // Two hours in: the critical request is past its one hour to be claimed.
            var counts = await InScopeAsync<HelpRequestCounts, List<HelpRequestRegionCounts>>(c => c.ForRegionsAsync([ulytau], CancellationToken.None));
            var region = Assert.Single(counts);
            Assert.Equal((2, 0, 1, 1, 2), (region.New, region.Open, region.Claimed, region.Overdue, region.ClosedToday));
            Assert.Equal(TimeSpan.FromHours(2), region.MedianToClose);
            _ = (fresh, urgent);

            // The next Kazakhstan day nothing was closed "today"; the median still counts the last 30 days.
            app.Clock.Set(KazakhstanTime.ToUtc(KazakhstanTime.FromUtc(start).Date.AddDays(1).AddHours(1)));
            var tomorrow = Assert.Single(await InScopeAsync<HelpRequestCounts, List<HelpRequestRegionCounts>>(c => c.ForRegionsAsync([ulytau], CancellationToken.None)));
            Assert.Equal((0, TimeSpan.FromHours(2)), (tomorrow.ClosedToday, tomorrow.MedianToClose));
        }
        finally
        {
            app.Clock.Reset();
        }

        // The front office's dashboard shows them: by now the two waiting for a volunteer are past their day to be claimed.
        var staff = await app.NewPerson().Staff(ulytau).SignedIn();
        var dashboard = await staff.Pages.GetPageAsync("/front-office");
        var row = dashboard.Find($"#help-counts tr[data-region='{ulytau}']");
        Assert.Equal("2", row.QuerySelector("[data-count='new']")!.TextContent);
        Assert.Equal("1", row.QuerySelector("[data-count='claimed']")!.TextContent);
        Assert.Equal("2", row.QuerySelector("[data-count='overdue']")!.TextContent);
        Assert.Equal(Durations.Format(120, Cultures.Kazakh), row.QuerySelector("[data-count='median']")!.TextContent);
    }

    [Fact]
    public void The_median_of_an_even_count_is_halfway_between_the_middle_two()
    {
        Assert.Null(HelpRequestCounts.Median([]));
        Assert.Equal(TimeSpan.FromHours(2), HelpRequestCounts.Median([TimeSpan.FromHours(5), TimeSpan.FromHours(1), TimeSpan.FromHours(2)]));
        Assert.Equal(TimeSpan.FromMinutes(90), HelpRequestCounts.Median([TimeSpan.FromHours(2), TimeSpan.FromHours(1)]));
    }

    /// <summary>A request an operator logged in the region, so it is in the queue at once.</summary>
    private async Task<HelpRequest> QueuedAsync(string region = Offices.Almaty, HelpUrgency urgency = HelpUrgency.Normal)
    {
        var asked = await InScopeAsync<HelpRequestIntake, Outcome<HelpRequestAsked>>(intake => intake.AskAsync(
            new HelpRequestInput
            {
                Category = "groceries",
                Description = "Нужны продукты и лекарства " + Guid.NewGuid().ToString("N")[..6],
                RegionKato = region,
                Locality = "Медеуский район",
                Address = "ул. Абая 10, кв. 5",
                Name = "Мария Иванова",
                Phone = People.NewPhone(),
                Language = "ru",
                Urgency = urgency.ApiName(),
                ConsentVersion = PersonalDataConsent.CurrentVersion,
            },
            operatorId: Guid.NewGuid(),
            CancellationToken.None));
        return asked.Value!.Request;
    }

    /// <summary>The volunteer claims the request and marks it done through the API.</summary>
    private static async Task DoneAsync(Guid id, TestPerson volunteer, string? note, int? minutes)
    {
        using var claimed = await volunteer.Api.PostAsync($"/api/v1/help-requests/{id}/claim", null);
        Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
        using var done = await volunteer.Api.PostAsJsonAsync($"/api/v1/help-requests/{id}/complete", new { note, minutes });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
    }

    private async Task<TResult> InScopeAsync<TService, TResult>(Func<TService, Task<TResult>> action)
        where TService : notnull
    {
        using var scope = app.Services.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    private Task<HelpRequestStatus> StatusAsync(Guid id) => app.Db(db => db.HelpRequests.Where(r => r.Id == id).Select(r => r.Status).SingleAsync());
}

[Collection(Sqlite.Name)]
public sealed class HelpRequestCallbackTestsOnSqlite(SqliteApp app) : HelpRequestCallbackTests(app);

[Collection(Postgres.Name)]
public sealed class HelpRequestCallbackTestsOnPostgres(PostgresApp app) : HelpRequestCallbackTests(app);
