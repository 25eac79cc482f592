using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Birge.Tests.Features.FrontOffices;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Birge.Tests.Features.HelpRequests;

/// <summary>
/// Asking for help through the API: a citizen's request waits for the SMS code, an operator's is queued at once, the
/// same form twice makes one request, and bad input is refused with its code and stores nothing.
/// </summary>
public abstract partial class HelpRequestIntakeTests(BirgeApp app)
{
    private static Dictionary<string, object?> Form(string phone, string description = "Нужны продукты и лекарства для бабушки") => new()
    {
        ["category"] = "groceries",
        ["description"] = description,
        ["regionKato"] = Offices.Almaty,
        ["locality"] = "Алмалинский район",
        ["address"] = "ул. Абая 10, кв. 5",
        ["latitude"] = 43.2389,
        ["longitude"] = 76.8897,
        ["name"] = "Сауле",
        ["phone"] = phone,
        ["language"] = "ru",
        ["vulnerabilities"] = new[] { "elderly", "alone" },
        ["consentVersion"] = PersonalDataConsent.CurrentVersion,
    };

    private static string Normalized(string phone) => PhoneNumber.TryParse(phone, out var p) ? p!.Value : throw new ArgumentException(phone);

    [Fact]
    public async Task A_citizen_confirms_the_phone_with_the_sms_code_and_follows_the_request_by_its_code()
    {
        var phone = People.NewPhone();
        var client = app.Client("ru");

        using var asked = await client.PostAsJsonAsync("/api/v1/help-requests", Form(phone));
        Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        var created = await asked.JsonAsync();
        Assert.Equal("unconfirmed", created.GetProperty("status").GetString());
        var id = created.GetProperty("id").GetString();
        var trackingCode = created.GetProperty("trackingCode").GetString()!;

        var sms = await SmsAsync(Normalized(phone));
        Assert.Single(sms);
        var code = SixDigits().Match(sms[0]).Value;
        Assert.Contains("код запроса о помощи", sms[0], StringComparison.Ordinal);

        var wrong = code == "000000" ? "000001" : "000000";
        using var refused = await client.PostAsJsonAsync($"/api/v1/help-requests/{id}/phone-confirmation", new { code = wrong });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal(Birge.Web.Features.HelpRequests.HelpRequestErrors.PhoneCodeWrong, (await refused.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HelpRequestStatus.Unconfirmed, await StatusAsync(trackingCode));

        using var confirmed = await client.PostAsJsonAsync($"/api/v1/help-requests/{id}/phone-confirmation", new { code });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal("new", (await confirmed.JsonAsync()).GetProperty("status").GetString());
        Assert.Equal(HelpRequestStatus.New, await StatusAsync(trackingCode));

        // The tracking link comes by SMS, and the tracking answer says nothing about the person.
        sms = await SmsAsync(Normalized(phone));
        Assert.Equal(2, sms.Count);
        Assert.Contains(sms, text => text.Contains("/help/" + trackingCode, StringComparison.Ordinal));
        using var tracked = await app.Client("ru").GetAsync("/api/v1/help-requests/track/" + trackingCode.ToLowerInvariant());
        Assert.Equal(HttpStatusCode.OK, tracked.StatusCode);
        var body = await tracked.Content.ReadAsStringAsync();
        Assert.Contains("\"status\":\"new\"", body, StringComparison.Ordinal);
        Assert.Contains("\"category\":\"groceries\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Сауле", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Абая", body, StringComparison.Ordinal);
        Assert.DoesNotContain(Normalized(phone)[2..], body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_wrong_codes_stop_the_guessing_until_a_new_code_is_sent()
    {
        var phone = People.NewPhone();
        using var asked = await app.Client().PostAsJsonAsync("/api/v1/help-requests", Form(phone));
        var created = await asked.JsonAsync();
        var id = created.GetProperty("id").GetString();
        var code = SixDigits().Match(Assert.Single(await SmsAsync(Normalized(phone)))).Value;
        var wrong = code == "000000" ? "000001" : "000000";

        for (var i = 1; i < HelpRequest.MaxPhoneCodeAttempts; i++)
        {
            using var refused = await app.Client().PostAsJsonAsync($"/api/v1/help-requests/{id}/phone-confirmation", new { code = wrong });
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        }

        using var last = await app.Client().PostAsJsonAsync($"/api/v1/help-requests/{id}/phone-confirmation", new { code = wrong });
        using var right = await app.Client().PostAsJsonAsync($"/api/v1/help-requests/{id}/phone-confirmation", new { code });

        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.Equal(Birge.Web.Features.HelpRequests.HelpRequestErrors.PhoneCodeTooManyAttempts, (await right.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HelpRequestStatus.Unconfirmed, await StatusAsync(created.GetProperty("trackingCode").GetString()!));
    }

    [Fact]
    public async Task The_same_form_twice_within_ten_minutes_makes_one_request()
    {
        var phone = People.NewPhone();
        using var first = await app.Client().PostAsJsonAsync("/api/v1/help-requests", Form(phone));
        using var second = await app.Client().PostAsJsonAsync("/api/v1/help-requests", Form(phone));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal((await first.JsonAsync()).GetProperty("id").GetString(), (await second.JsonAsync()).GetProperty("id").GetString());
        var stored = Normalized(phone);
        Assert.Equal(1, await app.Db(db => db.HelpRequests.CountAsync(r => r.Phone == stored)));
        Assert.Single(await SmsAsync(stored));
    }

    [Fact]
    public async Task The_same_call_sent_five_times_at_the_same_moment_makes_one_request()
    {
        var operatorOnCall = await app.NewPerson().Staff(Offices.Almaty, FrontOfficeStaff.Operator).WithToken();
        var phone = People.NewPhone();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var posts = Enumerable.Range(0, 5).Select(_ => Task.Run(async () =>
        {
            using var client = app.Client("ru", operatorOnCall.Token);
            await start.Task;
            using var response = await client.PostAsJsonAsync("/api/v1/help-requests", Form(phone));
            return (response.StatusCode, Id: (await response.JsonAsync()).GetProperty("id").GetString());
        })).ToList();

        start.SetResult();
        var answers = await Task.WhenAll(posts);

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.OK }));
        Assert.Single(answers.Select(a => a.Id).Distinct());
        var stored = Normalized(phone);
        Assert.Equal(1, await app.Db(db => db.HelpRequests.CountAsync(r => r.Phone == stored)));
        Assert.Single(await SmsAsync(stored));
    }

    [Fact]
    public async Task An_operator_of_the_region_queues_the_call_at_once_and_an_operator_elsewhere_is_refused()
    {
        var almaty = await app.NewPerson().Staff(Offices.Almaty, FrontOfficeStaff.Operator).WithToken();
        var astana = await app.NewPerson().Staff(Offices.Astana, FrontOfficeStaff.Operator).WithToken();
        var phone = People.NewPhone();

        using var taken = await app.Client("ru", almaty.Token).PostAsJsonAsync("/api/v1/help-requests", Form(phone));
        Assert.Equal(HttpStatusCode.Created, taken.StatusCode);
        var created = await taken.JsonAsync();
        Assert.Equal("new", created.GetProperty("status").GetString());
        var request = await app.Db(db => db.HelpRequests.SingleAsync(r => r.TrackingCode == created.GetProperty("trackingCode").GetString()));
        Assert.Equal(HelpRequestSource.Phone, request.Source);
        Assert.Equal(almaty.Id, request.OperatorId);
        Assert.NotNull(request.ClaimDueAt);
        Assert.Contains("/help/" + request.TrackingCode, Assert.Single(await SmsAsync(Normalized(phone))), StringComparison.Ordinal);

        var otherPhone = People.NewPhone();
        using var elsewhere = await app.Client("ru", astana.Token).PostAsJsonAsync("/api/v1/help-requests", Form(otherPhone));
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        var stored = Normalized(otherPhone);
        Assert.Equal(0, await app.Db(db => db.HelpRequests.CountAsync(r => r.Phone == stored)));
    }

    [Theory]
    [InlineData("phone", "+7 727 250 00 00", "phone_not_mobile")]
    [InlineData("phone", "+7 916 123 45 67", "phone_invalid")]
    [InlineData("regionKato", "999999999", "region_invalid")]
    [InlineData("category", "money", "help_category_invalid")]
    [InlineData("description", "", "description_required")]
    [InlineData("language", "en", "language_invalid")]
    [InlineData("urgency", "yesterday", "help_urgency_invalid")]
    [InlineData("latitude", 51.5, "help_point_outside_kazakhstan")]
    [InlineData("consentVersion", null, "consent_required")]
    public async Task Bad_input_is_refused_with_its_code_in_the_language_asked_and_stores_nothing(string field, object? value, string code)
    {
        var phone = People.NewPhone();
        var form = Form(phone);
        form[field] = value;
        if (field == "latitude")
        {
            form["longitude"] = -0.12;
        }

        using var response = await app.Client("kk").PostAsJsonAsync("/api/v1/help-requests", form);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.JsonAsync();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        var message = problem.GetProperty("errors").EnumerateObject().Single().Value[0].GetString();
        Assert.Equal(Html.Text("Error_" + code, Birge.Web.Localization.Cultures.Kazakh), message);
        var stored = Normalized(phone);
        Assert.Equal(0, await app.Db(db => db.HelpRequests.CountAsync(r => r.Phone == stored)));
    }

    [Fact]
    public async Task A_description_of_ten_thousand_characters_is_too_long()
    {
        using var response = await app.Client().PostAsJsonAsync("/api/v1/help-requests", Form(People.NewPhone(), new string('а', 10_000)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("too_long", (await response.JsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_unknown_or_mistyped_tracking_code_is_not_found()
    {
        using var unknown = await app.Client().GetAsync("/api/v1/help-requests/track/" + Birge.Web.Features.HelpRequests.TrackingCode.New());
        using var malformed = await app.Client().GetAsync("/api/v1/help-requests/track/hello");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, malformed.StatusCode);
    }

    private Task<List<string>> SmsAsync(string phone) => app.Db(db => db.OutboxMessages
        .Where(m => m.Recipient == phone && m.Channel == OutboxChannel.Sms)
        .OrderByDescending(m => m.CreatedAt)
        .Select(m => m.Body)
        .ToListAsync());

    private Task<HelpRequestStatus> StatusAsync(string trackingCode) =>
        app.Db(db => db.HelpRequests.Where(r => r.TrackingCode == trackingCode).Select(r => r.Status).SingleAsync());

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();
}

[Collection(Sqlite.Name)]
public sealed class HelpRequestIntakeTestsOnSqlite(SqliteApp app) : HelpRequestIntakeTests(app);

[Collection(Postgres.Name)]
public sealed class HelpRequestIntakeTestsOnPostgres(PostgresApp app) : HelpRequestIntakeTests(app);
