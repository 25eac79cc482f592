using System.Net;
using System.Text;
using Birge.Tests.Features.Organizations;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Features.Applications;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Birge.Tests.Features.Applications;

/// <summary>The coordinator's roster and CSV, the volunteer's calendar file, reminders and the volunteer's data rights.</summary>
public abstract class RosterTests(BirgeApp app)
{
    [Fact]
    public async Task The_roster_shows_the_organisations_coordinators_who_is_coming_and_only_the_contacts_volunteers_share()
    {
        var shift = await app.NewOpportunity().Seats(1);
        var (coordinator, _) = await CoordinatorAsync(shift, "ru");
        var sharing = await VolunteerAsync("Әсел Нұрланқызы", shareContacts: true);
        var private_ = await VolunteerAsync("Ғалым Өтегенов", shareContacts: false);
        await ApplyAsync(sharing.Token, shift.ShiftId);
        await ApplyAsync(private_.Token, shift.ShiftId);

        var page = await coordinator.GetPageAsync($"/shifts/{shift.ShiftId}/roster");

        var accepted = page.Find("#roster-accepted").TextContent;
        Assert.Contains("Әсел Нұрланқызы", accepted, StringComparison.Ordinal);
        Assert.Contains(sharing.Email, accepted, StringComparison.Ordinal);
        var waitlist = page.Find("#roster-waitlist").TextContent;
        Assert.Contains("Ғалым Өтегенов", waitlist, StringComparison.Ordinal);
        Assert.DoesNotContain(private_.Email, page.Body!.InnerHtml, StringComparison.Ordinal);
        Assert.Equal("1", page.Find("#roster-taken").TextContent.Trim());
    }

