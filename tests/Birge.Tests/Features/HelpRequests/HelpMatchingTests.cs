using System.Net;
using System.Net.Http.Json;
using Birge.Tests.Features.FrontOffices;
using Birge.Tests.Features.Organizations;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Features.HelpRequests;
using Birge.Web.Features.HelpRequests.Matching;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Birge.Tests.Features.HelpRequests;

/// <summary>
/// Suggestions rank a region's volunteers by city, language and fairness and leave out whoever cannot take the
/// request (at their cap, too young, the requester); offers tell each volunteer once, with nothing personal, and
/// refuse what cannot be offered. Ulytau is this file's region, so other tests' volunteers stay out of the way.
/// </summary>
public abstract class HelpMatchingTests(BirgeApp app)
{
    private const string Ulytau = "620000000";

    [Fact]
    public async Task Same_city_language_and_fewer_recent_tasks_rank_first_and_those_who_cannot_take_it_are_left_out()
    {
        var town = "Сәтбаев-" + Orgs.UniqueWord();
        var request = await app.NewHelpRequestAsync(Ulytau, "groceries", locality: town);
        var best = await app.NewHelpVolunteerAsync(Ulytau, town, ["ru", "kk"]);
        var busy = await app.NewHelpVolunteerAsync(Ulytau, town.ToUpperInvariant(), ["ru"]);
        var kazakhOnly = await app.NewHelpVolunteerAsync(Ulytau, town, ["kk"]);
        var elsewhere = await app.NewHelpVolunteerAsync(Ulytau, "Жезқазған", ["ru"]);
        var atCap = await app.NewHelpVolunteerAsync(Ulytau, town, ["ru"]);
        var requester = await app.NewHelpVolunteerAsync(Ulytau, town, ["ru"], phone: request.Phone);
        var unconfirmed = await app.NewHelpVolunteerAsync(Ulytau, town, ["ru"], confirmed: false);

        // Three tasks this month for "busy"; three claims held now for "atCap".
        await app.Db(async db =>
        {
            var now = DateTime.UtcNow;
            db.HelpRequestEvents.AddRange(Enumerable.Range(1, 3).Select(i => new HelpRequestEvent
            {
                HelpRequestId = request.Id,
                At = now.AddDays(-i),
                Kind = HelpRequestEvent.Claimed,
                ActorId = busy.Id,
            }));
            return await db.SaveChangesAsync();
        });
        for (var i = 0; i < HelpRequestClaims.MaxActiveClaims; i++)
        {
            var held = await app.NewHelpRequestAsync(Ulytau, "groceries", locality: town);
            Assert.True((await app.InScopeAsync<HelpRequestClaims, Outcome<HelpRequest>>(c => c.ClaimAsync(held.Id, atCap.Id, CancellationToken.None))).Succeeded);
        }

        var suggestions = await app.InScopeAsync<HelpRequestMatching, IReadOnlyList<HelpSuggestion>>(m => m.SuggestAsync(request, 200));
        var order = suggestions.Select(s => s.VolunteerId).ToList();

        Assert.True(order.IndexOf(best.Id) >= 0 && order.IndexOf(best.Id) < order.IndexOf(busy.Id), "fewer recent tasks first");
        Assert.True(order.IndexOf(busy.Id) < order.IndexOf(kazakhOnly.Id), "speaking the request's language first");
        Assert.True(order.IndexOf(kazakhOnly.Id) < order.IndexOf(elsewhere.Id), "the same city first");
        Assert.DoesNotContain(atCap.Id, order);
        Assert.DoesNotContain(requester.Id, order);
        Assert.DoesNotContain(unconfirmed.Id, order);

        var ru = Cultures.Russian;
        var labels = suggestions.Single(s => s.VolunteerId == best.Id).Reasons.Select(r => r.Label(ru)).ToList();
        Assert.Contains(Html.Text("HelpMatch_Reason_SameCity", ru), labels);
        Assert.Contains(Html.Text("HelpMatch_Reason_Speaks_ru", ru), labels);
        Assert.Contains(Html.Text("HelpMatch_Reason_Skill", ru, Html.Text("Skill_driving", ru)), labels);
        Assert.Contains(Html.Text("HelpMatch_Reason_NoTasks", ru), labels);
        var busyLabels = suggestions.Single(s => s.VolunteerId == busy.Id).Reasons.Select(r => r.Label(ru)).ToList();
        Assert.Contains(Html.Text("HelpMatch_Reason_Tasks", ru, 3), busyLabels);
    }

