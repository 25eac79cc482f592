using System.Net;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Localization;

namespace Birge.Tests.Features.Organizations;

/// <summary>The fair of organisations: verified ones only, found by text in any case, region and direction, a page at a time.</summary>
public abstract class FairTests(BirgeApp app)
{
    [Fact]
    public async Task A_verified_organisation_is_listed_and_a_pending_one_is_not()
    {
        var word = Orgs.UniqueWord();
        var person = await app.NewPerson().WithToken();
        var verified = await Orgs.RegisterAsync(app, person.Token, Orgs.Body("Расталған " + word));
        await Orgs.VerifyAsync(app, verified);
        var pending = await Orgs.RegisterAsync(app, person.Token, Orgs.Body("Күтуде " + word));

        var page = await app.Browser().GetPageAsync("/organizations?q=" + Uri.EscapeDataString(word));

        var links = page.QuerySelectorAll(".fair-list a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal([$"/organizations/{verified}"], links);
        Assert.Equal(Html.Text("Fair_Count_one", Cultures.Kazakh, 1), page.Find(".fair-total").TextContent.Trim());

        using var api = app.Client();
        var json = await (await api.GetAsync("/api/v1/organizations?q=" + Uri.EscapeDataString(word))).JsonAsync();
        Assert.Equal(1, json.GetProperty("total").GetInt32());
        var item = json.GetProperty("items")[0];
        Assert.Equal(verified, item.GetProperty("id").GetGuid());
        Assert.Equal("verified", item.GetProperty("status").GetString());
        Assert.Equal("Қарттарға көмек", item.GetProperty("description").GetString());
        Assert.Equal("Помощь пожилым", item.GetProperty("descriptions").GetProperty("ru").GetString());
        Assert.NotEqual(verified, pending);
    }

    [Fact]
    public async Task A_kazakh_search_typed_in_capitals_finds_the_organisation()
    {
        var word = Orgs.UniqueWord();
        var id = (await app.NewOrganization().Named("Жасыл Әлем").Described(new LocalizedText("Экологиялық ұйым " + word, null, null))).Id;

        var page = await app.Browser().GetPageAsync("/organizations?q=" + Uri.EscapeDataString("ЖАСЫЛ ӘЛЕМ"));
        Assert.Contains(page.QuerySelectorAll(".fair-list a"), a => a.GetAttribute("href") == $"/organizations/{id}");

        // Text in the description, in capitals, with Kazakh letters.
        var byDescription = await app.Browser().GetPageAsync("/organizations?q=" + Uri.EscapeDataString("ЭКОЛОГИЯЛЫҚ ҰЙЫМ " + word.ToUpperInvariant()));
        Assert.Equal([$"/organizations/{id}"], byDescription.QuerySelectorAll(".fair-list a").Select(a => a.GetAttribute("href")).ToList());
    }

    [Fact]
    public async Task Region_and_direction_filters_narrow_the_list()
    {
        var word = Orgs.UniqueWord();
        var inAstana = (await app.NewOrganization().Named("Астана " + word).InRegion(Orgs.AstanaCity).Direction("animals")).Id;
        var inAlmaty = (await app.NewOrganization().Named("Алматы " + word).InRegion(People.AlmatyCity).Direction("sport")).Id;
        using var api = app.Client();

        async Task<List<Guid>> FindAsync(string filters)
        {
            var json = await (await api.GetAsync($"/api/v1/organizations?q={Uri.EscapeDataString(word)}&{filters}")).JsonAsync();
            return [.. json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];
        }

        Assert.Equal([inAstana], await FindAsync("region=" + Orgs.AstanaCity));
        Assert.Equal([inAlmaty], await FindAsync("direction=sport"));
        Assert.Equal([inAstana], await FindAsync("direction=animals&region=" + Orgs.AstanaCity));
        Assert.Empty(await FindAsync("direction=animals&region=" + People.AlmatyCity));

        var page = await app.Browser().GetPageAsync($"/organizations?q={Uri.EscapeDataString(word)}&direction=sport");
        Assert.Equal([$"/organizations/{inAlmaty}"], page.QuerySelectorAll(".fair-list a").Select(a => a.GetAttribute("href")).ToList());
        Assert.Equal("sport", page.Find("#direction option[selected]").GetAttribute("value"));
    }

    [Fact]
    public async Task The_list_comes_twenty_a_page_with_links_that_keep_the_search()
    {
        var word = Orgs.UniqueWord();
        for (var i = 0; i < 25; i++)
        {
            await app.NewOrganization().Named($"Ұйым {i:00} {word}");
        }

        var browser = app.Browser("en");
        var first = await browser.GetPageAsync("/organizations?q=" + Uri.EscapeDataString(word));
        Assert.Equal(20, first.QuerySelectorAll(".fair-list li").Length);
        Assert.Equal(Html.Text("Fair_Count_other", Cultures.English, 25), first.Find(".fair-total").TextContent.Trim());
        Assert.Null(first.QuerySelector("a[rel=prev]"));
        var next = first.Find("a[rel=next]").GetAttribute("href")!;
        Assert.Equal(word, Messages.Query(next, "q"));
        Assert.Equal("2", Messages.Query(next, "page"));

        var second = await browser.GetPageAsync(next);
        Assert.Equal(5, second.QuerySelectorAll(".fair-list li").Length);
        Assert.Null(second.QuerySelector("a[rel=next]"));
        Assert.NotNull(second.QuerySelector("a[rel=prev]"));

        using var api = app.Client();
        var json = await (await api.GetAsync($"/api/v1/organizations?q={Uri.EscapeDataString(word)}&page=2&pageSize=10")).JsonAsync();
        Assert.Equal(25, json.GetProperty("total").GetInt32());
        Assert.Equal(2, json.GetProperty("page").GetInt32());
        Assert.Equal(10, json.GetProperty("pageSize").GetInt32());
        Assert.Equal(10, json.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_pending_organisation_is_hidden_from_strangers_but_shown_to_its_members()
    {
        var owner = await app.NewPerson().SignedIn();
        var organizationId = await Orgs.RegisterAsync(app, await Api.TokenAsync(app, owner.Email));
        var stranger = await app.NewPerson().SignedIn();

        await app.Browser().GetPageAsync($"/organizations/{organizationId}", HttpStatusCode.NotFound);
        await stranger.Pages.GetPageAsync($"/organizations/{organizationId}", HttpStatusCode.NotFound);
        using var api = app.Client();
        using var hidden = await api.GetAsync($"/api/v1/organizations/{organizationId}");
        await hidden.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");

        var own = await owner.Pages.GetPageAsync($"/organizations/{organizationId}");
        Assert.Equal("pending", own.Find(".org-status").GetAttribute("data-status"));

        await Orgs.VerifyAsync(app, organizationId);
        var ru = await app.Browser("ru").GetPageAsync($"/organizations/{organizationId}");
        Assert.Null(ru.QuerySelector(".org-status"));
        Assert.Contains("Помощь пожилым", ru.Find(".org-description").TextContent, StringComparison.Ordinal);
        var en = await app.Browser("en").GetPageAsync($"/organizations/{organizationId}");
        Assert.Contains("Қарттарға көмек", en.Find(".org-description").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_statuses_are_only_for_front_office_staff()
    {
        using var anonymous = app.Client();
        using var refused = await anonymous.GetAsync("/api/v1/organizations?status=pending");
        await refused.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        var person = await app.NewPerson().WithToken();
        using var volunteer = app.Client(accessToken: person.Token);
        using var alsoRefused = await volunteer.GetAsync("/api/v1/organizations?status=pending");
        await alsoRefused.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        using var bad = await volunteer.GetAsync("/api/v1/organizations?status=sleeping");
        await bad.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.ValueInvalid);
    }

    [Fact]
    public async Task Front_office_staff_see_pending_organisations_of_their_region_only()
    {
        var word = Orgs.UniqueWord();
        var owner = await app.NewPerson().WithToken();
        var inAlmaty = await Orgs.RegisterAsync(app, owner.Token, Orgs.Body("Алматы " + word));
        var astanaBody = Orgs.Body("Астана " + word);
        astanaBody["regionKato"] = Orgs.AstanaCity;
        await Orgs.RegisterAsync(app, owner.Token, astanaBody);
        var almatyStaff = await app.NewPerson().Staff(People.AlmatyCity).WithToken();
        using var staff = app.Client(accessToken: almatyStaff.Token);

        var json = await (await staff.GetAsync($"/api/v1/organizations?status=pending&q={Uri.EscapeDataString(word)}")).JsonAsync();

        Assert.Equal([inAlmaty], json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList());
        Assert.Equal("pending", json.GetProperty("items")[0].GetProperty("status").GetString());
        using var profile = await staff.GetAsync($"/api/v1/organizations/{inAlmaty}");
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
    }
}

[Collection(Sqlite.Name)]
public sealed class FairTestsOnSqlite(SqliteApp app) : FairTests(app);

[Collection(Postgres.Name)]
public sealed class FairTestsOnPostgres(PostgresApp app) : FairTests(app);
