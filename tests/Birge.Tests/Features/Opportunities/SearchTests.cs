using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Birge.Tests.Features.Organizations;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Features.Opportunities;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Birge.Tests.Features.Opportunities;

/// <summary>
/// Search on <c>/opportunities</c> and <c>GET /api/v1/opportunities</c>: the same results both ways. Each test finds
/// only what it made by a word of its own.
/// </summary>
public abstract class SearchTests(BirgeApp app)
{
    [Fact]
    public async Task A_kazakh_word_typed_in_capitals_finds_it_on_the_page_and_in_the_api()
    {
        var word = "қайырымдылық" + Orgs.UniqueWord();
        var organizationId = (await app.NewOrganization().Named("Мейірім " + Orgs.UniqueWord())).Id;
        var id = (await app.NewOpportunity(organizationId).Titled($"Жәрмеңке: {word} күні")).OpportunityId;
        var letters = (await app.NewOpportunity(organizationId).Titled("Өзен жағасы").Described(new LocalizedText($"әғқңөұүһі{word}", null, null))).OpportunityId;

        var page = await app.Browser().GetPageAsync("/opportunities?q=" + Uri.EscapeDataString(word.ToUpperInvariant()));
        var api = await ApiAsync("q=" + Uri.EscapeDataString(word.ToUpperInvariant()));
        var allLetters = await ApiAsync("q=" + Uri.EscapeDataString("ӘҒҚҢӨҰҮҺІ" + word.ToUpperInvariant()));

        Assert.Equal([id, letters], Ids(page));
        Assert.Equal([id, letters], Ids(api));
        Assert.Equal([letters], Ids(allLetters));
        Assert.Contains(word, page.Find($".opp-result[data-id='{id}'] h2").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Russian_and_english_words_find_the_text_in_any_case()
    {
        var word = Orgs.UniqueWord();
        var organizationId = (await app.NewOrganization().Named("Приют " + word)).Id;
        var ru = (await app.NewOpportunity(organizationId).Titled("Жануарлар").Described(new LocalizedText(null, $"Выгул собак в приюте {word}", null))).OpportunityId;
        var en = (await app.NewOpportunity(organizationId).Titled("Жануарлар").Described(new LocalizedText(null, null, $"Walking shelter dogs {word}"))).OpportunityId;

        Assert.Equal([ru], Ids(await ApiAsync("q=" + Uri.EscapeDataString($"ПРИЮТЕ {word.ToUpperInvariant()}"))));
        Assert.Equal([en], Ids(await ApiAsync("q=" + Uri.EscapeDataString($"SHELTER DOGS {word}"))));
        Assert.Equal([ru, en], Ids(await ApiAsync("q=" + Uri.EscapeDataString(word))));
        Assert.Empty(Ids(await ApiAsync("q=" + Uri.EscapeDataString($"%{word}"))));
    }

    [Fact]
    public async Task Near_a_point_the_nearest_come_first_with_the_distance_in_km_and_online_ones_are_left_out()
    {
        var word = Orgs.UniqueWord();
        var organizationId = (await app.NewOrganization().Named("Жасыл " + word)).Id;
        var far = (await app.NewOpportunity(organizationId).Titled(word).Near(Opps.AlmatyLat + 0.72, Opps.AlmatyLon)).OpportunityId;
        var ten = (await app.NewOpportunity(organizationId).Titled(word).Starting(DateTime.UtcNow.AddDays(1)).Near(Opps.AlmatyLat + 0.09, Opps.AlmatyLon)).OpportunityId;
        var two = (await app.NewOpportunity(organizationId).Titled(word).Starting(DateTime.UtcNow.AddDays(9)).Near(Opps.AlmatyLat + 0.018, Opps.AlmatyLon)).OpportunityId;
        var online = (await app.NewOpportunity(organizationId).Titled(word).Online()).OpportunityId;
        var query = FormattableString.Invariant($"q={word}&lat={Opps.AlmatyLat}&lon={Opps.AlmatyLon}&radiusKm=50");

        var api = await ApiAsync(query);
        var page = await app.Browser("en").GetPageAsync("/opportunities?" + query);
        var everywhere = await ApiAsync("q=" + word);

        Assert.Equal([two, ten], Ids(api));
        Assert.Equal([two, ten], Ids(page));
        Assert.Equal(2, api.GetProperty("total").GetInt32());
        var expected = Math.Round(OpportunitySearch.DistanceKm(Opps.AlmatyLat, Opps.AlmatyLon, Opps.AlmatyLat + 0.018, Opps.AlmatyLon), 1);
        Assert.Equal(2.0, expected);
        Assert.Equal(expected, api.GetProperty("items")[0].GetProperty("distanceKm").GetDouble());
        Assert.Equal(10.0, api.GetProperty("items")[1].GetProperty("distanceKm").GetDouble());
        Assert.Contains("2.0 km", page.Find($".opp-result[data-id='{two}'] .distance").TextContent, StringComparison.Ordinal);
        Assert.Contains("10.0 km", page.Find($".opp-result[data-id='{ten}'] .distance").TextContent, StringComparison.Ordinal);
        Assert.Equal([ten, far, online, two], Ids(everywhere));
        Assert.False(everywhere.GetProperty("items")[0].TryGetProperty("distanceKm", out var none) && none.ValueKind != JsonValueKind.Null);

        var kazakh = await app.Browser("kk").GetPageAsync("/opportunities?" + query);
        Assert.Contains("2,0 км", kazakh.Find($".opp-result[data-id='{two}'] .distance").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Region_direction_dates_age_and_free_seats_narrow_the_results()
    {
        var word = Orgs.UniqueWord();
        var organizationId = (await app.NewOrganization().Named("Бірлік " + word)).Id;
        var week = DateTime.UtcNow.Date.AddDays(7).AddHours(5);
        var almaty = (await app.NewOpportunity(organizationId).Titled(word).Starting(week)).OpportunityId;
        var astana = (await app.NewOpportunity(organizationId).Titled(word).InRegion(Orgs.AstanaCity).Directions("ecology").Starting(week.AddDays(1))).OpportunityId;
        var adults = (await app.NewOpportunity(organizationId).Titled(word).ForAges(16).Starting(week.AddDays(2))).OpportunityId;
        var emergency = (await app.NewOpportunity(organizationId).Titled(word).Directions(Direction.Emergency).Starting(week.AddDays(3))).OpportunityId;
        var full = (await app.NewOpportunity(organizationId).Titled(word).Seats(3, takenAlready: 3).Starting(week.AddDays(4))).OpportunityId;
        string Day(int days) => DateOnly.FromDateTime(week.AddDays(days)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        Assert.Equal([almaty, astana, adults, emergency, full], Ids(await ApiAsync($"q={word}")));
        Assert.Equal([astana], Ids(await ApiAsync($"q={word}&region={Orgs.AstanaCity}")));
        Assert.Equal([astana], Ids(await ApiAsync($"q={word}&direction=ecology")));
        Assert.Equal([astana, adults], Ids(await ApiAsync($"q={word}&from={Day(1)}&to={Day(2)}")));
        Assert.Equal([emergency, full], Ids(await ApiAsync($"q={word}&from={Day(3)}")));
        Assert.Equal([almaty, astana, full], Ids(await ApiAsync($"q={word}&age=15")));
        Assert.Equal([almaty, astana, adults, full], Ids(await ApiAsync($"q={word}&age=17")));
        Assert.Equal([almaty, astana, adults, emergency], Ids(await ApiAsync($"q={word}&free=true")));
        var fullItem = (await ApiAsync($"q={word}")).GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == full);
        Assert.Equal(0, fullItem.GetProperty("seatsLeft").GetInt32());

        var page = await app.Browser().GetPageAsync($"/opportunities?q={word}&region={Orgs.AstanaCity}&age=15&free=true");
        Assert.Equal([astana], Ids(page));
        Assert.Equal(Orgs.AstanaCity, ((IHtmlSelectElement)page.GetElementById("region")!).Value);
        Assert.True(((IHtmlInputElement)page.GetElementById("free")!).IsChecked);
    }

    [Fact]
    public async Task Drafts_cancelled_and_past_opportunities_are_not_found()
    {
        var word = Orgs.UniqueWord();
        var organizationId = (await app.NewOrganization().Named("Өткен " + word)).Id;
        var shown = (await app.NewOpportunity(organizationId).Titled(word)).OpportunityId;
        var running = (await app.NewOpportunity(organizationId).Titled(word).Starting(DateTime.UtcNow.AddHours(-1))).OpportunityId;
        var past = (await app.NewOpportunity(organizationId).Titled(word).Starting(DateTime.UtcNow.AddDays(-2))).OpportunityId;
        var cancelled = (await app.NewOpportunity(organizationId).Titled(word)).OpportunityId;
        await app.Db(async db =>
        {
            var opportunity = await db.Opportunities.SingleAsync(o => o.Id == cancelled);
            Assert.Null(opportunity.Cancel("Жаңбыр", DateTime.UtcNow));
            return await db.SaveChangesAsync();
        });
        await app.NewOpportunity(organizationId).Titled(word).Starting(DateTime.UtcNow.AddDays(1)).Until(DateTime.UtcNow.AddDays(1).AddHours(2)).Seats(3).Draft().SearchedAs("Өткен");

        Assert.Equal([running, shown], Ids(await ApiAsync($"q={word}")));
        Assert.DoesNotContain(past, Ids(await ApiAsync($"q={word}&from=2000-01-01")));
    }

    [Fact]
    public async Task Results_come_twenty_to_a_page_soonest_first_with_links_that_keep_the_filters()
    {
        var word = Orgs.UniqueWord();
        var organizationId = (await app.NewOrganization().Named("Парақ " + word)).Id;
        var start = DateTime.UtcNow.AddDays(2);
        var ids = new List<Guid>();
        foreach (var i in Enumerable.Range(0, 25).Reverse())
        {
            ids.Insert(0, (await app.NewOpportunity(organizationId).Titled(word).Starting(start.AddHours(i))).OpportunityId);
        }

        var first = await app.Browser().GetPageAsync($"/opportunities?q={word}&region={People.AlmatyCity}");
        var next = first.Find(".pager a[rel=next]").GetAttribute("href")!;
        var second = await app.Browser().GetPageAsync(next);
        var api = await ApiAsync($"q={word}&region={People.AlmatyCity}&page=2&pageSize=20");

        Assert.Equal(ids[..20], Ids(first));
        Assert.Contains("q=" + Uri.EscapeDataString(word), next, StringComparison.Ordinal);
        Assert.Contains($"region={People.AlmatyCity}", next, StringComparison.Ordinal);
        Assert.Contains("p=2", next, StringComparison.Ordinal);
        Assert.Equal(ids[20..], Ids(second));
        Assert.Contains(Html.Text("Opp_Count_other", Cultures.Kazakh, "25"), first.Find(".opp-total").TextContent, StringComparison.Ordinal);
        Assert.Equal(ids[20..], Ids(api));
        Assert.Equal(25, api.GetProperty("total").GetInt32());
        Assert.Equal(2, api.GetProperty("page").GetInt32());
        Assert.Equal(20, api.GetProperty("pageSize").GetInt32());
    }

    [Fact]
    public async Task Bad_search_input_is_refused_in_the_callers_language()
    {
        using var client = app.Client("ru");

        using var dates = await client.GetAsync("/api/v1/opportunities?from=2026-12-10&to=2026-12-01");
        using var point = await client.GetAsync("/api/v1/opportunities?lat=43.2");

        var problem = await dates.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.DateRangeInvalid);
        Assert.Equal(Html.Text("Error_date_range_invalid", Cultures.Russian), problem.GetProperty("errors").GetProperty("to")[0].GetString());
        await point.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, OpportunityErrors.CoordinatesInvalid);
        var page = await app.Browser("ru").GetPageAsync("/opportunities?from=2026-12-10&to=2026-12-01");
        Assert.Contains(Html.Text("Error_date_range_invalid", Cultures.Russian), page.Find(".error-summary").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Numbers_that_are_not_numbers_and_dates_outside_the_window_are_refused_by_the_api()
    {
        using var client = app.Client("ru");
        var tooLate = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(5).AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var refusals = new (string Query, string Field, string Code)[]
        {
            ("lat=43.2&lon=NaN", "lat", OpportunityErrors.CoordinatesInvalid),
            ("lat=NaN&lon=76.9", "lat", OpportunityErrors.CoordinatesInvalid),
            ("lat=43.2&lon=76.9&radiusKm=NaN", "radiusKm", OpportunityErrors.CoordinatesInvalid),
            ("lat=43.2&lon=76.9&radiusKm=Infinity", "radiusKm", OpportunityErrors.CoordinatesInvalid),
            ("to=9999-12-31", "to", ErrorCodes.DateOutOfRange),
            ("to=" + tooLate, "to", ErrorCodes.DateOutOfRange),
            ("from=0001-01-01", "from", ErrorCodes.DateOutOfRange),
            ("from=1999-12-31&to=2026-12-01", "from", ErrorCodes.DateOutOfRange),
        };

        foreach (var (query, field, code) in refusals)
        {
            using var response = await client.GetAsync("/api/v1/opportunities?" + query);
            var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, code);
            Assert.Equal(Html.Text("Error_" + code, Cultures.Russian), problem.GetProperty("errors").GetProperty(field)[0].GetString());
        }

        using var earliest = await client.GetAsync("/api/v1/opportunities?from=2000-01-01");
        Assert.Equal(HttpStatusCode.OK, earliest.StatusCode);
    }

    [Fact]
    public async Task The_page_shows_a_far_date_or_a_word_for_a_number_next_to_its_field_and_keeps_what_was_typed()
    {
        var browser = app.Browser("ru");

        var far = await browser.GetPageAsync("/opportunities?q=parks&to=9999-12-31");
        var notANumber = await browser.GetPageAsync("/opportunities?lat=43.2&lon=NaN&radiusKm=Infinity");

        Assert.Equal(Html.Text("Error_date_out_of_range", Cultures.Russian), far.FieldError("to"));
        Assert.Equal("9999-12-31", far.Value("to"));
        Assert.Equal("parks", far.Value("q"));
        Assert.Equal("true", far.Find("#to").GetAttribute("aria-invalid"));
        Assert.Empty(far.QuerySelectorAll(".opp-result"));
        Assert.Equal(Html.Text("Error_value_invalid", Cultures.Russian), notANumber.FieldError("lon"));
        Assert.Equal(Html.Text("Error_value_invalid", Cultures.Russian), notANumber.FieldError("radiusKm"));
        Assert.Equal("NaN", notANumber.Value("lon"));
        Assert.Equal("43.2", notANumber.Value("lat"));
    }

    [Fact]
    public async Task A_nul_character_anywhere_in_the_input_is_a_bad_request_not_a_server_error()
    {
        var coordinator = await app.NewPerson().SignedIn().WithToken().OwningAnOrganization();
        using var client = app.Client("ru", coordinator.Token);
        var body = Opps.Body(coordinator.OrganizationId);
        body["address"] = "Алматы\u0000";

        using var query = await client.GetAsync("/api/v1/opportunities?q=park%00");
        using var json = await client.PostAsJsonAsync("/api/v1/opportunities", body);
        using var page = await app.Browser().GetAsync("/opportunities?q=a%00b");

        await query.AssertProblemAsync(HttpStatusCode.BadRequest, "bad_request");
        await json.AssertProblemAsync(HttpStatusCode.BadRequest, "bad_request");
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains(Html.Text("ErrorPage_400_Title", Cultures.Kazakh), await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await app.Db(db => db.Opportunities.AnyAsync(o => o.OrganizationId == coordinator.OrganizationId)));
    }

    [Fact]
    public async Task A_strangers_search_is_answered_as_it_was_for_ten_seconds_and_a_signed_in_person_sees_it_at_once()
    {
        var word = Orgs.UniqueWord();
        var volunteer = await app.NewPerson();
        using var cached = app.WithWebHostBuilder(b => b.UseSetting("Search:CacheSeconds", "10"));
        using var stranger = cached.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        using var signedIn = cached.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using (var login = await Logins.PostAsync(signedIn, volunteer.Email, People.Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        }

        try
        {
            // At the start of a ten-second window: answers are kept within one.
            app.Clock.Set(new DateTime(DateTime.UtcNow.Ticks / TimeSpan.TicksPerMinute * TimeSpan.TicksPerMinute, DateTimeKind.Utc));
            Assert.Empty(Ids(await ApiAsync(stranger, "q=" + word)));
            var id = (await app.NewOpportunity().Titled($"Саябақ {word}")).OpportunityId;

            Assert.Empty(Ids(await ApiAsync(stranger, "q=" + word)));
            Assert.Empty(Ids(await stranger.GetPageAsync("/opportunities?q=" + word)));

            // The whole answer is kept: it sets no cookie, and the second one comes from the output cache.
            using (var again = await stranger.GetAsync("/opportunities?q=" + word))
            {
                Assert.False(again.Headers.Contains("Set-Cookie"));
                Assert.True(again.Headers.Age.HasValue);
            }

            Assert.Equal([id], Ids(await signedIn.GetPageAsync("/opportunities?q=" + word)));

            app.Clock.Advance(TimeSpan.FromSeconds(11));
            Assert.Equal([id], Ids(await ApiAsync(stranger, "q=" + word)));
            Assert.Equal([id], Ids(await stranger.GetPageAsync("/opportunities?q=" + word)));
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    private async Task<JsonElement> ApiAsync(string query)
    {
        using var client = app.Client();
        return await ApiAsync(client, query);
    }

    private static async Task<JsonElement> ApiAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync("/api/v1/opportunities?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    private static List<Guid> Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];

    private static List<Guid> Ids(IHtmlDocument page) => [.. page.QuerySelectorAll(".opp-result").Select(e => Guid.Parse(e.GetAttribute("data-id")!))];
}

[Collection(Sqlite.Name)]
public sealed class SearchTestsOnSqlite(SqliteApp app) : SearchTests(app);

[Collection(Postgres.Name)]
public sealed class SearchTestsOnPostgres(PostgresApp app) : SearchTests(app);