    [Fact]
    public async Task Someone_free_now_in_Kazakhstan_time_ranks_before_someone_free_another_day()
    {
        var town = "Жаңаарқа-" + Orgs.UniqueWord();
        var request = await app.NewHelpRequestAsync(Ulytau, "digital", locality: town);
        var free = await app.NewHelpVolunteerAsync(Ulytau, town, ["ru"], availability: ["sat-morning"]);
        var notToday = await app.NewHelpVolunteerAsync(Ulytau, town, ["ru"], availability: ["tue-evening"]);

        // Saturday 10:00 in Kazakhstan.
        app.Clock.Set(KazakhstanTime.ToUtc(new DateTime(2026, 12, 5, 10, 0, 0)));
        IReadOnlyList<HelpSuggestion> suggestions;
        try
        {
            suggestions = await app.InScopeAsync<HelpRequestMatching, IReadOnlyList<HelpSuggestion>>(m => m.SuggestAsync(request, 200));
        }
        finally
        {
            app.Clock.Reset();
        }

        var order = suggestions.Select(s => s.VolunteerId).ToList();
        Assert.True(
            order.IndexOf(free.Id) >= 0 && order.IndexOf(free.Id) < order.IndexOf(notToday.Id),
            string.Join("; ", suggestions.Where(s => s.VolunteerId == free.Id || s.VolunteerId == notToday.Id).Select(s => $"{s.VolunteerId == free.Id} {s.Score} {string.Join(",", s.Reasons.Select(r => r.Key))}")));
        var ru = Cultures.Russian;
        var labels = suggestions.Single(s => s.VolunteerId == free.Id).Reasons.Select(r => r.Label(ru)).ToList();
        Assert.Contains(Html.Text("HelpMatch_Reason_FreeNow", ru, Html.Text("Weekday_sat", ru), Html.Text("DayPart_morning", ru)), labels);
    }

    [Fact]
    public async Task A_volunteer_of_a_small_town_is_found_in_a_region_with_more_volunteers_than_are_read()
    {
        // Mangystau is this test's alone: more volunteers in the regional centre than the matching reads, and one in
        // the village the request comes from, who typed its name in small letters.
        const string mangystau = "470000000";
        var village = "Бейнеу-" + Orgs.UniqueWord();
        await app.Db(async db =>
        {
            for (var i = 0; i < HelpRequestMatching.CandidateLimit + 20; i++)
            {
                var email = People.NewEmail();
                var account = new Account
                {
                    Email = email,
                    NormalizedEmail = email.ToUpperInvariant(),
                    EmailConfirmed = true,
                    FullName = "Ерікті " + i,
                    BirthDate = new DateOnly(1990, 1, 1),
                    BirthYear = 1990,
                    RegionKato = mangystau,
                    CreatedAt = DateTime.UtcNow,
                };
                db.Accounts.Add(account);
                db.VolunteerProfiles.Add(new VolunteerProfile { AccountId = account.Id, City = "Ақтау", Languages = ["ru"], UpdatedAt = DateTime.UtcNow });
            }

            return await db.SaveChangesAsync();
        });
        var neighbour = await app.NewHelpVolunteerAsync(mangystau, village.ToLower(Cultures.Russian), ["kk"]);
        var request = await app.NewHelpRequestAsync(mangystau, "groceries", locality: village);

        var suggestions = await app.InScopeAsync<HelpRequestMatching, IReadOnlyList<HelpSuggestion>>(m => m.SuggestAsync(request, 500));

        Assert.Equal(neighbour.Id, suggestions[0].VolunteerId);
        Assert.Contains(Html.Text("HelpMatch_Reason_SameCity", Cultures.Russian), suggestions[0].Reasons.Select(r => r.Label(Cultures.Russian)));
        Assert.Equal(HelpRequestMatching.CandidateLimit, suggestions.Count);
    }

    [Fact]
    public async Task A_request_that_needs_an_adult_is_not_suggested_to_a_minor()
    {
        var town = "Қаражал-" + Orgs.UniqueWord();
        var request = await app.NewHelpRequestAsync(Ulytau, "household", locality: town);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var adult = await app.NewHelpVolunteerAsync(Ulytau, town, ["ru"]);
        var minor = await app.NewHelpVolunteerAsync(Ulytau, town, ["ru"], born: today.AddYears(-16));

        var order = (await app.InScopeAsync<HelpRequestMatching, IReadOnlyList<HelpSuggestion>>(m => m.SuggestAsync(request, 200))).Select(s => s.VolunteerId).ToList();

        Assert.Contains(adult.Id, order);
        Assert.DoesNotContain(minor.Id, order);
    }

