using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using Birge.Tests.Features.FrontOffices;
using Birge.Tests.Features.HelpRequests;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Tests.Features.Home;

/// <summary>
/// The start page at <c>/</c> through the real pages: the stranger's public home, and each role's sections with real
/// data (and their empty states); "my organisation" in the menu. Counts of regions are compared with before, since
/// the other tests of the collection share the database.
/// </summary>
public abstract class StartPageTests(BirgeApp app)
{
    /// <summary>Kyzylorda: no other test uses it, so what is near a volunteer there is this test's.</summary>
    private const string Kyzylorda = "430000000";

    private static readonly CultureInfo Kk = Cultures.Kazakh;

    [Fact]
    public async Task A_stranger_sees_the_public_home_and_a_signed_in_person_their_start_page_without_sign_up()
    {
        var stranger = await app.Browser().GetPageAsync("/");
        Assert.NotNull(stranger.QuerySelector("main .hero"));
        Assert.NotNull(stranger.QuerySelector("main a[href='/account/signup']"));
        Assert.Null(stranger.QuerySelector("#start-volunteer"));

        var person = await app.NewPerson().SignedIn();
        var home = await person.Pages.GetPageAsync("/");

        Assert.NotNull(home.QuerySelector("#start-volunteer"));
        Assert.Null(home.QuerySelector("main .hero"));
        Assert.Empty(home.QuerySelectorAll("a[href^='/account/signup']"));

        // A new person: every section says what to do next.
        Assert.Equal(Html.Text("Start_Next_None", Kk), home.Find("#start-next-shift p").TextContent.Trim());
        Assert.NotNull(home.QuerySelector("#start-next-shift a[href='/opportunities']"));
        Assert.Equal(Durations.Format(0, Kk), home.Find("#start-hours .start__figure").TextContent.Trim());
        Assert.Equal(Html.Text("Start_Waiting_None", Kk), home.Find("#start-waiting .hint").TextContent.Trim());
        Assert.Equal(Html.Text("Start_Notices_None", Kk), home.Find("#start-notices .hint").TextContent.Trim());
        Assert.Null(home.QuerySelector("#start-coordinator"));
        Assert.Null(home.QuerySelector("#start-staff"));
        Assert.Null(home.QuerySelector("#start-operator"));
        Assert.Null(home.QuerySelector("#start-country"));
        Assert.Null(home.QuerySelector("#nav-my-organization"));
    }

