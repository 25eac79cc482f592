using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using Birge.Tests.Features.Organizations;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Features.Attendance;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Tests.Features.Attendance;

/// <summary>
/// Check-in and check-out by the shift's rotating code, on the page the phone camera opens and through the API, with
/// the app's clock set by the test.
/// </summary>
public abstract class CheckinTests(BirgeApp app) : IDisposable
{
    public void Dispose()
    {
        app.Clock.Reset();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Opening_the_QR_link_checks_in_once_and_says_so()
    {
        var (_, volunteer, shift, now) = await ShiftStartingSoonAsync();
        var link = $"/checkin/{shift.Id}?code={CheckinCode.Current(shift, now)}";

        var page = await volunteer.Pages.GetPageAsync(link);

        Assert.Equal(Html.Text("Checkin_Done", Cultures.Kazakh, Time(now)), page.Find("#checkin-status").TextContent.Trim());
        Assert.NotNull(page.QuerySelector("#checkout-form"));
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        var again = await volunteer.Pages.GetPageAsync(link);
        Assert.Equal(Html.Text("Checkin_Already", Cultures.Kazakh, Time(now)), again.Find("#checkin-status").TextContent.Trim());
        var stored = await app.Db(db => db.Attendances.Where(a => a.ShiftId == shift.Id).ToListAsync());
        var attendance = Assert.Single(stored);
        Assert.Equal(volunteer.Id, attendance.VolunteerId);
        Assert.Equal(now, attendance.CheckedInAt);
        Assert.Null(attendance.MarkedBy);
    }

    [Fact]
    public async Task The_api_checks_in_and_a_second_scan_answers_200_with_one_record()
    {
        var (_, volunteer, shift, now) = await ShiftStartingSoonAsync();
        var code = CheckinCode.Current(shift, now);

        using var first = await volunteer.Api.PostAsJsonAsync($"/api/v1/shifts/{shift.Id}/checkin", new { code });
        app.Clock.Advance(TimeSpan.FromSeconds(50));
        using var second = await volunteer.Api.PostAsJsonAsync($"/api/v1/shifts/{shift.Id}/checkin", new { code = code.ToLowerInvariant() });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.False((await first.JsonAsync()).GetProperty("repeated").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var body = await second.JsonAsync();
        Assert.True(body.GetProperty("repeated").GetBoolean());
        Assert.Equal(now, body.GetProperty("checkedInAt").GetDateTime().ToUniversalTime());
        Assert.Equal(1, await Duty.AttendanceCountAsync(app, shift.Id));
    }

    [Fact]
    public async Task Parallel_scans_of_the_same_code_record_once()
    {
        var (_, volunteer, shift, now) = await ShiftStartingSoonAsync();
        var code = CheckinCode.Current(shift, now);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => volunteer.Api.PostAsJsonAsync($"/api/v1/shifts/{shift.Id}/checkin", new { code })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, await Duty.AttendanceCountAsync(app, shift.Id));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Forged_stale_and_other_shifts_codes_are_refused_and_nothing_is_stored()
    {
        var (coordinator, volunteer, shift, now) = await ShiftStartingSoonAsync();
        var other = (await app.NewOpportunity(await app.Db(db => db.Opportunities.Where(o => o.Id == shift.OpportunityId).Select(o => o.OrganizationId).SingleAsync())).Titled(new LocalizedText("Саябақты тазалау", "Уборка парка", null)).Starting(now.AddMinutes(5)).Until(now.AddHours(2)).Seats(20).Directions(Duty.Ecology, "social")).Shift;
        var current = CheckinCode.Current(shift, now);
        var forged = current[..9] + (current[9] == 'A' ? 'B' : 'A');
        var stale = CheckinCode.For(shift, (long)(now - DateTime.UnixEpoch).TotalMinutes - 2);
        var othersCode = CheckinCode.Current(other, now);

        foreach (var code in new[] { forged, stale, othersCode, "", "not a code" })
        {
            using var response = await volunteer.Api.PostAsJsonAsync($"/api/v1/shifts/{shift.Id}/checkin", new { code });
            var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, AttendanceErrors.CheckinCodeInvalid);
            Assert.Equal(Html.Text("Error_checkin_code_invalid", Cultures.Kazakh), problem.GetProperty("errors").GetProperty("code")[0].GetString());
        }

        // The page says the same in the volunteer's language and offers to type the code.
        var page = await volunteer.Pages.GetPageAsync($"/checkin/{shift.Id}?code={stale}");
        Assert.Equal(Html.Text("Error_checkin_code_invalid", Cultures.Kazakh), page.Find("#checkin-refusal").TextContent.Trim());
        Assert.NotNull(page.QuerySelector("#checkin-form"));
        Assert.Equal(0, await Duty.AttendanceCountAsync(app, shift.Id));
        Assert.NotEqual(coordinator.Id, volunteer.Id);
    }

    [Fact]
    public async Task A_volunteer_not_on_the_roster_is_refused()
    {
        var (_, _, shift, now) = await ShiftStartingSoonAsync();
        var stranger = await app.NewPerson().Speaking("en").SignedIn().WithToken();

        using var response = await stranger.Api.PostAsJsonAsync($"/api/v1/shifts/{shift.Id}/checkin", new { code = CheckinCode.Current(shift, now) });

        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict, AttendanceErrors.NotOnShift);
        Assert.Equal(Html.Text("Error_not_on_shift", Cultures.English), problem.GetProperty("title").GetString());
        Assert.Equal(0, await Duty.AttendanceCountAsync(app, shift.Id));
    }

