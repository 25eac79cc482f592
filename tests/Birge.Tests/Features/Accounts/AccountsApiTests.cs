using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Features.Accounts;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Tests.Features.Accounts;

public abstract class AccountsApiTests(BirgeApp app)
{
    [Fact]
    public async Task An_adult_account_is_created_active_and_stored()
    {
        var body = Api.AdultAccount();
        using var client = app.Client();

        using var response = await client.PostAsJsonAsync("/api/v1/accounts", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.JsonAsync();
        Assert.Equal("active", json.GetProperty("status").GetString());
        var id = json.GetProperty("id").GetGuid();
        var stored = await app.Db(db => db.Accounts.SingleAsync(a => a.Id == id));
        Assert.Equal(body["email"], stored.Email);
        Assert.Equal(new DateOnly(1995, 5, 15), stored.BirthDate);
        Assert.Equal(People.AlmatyCity, stored.RegionKato);
        Assert.Equal(AccountStatus.Active, stored.Status);
        Assert.NotEqual(People.Password, stored.PasswordHash);
        Assert.True(await app.Db(db => db.ConsentRecords.AnyAsync(c => c.AccountId == id && c.Version == PersonalDataConsent.CurrentVersion)));
    }

    [Fact]
    public async Task A_child_without_parent_consent_is_refused()
    {
        var body = Api.AdultAccount();
        body["birthDate"] = "2014-03-01";
        using var client = app.Client();

        using var response = await client.PostAsJsonAsync("/api/v1/accounts", body);

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, AccountErrors.ParentConsentRequired);
        Assert.False(await app.Db(db => db.Accounts.AnyAsync(a => a.Email == (string)body["email"]!)));
    }

    [Fact]
    public async Task A_child_with_parent_consent_waits_for_the_parent_who_gets_a_message()
    {
        var body = Api.AdultAccount();
        var parentEmail = People.NewEmail();
        body["birthDate"] = "2014-03-01";
        body["parentConsent"] = new { name = "Серік Әлиұлы", email = parentEmail };
        using var client = app.Client();

        using var response = await client.PostAsJsonAsync("/api/v1/accounts", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.JsonAsync();
        Assert.Equal("awaiting_parent_consent", json.GetProperty("status").GetString());
        var id = json.GetProperty("id").GetGuid();
        Assert.Equal(AccountStatus.AwaitingParentConsent, (await app.Db(db => db.Accounts.SingleAsync(a => a.Id == id))).Status);
        var message = await app.Db(db => db.OutboxMessages.SingleAsync(m => m.Recipient == parentEmail));
        Assert.Contains("/parent-consent?token=", message.Body, StringComparison.Ordinal);

        // Until the parent confirms, the child cannot get a token.
        using var token = await app.TokenResponseAsync((string)body["email"]!, People.Password);
        await token.AssertProblemAsync(HttpStatusCode.Forbidden, AccountErrors.AwaitingParentConsent);
    }

    [Theory]
    [InlineData("ru")]
    [InlineData("en")]
    public async Task A_bad_iin_is_refused_with_a_message_in_the_request_language(string language)
    {
        var body = Api.AdultAccount();
        body["iin"] = "900101300008";
        using var client = app.Client(language);

        using var response = await client.PostAsJsonAsync("/api/v1/accounts", body);

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, AccountErrors.IinInvalid);
        var message = problem.GetProperty("errors").GetProperty("iin")[0].GetString();
        Assert.Equal(Html.Text("Error_iin_invalid", Cultures.FromLanguage(language)), message);
        Assert.False(await app.Db(db => db.Accounts.AnyAsync(a => a.Email == (string)body["email"]!)));
    }

