using System.Globalization;
using System.Net;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Tests.Features.Home;

/// <summary>
/// Where the signed-in person stands on an opportunity's page (signed up, waitlisted with the place in line, waiting
/// for the organiser) and cancelling there; an organisation's profile with its coming opportunities; coming back to
/// the page after logging in, for local addresses only.
/// </summary>
public abstract class WhereIStandTests(BirgeApp app)
{
    private static readonly CultureInfo Kk = Cultures.Kazakh;

    [Fact]
    public async Task A_signed_up_volunteer_sees_the_times_and_cancels_on_the_opportunity_page()
    {
        var nine = KazakhstanTime.ToUtc(KazakhstanTime.FromUtc(DateTime.UtcNow).Date.AddDays(2).AddHours(9));
        var opportunity = await app.NewOpportunity().Starting(nine).Until(nine.AddHours(4)).Seats(3).CreateAsync();
        var volunteer = await app.NewPerson().OnShift(opportunity.ShiftId).SignedIn();
        var url = $"/opportunities/{opportunity.OpportunityId}";

        var page = await volunteer.Pages.GetPageAsync(url);

        var stand = page.Find($"#shift-{opportunity.ShiftId} .where-i-stand");
        Assert.Equal("accepted", stand.GetAttribute("data-status"));
        Assert.Equal(Html.Text("Start_Stand_Accepted", Kk, "09:00–13:00"), stand.QuerySelector("p")!.TextContent.Trim());
        Assert.Null(page.QuerySelector($"#shift-{opportunity.ShiftId} a[href='/shifts/{opportunity.ShiftId}/apply']"));

        using var cancelled = await volunteer.Pages.SubmitAsync(page, $"#shift-{opportunity.ShiftId} form.cancel-form", null, url);

        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Equal(url, cancelled.Location());
        var (status, taken) = await app.Db(async db => (
            await db.Applications.Where(a => a.ShiftId == opportunity.ShiftId && a.VolunteerId == volunteer.Id).Select(a => a.Status).SingleAsync(),
            await db.Shifts.Where(s => s.Id == opportunity.ShiftId).Select(s => s.Taken).SingleAsync()));
        Assert.Equal((ApplicationStatus.Cancelled, 0), (status, taken));
        var after = await volunteer.Pages.GetPageAsync(url);
        Assert.Equal(Html.Text("Apply_Cancelled", Kk), after.Find(".notice--success").TextContent.Trim());
        Assert.Null(after.QuerySelector(".where-i-stand"));
        Assert.NotNull(after.QuerySelector($"#shift-{opportunity.ShiftId} a[href='/shifts/{opportunity.ShiftId}/apply']"));
    }

    [Fact]
    public async Task A_waitlisted_volunteer_sees_the_place_in_line_and_one_waiting_for_approval_says_so()
    {
        var full = await app.NewOpportunity().Seats(1, takenAlready: 1).CreateAsync();
        await app.NewPerson().OnShift(full.ShiftId, ApplicationStatus.Waitlisted);
        var second = await app.NewPerson().OnShift(full.ShiftId, ApplicationStatus.Waitlisted).SignedIn();
        var approving = await app.NewOpportunity().ApprovingEachVolunteer().CreateAsync();
        var waiting = await app.NewPerson().OnShift(approving.ShiftId, ApplicationStatus.Pending).SignedIn();

        var line = await second.Pages.GetPageAsync($"/opportunities/{full.OpportunityId}");
        var pending = await waiting.Pages.GetPageAsync($"/opportunities/{approving.OpportunityId}");
        var stranger = await app.Browser().GetPageAsync($"/opportunities/{full.OpportunityId}");

        Assert.Equal(Html.Text("Start_Stand_Waitlisted", Kk, 2), line.Find(".where-i-stand p").TextContent.Trim());
        Assert.NotNull(line.QuerySelector(".where-i-stand form.cancel-form"));
        Assert.Equal(Html.Text("Start_Stand_Pending", Kk), pending.Find(".where-i-stand p").TextContent.Trim());
        Assert.Null(stranger.QuerySelector(".where-i-stand"));
        Assert.NotNull(stranger.QuerySelector($"a[href='/shifts/{full.ShiftId}/apply']"));
    }

    [Fact]
    public async Task Another_person_cannot_cancel_the_volunteers_application_from_the_page()
    {
        var opportunity = await app.NewOpportunity().CreateAsync();
        var volunteer = await app.NewPerson().OnShift(opportunity.ShiftId).SignedIn();
        var url = $"/opportunities/{opportunity.OpportunityId}";
        var page = await volunteer.Pages.GetPageAsync(url);
        var someoneElse = await app.NewPerson().SignedIn();

        // Another person's browser posts the volunteer's application id with a valid form of their own.
        var theirPage = await someoneElse.Pages.GetPageAsync(url);
        var applicationId = page.Find("form.cancel-form input[name='applicationId']").GetAttribute("value")!;
        var token = theirPage.Find("form.language input[name='__RequestVerificationToken']").GetAttribute("value")!;
        using var refused = await someoneElse.Pages.PostAsync(
            url + "?handler=Cancel",
            new FormUrlEncodedContent([new("applicationId", applicationId), new("__RequestVerificationToken", token)]));

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        var status = await app.Db(db => db.Applications.Where(a => a.Id == Guid.Parse(applicationId)).Select(a => a.Status).SingleAsync());
        Assert.Equal(ApplicationStatus.Accepted, status);
    }

