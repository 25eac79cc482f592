using System.Net;
using System.Net.Http.Json;
using Birge.Tests.Infrastructure;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Tests.Features.CallOuts;

/// <summary>
/// The call-out pages through their real forms: the office previews (whom it reaches, the SMS parts) and sends; the
/// live board fills as members answer by link; bad input comes back with the form filled; another region's office and
/// people not asked are refused.
/// </summary>
public abstract class CallOutPagesTests(BirgeApp app)
{
    private const string Region = CallOuts.WestKazakhstan;

    [Fact]
    public async Task Staff_preview_then_send_a_call_out_members_answer_by_link_and_the_board_shows_the_roster()
    {
        var staff = await app.NewPerson().Speaking("ru").Staff(Region).SignedIn();
        var member = await app.NewPerson().Speaking("ru").Named("Айгүл Серікова").With("phone", People.NewPhone()).SignedIn();
        var other = await app.NewPerson().Speaking("ru").SignedIn();
        await app.NewTeamAsync(Region, [member.Id, other.Id]);
        var url = $"/front-office/{Region}/call-outs";
        var page = await staff.Pages.GetPageAsync(url);
        var values = Form("Наводнение: мешки с песком", 1);
        var before = await app.Db(db => db.CallOuts.CountAsync(c => c.RegionKato == Region));

        using var previewed = await staff.Pages.SubmitAsync(page, "#call-out-form", values, url, "#preview-button");
        var preview = await Html.ParseAsync(previewed);
        Assert.NotNull(preview.QuerySelector("#preview-people"));
        var reach = await app.Db(db => db.TeamMembers.Where(m => db.Teams.Any(t => t.Id == m.TeamId && t.RegionKato == Region && !t.Standby)).Select(m => m.AccountId).Distinct().CountAsync());
        Assert.Equal(Html.Text("CallOut_Preview_People", Cultures.Russian, reach), preview.Find("#preview-people").TextContent.Trim());
        var sms = preview.Find("#preview-sms").TextContent.Trim();
        var parts = (sms.Length + 66) / 67;
        Assert.Equal(Html.Text("CallOut_Preview_SmsParts", Cultures.Russian, parts, sms.Length), preview.Find("#preview-sms-parts").TextContent.Trim());
        Assert.Contains("Наводнение: мешки с песком", sms, StringComparison.Ordinal);
        Assert.Equal("Наводнение: мешки с песком", preview.Value("Input_Title"));
        Assert.Equal(before, await app.Db(db => db.CallOuts.CountAsync(c => c.RegionKato == Region)));

        using var sent = await staff.Pages.SubmitAsync(preview, "#call-out-form", values, url, "#send-button");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var boardUrl = sent.Location();
        var id = await app.Db(db => db.CallOuts.Where(c => c.RegionKato == Region && c.Title == "Наводнение: мешки с песком").Select(c => c.Id).SingleAsync());
        Assert.Equal($"/front-office/{Region}/call-outs/{id}", boardUrl);
        var board = await staff.Pages.GetPageAsync(boardUrl);
        Assert.Equal("20", board.QuerySelector("meta[http-equiv='refresh']")?.GetAttribute("content"));
        // "Sent" is said once (the layout says it), not twice.
        Assert.Single(board.QuerySelectorAll("[role=status]"), e => e.TextContent.Trim() == Html.Text("CallOut_Sent_Notice", Cultures.Russian));
        Assert.Equal(reach.ToString(System.Globalization.CultureInfo.InvariantCulture), board.Find("#sent").TextContent.Trim());
        Assert.Equal("0 / 1", board.Find("#coming").TextContent.Trim());
        Assert.NotNull(board.QuerySelector("#roster-empty"));

        // The member answers by the link: selected; the other is then on standby.
        var answer = await member.Pages.GetPageAsync($"/call-outs/{id}");
        Assert.Equal(Html.Text("CallOut_You_waiting", Cultures.Russian), answer.Find("#answer-state").TextContent.Trim());
        using var coming = await member.Pages.SubmitAsync(answer, "#coming-form", null, $"/call-outs/{id}");
        Assert.Equal(HttpStatusCode.Redirect, coming.StatusCode);
        var after = await member.Pages.GetPageAsync($"/call-outs/{id}");
        Assert.Equal(Html.Text("CallOut_You_selected", Cultures.Russian), after.Find("#answer-state").TextContent.Trim());
        var otherPage = await other.Pages.GetPageAsync($"/call-outs/{id}");
        Assert.Equal(Html.Text("CallOut_You_not_needed", Cultures.Russian), otherPage.Find("#answer-state").TextContent.Trim());
        using var late = await other.Pages.SubmitAsync(otherPage, "#coming-form", null, $"/call-outs/{id}");
        var standby = await other.Pages.GetPageAsync($"/call-outs/{id}");
        Assert.Equal(Html.Text("CallOut_You_standby", Cultures.Russian), standby.Find("#answer-state").TextContent.Trim());

        board = await staff.Pages.GetPageAsync(boardUrl);
        Assert.Equal("1 / 1", board.Find("#coming").TextContent.Trim());
        var row = board.Find($"#roster tr[data-account='{member.Id}']");
        Assert.Contains("Айгүл Серікова", row.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("tel:+7", row.QuerySelector("a[href^='tel:']")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.NotNull(board.QuerySelector($"#standby tr[data-account='{other.Id}']"));
        Assert.Equal("filled", board.Find("#status").GetAttribute("data-status"));

        // Cancelled: those coming are told.
        using var cancelled = await staff.Pages.SubmitAsync(board, "#cancel-form", null, boardUrl);
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        board = await staff.Pages.GetPageAsync(boardUrl);
        Assert.Equal("cancelled", board.Find("#status").GetAttribute("data-status"));
        Assert.Single(board.QuerySelectorAll("[role=status]"), e => e.TextContent.Trim() == Html.Text("CallOut_Done_cancelled", Cultures.Russian));
        Assert.Null(board.QuerySelector("meta[http-equiv='refresh']"));
        var told = Html.Text("Message_CallOutCancelled_Subject", Cultures.Russian).Replace("{Title}", "Наводнение: мешки с песком", StringComparison.Ordinal);
        Assert.Equal(1, await app.Db(db => db.OutboxMessages.CountAsync(m => m.Recipient == member.Email && m.Subject == told)));
        Assert.Equal(0, await app.Db(db => db.OutboxMessages.CountAsync(m => m.Recipient == other.Email && m.Subject == told)));
    }

    [Fact]
    public async Task Bad_input_comes_back_with_the_form_filled_and_nothing_sent()
    {
        var staff = await app.NewPerson().Speaking("kk").Staff(Region).SignedIn();
        var url = $"/front-office/{Region}/call-outs";
        var page = await staff.Pages.GetPageAsync(url);
        var values = Form("Өрт: көмек керек", 0);
        values["Input.AnswerBy"] = CallOutFormTime(DateTime.UtcNow.AddHours(-1));
        var before = await app.Db(db => db.CallOuts.CountAsync(c => c.RegionKato == Region));

        using var response = await staff.Pages.SubmitAsync(page, "#call-out-form", values, url, "#send-button");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var form = await Html.ParseAsync(response);
        Assert.Equal(Html.Text("Error_callout_needed_invalid", Cultures.Kazakh), form.FieldError("Input_Needed"));
        Assert.Equal(Html.Text("Error_callout_answer_by_invalid", Cultures.Kazakh), form.FieldError("Input_AnswerBy"));
        Assert.Equal("Өрт: көмек керек", form.Value("Input_Title"));
        Assert.Equal(before, await app.Db(db => db.CallOuts.CountAsync(c => c.RegionKato == Region)));
    }

    [Fact]
    public async Task Another_regions_office_is_refused_the_pages_and_a_person_not_asked_gets_404()
    {
        var staff = await app.NewPerson().Staff(Region).WithToken();
        var almaty = await app.NewPerson().Staff(Birge.Tests.Features.FrontOffices.Offices.Almaty).SignedIn();
        var stranger = await app.NewPerson().SignedIn();
        var member = (await app.NewVolunteersAsync(1))[0];
        var team = await app.NewTeamAsync(Region, [member.Id]);
        var body = CallOuts.Body(Region);
        body["teamIds"] = new[] { team.Id };
        using var sent = await staff.Api.PostAsJsonAsync("/api/v1/call-outs", body);
        var id = (await sent.JsonAsync()).GetProperty("id").GetGuid();

        using var list = await almaty.Pages.GetAsync($"/front-office/{Region}/call-outs");
        Assert.Equal((HttpStatusCode.Redirect, "/error/403"), (list.StatusCode, new Uri(list.Location()).AbsolutePath));
        using var board = await almaty.Pages.GetAsync($"/front-office/{Region}/call-outs/{id}");
        Assert.Equal((HttpStatusCode.Redirect, "/error/403"), (board.StatusCode, new Uri(board.Location()).AbsolutePath));
        using var notAsked = await stranger.Pages.GetAsync($"/call-outs/{id}");
        Assert.Equal(HttpStatusCode.NotFound, notAsked.StatusCode);
    }

    [Fact]
    public async Task The_roster_checks_in_with_the_rotating_code_and_staff_confirm_the_hours_once_into_the_volunteer_book()
    {
        var staff = await app.NewPerson().Speaking("ru").Staff(Region).SignedIn().WithToken();
        var member = await app.NewPerson().Speaking("ru").SignedIn().WithToken();
        var team = await app.NewTeamAsync(Region, [member.Id]);
        var body = CallOuts.Body(Region, needed: 1);
        body["teamIds"] = new[] { team.Id };
        body["title"] = "Паводок: дамба " + Guid.NewGuid().ToString("N")[..4];
        using var sent = await staff.Api.PostAsJsonAsync("/api/v1/call-outs", body);
        var id = (await sent.JsonAsync()).GetProperty("id").GetGuid();
        using var coming = await member.Api.PostAsJsonAsync($"/api/v1/call-outs/{id}/reply", new { answer = "coming" });
        Assert.Equal(HttpStatusCode.OK, coming.StatusCode);
        var callOut = await app.Db(db => db.CallOuts.AsNoTracking().SingleAsync(c => c.Id == id));
        try
        {
            app.Clock.Set(callOut.StartsAt.AddMinutes(-10));
            var screen = await staff.Pages.GetPageAsync($"/front-office/{Region}/call-outs/{id}/checkin");
            var code = Birge.Web.Features.Attendance.CheckinCode.Current(id, callOut.CheckinSecret, app.Clock.GetUtcNow().UtcDateTime);
            Assert.Equal(Birge.Web.Features.Attendance.CheckinCode.Display(code), screen.Find("#checkin-code").TextContent.Trim());
            Assert.NotNull(screen.QuerySelector("#checkin-qr svg"));

            // A wrong code is refused; the QR code's link fills in the right one.
            var page = await member.Pages.GetPageAsync($"/call-outs/{id}/checkin");
            using var wrong = await member.Pages.SubmitAsync(page, "#checkin-form", new Dictionary<string, string> { ["Code"] = "AAAAAAAAAA" });
            Assert.Equal(Html.Text("Error_callout_checkin_code_wrong", Cultures.Russian), (await Html.ParseAsync(wrong)).FieldError("Code"));
            page = await member.Pages.GetPageAsync($"/call-outs/{id}/checkin?code={code}");
            Assert.Equal(code, page.Value("Code"));
            using var checkedIn = await member.Pages.SubmitAsync(page, "#checkin-form", null, $"/call-outs/{id}/checkin");
            Assert.Equal(HttpStatusCode.Redirect, checkedIn.StatusCode);
            app.Clock.Set(callOut.StartsAt.AddMinutes(80));
            page = await member.Pages.GetPageAsync($"/call-outs/{id}/checkin");
            Assert.NotNull(page.QuerySelector("#checked-in"));
            using var checkedOut = await member.Pages.SubmitAsync(page, "#checkout-form", null, $"/call-outs/{id}/checkin");
            Assert.Equal(HttpStatusCode.Redirect, checkedOut.StatusCode);

            // The board suggests 90 minutes (check-in to check-out); staff make it 85.
            var boardUrl = $"/front-office/{Region}/call-outs/{id}";
            var board = await staff.Pages.GetPageAsync(boardUrl);
            var form = board.Find($"form.hours-form[data-account='{member.Id}']");
            Assert.Equal("90", form.QuerySelector("input[name='minutes']")!.GetAttribute("value"));
            using var confirmed = await staff.Pages.SubmitAsync(board, $"form.hours-form[data-account='{member.Id}']", new Dictionary<string, string> { ["minutes"] = "85" });
            Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
            var entry = await app.Db(db => db.HoursEntries.AsNoTracking().SingleAsync(h => h.CallOutId == id));
            Assert.Equal((member.Id, 85, staff.Id, "emergency", (Guid?)null, (Guid?)null), (entry.VolunteerId, entry.Minutes, entry.ConfirmedBy, entry.DirectionCode, entry.ShiftId, entry.OrganizationId));

            // Once: the board posts again from the old page and is refused.
            using var again = await staff.Pages.SubmitAsync(board, $"form.hours-form[data-account='{member.Id}']", new Dictionary<string, string> { ["minutes"] = "85" });
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Contains(Html.Text("Error_callout_hours_already", Cultures.Russian), (await Html.ParseAsync(again)).Body!.TextContent, StringComparison.Ordinal);
            Assert.Equal(1, await app.Db(db => db.HoursEntries.CountAsync(h => h.CallOutId == id)));
        }
        finally
        {
            app.Clock.Reset();
        }

        var book = await member.Pages.GetPageAsync("/book");
        var title = Html.Text("CallOut_BookTitle", Cultures.Russian, (string)body["title"]!);
        Assert.Contains(book.QuerySelectorAll("#entries tbody tr"), r => r.TextContent.Contains(title, StringComparison.Ordinal));
    }

    private static Dictionary<string, string> Form(string title, int needed) => new()
    {
        ["Input.Title"] = title,
        ["Input.Description"] = "Жағалауда құм қаптарын толтыру.",
        ["Input.Place"] = "Орал, Жайық жағалауы",
        ["Input.StartsAt"] = CallOutFormTime(DateTime.UtcNow.AddHours(3)),
        ["Input.AnswerBy"] = CallOutFormTime(DateTime.UtcNow.AddHours(2)),
        ["Input.Needed"] = needed.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static string CallOutFormTime(DateTime utc) => Birge.Web.Features.CallOuts.CallOutForm.Local(utc);
}

[Collection(Sqlite.Name)]
public sealed class CallOutPagesTestsOnSqlite(SqliteApp app) : CallOutPagesTests(app);

[Collection(Postgres.Name)]
public sealed class CallOutPagesTestsOnPostgres(PostgresApp app) : CallOutPagesTests(app);