    [Fact]
    public async Task An_iin_that_contradicts_the_birth_date_is_refused()
    {
        var body = Api.AdultAccount();
        body["iin"] = "900101300007"; // born 1990-01-01, the form says 1995-05-15
        using var client = app.Client("en");

        using var response = await client.PostAsJsonAsync("/api/v1/accounts", body);

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, AccountErrors.IinInvalid);
        Assert.Equal(
            Html.Text("Error_iin_birth_date_mismatch", Cultures.English),
            problem.GetProperty("errors").GetProperty("iin")[0].GetString());
    }

    [Fact]
    public async Task An_iin_that_matches_the_birth_date_is_stored()
    {
        // A unique valid IIN for this test: born 1990-01-01, male, a random serial with the right check digit.
        var iin = NewIin();

        var person = await app.NewPerson().With("birthDate", "1990-01-01").With("iin", iin);

        Assert.Equal(iin, (await app.Db(db => db.Accounts.SingleAsync(a => a.Id == person.Id))).Iin);
    }

    [Theory]
    [InlineData("password", "password", AccountErrors.PasswordWeak)]
    [InlineData("consentVersion", null, AccountErrors.ConsentRequired)]
    [InlineData("consentVersion", "2020-01", AccountErrors.ConsentOutdated)]
    public async Task A_field_the_rules_refuse_gives_422_with_its_code(string field, string? value, string code)
    {
        var body = Api.AdultAccount();
        body[field] = value;
        using var client = app.Client();

        using var response = await client.PostAsJsonAsync("/api/v1/accounts", body);

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, code);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
        Assert.False(await app.Db(db => db.Accounts.AnyAsync(a => a.Email == (string)body["email"]!)));
    }

    [Fact]
    public async Task A_second_account_with_the_same_email_is_a_conflict()
    {
        var person = await app.NewPerson();
        var again = Api.AdultAccount(person.Email.ToUpperInvariant());
        using var client = app.Client();

        using var response = await client.PostAsJsonAsync("/api/v1/accounts", again);

        await response.AssertProblemAsync(HttpStatusCode.Conflict, AccountErrors.AccountExists);
        var normalized = person.Email.ToUpperInvariant();
        Assert.Equal(1, await app.Db(db => db.Accounts.CountAsync(a => a.NormalizedEmail == normalized)));
    }

    [Fact]
    public async Task A_phone_typed_with_an_8_is_stored_as_plus_77_and_logs_in_in_any_spelling()
    {
        var n = Random.Shared.Next(0, 10_000_000);
        var typed = $"8 701 {n / 10000:000} {n / 100 % 100:00} {n % 100:00}";
        var body = Api.AdultAccount();
        body.Remove("email");
        body["phone"] = typed;
        using var client = app.Client();

        using var response = await client.PostAsJsonAsync("/api/v1/accounts", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.JsonAsync()).GetProperty("id").GetGuid();
        var expected = $"+7701{n:0000000}";
        Assert.Equal(expected, (await app.Db(db => db.Accounts.SingleAsync(a => a.Id == id))).Phone);

        using var token = await app.TokenResponseAsync($"+7 (701) {n:0000000}", People.Password);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
    }

    [Fact]
    public async Task A_landline_is_refused_with_a_message_asking_for_a_mobile()
    {
        var body = Api.AdultAccount();
        body.Remove("email");
        body["phone"] = "+7 727 258 00 00";
        using var client = app.Client("ru");

        using var response = await client.PostAsJsonAsync("/api/v1/accounts", body);

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, AccountErrors.PhoneNotMobile);
        Assert.Equal(Html.Text("Error_phone_not_mobile", Cultures.Russian), problem.GetProperty("errors").GetProperty("phone")[0].GetString());
        Assert.False(await app.Db(db => db.Accounts.AnyAsync(a => a.Phone == "+77272580000")));
    }

    [Fact]
    public async Task A_token_is_given_for_an_email_login()
    {
        var person = await app.NewPerson();

        using var response = await app.TokenResponseAsync(person.Email, People.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.JsonAsync();
        Assert.False(string.IsNullOrEmpty(json.GetProperty("accessToken").GetString()));
        Assert.True(json.GetProperty("expiresIn").GetInt32() > 0);
    }

    [Fact]
    public async Task A_wrong_password_is_refused()
    {
        var person = await app.NewPerson();

        using var response = await app.TokenResponseAsync(person.Email, "Wrong-2026");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, AccountErrors.LoginFailed);
    }

    [Fact]
    public async Task An_unknown_login_is_refused_the_same_way_as_a_wrong_password()
    {
        using var response = await app.TokenResponseAsync(People.NewEmail(), People.Password);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, AccountErrors.LoginFailed);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        var person = await app.NewPerson();
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await app.TokenResponseAsync(person.Email, $"Wrong-{i}-2026");
            Assert.NotEqual(HttpStatusCode.OK, wrong.StatusCode);
        }

        using var response = await app.TokenResponseAsync(person.Email, People.Password);

        // Locked, and answered like a wrong password: the answer does not tell a locked account from an unknown login.
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, AccountErrors.LoginFailed);
    }

    [Fact]
    public async Task Me_describes_the_signed_in_person()
    {
        var person = await app.NewPerson();
        using var client = app.Client(accessToken: await Api.TokenAsync(app, person.Email));

        using var response = await client.GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = await response.JsonAsync();
        Assert.Equal(person.Id, me.GetProperty("id").GetGuid());
        Assert.Equal("Айгерім Серікқызы", me.GetProperty("fullName").GetString());
        Assert.Equal(People.AlmatyCity, me.GetProperty("regionKato").GetString());
        Assert.Equal(JsonValueKind.Array, me.GetProperty("roles").ValueKind);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.Equal(Account.AgeOn(new DateOnly(1995, 5, 15), today), me.GetProperty("age").GetInt32());
        Assert.False(me.GetProperty("isSilver").GetBoolean());
    }

    [Fact]
    public async Task A_person_of_55_is_silver()
    {
        var person = await app.NewPerson().With("birthDate", DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-60).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        using var client = app.Client(accessToken: await Api.TokenAsync(app, person.Email));

        var me = await (await client.GetAsync("/api/v1/me")).JsonAsync();

        Assert.True(me.GetProperty("isSilver").GetBoolean());
        Assert.Equal(60, me.GetProperty("age").GetInt32());
    }

    [Fact]
    public async Task Me_without_a_token_is_unauthorized()
    {
        using var client = app.Client();

        using var response = await client.GetAsync("/api/v1/me");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Me_with_a_forged_token_is_unauthorized()
    {
        using var client = app.Client(accessToken: "not-a-token");

        using var response = await client.GetAsync("/api/v1/me");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task The_consent_text_comes_in_the_request_language_with_its_version()
    {
        var texts = new List<string>();
        foreach (var culture in Cultures.All)
        {
            using var client = app.Client(culture.TwoLetterISOLanguageName);
            using var response = await client.GetAsync("/api/v1/consent");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var json = await response.JsonAsync();
            Assert.Equal(PersonalDataConsent.CurrentVersion, json.GetProperty("version").GetString());
            var text = json.GetProperty("text").GetString()!;
            Assert.Equal(Html.Text(PersonalDataConsent.TextKey(PersonalDataConsent.CurrentVersion), culture), text);
            texts.Add(text);
        }

        Assert.Equal(3, texts.Distinct().Count());
    }

    [Theory]
    [InlineData("kk", "Алматы қаласы")]
    [InlineData("ru", "г. Алматы")]
    [InlineData("en", "Almaty")]
    public async Task The_20_regions_come_with_kato_iso_and_a_name_in_the_request_language(string language, string almaty)
    {
        using var client = app.Client(language);

        using var response = await client.GetAsync("/api/v1/regions");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var regions = (await response.JsonAsync()).EnumerateArray().ToList();
        Assert.Equal(20, regions.Count);
        Assert.Equal(20, regions.Select(r => r.GetProperty("kato").GetString()).Distinct().Count());
        Assert.All(regions, r =>
        {
            Assert.Matches("^[0-9]{9}$", r.GetProperty("kato").GetString());
            Assert.Matches("^KZ-[0-9]{2}$", r.GetProperty("iso").GetString());
            Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("name").GetString()));
        });
        var city = regions.Single(r => r.GetProperty("kato").GetString() == People.AlmatyCity);
        Assert.Equal(almaty, city.GetProperty("name").GetString());
        Assert.Equal("KZ-75", city.GetProperty("iso").GetString());
    }

    [Fact]
    public async Task The_directions_include_every_code_of_the_contract()
    {
        using var client = app.Client("ru");

        using var response = await client.GetAsync("/api/v1/directions");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var directions = (await response.JsonAsync()).EnumerateArray().ToList();
        var codes = directions.Select(d => d.GetProperty("code").GetString()).ToHashSet();
        string[] expected = ["social", "ecology", "culture", "mentorship", "inclusion", "animals", "emergency", "sport", "digital", "health", "education", "events"];
        Assert.All(expected, code => Assert.Contains(code, codes));
        Assert.Equal("Экология", directions.Single(d => d.GetProperty("code").GetString() == "ecology").GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_person_gets_a_copy_of_their_data()
    {
        var person = await app.NewPerson();
        using var client = app.Client(accessToken: await Api.TokenAsync(app, person.Email));

        using var response = await client.GetAsync("/api/v1/me/data");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var export = await response.JsonAsync();
        var account = export.GetProperty("account");
        Assert.Equal(person.Id, account.GetProperty("id").GetGuid());
        Assert.Equal(person.Email, account.GetProperty("email").GetString());
        Assert.Equal("1995-05-15", account.GetProperty("birthDate").GetString());
        var consent = Assert.Single(export.GetProperty("consents").EnumerateArray());
        Assert.Equal(PersonalDataConsent.CurrentVersion, consent.GetProperty("version").GetString());
    }

    [Fact]
    public async Task Deleting_the_account_erases_personal_data_and_ends_logins()
    {
        var person = await app.NewPerson();
        var token = await Api.TokenAsync(app, person.Email);
        using var client = app.Client(accessToken: token);

        using var response = await client.DeleteAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var stored = await app.Db(db => db.Accounts.AsNoTracking().SingleAsync(a => a.Id == person.Id));
        Assert.Null(stored.Email);
        Assert.Null(stored.NormalizedEmail);
        Assert.Null(stored.FullName);
        Assert.Null(stored.BirthDate);
        Assert.Null(stored.PasswordHash);
        Assert.Equal(AccountStatus.Deleted, stored.Status);
        Assert.Equal(People.AlmatyCity, stored.RegionKato);
        Assert.Equal(1995, stored.BirthYear);
        Assert.All(
            await app.Db(db => db.ConsentRecords.Where(c => c.AccountId == person.Id).ToListAsync()),
            c => Assert.NotNull(c.WithdrawnAt));

        using var login = await app.TokenResponseAsync(person.Email, People.Password);
        await login.AssertProblemAsync(HttpStatusCode.Unauthorized, AccountErrors.LoginFailed);
        using var me = await client.GetAsync("/api/v1/me");
        await me.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task A_password_reset_is_accepted_whether_or_not_the_login_exists()
    {
        var person = await app.NewPerson();
        var unknown = People.NewEmail();
        using var client = app.Client();

        using var known = await client.PostAsJsonAsync("/api/v1/accounts/password-reset", new { login = person.Email });
        using var other = await client.PostAsJsonAsync("/api/v1/accounts/password-reset", new { login = unknown });

        Assert.Equal(HttpStatusCode.Accepted, known.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, other.StatusCode);
        Assert.True(await app.Db(db => db.OutboxMessages.AnyAsync(m => m.Recipient == person.Email && m.Body.Contains("/account/reset-password"))));
        Assert.False(await app.Db(db => db.OutboxMessages.AnyAsync(m => m.Recipient == unknown)));
    }

    [Fact]
    public async Task An_unknown_api_route_is_a_problem_with_a_code()
    {
        var person = await app.NewPerson();
        using var client = app.Client(accessToken: await Api.TokenAsync(app, person.Email));

        using var anonymous = app.Client();

        using var response = await client.GetAsync("/api/v1/no-such-thing");
        using var anonymousResponse = await anonymous.GetAsync("/api/v1/no-such-thing");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await anonymousResponse.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Malformed_json_is_the_clients_mistake()
    {
        using var client = app.Client();
        using var content = new StringContent("{\"email\": ", System.Text.Encoding.UTF8, "application/json");

        using var response = await client.PostAsync("/api/v1/accounts", content);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "bad_request");
    }

    [Theory]
    [InlineData("kk")]
    [InlineData("ru")]
    [InlineData("en")]
    public async Task A_problem_title_is_in_the_request_language(string language)
    {
        using var client = app.Client(language);

        using var response = await client.GetAsync("/api/v1/me");

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal(Html.Text("Error_unauthorized", Cultures.FromLanguage(language)), problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_refresh_token_gives_a_new_access_token_until_the_account_is_deleted()
    {
        var person = await app.NewPerson();
        using var login = await app.TokenResponseAsync(person.Email, People.Password);
        var refreshToken = (await login.JsonAsync()).GetProperty("refreshToken").GetString();
        using var client = app.Client();

        using var refreshed = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken });

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var accessToken = (await refreshed.JsonAsync()).GetProperty("accessToken").GetString();
        using var signedIn = app.Client(accessToken: accessToken);
        using var me = await signedIn.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);

        using var deleted = await signedIn.DeleteAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var again = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken });
        await again.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task A_forged_refresh_token_is_refused()
    {
        using var client = app.Client();

        using var response = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = "forged" });

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    /// <summary>A valid IIN born 1990-01-01 (male) with a random serial.</summary>
    private static string NewIin()
    {
        while (true)
        {
            var prefix = $"9001013{Random.Shared.Next(0, 10000):0000}";
            for (var check = 0; check <= 9; check++)
            {
                if (Iin.TryParse(prefix + check, out var iin))
                {
                    return iin!.Value;
                }
            }
        }
    }
}

[Collection(Sqlite.Name)]
public sealed class AccountsApiTestsOnSqlite(SqliteApp app) : AccountsApiTests(app);

[Collection(Postgres.Name)]
public sealed class AccountsApiTestsOnPostgres(PostgresApp app) : AccountsApiTests(app);