    [Fact]
    public async Task An_offer_tells_each_volunteer_once_with_the_category_and_district_only()
    {
        var town = "Жезді-" + Orgs.UniqueWord();
        var request = await app.NewHelpRequestAsync(Offices.Almaty, "groceries", locality: town, address: "ул. Тайная 77, кв. 12");
        var volunteer = await app.NewHelpVolunteerAsync(Offices.Almaty, town, ["ru"], language: "ru");
        var operatorOfAlmaty = await app.NewPerson().Staff(Offices.Almaty, FrontOfficeStaff.Operator).WithToken();
        var client = app.Client("ru", operatorOfAlmaty.Token);

        using var first = await client.PostAsJsonAsync($"/api/v1/help-requests/{request.Id}/offers", new { volunteerIds = new[] { volunteer.Id } });
        using var again = await client.PostAsJsonAsync($"/api/v1/help-requests/{request.Id}/offers", new { volunteerIds = new[] { volunteer.Id } });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(1, (await first.JsonAsync()).GetProperty("offered").GetInt32());
        Assert.Equal(0, (await again.JsonAsync()).GetProperty("offered").GetInt32());
        var messages = await app.Db(db => db.OutboxMessages.Where(m => m.Recipient == volunteer.Email).ToListAsync());
        var message = Assert.Single(messages);
        Assert.Contains(Html.Text("HelpCategory_groceries", Cultures.Russian), message.Body, StringComparison.Ordinal);
        Assert.Contains(town, message.Body, StringComparison.Ordinal);
        Assert.Contains($"/help-requests/{request.Id}", message.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Тайная", message.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(request.Phone!, message.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(request.RequesterName!, message.Body, StringComparison.Ordinal);
        Assert.Equal(1, await app.Db(db => db.HelpRequestOffers.CountAsync(o => o.HelpRequestId == request.Id)));
        Assert.Equal(1, await app.Db(db => db.HelpRequestEvents.CountAsync(e => e.HelpRequestId == request.Id && e.Kind == HelpRequestEvent.Offered)));
    }

    [Fact]
    public async Task Offers_refuse_unknown_or_unsuitable_volunteers_too_many_at_once_and_a_request_that_is_not_open()
    {
        var request = await app.NewHelpRequestAsync(Offices.Almaty, "household");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var minor = await app.NewHelpVolunteerAsync(Offices.Almaty, null, ["ru"], born: today.AddYears(-16));
        var fine = await app.NewHelpVolunteerAsync(Offices.Almaty, null, ["ru"]);
        var staff = await app.NewPerson().Staff(Offices.Almaty).WithToken();
        var client = app.Client("ru", staff.Token);

        async Task<(HttpStatusCode Status, string? Code)> OfferAsync(Guid id, IEnumerable<Guid> ids)
        {
            using var response = await client.PostAsJsonAsync($"/api/v1/help-requests/{id}/offers", new { volunteerIds = ids });
            var body = await response.JsonAsync();
            return (response.StatusCode, body.TryGetProperty("code", out var code) ? code.GetString() : null);
        }

        var unknown = await OfferAsync(request.Id, [Guid.NewGuid()]);
        var tooYoung = await OfferAsync(request.Id, [fine.Id, minor.Id]);
        var tooMany = await OfferAsync(request.Id, Enumerable.Range(0, 21).Select(_ => Guid.NewGuid()));
        var nobody = await OfferAsync(request.Id, []);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooYoung.Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMany.Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, nobody.Status);
        Assert.Equal(0, await app.Db(db => db.HelpRequestOffers.CountAsync(o => o.HelpRequestId == request.Id)));

        Assert.True((await app.InScopeAsync<HelpRequestClaims, Outcome<HelpRequest>>(c => c.ClaimAsync(request.Id, fine.Id, CancellationToken.None))).Succeeded);
        var claimed = await OfferAsync(request.Id, [fine.Id]);
        Assert.Equal((HttpStatusCode.Conflict, HelpRequestErrors.NotActive), claimed);
        Assert.Equal(HttpStatusCode.NotFound, (await OfferAsync(Guid.NewGuid(), [fine.Id])).Status);
    }

