using System.Net;
using System.Net.Http.Json;
using Birge.Tests.Features.Organizations;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Features.Applications;
using Birge.Web.Features.Opportunities;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Birge.Tests.Features.Applications;

/// <summary>Applying to a shift through the page and the API, every refusal, cancelling and the waitlist.</summary>
public abstract class ApplyTests(BirgeApp app)
{
    [Fact]
    public async Task A_volunteer_applies_through_the_page_and_sees_they_are_in()
    {
        var shift = await app.NewOpportunity().Seats(2);
        var volunteer = await app.NewPerson().Speaking("ru").SignedIn();
        var url = $"/shifts/{shift.ShiftId}/apply";

        var page = await volunteer.Pages.GetPageAsync(url);
        Assert.Contains("Уборка парка", page.Find("main").TextContent, StringComparison.Ordinal);
        using var posted = await volunteer.Pages.SubmitAsync(page, "#apply-form", null, url);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var result = await volunteer.Pages.GetPageAsync(posted.Location());
        Assert.Equal(Html.Text("Apply_Result_Accepted", Cultures.Russian), result.Find("#apply-result").TextContent.Trim());
        Assert.Null(result.QuerySelector("#apply-form"));
        var id = volunteer.Id;
        var stored = await app.Db(db => db.Applications.SingleAsync(a => a.ShiftId == shift.ShiftId));
        Assert.Equal((id, ApplicationStatus.Accepted), (stored.VolunteerId, stored.Status));
        Assert.Equal(1, await TakenAsync(shift.ShiftId));
    }

    [Fact]
    public async Task The_api_accepts_while_seats_remain_then_waitlists_with_a_position()
    {
        var shift = await app.NewOpportunity().Seats(1);
        var first = await app.NewPerson().WithToken();
        var second = await app.NewPerson().WithToken();
        var third = await app.NewPerson().WithToken();

        var a = await ApplyAsync(first.Token, shift.ShiftId);
        var b = await ApplyAsync(second.Token, shift.ShiftId);
        var c = await ApplyAsync(third.Token, shift.ShiftId);

        Assert.Equal(HttpStatusCode.Created, a.Status);
        Assert.Equal("accepted", a.Body.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Created, b.Status);
        Assert.Equal("waitlisted", b.Body.GetProperty("status").GetString());
        Assert.Equal(1, b.Body.GetProperty("waitlistPosition").GetInt32());
        Assert.Equal(2, c.Body.GetProperty("waitlistPosition").GetInt32());
        Assert.Equal(1, await TakenAsync(shift.ShiftId));

        using var client = app.Client("en", third.Token);
        var mine = await (await client.GetAsync("/api/v1/me/applications")).JsonAsync();
        var item = Assert.Single(mine.GetProperty("items").EnumerateArray());
        Assert.Equal("waitlisted", item.GetProperty("status").GetString());
        Assert.Equal(2, item.GetProperty("waitlistPosition").GetInt32());
        Assert.Equal("Park clean-up", item.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Applying_twice_is_refused_on_the_page_and_in_the_api_and_changes_nothing()
    {
        var shift = await app.NewOpportunity();
        var volunteer = await app.NewPerson().SignedIn();
        var url = $"/shifts/{shift.ShiftId}/apply";
        var page = await volunteer.Pages.GetPageAsync(url);
        var token = await Api.TokenAsync(app, volunteer.Email);
        Assert.Equal(HttpStatusCode.Created, (await ApplyAsync(token, shift.ShiftId)).Status);

        // The form still open in another tab.
        using var posted = await volunteer.Pages.SubmitAsync(page, "#apply-form", null, url);
        using var client = app.Client("en", token);
        using var again = await client.PostAsync($"/api/v1/shifts/{shift.ShiftId}/applications", null);

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var refused = await Html.ParseAsync(posted);
        Assert.Equal(Html.Text("Error_already_applied", Cultures.Kazakh), refused.Find("#apply-refusal").TextContent.Trim());
        await again.AssertProblemAsync(HttpStatusCode.Conflict, ApplicationErrors.AlreadyApplied);
        Assert.Equal(1, await app.Db(db => db.Applications.CountAsync(a => a.ShiftId == shift.ShiftId)));
        Assert.Equal(1, await TakenAsync(shift.ShiftId));
    }

    [Fact]
    public async Task A_volunteer_too_young_is_refused_and_emergencies_are_for_adults_only()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var teen = await app.NewPerson().Born(today.AddYears(-16)).WithToken();
        var seventeen = await app.NewPerson().Born(today.AddYears(-17)).WithToken();
        var sixteenPlus = await app.NewOpportunity().ForAges(18);
        var emergency = await app.NewOpportunity().Directions(Direction.Emergency);

        using var client = app.Client("ru", teen.Token);
        using var young = await client.PostAsync($"/api/v1/shifts/{sixteenPlus.ShiftId}/applications", null);
        var problem = await young.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, ApplicationErrors.AgeRestricted);
        Assert.Equal(Html.Text("Error_age_restricted", Cultures.Russian), problem.GetProperty("title").GetString());
        var minor = await ApplyAsync(seventeen.Token, emergency.ShiftId);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, minor.Status);
        Assert.Equal(ApplicationErrors.AgeRestricted, minor.Body.GetProperty("code").GetString());

