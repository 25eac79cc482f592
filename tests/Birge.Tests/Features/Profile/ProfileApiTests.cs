using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Tests.Features.Profile;

/// <summary><c>GET</c> and <c>PUT /api/v1/me/profile</c>: the same rules as the page, as JSON.</summary>
public abstract class ProfileApiTests(BirgeApp app)
{
    [Fact]
    public async Task Get_answers_the_defaults_before_the_first_save()
    {
        var person = await app.NewPerson();
        using var client = app.Client(accessToken: await Api.TokenAsync(app, person.Email));

        using var response = await client.GetAsync("/api/v1/me/profile");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var profile = await response.JsonAsync();
        Assert.Equal(JsonValueKind.Null, profile.GetProperty("city").ValueKind);
        Assert.Empty(profile.GetProperty("skills").EnumerateArray());
        Assert.Empty(profile.GetProperty("availability").EnumerateArray());
        Assert.False(profile.GetProperty("showContactsToOrganisers").GetBoolean());
        Assert.True(profile.GetProperty("showAgeToOrganisers").GetBoolean());
        Assert.True(profile.GetProperty("showProfileToOrganisers").GetBoolean());
        Assert.False(profile.GetProperty("isSilver").GetBoolean());
    }

    [Fact]
    public async Task Put_stores_the_profile_and_get_reads_it_back()
    {
        var person = await app.NewPerson().With("birthDate", "1960-03-01");
        using var client = app.Client(accessToken: await Api.TokenAsync(app, person.Email));
        var direction = await app.Db(db => db.Directions.OrderBy(d => d.SortOrder).Select(d => d.Code).FirstAsync());

        using var put = await client.PutAsJsonAsync("/api/v1/me/profile", new
        {
            city = " Шымкент ",
            languages = new[] { "ru", "kk" },
            skills = new[] { "elderly_care" },
            otherSkills = "Кесте тігу",
            directions = new[] { direction },
            availability = new[] { "sun-evening", "sat-morning" },
            accessibilityNeeds = "Лифт керек",
            about = "Зейнеткер мұғалім",
            showContactsToOrganisers = true,
            showAgeToOrganisers = false,
        });

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var saved = await put.JsonAsync();
        using var get = await client.GetAsync("/api/v1/me/profile");
        var read = await get.JsonAsync();
        foreach (var profile in new[] { saved, read })
        {
            Assert.Equal("Шымкент", profile.GetProperty("city").GetString());
            Assert.Equal(["kk", "ru"], Codes(profile, "languages"));
            Assert.Equal(["elderly_care"], Codes(profile, "skills"));
            Assert.Equal("Кесте тігу", profile.GetProperty("otherSkills").GetString());
            Assert.Equal([direction], Codes(profile, "directions"));
            Assert.Equal(["sat-morning", "sun-evening"], Codes(profile, "availability"));
            Assert.Equal("Лифт керек", profile.GetProperty("accessibilityNeeds").GetString());
            Assert.Equal("Зейнеткер мұғалім", profile.GetProperty("about").GetString());
            Assert.True(profile.GetProperty("showContactsToOrganisers").GetBoolean());
            Assert.False(profile.GetProperty("showAgeToOrganisers").GetBoolean());
            Assert.True(profile.GetProperty("showProfileToOrganisers").GetBoolean());
            Assert.True(profile.GetProperty("isSilver").GetBoolean());
        }

        var stored = await app.Db(db => db.VolunteerProfiles.AsNoTracking().SingleAsync(p => p.AccountId == person.Id));
        Assert.Equal(["sat-morning", "sun-evening"], stored.Availability);
    }

    [Theory]
    [InlineData("kk")]
    [InlineData("ru")]
    public async Task An_unknown_language_code_is_refused_with_422_and_nothing_is_stored(string language)
    {
        var person = await app.NewPerson();
        using var client = app.Client(language, await Api.TokenAsync(app, person.Email));

        using var response = await client.PutAsJsonAsync("/api/v1/me/profile", new { city = "Тараз", languages = new[] { "kk", "klingon" } });

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.LanguageInvalid);
        Assert.Equal(
            Html.Text("Error_language_invalid", Cultures.FromLanguage(language)),
            problem.GetProperty("errors").GetProperty("languages")[0].GetString());
        Assert.False(await app.Db(db => db.VolunteerProfiles.AnyAsync(p => p.AccountId == person.Id)));
    }

    [Fact]
    public async Task Too_long_texts_and_unknown_slots_are_refused_by_field()
    {
        var person = await app.NewPerson();
        using var client = app.Client(accessToken: await Api.TokenAsync(app, person.Email));

        using var response = await client.PutAsJsonAsync(
            "/api/v1/me/profile", new { about = new string('a', 1001), availability = new[] { "sat-night" } });

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.ValueInvalid);
        var errors = problem.GetProperty("errors");
        Assert.Equal(Html.Text("Profile_TooLong_1000", Cultures.Kazakh), errors.GetProperty("about")[0].GetString());
        Assert.True(errors.TryGetProperty("availability", out _));
    }

    [Fact]
    public async Task Both_routes_need_a_token()
    {
        using var client = app.Client();

        using var get = await client.GetAsync("/api/v1/me/profile");
        using var put = await client.PutAsJsonAsync("/api/v1/me/profile", new { city = "Тараз" });

        await get.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await put.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    private static List<string?> Codes(JsonElement profile, string name) =>
        [.. profile.GetProperty(name).EnumerateArray().Select(e => e.GetString())];
}

[Collection(Sqlite.Name)]
public sealed class ProfileApiTestsOnSqlite(SqliteApp app) : ProfileApiTests(app);

[Collection(Postgres.Name)]
public sealed class ProfileApiTestsOnPostgres(PostgresApp app) : ProfileApiTests(app);