    [Fact]
    public async Task Codes_work_only_from_30_minutes_before_the_start_to_the_end()
    {
        var now = Duty.Now();
        app.Clock.Set(now);
        var coordinator = await app.NewPerson().SignedIn().WithToken();
        var volunteer = await app.NewPerson().SignedIn().WithToken();
        var organizationId = (await app.NewOrganization().Named("Жасыл " + Orgs.UniqueWord()).Direction(Duty.Ecology).CoordinatedBy(coordinator.Id)).Id;
        var early = (await app.NewOpportunity(organizationId).Titled(new LocalizedText("Саябақты тазалау", "Уборка парка", null)).Starting(now.AddMinutes(31)).Until(now.AddHours(3)).Seats(20).Directions(Duty.Ecology, "social")).Shift;
        var over = (await app.NewOpportunity(organizationId).Titled(new LocalizedText("Саябақты тазалау", "Уборка парка", null)).Starting(now.AddHours(-3)).Until(now.AddMinutes(-1)).Seats(20).Directions(Duty.Ecology, "social")).Shift;
        await app.AcceptAsync(early.Id, volunteer.Id);
        await app.AcceptAsync(over.Id, volunteer.Id);

        foreach (var shift in new[] { early, over })
        {
            using var response = await volunteer.Api.PostAsJsonAsync($"/api/v1/shifts/{shift.Id}/checkin", new { code = CheckinCode.Current(shift, now) });
            await response.AssertProblemAsync(HttpStatusCode.Conflict, AttendanceErrors.CheckinNotOpen);
            using var code = await coordinator.Api.GetAsync($"/api/v1/shifts/{shift.Id}/checkin-code");
            await code.AssertProblemAsync(HttpStatusCode.Conflict, AttendanceErrors.CheckinNotOpen);
            Assert.Equal(0, await Duty.AttendanceCountAsync(app, shift.Id));
        }

        // A minute later the early shift opens.
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        using var opened = await volunteer.Api.PostAsJsonAsync($"/api/v1/shifts/{early.Id}/checkin", new { code = CheckinCode.Current(early, now.AddMinutes(1)) });
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
    }