    [Fact]
    public async Task A_volunteer_sees_the_next_shift_with_its_check_in_hours_this_year_applications_waiting_things_near_and_notices()
    {
        var volunteer = await app.NewPerson().With("regionKato", Kyzylorda).SignedIn();
        var tomorrowNine = KazakhstanTime.ToUtc(KazakhstanTime.FromUtc(DateTime.UtcNow).Date.AddDays(1).AddHours(9));
        var next = await app.NewOpportunity().InRegion(Kyzylorda).Starting(tomorrowNine).CreateAsync();
        var later = await app.NewOpportunity().InRegion(Kyzylorda).Starting(tomorrowNine.AddDays(5)).CreateAsync();
        await app.ApplyAsync(next.ShiftId, volunteer.Id);
        await app.ApplyAsync(later.ShiftId, volunteer.Id);
        var approving = await app.NewOpportunity().ApprovingEachVolunteer().CreateAsync();
        await app.ApplyAsync(approving.ShiftId, volunteer.Id, ApplicationStatus.Pending);
        var full = await app.NewOpportunity().Seats(1, takenAlready: 1).CreateAsync();
        var first = await app.NewPerson();
        await app.ApplyAsync(full.ShiftId, first.Id, ApplicationStatus.Waitlisted);
        await app.ApplyAsync(full.ShiftId, volunteer.Id, ApplicationStatus.Waitlisted);
        var organization = await app.NewOrganization();
        var today = DateOnly.FromDateTime(KazakhstanTime.FromUtc(DateTime.UtcNow));
        await app.NewHours(volunteer.Id, organization.Id).On(today, 90);
        await app.NewHours(volunteer.Id, organization.Id).On(new DateOnly(today.Year - 1, 6, 1), 600);
        await app.Db(async db =>
        {
            db.Notifications.Add(new Notification { AccountId = volunteer.Id, Kind = "applications", Type = "test", Title = "Өтініміңіз қабылданды", Body = "Сәттілік!", CreatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });

        var home = await volunteer.Pages.GetPageAsync("/");

        var card = home.Find("#start-next-shift");
        Assert.Contains(next.Title, card.TextContent, StringComparison.Ordinal);
        Assert.Contains(Html.Text("Start_When_Tomorrow", Kk, "09:00"), card.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/checkin/{next.ShiftId}", card.QuerySelector("a.button")!.GetAttribute("href"));
        Assert.DoesNotContain(later.Title, card.TextContent, StringComparison.Ordinal);

        Assert.Equal(Durations.Format(90, Kk), home.Find("#start-hours .start__figure").TextContent.Trim());

        var waiting = home.Find("#start-waiting").TextContent;
        Assert.Contains(approving.Title, waiting, StringComparison.Ordinal);
        Assert.Contains(Html.Text("Apply_Status_Pending", Kk), waiting, StringComparison.Ordinal);
        Assert.Contains(full.Title, waiting, StringComparison.Ordinal);
        Assert.Contains(Html.Text("Apply_Position", Kk, 2), waiting, StringComparison.Ordinal);
        Assert.DoesNotContain(next.Title, waiting, StringComparison.Ordinal);

        var near = home.QuerySelectorAll("#start-near li").Select(li => li.GetAttribute("data-id")!).ToList();
        Assert.Contains(next.OpportunityId.ToString(), near);
        Assert.NotNull(home.QuerySelector($"#start-near a[href='/opportunities?region={Kyzylorda}']"));

        var notices = home.Find("#start-notices");
        Assert.Contains("Өтініміңіз қабылданды", notices.TextContent, StringComparison.Ordinal);
        Assert.Contains(Html.Text("Notifications_UnreadCount", Kk, 1), notices.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_coordinator_sees_coming_shifts_with_seats_links_to_roster_and_check_in_and_hours_waiting()
    {
        var owner = await app.NewPerson().OwningAnOrganization().SignedIn();
        var coming = await app.NewOpportunity(owner.OrganizationId).Seats(5, takenAlready: 2).CreateAsync();
        var now = DateTime.UtcNow;
        var past = await app.NewOpportunity(owner.OrganizationId).Starting(now.AddHours(-3)).Until(now.AddHours(-1)).Draft().CreateAsync();
        var came = await app.NewPerson();
        var confirmed = await app.NewPerson();
        await app.AcceptAsync(past.ShiftId, came.Id, confirmed.Id);
        await app.AttendAsync(past.ShiftId, came.Id, now.AddHours(-3), now.AddHours(-1));
        await app.AttendAsync(past.ShiftId, confirmed.Id, now.AddHours(-3), now.AddHours(-1));
        await app.NewHours(confirmed.Id, owner.OrganizationId).OnShift(past.Shift, now.AddHours(-3));

        var home = await owner.Pages.GetPageAsync("/");

        var shift = home.Find($"#start-shifts li[data-shift='{coming.ShiftId}']");
        Assert.Contains(Html.Text("Opp_Manage_Seats", Kk, 2, 5), shift.TextContent, StringComparison.Ordinal);
        Assert.NotNull(shift.QuerySelector($"a[href='/shifts/{coming.ShiftId}/roster']"));
        Assert.NotNull(shift.QuerySelector($"a[href='/shifts/{coming.ShiftId}/checkin-code']"));
        var hours = home.Find($"#start-hours-waiting li[data-shift='{past.ShiftId}']");
        Assert.Contains(Html.Text("Start_HoursWaiting_Count", Kk, 1), hours.TextContent, StringComparison.Ordinal);
        Assert.NotNull(hours.QuerySelector($"a[href='/shifts/{past.ShiftId}/hours']"));
        Assert.NotNull(home.QuerySelector($"#start-coordinator a[href='/organizations/{owner.OrganizationId}/manage']"));

        // One organisation: the menu goes to its page; with a second one, to the list of both.
        Assert.Equal($"/organizations/{owner.OrganizationId}/manage", home.Find("#nav-my-organization").GetAttribute("href"));
        var second = await app.NewOrganization().CoordinatedBy(owner.Id);
        var again = await owner.Pages.GetPageAsync("/");
        Assert.Equal("/my/organizations", again.Find("#nav-my-organization").GetAttribute("href"));
        var list = await owner.Pages.GetPageAsync("/my/organizations");
        var listed = list.QuerySelectorAll("#my-organizations li").Select(li => li.GetAttribute("data-id")!).ToList();
        Assert.Equal(new[] { owner.OrganizationId.ToString(), second.Id.ToString() }.Order(), listed.Order());
        Assert.Contains(Html.Text("Org_Role_coordinator", Kk), list.Find($"#my-organizations li[data-id='{second.Id}']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_coordinator_with_nothing_coming_is_told_what_to_do_next()
    {
        var owner = await app.NewPerson().OwningAnOrganization().SignedIn();

        var home = await owner.Pages.GetPageAsync("/");

        Assert.Equal(Html.Text("Start_Shifts_None", Kk), home.Find("#start-shifts-none").TextContent.Trim());
        Assert.Equal(Html.Text("Start_HoursWaiting_None", Kk), home.Find("#start-hours-none").TextContent.Trim());
    }

    [Fact]
    public async Task Regional_staff_see_their_regions_queues_and_counts()
    {
        var staff = await app.NewPerson().Staff(Kyzylorda).SignedIn();
        var before = await staff.Pages.GetPageAsync("/");
        var (organizations, helpNew) = (Figure(before, "#start-staff-organizations"), Figure(before, "#start-staff-help-new"));

        await app.NewOrganization().InRegion(Kyzylorda).Pending();
        await app.NewOrganization().InRegion(Offices.Astana).Pending();
        await app.NewHelpRequestAsync(Kyzylorda, "groceries");

        var after = await staff.Pages.GetPageAsync("/");
        Assert.Equal(organizations + 1, Figure(after, "#start-staff-organizations"));
        Assert.Equal(helpNew + 1, Figure(after, "#start-staff-help-new"));
        Assert.NotNull(after.QuerySelector("#start-staff a[href='/front-office']"));
        Assert.Null(after.QuerySelector("#start-operator"));
        Assert.Null(after.QuerySelector("#start-country"));
    }

    [Fact]
    public async Task An_operator_sees_the_call_queue_with_its_counts()
    {
        var op = await app.NewPerson().Staff(Kyzylorda, FrontOfficeStaff.Operator).SignedIn();
        var before = Figure(await op.Pages.GetPageAsync("/"), "#start-operator-new");

        await app.NewHelpRequestAsync(Kyzylorda, "household");

        var home = await op.Pages.GetPageAsync("/");
        Assert.Equal(before + 1, Figure(home, "#start-operator-new"));
        Assert.NotNull(home.QuerySelector("#start-operator a[href='/call-centre']"));
        Assert.Null(home.QuerySelector("#start-staff"));
    }

    [Fact]
    public async Task The_national_admin_sees_the_country_at_a_glance()
    {
        var admin = await app.NewPerson().Admin().SignedIn();
        await app.NewOrganization();

        var home = await admin.Pages.GetPageAsync("/");

        var (volunteers, verified) = await app.Db(async db => (
            await db.Accounts.CountAsync(a => a.Status == AccountStatus.Active),
            await db.Organizations.CountAsync(o => o.Status == OrganizationStatus.Verified)));
        Assert.Equal(volunteers, Figure(home, "#start-country-volunteers"));
        Assert.Equal(verified, Figure(home, "#start-country-organizations"));
        Assert.True(Figure(home, "#start-country-opportunities") >= 0);
        Assert.NotNull(home.QuerySelector("#start-country a[href='/admin/staff']"));
        Assert.NotNull(home.QuerySelector("#start-country a[href='/admin/audit']"));
        Assert.NotNull(home.QuerySelector("#start-staff"));
    }

    [Fact]
    public async Task My_organizations_is_for_people_signed_in_and_says_so_when_there_is_none()
    {
        using var stranger = await app.Browser().GetAsync("/my/organizations");
        Assert.Equal(HttpStatusCode.Redirect, stranger.StatusCode);
        Assert.StartsWith("/account/login", new Uri(new Uri("http://localhost"), stranger.Location()).AbsolutePath, StringComparison.Ordinal);

        var person = await app.NewPerson().SignedIn();
        var page = await person.Pages.GetPageAsync("/my/organizations");
        Assert.NotNull(page.QuerySelector("#my-organizations-none"));
    }

    /// <summary>A count on the start page, by its digits (the reader's number format may group thousands).</summary>
    private static int Figure(IHtmlDocument page, string selector) =>
        int.Parse(new string(page.Find(selector + " dt").TextContent.Where(char.IsAsciiDigit).ToArray()), CultureInfo.InvariantCulture);
}

[Collection(Sqlite.Name)]
public sealed class StartPageTestsOnSqlite(SqliteApp app) : StartPageTests(app);

[Collection(Postgres.Name)]
public sealed class StartPageTestsOnPostgres(PostgresApp app) : StartPageTests(app);