    [Fact]
    public async Task The_api_lists_the_suggestions_with_their_reasons_for_the_regions_operators_only()
    {
        var town = "Қарсақбай-" + Orgs.UniqueWord();
        var request = await app.NewHelpRequestAsync(Ulytau, "groceries", locality: town);
        var near = await app.NewHelpVolunteerAsync(Ulytau, town, ["ru"]);
        var far = await app.NewHelpVolunteerAsync(Ulytau, "Жезқазған", ["kk"]);
        var national = await app.NewPerson().Staff(FrontOffice.NationalKato, FrontOfficeStaff.Operator).WithToken();
        var almaty = await app.NewPerson().Staff(Offices.Almaty, FrontOfficeStaff.Operator).WithToken();

        using var response = await app.Client("ru", national.Token).GetAsync($"/api/v1/help-requests/{request.Id}/suggestions");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var items = (await response.JsonAsync()).GetProperty("items").EnumerateArray().ToList();
        var ids = items.Select(i => i.GetProperty("volunteerId").GetGuid()).ToList();
        Assert.True(ids.IndexOf(near.Id) >= 0 && ids.IndexOf(near.Id) < ids.IndexOf(far.Id), "the same city first");
        var reasons = items[ids.IndexOf(near.Id)].GetProperty("reasons").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Contains(Html.Text("HelpMatch_Reason_SameCity", Cultures.Russian), reasons);

        using var refused = await app.Client("ru", almaty.Token).GetAsync($"/api/v1/help-requests/{request.Id}/suggestions");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using var unknown = await app.Client("ru", national.Token).GetAsync($"/api/v1/help-requests/{Guid.NewGuid()}/suggestions");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task An_operator_of_another_region_may_not_offer_and_the_refusal_is_audited()
    {
        var request = await app.NewHelpRequestAsync(Offices.Almaty, "groceries");
        var volunteer = await app.NewHelpVolunteerAsync(Offices.Almaty, null, ["ru"]);
        var astana = await app.NewPerson().Staff(Offices.Astana, FrontOfficeStaff.Operator).WithToken();

        using var response = await app.Client("ru", astana.Token).PostAsJsonAsync($"/api/v1/help-requests/{request.Id}/offers", new { volunteerIds = new[] { volunteer.Id } });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await app.Db(db => db.HelpRequestOffers.CountAsync(o => o.HelpRequestId == request.Id)));
        var entry = await app.Db(db => db.AuditEntries.SingleAsync(e => e.ActorId == astana.Id && e.Outcome == AuditEntry.Denied));
        Assert.Equal(("help_request", request.Id.ToString(), Offices.Almaty), (entry.TargetType, entry.TargetId, entry.RegionKato));
        Assert.Equal("POST /api/v1/help-requests/{helpRequestId:guid}/offers", entry.Action);
    }