        // The page says so before the volunteer tries, and offers no button.
        var person = await app.NewPerson().SignedIn();
        await app.Db(async db =>
        {
            var account = await db.Accounts.SingleAsync(a => a.Email == person.Email);
            account.BirthDate = today.AddYears(-17);
            return await db.SaveChangesAsync();
        });
        var page = await person.Pages.GetPageAsync($"/shifts/{emergency.ShiftId}/apply");
        Assert.Equal(Html.Text("Error_age_restricted", Cultures.Kazakh), page.Find("#apply-refusal").TextContent.Trim());
        Assert.Null(page.QuerySelector("#apply-form"));

        Assert.False(await app.Db(db => db.Applications.AnyAsync(a => a.ShiftId == sixteenPlus.ShiftId || a.ShiftId == emergency.ShiftId)));
        Assert.Equal(0, await TakenAsync(emergency.ShiftId));
    }

    [Fact]
    public async Task Age_is_counted_on_the_day_of_the_shift()
    {
        var start = DateTime.UtcNow.AddDays(10);
        var shift = await app.NewOpportunity().ForAges(18).Starting(start);
        // Eighteen five days before the shift, seventeen today.
        var person = await app.NewPerson().Born(DateOnly.FromDateTime(start).AddYears(-18).AddDays(-5)).WithToken();

        var result = await ApplyAsync(person.Token, shift.ShiftId);

        Assert.Equal(HttpStatusCode.Created, result.Status);
    }

    [Fact]
    public async Task Cancelled_draft_and_ended_shifts_are_refused_and_nothing_is_stored()
    {
        var cancelled = await app.NewOpportunity();
        await app.Db(async db =>
        {
            var opportunity = await db.Opportunities.SingleAsync(o => o.Id == cancelled.OpportunityId);
            Assert.Null(opportunity.Cancel("Ауа райы нашар", DateTime.UtcNow));
            return await db.SaveChangesAsync();
        });
        var draft = await app.NewOpportunity().Draft();
        var ended = await app.NewOpportunity().Starting(DateTime.UtcNow.AddHours(-5));
        var person = await app.NewPerson().WithToken();

        var c = await ApplyAsync(person.Token, cancelled.ShiftId);
        var d = await ApplyAsync(person.Token, draft.ShiftId);
        var e = await ApplyAsync(person.Token, ended.ShiftId);

        Assert.Equal((HttpStatusCode.UnprocessableEntity, OpportunityErrors.OpportunityCancelled), (c.Status, c.Body.GetProperty("code").GetString()));
        Assert.Equal((HttpStatusCode.NotFound, "not_found"), (d.Status, d.Body.GetProperty("code").GetString()));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, ApplicationErrors.ShiftOver), (e.Status, e.Body.GetProperty("code").GetString()));
        Assert.False(await app.Db(db => db.Applications.AnyAsync(a => a.VolunteerId == person.Id)));

        // The page of a cancelled opportunity explains; a draft's does not exist.
        var volunteer = await app.NewPerson().Speaking("en").SignedIn();
        var page = await volunteer.Pages.GetPageAsync($"/shifts/{cancelled.ShiftId}/apply");
        Assert.Equal(Html.Text("Error_opportunity_cancelled", Cultures.English), page.Find("#apply-refusal").TextContent.Trim());
        await volunteer.Pages.GetPageAsync($"/shifts/{draft.ShiftId}/apply", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Cancelling_on_my_shifts_promotes_the_first_in_line_and_tells_them()
    {
        var shift = await app.NewOpportunity().Seats(1);
        var volunteer = await app.NewPerson().SignedIn();
        var token = await Api.TokenAsync(app, volunteer.Email);
        Assert.Equal("accepted", (await ApplyAsync(token, shift.ShiftId)).Body.GetProperty("status").GetString());
        var second = await app.NewPerson().WithToken();
        var third = await app.NewPerson().WithToken();
        var secondApplication = (await ApplyAsync(second.Token, shift.ShiftId)).Body.GetProperty("id").GetGuid();
        await ApplyAsync(third.Token, shift.ShiftId);

        var page = await volunteer.Pages.GetPageAsync("/my/shifts");
        Assert.Contains(shift.Title, page.Find("#upcoming").TextContent, StringComparison.Ordinal);
        using var cancelled = await volunteer.Pages.SubmitAsync(page, "form.cancel-form", null, "/my/shifts");

        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        var after = await volunteer.Pages.GetPageAsync("/my/shifts");
        Assert.Contains(Html.Text("Apply_Cancelled", Cultures.Kazakh), after.Find(".notice--success").TextContent, StringComparison.Ordinal);
        var statuses = await app.Db(db => db.Applications.Where(a => a.ShiftId == shift.ShiftId).ToDictionaryAsync(a => a.VolunteerId, a => a.Status));
        Assert.Equal(ApplicationStatus.Accepted, statuses[second.Id]);
        Assert.Equal(ApplicationStatus.Waitlisted, statuses[third.Id]);
        Assert.Equal(1, await TakenAsync(shift.ShiftId));
        var subject = Html.Text("Message_ApplicationPromoted_Subject", Cultures.Kazakh);
        var message = await app.Db(db => db.OutboxMessages.SingleAsync(m => m.Recipient == second.Email && m.Subject == subject));
        Assert.Contains(shift.Title, message.Body, StringComparison.Ordinal);

        using var mine = app.Client(accessToken: third.Token);
        var list = await (await mine.GetAsync("/api/v1/me/applications")).JsonAsync();
        Assert.Equal(1, list.GetProperty("items")[0].GetProperty("waitlistPosition").GetInt32());

        // TestPerson else cannot cancel the promoted person's application.
        using var stranger = app.Client(accessToken: third.Token);
        using var refused = await stranger.DeleteAsync($"/api/v1/applications/{secondApplication}");
        await refused.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Equal(ApplicationStatus.Accepted, await app.Db(db => db.Applications.Where(a => a.Id == secondApplication).Select(a => a.Status).SingleAsync()));
    }

    [Fact]
    public async Task Applying_again_after_cancelling_reuses_the_row_at_the_back_of_the_line()
    {
        var shift = await app.NewOpportunity().Seats(1);
        var holder = await app.NewPerson().WithToken();
        var person = await app.NewPerson().WithToken();
        var other = await app.NewPerson().WithToken();
        await ApplyAsync(holder.Token, shift.ShiftId);
        var first = (await ApplyAsync(person.Token, shift.ShiftId)).Body.GetProperty("id").GetGuid();
        await ApplyAsync(other.Token, shift.ShiftId);
        using var client = app.Client(accessToken: person.Token);
        using (var cancelled = await client.DeleteAsync($"/api/v1/applications/{first}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, cancelled.StatusCode);
        }

        using (var twice = await client.DeleteAsync($"/api/v1/applications/{first}"))
        {
            await twice.AssertProblemAsync(HttpStatusCode.Conflict, ApplicationErrors.ApplicationNotActive);
        }

        var again = await ApplyAsync(person.Token, shift.ShiftId);

        Assert.Equal(HttpStatusCode.Created, again.Status);
        Assert.Equal(first, again.Body.GetProperty("id").GetGuid());
        Assert.Equal(2, again.Body.GetProperty("waitlistPosition").GetInt32());
        Assert.Equal(1, await app.Db(db => db.Applications.CountAsync(a => a.VolunteerId == person.Id)));
    }

    [Fact]
    public async Task With_approval_the_coordinator_accepts_until_full_and_declines_and_the_volunteer_is_told()
    {
        var shift = await app.NewOpportunity().Seats(1).ApprovingEachVolunteer();
        var coordinator = await app.NewPerson().Speaking("en").SignedIn();
        await app.AddCoordinatorAsync(shift.OrganizationId, coordinator.Id);
        var first = await app.NewPerson().WithToken();
        var second = await app.NewPerson().WithToken();
        var a = await ApplyAsync(first.Token, shift.ShiftId);
        var b = await ApplyAsync(second.Token, shift.ShiftId);
        Assert.Equal("pending", a.Body.GetProperty("status").GetString());
        Assert.Equal("pending", b.Body.GetProperty("status").GetString());
        Assert.Equal(0, await TakenAsync(shift.ShiftId));

        var url = $"/shifts/{shift.ShiftId}/roster";
        var roster = await coordinator.Pages.GetPageAsync(url);
        var firstId = a.Body.GetProperty("id").GetGuid();
        var form = roster.Find($"#roster-pending li[data-application='{firstId}'] form");
        form.Id = "accept-first";
        using var accepted = await coordinator.Pages.SubmitAsync(roster, "#accept-first", new Dictionary<string, string> { ["accept"] = "true" }, url + "?handler=Decide");
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(ApplicationStatus.Accepted, await StatusAsync(firstId));
        Assert.Equal(1, await TakenAsync(shift.ShiftId));
        var acceptedSubject = Html.Text("Message_ApplicationAccepted_Subject", Cultures.Kazakh);
        Assert.Equal(1, await app.Db(db => db.OutboxMessages.CountAsync(m => m.Recipient == first.Email && m.Subject == acceptedSubject)));

        // Full now: accepting the second is refused and changes nothing.
        var coordinatorToken = await Api.TokenAsync(app, coordinator.Email);
        using var api = app.Client("en", coordinatorToken);
        var secondId = b.Body.GetProperty("id").GetGuid();
        using var full = await api.PostAsJsonAsync($"/api/v1/shifts/{shift.ShiftId}/applications/{secondId}/decision", new { accept = true });
        await full.AssertProblemAsync(HttpStatusCode.Conflict, ApplicationErrors.ShiftFull);
        Assert.Equal(ApplicationStatus.Pending, await StatusAsync(secondId));
        Assert.Equal(1, await TakenAsync(shift.ShiftId));

        using var declined = await api.PostAsJsonAsync($"/api/v1/shifts/{shift.ShiftId}/applications/{secondId}/decision", new { accept = false });
        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        Assert.Equal("declined", (await declined.JsonAsync()).GetProperty("status").GetString());
        Assert.Equal(ApplicationStatus.Declined, await StatusAsync(secondId));
        var declinedSubject = Html.Text("Message_ApplicationDeclined_Subject", Cultures.Kazakh);
        Assert.Equal(1, await app.Db(db => db.OutboxMessages.CountAsync(m => m.Recipient == second.Email && m.Subject == declinedSubject)));
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(e => e.Action == "application.declined" && e.TargetId == secondId.ToString())));

        // A declined volunteer cannot simply apply again.
        var again = await ApplyAsync(second.Token, shift.ShiftId);
        Assert.Equal(ApplicationErrors.ApplicationNotActive, again.Body.GetProperty("code").GetString());

        // Another organisation's coordinator cannot decide.
        var stranger = await app.NewPerson().WithToken();
        await app.AddCoordinatorAsync((await app.NewOrganization().Named("Басқа " + Orgs.UniqueWord())).Id, stranger.Id);
        using var strangerClient = app.Client(accessToken: stranger.Token);
        using var forbidden = await strangerClient.PostAsJsonAsync($"/api/v1/shifts/{shift.ShiftId}/applications/{firstId}/decision", new { accept = false });
        await forbidden.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(ApplicationStatus.Accepted, await StatusAsync(firstId));
    }

    [Fact]
    public async Task When_the_capacity_is_raised_the_waitlist_is_served_first_in_order()
    {
        var shift = await app.NewOpportunity().Seats(1);
        var people = new List<TestPerson>();
        for (var i = 0; i < 4; i++)
        {
            people.Add(await app.NewPerson().WithToken());
            await ApplyAsync(people[i].Token, shift.ShiftId);
        }

        // The opportunity's edit page raises the capacity and then calls PromoteWaitlistAsync.
        await SetCapacityAsync(shift.ShiftId, 3);
        var newcomer = await app.NewPerson().WithToken();
        var late = await ApplyAsync(newcomer.Token, shift.ShiftId);

        // The newcomer did not jump the line: the first two waiting got the two new seats.
        Assert.Equal("waitlisted", late.Body.GetProperty("status").GetString());
        Assert.Equal(2, late.Body.GetProperty("waitlistPosition").GetInt32());
        Assert.Equal(ApplicationStatus.Accepted, await StatusOfAsync(people[1].Id, shift.ShiftId));
        Assert.Equal(ApplicationStatus.Accepted, await StatusOfAsync(people[2].Id, shift.ShiftId));
        Assert.Equal(ApplicationStatus.Waitlisted, await StatusOfAsync(people[3].Id, shift.ShiftId));
        Assert.Equal(3, await TakenAsync(shift.ShiftId));

        await SetCapacityAsync(shift.ShiftId, 10);
        using (var scope = app.Services.CreateScope())
        {
            var promoted = await scope.ServiceProvider.GetRequiredService<ShiftApplications>().PromoteWaitlistAsync(shift.ShiftId, CancellationToken.None);
            Assert.Equal(2, promoted);
        }

        Assert.Equal(5, await TakenAsync(shift.ShiftId));
        var subject = Html.Text("Message_ApplicationPromoted_Subject", Cultures.Kazakh);
        var told = await app.Db(db => db.OutboxMessages.Where(m => m.Subject == subject).Select(m => m.Recipient).ToListAsync());
        Assert.Equal(
            new[] { people[1].Email, people[2].Email, people[3].Email, newcomer.Email }.Order(StringComparer.Ordinal),
            told.Where(r => people.Any(p => p.Email == r) || r == newcomer.Email).Order(StringComparer.Ordinal));
    }

    private async Task<(HttpStatusCode Status, System.Text.Json.JsonElement Body)> ApplyAsync(string token, Guid shiftId)
    {
        using var client = app.Client("en", token);
        using var response = await client.PostAsync($"/api/v1/shifts/{shiftId}/applications", null);
        return (response.StatusCode, await response.JsonAsync());
    }

    private async Task SetCapacityAsync(Guid shiftId, int capacity) =>
        await app.Db(db => db.Shifts.Where(s => s.Id == shiftId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Capacity, capacity)));

    private async Task<ApplicationStatus> StatusOfAsync(Guid volunteerId, Guid shiftId) =>
        await app.Db(db => db.Applications.Where(a => a.VolunteerId == volunteerId && a.ShiftId == shiftId).Select(a => a.Status).SingleAsync());

    private async Task<int> TakenAsync(Guid shiftId) => await app.Db(db => db.Shifts.Where(s => s.Id == shiftId).Select(s => s.Taken).SingleAsync());

    private async Task<ApplicationStatus> StatusAsync(Guid applicationId) =>
        await app.Db(db => db.Applications.Where(a => a.Id == applicationId).Select(a => a.Status).SingleAsync());
}

[Collection(Sqlite.Name)]
public sealed class ApplyTestsOnSqlite(SqliteApp app) : ApplyTests(app);

[Collection(Postgres.Name)]
public sealed class ApplyTestsOnPostgres(PostgresApp app) : ApplyTests(app);