    [Fact]
    public async Task Checking_out_needs_a_fresh_code_and_counts_the_minutes_within_the_shift()
    {
        var (_, volunteer, shift, now) = await ShiftStartingSoonAsync();
        var first = CheckinCode.Current(shift, now);
        await volunteer.Pages.GetPageAsync($"/checkin/{shift.Id}?code={first}");

        // Three minutes later the check-in code is stale for checking out.
        app.Clock.Advance(TimeSpan.FromMinutes(3));
        using (var stale = await volunteer.Api.PostAsJsonAsync($"/api/v1/shifts/{shift.Id}/checkout", new { code = first }))
        {
            await stale.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, AttendanceErrors.CheckinCodeInvalid);
        }

        // 40 minutes after arriving (30 after the start) the volunteer scans again and presses "check out".
        app.Clock.Set(now.AddMinutes(40));
        var link = $"/checkin/{shift.Id}?code={CheckinCode.Current(shift, now.AddMinutes(40))}";
        var page = await volunteer.Pages.GetPageAsync(link);
        Assert.Equal(Html.Text("Checkin_Already", Cultures.Kazakh, Time(now)), page.Find("#checkin-status").TextContent.Trim());
        using var checkedOut = await volunteer.Pages.SubmitAsync(page, "#checkout-form", null, link);

        Assert.Equal(HttpStatusCode.Redirect, checkedOut.StatusCode);
        var attendance = await app.Db(db => db.Attendances.SingleAsync(a => a.ShiftId == shift.Id));
        Assert.Equal(now.AddMinutes(40), attendance.CheckedOutAt);
        Assert.Equal(30, attendance.MinutesWithin(shift));
        var after = await volunteer.Pages.GetPageAsync($"/checkin/{shift.Id}");
        Assert.Equal(
            Html.Text("Checkin_CheckedOut", Cultures.Kazakh, Time(now.AddMinutes(40)), Durations.Format(30, Cultures.Kazakh)),
            after.Find("#checkin-status").TextContent.Trim());