    [Fact]
    public async Task The_suggestions_page_lists_the_volunteers_with_reasons_offers_to_the_ticked_ones_and_marks_them()
    {
        var town = "Балқаш-" + Orgs.UniqueWord();
        var request = await app.NewHelpRequestAsync(Ulytau, "transport", locality: town, address: "ул. Секретная 5", language: "kk");
        var volunteer = await app.NewHelpVolunteerAsync(Ulytau, town, ["kk"], language: "kk");
        var operatorOfUlytau = await app.NewPerson().Speaking("kk").Staff(Ulytau, FrontOfficeStaff.Operator).SignedIn();
        var url = $"/call-centre/requests/{request.Id}/suggestions";
        var kk = Cultures.Kazakh;

        var page = await operatorOfUlytau.Pages.GetPageAsync(url);
        Assert.Contains(Html.Text("HelpCategory_transport", kk), page.Find("#request-summary").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Секретная", page.Body!.TextContent, StringComparison.Ordinal);
        var card = page.Find($"[data-volunteer='{volunteer.Id}']");
        Assert.Contains(Html.Text("HelpMatch_Reason_SameCity", kk), card.TextContent, StringComparison.Ordinal);
        Assert.Contains(Html.Text("HelpMatch_Reason_Speaks_kk", kk), card.TextContent, StringComparison.Ordinal);

        using var empty = await operatorOfUlytau.Pages.SubmitAsync(page, "#offer-form", pageUrl: url);
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        var refused = await Html.ParseAsync(empty);
        Assert.Equal(Html.Text("Error_help_offer_nobody", kk), refused.FieldError("VolunteerIds"));

        using var offered = await operatorOfUlytau.Pages.SubmitAsync(page, "#offer-form", new Dictionary<string, string> { ["VolunteerIds"] = volunteer.Id.ToString() }, url);
        Assert.Equal(HttpStatusCode.Redirect, offered.StatusCode);
        var after = await operatorOfUlytau.Pages.GetPageAsync(url);
        Assert.NotNull(after.QuerySelector($"[data-volunteer='{volunteer.Id}'] [data-offered]"));
        Assert.Equal(1, await app.Db(db => db.OutboxMessages.CountAsync(m => m.Recipient == volunteer.Email)));
    }

    [Fact]
    public async Task A_stranger_gets_no_suggestions_page_and_the_anonymous_are_sent_to_log_in()
    {
        var request = await app.NewHelpRequestAsync(Offices.Almaty, "groceries");
        var volunteer = await app.NewPerson().SignedIn();
        var url = $"/call-centre/requests/{request.Id}/suggestions";

        using var stranger = await volunteer.Pages.GetAsync(url);
        using var anonymous = await app.Browser().GetAsync(url);

        Assert.Equal("/error/403", new Uri(new Uri("http://localhost"), stranger.Location()).AbsolutePath);
        Assert.StartsWith("/account/login", new Uri(new Uri("http://localhost"), anonymous.Location()).AbsolutePath, StringComparison.Ordinal);
    }
}

/// <summary>Requests and volunteers for the tests of volunteers and matching, stored as the features store them.</summary>
internal static class HelpVolunteerData
{
    /// <summary>A request an operator logged (queued at once), with a name, phone and address to look for.</summary>
    public static async Task<HelpRequest> NewHelpRequestAsync(
        this BirgeApp app,
        string region,
        string category,
        string? locality = null,
        string address = "ул. Абая 10, кв. 5",
        double? latitude = null,
        double? longitude = null,
        string language = "ru")
    {
        using var scope = app.Services.CreateScope();
        var asked = await scope.ServiceProvider.GetRequiredService<HelpRequestIntake>().AskAsync(
            new HelpRequestInput
            {
                Category = category,
                Description = "Нужна помощь, пожалуйста " + Guid.NewGuid().ToString("N")[..8],
                RegionKato = region,
                Locality = locality,
                Address = address,
                Latitude = latitude,
                Longitude = longitude,
                Name = "Сауле " + Orgs.UniqueWord(),
                Phone = People.NewPhone(),
                Language = language,
                ConsentVersion = PersonalDataConsent.CurrentVersion,
            },
            operatorId: Guid.NewGuid(),
            CancellationToken.None);
        Assert.True(asked.Succeeded, asked.Error);
        return asked.Value!.Request;
    }

    /// <summary>An active volunteer with a confirmed e-mail (unless said) and a profile naming a city and languages.</summary>
    public static async Task<Account> NewHelpVolunteerAsync(
        this BirgeApp app,
        string region,
        string? city,
        string[] languages,
        DateOnly? born = null,
        string? phone = null,
        bool confirmed = true,
        string language = "ru",
        string[]? availability = null)
    {
        var email = People.NewEmail();
        var birthDate = born ?? new DateOnly(1995, 3, 1);
        var account = new Account
        {
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            EmailConfirmed = confirmed,
            Phone = phone,
            FullName = "Ерікті " + Orgs.UniqueWord(),
            BirthDate = birthDate,
            BirthYear = birthDate.Year,
            RegionKato = region,
            Language = language,
            CreatedAt = DateTime.UtcNow,
        };
        await app.Db(async db =>
        {
            db.Accounts.Add(account);
            db.VolunteerProfiles.Add(new VolunteerProfile
            {
                AccountId = account.Id,
                City = city,
                Languages = [.. languages],
                Skills = ["driving"],
                Availability = [.. availability ?? []],
                UpdatedAt = DateTime.UtcNow,
            });
            return await db.SaveChangesAsync();
        });
        return account;
    }

    public static async Task<TResult> InScopeAsync<TService, TResult>(this BirgeApp app, Func<TService, Task<TResult>> action)
        where TService : notnull
    {
        using var scope = app.Services.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }
}

[Collection(Sqlite.Name)]
public sealed class HelpMatchingTestsOnSqlite(SqliteApp app) : HelpMatchingTests(app);

[Collection(Postgres.Name)]
public sealed class HelpMatchingTestsOnPostgres(PostgresApp app) : HelpMatchingTests(app);