    [Fact]
    public async Task The_csv_is_utf8_with_a_bom_in_the_readers_language_and_its_download_is_audited()
    {
        var shift = await app.NewOpportunity().Seats(1);
        var (coordinator, coordinatorId) = await CoordinatorAsync(shift, "kk");
        var sharing = await VolunteerAsync("Әсел Нұрланқызы", shareContacts: true);
        var private_ = await VolunteerAsync("=А-Б Ғалым", shareContacts: false);
        await ApplyAsync(sharing.Token, shift.ShiftId);
        await ApplyAsync(private_.Token, shift.ShiftId);

        using var response = await coordinator.GetAsync($"/shifts/{shift.ShiftId}/roster.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith(Html.Text("Apply_Csv_Name", Cultures.Kazakh) + "," + Html.Text("Apply_Csv_Status", Cultures.Kazakh), lines[0], StringComparison.Ordinal);
        Assert.StartsWith("Әсел Нұрланқызы," + Html.Text("Apply_Status_Accepted", Cultures.Kazakh), lines[1], StringComparison.Ordinal);
        Assert.Contains(sharing.Email, lines[1], StringComparison.Ordinal);
        Assert.Contains(Html.Text("Apply_Status_Waitlisted", Cultures.Kazakh) + ",1,", lines[2], StringComparison.Ordinal);
        Assert.DoesNotContain(private_.Email, lines[2], StringComparison.Ordinal);
        // A name that a spreadsheet would run as a formula is escaped.
        Assert.StartsWith("\"'=А-Б Ғалым\",", lines[2], StringComparison.Ordinal);
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(e => e.Action == "shift.roster_exported" && e.ActorId == coordinatorId && e.TargetId == shift.ShiftId.ToString())));
    }

    [Fact]
    public async Task A_stranger_is_refused_the_roster_page_csv_and_api_and_the_attempts_are_audited()
    {
        var shift = await app.NewOpportunity();
        var volunteer = await VolunteerAsync("Айжан", shareContacts: true);
        await ApplyAsync(volunteer.Token, shift.ShiftId);
        var stranger = await app.NewPerson().SignedIn();
        var strangerId = stranger.Id;
        await app.AddCoordinatorAsync((await app.NewOrganization().Named("Басқа " + Orgs.UniqueWord())).Id, strangerId);

        foreach (var path in new[] { $"/shifts/{shift.ShiftId}/roster", $"/shifts/{shift.ShiftId}/roster.csv" })
        {
            using var response = await stranger.Pages.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/error/403", new Uri(new Uri("http://localhost"), response.Location()).AbsolutePath);
        }

        using var api = app.Client(accessToken: await Api.TokenAsync(app, stranger.Email));
        using var refused = await api.GetAsync($"/api/v1/shifts/{shift.ShiftId}/applications");
        await refused.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(3, await app.Db(db => db.AuditEntries.CountAsync(e => e.ActorId == strangerId && e.Outcome == AuditEntry.Denied)));
        Assert.False(await app.Db(db => db.AuditEntries.AnyAsync(e => e.ActorId == strangerId && e.Outcome == AuditEntry.Done)));
    }

    [Fact]
    public async Task The_api_roster_lists_seats_statuses_and_the_waitlist_in_order()
    {
        var shift = await app.NewOpportunity().Seats(1);
        var (_, coordinatorId) = await CoordinatorAsync(shift, "en");
        var first = await VolunteerAsync("Бірінші", shareContacts: false);
        var second = await VolunteerAsync("Екінші", shareContacts: false);
        var third = await VolunteerAsync("Үшінші", shareContacts: false);
        foreach (var v in new[] { first, second, third })
        {
            await ApplyAsync(v.Token, shift.ShiftId);
        }

        var email = await app.Db(db => db.Accounts.Where(a => a.Id == coordinatorId).Select(a => a.Email!).SingleAsync());
        using var client = app.Client("en", await Api.TokenAsync(app, email));
        var roster = await (await client.GetAsync($"/api/v1/shifts/{shift.ShiftId}/applications")).JsonAsync();

        Assert.Equal((1, 1, 0), (roster.GetProperty("capacity").GetInt32(), roster.GetProperty("taken").GetInt32(), roster.GetProperty("seatsLeft").GetInt32()));
        var items = roster.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("fullName").GetString(), i.GetProperty("status").GetString(), i.GetProperty("waitlistPosition").ValueKind == System.Text.Json.JsonValueKind.Null ? 0 : i.GetProperty("waitlistPosition").GetInt32())).ToList();
        Assert.Equal([("Бірінші", "accepted", 0), ("Екінші", "waitlisted", 1), ("Үшінші", "waitlisted", 2)], items);
        Assert.All(roster.GetProperty("items").EnumerateArray(), i => Assert.Equal(System.Text.Json.JsonValueKind.Null, i.GetProperty("email").ValueKind));
    }

    [Fact]
    public async Task The_calendar_file_has_the_shift_in_utc_with_title_and_address_and_only_its_owner_gets_it()
    {
        // 10:00 in Almaty (UTC+5) is 05:00 UTC.
        var day = DateTime.UtcNow.Date.AddDays(5);
        var shift = await app.NewOpportunity().Starting(day.AddHours(5)).At("Абай даңғылы, 10; Алматы");
        var person = await app.NewPerson().Speaking("ru").SignedIn();
        var token = await Api.TokenAsync(app, person.Email);
        var applicationId = (await ApplyAsync(token, shift.ShiftId)).GetProperty("id").GetGuid();

        var myShifts = await person.Pages.GetPageAsync("/my/shifts");
        var link = myShifts.Find($"[data-application='{applicationId}'] a[href$='calendar.ics']").GetAttribute("href")!;
        using var response = await person.Pages.GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("BEGIN:VCALENDAR\r\n", text, StringComparison.Ordinal);
        Assert.Contains($"DTSTART:{day:yyyyMMdd}T050000Z\r\n", text, StringComparison.Ordinal);
        Assert.Contains($"DTEND:{day:yyyyMMdd}T080000Z\r\n", text, StringComparison.Ordinal);
        // The shift's role in the volunteer's language, like the title.
        Assert.Contains("SUMMARY:Уборка парка — Помощник\r\n", text, StringComparison.Ordinal);
        Assert.Contains("LOCATION:Абай даңғылы\\, 10\\; Алматы\r\n", text, StringComparison.Ordinal);
        Assert.Contains($"UID:{applicationId:N}@birge.kz", text, StringComparison.Ordinal);
        Assert.EndsWith("END:VCALENDAR\r\n", text, StringComparison.Ordinal);
        Assert.All(text.Split("\r\n"), line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, line));

        var other = await app.NewPerson().SignedIn();
        using var refused = await other.Pages.GetAsync(link);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
    }

    [Fact]
    public async Task The_shift_s_role_reads_in_each_reader_s_language_on_my_shifts_the_roster_and_the_api()
    {
        // The role in Kazakh and Russian only: an English reader falls back to Kazakh, as for a title.
        var shift = await app.NewOpportunity().ForRole(new LocalizedText("Тіркеуші", "Регистратор", null));
        var (kazakhCoordinator, _) = await CoordinatorAsync(shift, "kk");
        var (englishCoordinator, _) = await CoordinatorAsync(shift, "en");
        var volunteer = await app.NewPerson().Speaking("ru").SignedIn().WithToken();
        await ApplyAsync(volunteer.Token, shift.ShiftId);

        var mine = await volunteer.Pages.GetPageAsync("/my/shifts");
        Assert.Contains("Регистратор", mine.Find("#upcoming").TextContent, StringComparison.Ordinal);
        Assert.Contains("Тіркеуші", (await kazakhCoordinator.GetPageAsync($"/shifts/{shift.ShiftId}/roster")).Find("p.meta").TextContent, StringComparison.Ordinal);
        Assert.Contains("Тіркеуші", (await englishCoordinator.GetPageAsync($"/shifts/{shift.ShiftId}/roster")).Find("p.meta").TextContent, StringComparison.Ordinal);
        foreach (var (language, role) in new[] { ("ru", "Регистратор"), ("en", "Тіркеуші") })
        {
            using var client = app.Client(language, volunteer.Token);
            var json = await (await client.GetAsync("/api/v1/me/applications")).JsonAsync();
            Assert.Equal(role, Assert.Single(json.GetProperty("items").EnumerateArray()).GetProperty("role").GetString());
        }
    }

    [Fact]
    public async Task Reminders_go_once_to_accepted_volunteers_of_shifts_starting_within_a_day()
    {
        var soon = await app.NewOpportunity().Seats(2).Starting(DateTime.UtcNow.AddHours(20));
        var later = await app.NewOpportunity().Seats(2).Starting(DateTime.UtcNow.AddHours(30));
        var people = await app.NewVolunteersAsync(3, language: "ru");
        foreach (var person in people)
        {
            await InScopeAsync(s => s.ApplyAsync(soon.ShiftId, person, CancellationToken.None));
        }

        await InScopeAsync(s => s.ApplyAsync(later.ShiftId, people[0], CancellationToken.None));
        var reminders = app.Services.GetRequiredService<Reminders>();

        // Two app nodes at the same moment, then a later run: each shift is reminded once.
        await Task.WhenAll(Task.Run(() => reminders.RunOnceAsync(CancellationToken.None)), Task.Run(() => reminders.RunOnceAsync(CancellationToken.None)));
        await reminders.RunOnceAsync(CancellationToken.None);

        // The subject says when ("… завтра в 09:00"): the reminders are the messages whose subject starts as it does.
        var subject = Html.Text("Message_ShiftReminder_Subject", Cultures.Russian).Split("{StartsAt}")[0];
        var emails = people.Select(p => p.Email).ToList();
        var sent = await app.Db(db => db.OutboxMessages.Where(m => emails.Contains(m.Recipient) && m.Subject.StartsWith(subject)).ToListAsync());
        Assert.Equal(people.Take(2).Select(p => p.Email!).Order(StringComparer.Ordinal), sent.Select(m => m.Recipient).Order(StringComparer.Ordinal));
        Assert.All(sent, m => Assert.Contains("Уборка парка — Помощник", m.Body, StringComparison.Ordinal));
        Assert.NotNull(await app.Db(db => db.Shifts.Where(s => s.Id == soon.ShiftId).Select(s => s.RemindedAt).SingleAsync()));
        Assert.Null(await app.Db(db => db.Shifts.Where(s => s.Id == later.ShiftId).Select(s => s.RemindedAt).SingleAsync()));
    }

    [Fact]
    public async Task Applications_are_in_the_data_export_and_deleting_the_account_gives_the_seat_to_the_next_in_line()
    {
        var shift = await app.NewOpportunity().Seats(1);
        var leaving = await app.NewPerson().WithToken();
        var waiting = await app.NewPerson().WithToken();
        var applicationId = (await ApplyAsync(leaving.Token, shift.ShiftId)).GetProperty("id").GetGuid();
        await ApplyAsync(waiting.Token, shift.ShiftId);
        using var client = app.Client(accessToken: leaving.Token);

        var export = await (await client.GetAsync("/api/v1/me/data")).JsonAsync();
        var exported = Assert.Single(export.GetProperty("applications").EnumerateArray());
        Assert.Equal(applicationId, exported.GetProperty("id").GetGuid());
        Assert.Equal("accepted", exported.GetProperty("status").GetString());

        using var deleted = await client.DeleteAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.False(await app.Db(db => db.Applications.AnyAsync(a => a.VolunteerId == leaving.Id)));
        Assert.Equal(ApplicationStatus.Accepted, await app.Db(db => db.Applications.Where(a => a.VolunteerId == waiting.Id).Select(a => a.Status).SingleAsync()));
        Assert.Equal(1, await app.Db(db => db.Shifts.Where(s => s.Id == shift.ShiftId).Select(s => s.Taken).SingleAsync()));
    }

    private async Task<(HttpClient Browser, Guid Id)> CoordinatorAsync(TestOpportunity shift, string language)
    {
        var person = await app.NewPerson().Speaking(language).SignedIn();
        var id = person.Id;
        await app.AddCoordinatorAsync(shift.OrganizationId, id);
        return (person.Pages, id);
    }

    private async Task<(Guid Id, string Email, string Token)> VolunteerAsync(string fullName, bool shareContacts)
    {
        var person = await app.NewPerson().With("fullName", fullName);
        await app.Db(async db =>
        {
            db.VolunteerProfiles.Add(new VolunteerProfile { AccountId = person.Id, ShowContactsToOrganisers = shareContacts, UpdatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        return (person.Id, person.Email, await Api.TokenAsync(app, person.Email));
    }

    private async Task<System.Text.Json.JsonElement> ApplyAsync(string token, Guid shiftId)
    {
        using var client = app.Client(accessToken: token);
        using var response = await client.PostAsync($"/api/v1/shifts/{shiftId}/applications", null);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.JsonAsync();
    }

    private async Task<T> InScopeAsync<T>(Func<ShiftApplications, Task<T>> action)
    {
        using var scope = app.Services.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<ShiftApplications>());
    }
}

[Collection(Sqlite.Name)]
public sealed class RosterTestsOnSqlite(SqliteApp app) : RosterTests(app);

[Collection(Postgres.Name)]
public sealed class RosterTestsOnPostgres(PostgresApp app) : RosterTests(app);