        // Checking out again changes nothing and answers the same minutes.
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        using var again = await volunteer.Api.PostAsJsonAsync($"/api/v1/shifts/{shift.Id}/checkout", new { code = CheckinCode.Current(shift, now.AddMinutes(45)) });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(30, (await again.JsonAsync()).GetProperty("minutes").GetInt32());
        Assert.Equal(now.AddMinutes(40), (await app.Db(db => db.Attendances.SingleAsync(a => a.ShiftId == shift.Id))).CheckedOutAt);
    }

    [Fact]
    public async Task Checking_out_without_checking_in_is_refused()
    {
        var (_, volunteer, shift, now) = await ShiftStartingSoonAsync();

        using var response = await volunteer.Api.PostAsJsonAsync($"/api/v1/shifts/{shift.Id}/checkout", new { code = CheckinCode.Current(shift, now) });

        await response.AssertProblemAsync(HttpStatusCode.Conflict, AttendanceErrors.NotCheckedIn);
        Assert.Equal(0, await Duty.AttendanceCountAsync(app, shift.Id));
    }

    [Fact]
    public async Task The_coordinators_screen_shows_a_QR_code_of_the_link_with_the_current_code()
    {
        var (coordinator, volunteer, shift, now) = await ShiftStartingSoonAsync();
        await app.AttendAsync(shift.Id, volunteer.Id, now, null);
        var code = CheckinCode.Current(shift, now);

        var page = await coordinator.Pages.GetPageAsync($"/shifts/{shift.Id}/checkin-code");

        var expected = new HtmlParser().ParseDocument($"<div>{CheckinScreenModel.QrSvg($"http://localhost/checkin/{shift.Id}?code={code}")}</div>");
        Assert.Equal(expected.QuerySelector("svg")!.OuterHtml, page.Find("#checkin-qr svg").OuterHtml);
        Assert.Equal(CheckinCode.Display(code), page.Find("#checkin-code").TextContent.Trim());
        Assert.Equal("1 / 1", page.Find("#checkin-counts dd").TextContent.Trim());
        Assert.Equal(CheckinScreenModel.RefreshSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), page.Find("meta[http-equiv=refresh]").GetAttribute("content"));

        using var api = await coordinator.Api.GetAsync($"/api/v1/shifts/{shift.Id}/checkin-code");
        var body = await api.JsonAsync();
        Assert.Equal(code, body.GetProperty("code").GetString());
        Assert.Equal(CheckinCode.ExpiresAt(now), body.GetProperty("expiresAt").GetDateTime().ToUniversalTime());

        // A minute later the screen shows the next code.
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var next = await coordinator.Pages.GetPageAsync($"/shifts/{shift.Id}/checkin-code");
        Assert.Equal(CheckinCode.Display(CheckinCode.Current(shift, now.AddMinutes(1))), next.Find("#checkin-code").TextContent.Trim());
        Assert.NotEqual(code, CheckinCode.Current(shift, now.AddMinutes(1)));
    }

    [Fact]
    public async Task Before_the_window_the_screen_says_when_check_in_opens_and_another_organisation_is_refused()
    {
        var now = Duty.Now();
        app.Clock.Set(now);
        var coordinator = await app.NewPerson().SignedIn().WithToken();
        var organizationId = (await app.NewOrganization().Named("Жасыл " + Orgs.UniqueWord()).Direction(Duty.Ecology).CoordinatedBy(coordinator.Id)).Id;
        var shift = (await app.NewOpportunity(organizationId).Titled(new LocalizedText("Саябақты тазалау", "Уборка парка", null)).Starting(now.AddHours(2)).Until(now.AddHours(4)).Seats(20).Directions(Duty.Ecology, "social")).Shift;
        var intruder = await app.NewPerson().SignedIn().WithToken();
        await app.NewOrganization().Named("Жасыл " + Orgs.UniqueWord()).Direction(Duty.Ecology).CoordinatedBy(intruder.Id);

        var page = await coordinator.Pages.GetPageAsync($"/shifts/{shift.Id}/checkin-code");

        Assert.Null(page.QuerySelector("#checkin-qr"));
        var opensAt = KazakhstanTime.FromUtc(now.AddHours(2).AddMinutes(-30)).ToString("g", Cultures.Kazakh);
        Assert.Equal(Html.Text("Checkin_Screen_OpensAt", Cultures.Kazakh, opensAt), page.Find("#checkin-closed").TextContent.Trim());
        using var refused = await intruder.Pages.GetAsync($"/shifts/{shift.Id}/checkin-code");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/error/403", new Uri(new Uri("http://localhost"), refused.Location()).AbsolutePath, StringComparison.Ordinal);
        using var refusedApi = await intruder.Api.GetAsync($"/api/v1/shifts/{shift.Id}/checkin-code");
        await refusedApi.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    private static string Time(DateTime utc) => KazakhstanTime.FromUtc(utc).ToString("t", Cultures.Kazakh);

    /// <summary>A coordinator, an accepted volunteer and a shift starting in ten minutes, with the clock set to now.</summary>
    private async Task<(TestPerson Coordinator, TestPerson Volunteer, Shift Shift, DateTime Now)> ShiftStartingSoonAsync()
    {
        var now = Duty.Now();
        app.Clock.Set(now);
        var coordinator = await app.NewPerson().SignedIn().WithToken();
        var volunteer = await app.NewPerson().SignedIn().WithToken();
        var organizationId = (await app.NewOrganization().Named("Жасыл " + Orgs.UniqueWord()).Direction(Duty.Ecology).CoordinatedBy(coordinator.Id)).Id;
        var shift = (await app.NewOpportunity(organizationId).Titled(new LocalizedText("Саябақты тазалау", "Уборка парка", null)).Starting(now.AddMinutes(10)).Until(now.AddHours(3)).Seats(20).Directions(Duty.Ecology, "social")).Shift;
        await app.AcceptAsync(shift.Id, volunteer.Id);
        return (coordinator, volunteer, shift, now);
    }
}

[Collection(Sqlite.Name)]
public sealed class CheckinTestsOnSqlite(SqliteApp app) : CheckinTests(app);

[Collection(Postgres.Name)]
public sealed class CheckinTestsOnPostgres(PostgresApp app) : CheckinTests(app);
