using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Birge.Tests.Features.FrontOffices;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Features.Applications;
using Microsoft.EntityFrameworkCore;

namespace Birge.Tests.Features.HelpRequests;

/// <summary>
/// The volunteer's pages, as a browser uses them: "Help nearby" lists a request without the person's data, "Take it"
/// shows the name, phone and address, "Done" refuses a wrong time in the person's language with the form filled
/// again, "Give it back" returns it to the queue; refusals of a claim are translated. Points of this file are around
/// Kostanay, where no other test puts one.
/// </summary>
public abstract class HelpVolunteerPagesTests(BirgeApp app)
{
    private const string Kostanay = "390000000";

    [Fact]
    public async Task In_Russian_a_volunteer_finds_a_request_nearby_takes_it_sees_the_person_and_says_it_is_done()
    {
        var (lat, lon) = Point();
        var request = await app.NewHelpRequestAsync(Kostanay, "groceries", "Көктем", address: "ул. Байтурсынова 61, кв. 4", latitude: lat, longitude: lon);
        var volunteer = await app.NewPerson().Speaking("ru").SignedIn();
        var ru = Cultures("ru");

        var nearby = await volunteer.Pages.GetPageAsync(FormattableString.Invariant($"/help-requests?lat={lat:0.0000}&lon={lon:0.0000}&radiusKm=2"));
        Assert.Contains(Html.Text("HelpCategory_groceries", ru), nearby.Find($"[data-request='{request.Id}']").TextContent, StringComparison.Ordinal);
        Assert.Equal(Html.Text("HelpVolunteer_Nav", ru), nearby.Find(".site-nav a[href='/help-requests']").TextContent.Trim());
        Assert.DoesNotContain("Байтурсынова", nearby.Body!.TextContent, StringComparison.Ordinal);

        var url = $"/help-requests/{request.Id}";
        var partial = await volunteer.Pages.GetPageAsync(url);
        Assert.Contains("Көктем", partial.Find("#summary").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Байтурсынова", partial.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(request.RequesterName!, partial.Body!.TextContent, StringComparison.Ordinal);
        Assert.Null(partial.QuerySelector("a[href^='tel:']"));

        using var taken = await volunteer.Pages.SubmitAsync(partial, "#claim-form", pageUrl: url);
        Assert.Equal(HttpStatusCode.Redirect, taken.StatusCode);
        var full = await volunteer.Pages.GetPageAsync(url);
        Assert.Equal("tel:" + request.Phone, full.Find("#requester-phone").GetAttribute("href"));
        Assert.Equal("ул. Байтурсынова 61, кв. 4", full.Find("#requester-address").TextContent.Trim());
        Assert.Equal(request.RequesterName, full.Find("#requester-name").TextContent.Trim());
        Assert.StartsWith("geo:", full.Find("#map-link").GetAttribute("href"), StringComparison.Ordinal);
        var mine = await volunteer.Pages.GetPageAsync("/help-requests");
        Assert.NotNull(mine.QuerySelector($"#holding a[href='{url}']"));

        using var noTime = await volunteer.Pages.SubmitAsync(full, "#done-form", new Dictionary<string, string> { ["Note"] = "Купила хлеб и молоко", ["Minutes"] = "0" }, url);
        Assert.Equal(HttpStatusCode.OK, noTime.StatusCode);
        var refused = await Html.ParseAsync(noTime);
        Assert.Equal(Html.Text("Error_help_minutes_invalid", ru), refused.FieldError("Minutes"));
        Assert.Equal("Купила хлеб и молоко", refused.Find("#Note").TextContent);
        Assert.Equal(HelpRequestStatus.Claimed, await StatusAsync(request.Id));

        using var done = await volunteer.Pages.SubmitAsync(refused, "#done-form", new Dictionary<string, string> { ["Minutes"] = "45" }, url);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var stored = await app.Db(db => db.HelpRequests.SingleAsync(r => r.Id == request.Id));
        Assert.Equal(HelpRequestStatus.DoneUnconfirmed, stored.Status);
        Assert.Equal(45, stored.DoneMinutes);
        Assert.Equal("Купила хлеб и молоко", stored.DoneNote);
        var after = await volunteer.Pages.GetPageAsync(url);
        Assert.Equal(Html.Text("HelpVolunteer_WaitingConfirmation", ru), after.Find("#did-it").TextContent.Trim());
        Assert.Null(after.QuerySelector("#requester-phone"));
    }

    [Fact]
    public async Task In_Kazakh_claim_refusals_are_translated_and_giving_it_back_returns_it_to_the_queue()
    {
        var (lat, lon) = Point();
        var request = await app.NewHelpRequestAsync(Kostanay, "household", "Наурыз", latitude: lat, longitude: lon);
        var first = await app.NewPerson().Speaking("kk").SignedIn();
        var second = await app.NewPerson().Speaking("kk").SignedIn();
        var minor = await app.NewPerson().Speaking("kk").Born(DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-16)).SignedIn();
        var kk = Cultures("kk");
        var url = $"/help-requests/{request.Id}";

        var young = await minor.Pages.GetPageAsync(url);
        using var tooYoung = await minor.Pages.SubmitAsync(young, "#claim-form", pageUrl: url);
        Assert.Contains(Html.Text("Error_" + ApplicationErrors.AgeRestricted, kk), (await Html.ParseAsync(tooYoung)).Find(".error-summary").TextContent, StringComparison.Ordinal);

        var page = await second.Pages.GetPageAsync(url);
        using var claimed = await first.Pages.SubmitAsync(await first.Pages.GetPageAsync(url), "#claim-form", pageUrl: url);
        Assert.Equal(HttpStatusCode.Redirect, claimed.StatusCode);
        using var late = await second.Pages.SubmitAsync(page, "#claim-form", pageUrl: url);
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Contains(Html.Text("Error_already_claimed", kk), (await Html.ParseAsync(late)).Find(".error-summary").TextContent, StringComparison.Ordinal);

        var held = await first.Pages.GetPageAsync(url);
        using var released = await first.Pages.SubmitAsync(held, "#release-form", pageUrl: url);
        Assert.Equal(HttpStatusCode.Redirect, released.StatusCode);
        Assert.Equal(HelpRequestStatus.Open, await StatusAsync(request.Id));
        var again = await first.Pages.GetPageAsync(url);
        Assert.NotNull(again.QuerySelector("#claim-form"));
        Assert.Null(again.QuerySelector("#requester-address"));
    }