    [Fact]
    public async Task An_organisations_profile_lists_its_coming_published_opportunities_only()
    {
        var owner = await app.NewPerson().OwningAnOrganization();
        var coming = await app.NewOpportunity(owner.OrganizationId).CreateAsync();
        var draft = await app.NewOpportunity(owner.OrganizationId).Draft().CreateAsync();
        var over = await app.NewOpportunity(owner.OrganizationId).CreateAsync();
        var past = DateTime.UtcNow.AddDays(-2);
        await app.Db(async db =>
        {
            await db.Shifts.Where(s => s.Id == over.ShiftId).ExecuteUpdateAsync(u => u.SetProperty(s => s.StartsAt, past).SetProperty(s => s.EndsAt, past.AddHours(3)));
            return await db.Opportunities.Where(o => o.Id == over.OpportunityId).ExecuteUpdateAsync(u => u.SetProperty(o => o.StartsAt, past).SetProperty(o => o.EndsAt, past.AddHours(3)));
        });
        var other = await app.NewOpportunity().CreateAsync();

        var profile = await app.Browser().GetPageAsync($"/organizations/{owner.OrganizationId}");

        var listed = profile.QuerySelectorAll("#profile-opportunities li").Select(li => li.GetAttribute("data-id")!).ToList();
        Assert.Equal(coming.OpportunityId.ToString(), Assert.Single(listed));
        Assert.NotNull(profile.QuerySelector($"#profile-opportunities a[href='/opportunities/{coming.OpportunityId}']"));
        Assert.DoesNotContain(draft.OpportunityId.ToString(), listed);
        Assert.DoesNotContain(over.OpportunityId.ToString(), listed);
        Assert.DoesNotContain(other.OpportunityId.ToString(), listed);

        var empty = await app.NewPerson().OwningAnOrganization();
        var none = await app.Browser().GetPageAsync($"/organizations/{empty.OrganizationId}");
        Assert.Contains(Html.Text("Start_Profile_None", Kk), none.Find("#profile-opportunities").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_header_login_link_carries_the_page_and_logging_in_comes_back_to_it()
    {
        var opportunity = await app.NewOpportunity().CreateAsync();
        var url = $"/opportunities/{opportunity.OpportunityId}?from=search";
        var client = app.Browser();
        var page = await client.GetPageAsync(url);
        var login = page.Find(".site-nav a[href^='/account/login']").GetAttribute("href")!;
        Assert.Equal("/account/login?returnUrl=" + Uri.EscapeDataString(url), login);
        var home = await client.GetPageAsync("/");
        Assert.Equal("/account/login", home.Find(".site-nav a[href^='/account/login']").GetAttribute("href"));

        var person = await app.NewPerson();
        var form = await client.GetPageAsync(login);
        using var response = await client.SubmitAsync(
            form, "main form", new Dictionary<string, string> { ["Input.Login"] = person.Email, ["Input.Password"] = People.Password }, login);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(url, response.Location());
    }

    [Fact]
    public async Task Log_in_to_apply_comes_back_to_the_shifts_apply_page()
    {
        var opportunity = await app.NewOpportunity().CreateAsync();
        var client = app.Browser();
        using var apply = await client.GetAsync($"/shifts/{opportunity.ShiftId}/apply");
        Assert.Equal(HttpStatusCode.Redirect, apply.StatusCode);
        var login = new Uri(new Uri("http://localhost"), apply.Location()).PathAndQuery;
        var person = await app.NewPerson();
        var form = await client.GetPageAsync(login);

        using var response = await client.SubmitAsync(
            form, "main form", new Dictionary<string, string> { ["Input.Login"] = person.Email, ["Input.Password"] = People.Password }, login);

        Assert.Equal($"/shifts/{opportunity.ShiftId}/apply", response.Location());
    }

    [Fact]
    public async Task Signing_up_from_the_login_page_comes_back_to_the_page_too_and_only_to_a_local_one()
    {
        var opportunity = await app.NewOpportunity().CreateAsync();
        var back = $"/opportunities/{opportunity.OpportunityId}";
        var client = app.Browser();
        var login = await client.GetPageAsync("/account/login?returnUrl=" + Uri.EscapeDataString(back));
        var signUpUrl = login.Find("main a[href^='/account/signup']").GetAttribute("href")!;
        Assert.Equal("/account/signup?returnUrl=" + Uri.EscapeDataString(back), signUpUrl);
        var signUp = await client.GetPageAsync(signUpUrl);

        using var response = await client.SubmitAsync(signUp, "main form", People.AdultForm(), signUpUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(back, response.Location());

        var elsewhere = app.Browser();
        var evil = "/account/signup?returnUrl=" + Uri.EscapeDataString("//evil.example");
        using var refused = await elsewhere.SubmitAsync(await elsewhere.GetPageAsync(evil), "main form", People.AdultForm(), evil);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal("/account", refused.Location());
    }
}

[Collection(Sqlite.Name)]
public sealed class WhereIStandTestsOnSqlite(SqliteApp app) : WhereIStandTests(app);

[Collection(Postgres.Name)]
public sealed class WhereIStandTestsOnPostgres(PostgresApp app) : WhereIStandTests(app);