    [Fact]
    public async Task A_volunteer_at_the_cap_is_told_so_in_Russian()
    {
        var volunteer = await app.NewPerson().Speaking("ru").SignedIn();
        for (var i = 0; i < 3; i++)
        {
            var held = await app.NewHelpRequestAsync(Offices.Almaty, "groceries");
            var heldUrl = $"/help-requests/{held.Id}";
            using var ok = await volunteer.Pages.SubmitAsync(await volunteer.Pages.GetPageAsync(heldUrl), "#claim-form", pageUrl: heldUrl);
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        }

        var request = await app.NewHelpRequestAsync(Offices.Almaty, "groceries");
        var url = $"/help-requests/{request.Id}";
        using var refused = await volunteer.Pages.SubmitAsync(await volunteer.Pages.GetPageAsync(url), "#claim-form", pageUrl: url);

        Assert.Contains(Html.Text("Error_claim_limit", Cultures("ru")), (await Html.ParseAsync(refused)).Find(".error-summary").TextContent, StringComparison.Ordinal);
        Assert.Equal(HelpRequestStatus.New, await StatusAsync(request.Id));
    }

    [Fact]
    public async Task A_request_offered_to_the_volunteer_comes_first_and_is_marked()
    {
        var request = await app.NewHelpRequestAsync(Offices.Almaty, "company", "Түрксіб");
        var volunteer = await app.NewPerson().Speaking("ru").SignedIn();
        await app.Db(db => db.Accounts.Where(a => a.Id == volunteer.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.EmailConfirmed, true)));
        var operatorOfAlmaty = await app.NewPerson().Staff(Offices.Almaty, FrontOfficeStaff.Operator).WithToken();
        using var offered = await app.Client("ru", operatorOfAlmaty.Token)
            .PostAsJsonAsync($"/api/v1/help-requests/{request.Id}/offers", new { volunteerIds = new[] { volunteer.Id } });
        Assert.Equal(HttpStatusCode.OK, offered.StatusCode);

        var page = await volunteer.Pages.GetPageAsync("/help-requests");

        var first = page.Find("#requests [data-request]");
        Assert.Equal(request.Id.ToString(), first.GetAttribute("data-request"));
        Assert.Equal(Html.Text("HelpVolunteer_OfferedToYou", Cultures("ru")), first.QuerySelector("[data-offered]")?.TextContent.Trim());
    }

    [Fact]
    public async Task The_anonymous_are_sent_to_log_in()
    {
        var request = await app.NewHelpRequestAsync(Offices.Almaty, "groceries");

        foreach (var url in new[] { "/help-requests", $"/help-requests/{request.Id}" })
        {
            using var response = await app.Browser().GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/login", new Uri(new Uri("http://localhost"), response.Location()).AbsolutePath, StringComparison.Ordinal);
        }
    }

    private static (double Lat, double Lon) Point() => (53.0 + (Random.Shared.Next(0, 500) / 1000.0), 63.0 + (Random.Shared.Next(0, 500) / 1000.0));

    private static CultureInfo Cultures(string language) => Birge.Web.Localization.Cultures.FromLanguage(language);

    private Task<HelpRequestStatus> StatusAsync(Guid id) => app.Db(db => db.HelpRequests.Where(r => r.Id == id).Select(r => r.Status).SingleAsync());
}

[Collection(Sqlite.Name)]
public sealed class HelpVolunteerPagesTestsOnSqlite(SqliteApp app) : HelpVolunteerPagesTests(app);

[Collection(Postgres.Name)]
public sealed class HelpVolunteerPagesTestsOnPostgres(PostgresApp app) : HelpVolunteerPagesTests(app);
