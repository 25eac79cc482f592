using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Birge.Tests.Features.FrontOffices;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Features.HelpRequests;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Birge.Tests.Features.HelpRequests;

/// <summary>
/// The citizen's pages through their real forms: asking at <c>/help</c>, the SMS code at <c>/help/confirm/{id}</c> (and
/// sending it again), and following the request at <c>/help/{code}</c>, where the person cancels it or confirms the
/// help with the last four digits of their phone.
/// </summary>
public abstract partial class HelpPagesTests(BirgeApp app) : IDisposable
{
    private const string Name = "Сауле Ахметова";

    public void Dispose()
    {
        app.Clock.Reset();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task A_citizen_asks_confirms_the_sms_code_and_follows_the_request_in_russian_and_kazakh()
    {
        var phone = People.NewPhone();
        var address = Address();
        var browser = app.Browser("ru");

        using var asked = await AskAsync(browser, phone, address, latitude: "43,2389", longitude: "76.8897");
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var confirmUrl = asked.Location();
        Assert.StartsWith("/help/confirm/", confirmUrl, StringComparison.Ordinal);
        var stored = await StoredAsync(phone);
        Assert.Equal(HelpRequestStatus.Unconfirmed, stored.Status);
        Assert.Equal(("groceries", "ru", Offices.Almaty), (stored.Category, stored.Language, stored.RegionKato));
        Assert.Equal(["elderly", "alone"], stored.Vulnerabilities);
        Assert.Equal((43.2389, 76.8897), (stored.Latitude!.Value, stored.Longitude!.Value));
        Assert.Equal(HelpRequestSource.Online, stored.Source);

        // The page names only the last two digits of the phone.
        var confirm = await browser.GetPageAsync(confirmUrl);
        var normalized = Normalized(phone);
        Assert.Equal(Html.Text("HelpAsk_CodeSentTo", Cultures.Russian, "••" + normalized[^2..]), confirm.Find("#confirm-lead").TextContent.Trim());
        Assert.DoesNotContain(normalized[^4..], confirm.DocumentElement.OuterHtml, StringComparison.Ordinal);
        var code = SixDigits().Match(Assert.Single(await SmsAsync(phone))).Value;

        using var confirmed = await browser.SubmitAsync(confirm, "#confirm-form", new Dictionary<string, string> { ["Code"] = code }, confirmUrl);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal("/help/" + stored.TrackingCode, confirmed.Location());
        Assert.Equal(HelpRequestStatus.New, (await StoredAsync(phone)).Status);

        var tracking = await browser.GetPageAsync(confirmed.Location());
        Assert.Equal("new", tracking.Find("#track-now").GetAttribute("data-status"));
        Assert.Equal(Html.Text("HelpTrack_Now_new", Cultures.Russian), tracking.Find("#track-now p").TextContent.Trim());
        Assert.Contains(TrackingCode.Format(stored.TrackingCode), tracking.Find("h1").TextContent, StringComparison.Ordinal);
        Assert.Equal(Html.Text("HelpTrack_Step_finding", Cultures.Russian), tracking.Find("#track-steps [aria-current=step]").TextContent.Trim());
        Assert.Contains(Html.Text("HelpCategory_groceries", Cultures.Russian), tracking.Find("#track-details").TextContent, StringComparison.Ordinal);

        // The link from the SMS, typed in lower case, opens the same request for a Kazakh reader.
        var kazakh = await app.Browser("kk").GetPageAsync("/help/" + stored.TrackingCode.ToLowerInvariant());
        Assert.Equal(Html.Text("HelpTrack_Now_new", Cultures.Kazakh), kazakh.Find("#track-now p").TextContent.Trim());
        Assert.Equal(Html.Text("HelpTrack_Step_finding", Cultures.Kazakh), kazakh.Find("#track-steps [aria-current=step]").TextContent.Trim());
    }

    [Fact]
    public async Task The_tracking_page_shows_nothing_personal_even_once_a_volunteer_has_it()
    {
        var phone = People.NewPhone();
        var address = Address();
        var request = await QueuedAsync(phone, address);
        var volunteer = (await app.NewVolunteersAsync(1))[0];
        using (var scope = app.Services.CreateScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<HelpRequestClaims>().ClaimAsync(request.Id, volunteer.Id, CancellationToken.None)).Succeeded);
        }

        using var response = await app.Browser("ru").GetAsync("/help/" + request.TrackingCode);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Html.Text("HelpTrack_Now_claimed", Cultures.Russian), html, StringComparison.Ordinal);
        Assert.DoesNotContain(Name, html, StringComparison.Ordinal);
        Assert.DoesNotContain(address, html, StringComparison.Ordinal);
        Assert.DoesNotContain(Normalized(phone)[2..], html, StringComparison.Ordinal);
        Assert.DoesNotContain(phone, html, StringComparison.Ordinal);
        Assert.DoesNotContain(request.Description, html, StringComparison.Ordinal);
        Assert.DoesNotContain(volunteer.FullName!, html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kk")]
    [InlineData("ru")]
    [InlineData("en")]
    public async Task A_bad_form_comes_back_filled_with_the_messages_in_the_readers_language_and_stores_nothing(string language)
    {
        var culture = Cultures.FromLanguage(language);
        var address = Address();
        var browser = app.Browser(language);

        using var response = await AskAsync(browser, "+7 727 250 00 00", address, description: "");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal(Html.Text("Error_phone_not_mobile", culture), page.FieldError("Input_Phone"));
        Assert.Equal(Html.Text("Error_description_required", culture), page.FieldError("Input_Description"));
        Assert.NotNull(page.QuerySelector(".error-summary"));
        Assert.Equal("+7 727 250 00 00", page.Value("Input_Phone"));
        Assert.Equal(address, page.Value("Input_Address"));
        Assert.Equal(Name, page.Value("Input_Name"));
        Assert.Equal("groceries", page.Find("input[name='Input.Category']:checked").GetAttribute("value"));
        Assert.Equal("ru", page.Find("input[name='Input.Language']:checked").GetAttribute("value"));
        Assert.Equal(["elderly", "alone"], page.QuerySelectorAll("input[name='Input.Vulnerabilities']:checked").Select(e => e.GetAttribute("value")));
        Assert.Equal(Offices.Almaty, page.Find("#Input_RegionKato option[selected]").GetAttribute("value"));
        Assert.NotNull(page.Find("#Input_ConsentVersion").GetAttribute("checked"));
        Assert.Equal(0, await app.Db(db => db.HelpRequests.CountAsync(r => r.Address == address)));
    }

    [Fact]
    public async Task Without_a_category_or_consent_or_with_a_point_abroad_each_field_says_why()
    {
        var phone = People.NewPhone();
        var browser = app.Browser("ru");
        var page = await browser.GetPageAsync("/help");
        Choose(page, "Input.Category");
        Choose(page, "Input.Language", "kk");

        using var response = await browser.SubmitAsync(page, "#ask-form", Form(phone, Address(), "51.5", "-0.12"), "/help");

        var refused = await Html.ParseAsync(response);
        Assert.Equal(Html.Text("Error_help_category_invalid", Cultures.Russian), refused.FieldError("Input_Category"));
        Assert.Equal(Html.Text("Error_consent_required", Cultures.Russian), refused.FieldError("Input_ConsentVersion"));
        Assert.Equal(Html.Text("Error_help_point_outside_kazakhstan", Cultures.Russian), refused.FieldError("Input_Latitude"));
        Assert.Equal("51.5", refused.Value("Input_Latitude"));
        Assert.NotNull(refused.Find("details.help-point").GetAttribute("open"));
        Assert.Equal(0, await app.Db(db => db.HelpRequests.CountAsync(r => r.Phone == Normalized(phone))));
    }

    [Fact]
    public async Task The_same_form_twice_within_ten_minutes_makes_one_request()
    {
        var phone = People.NewPhone();
        var address = Address();

        using var first = await AskAsync(app.Browser("ru"), phone, address);
        app.Clock.Set(DateTime.UtcNow.AddMinutes(5));
        using var second = await AskAsync(app.Browser("ru"), phone, address);

        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(first.Location(), second.Location());
        Assert.Equal(1, await app.Db(db => db.HelpRequests.CountAsync(r => r.Phone == Normalized(phone))));
        Assert.Single(await SmsAsync(phone));
    }

    [Fact]
    public async Task The_code_is_sent_again_after_a_minute_and_only_the_new_code_works()
    {
        var now = DateTime.UtcNow;
        app.Clock.Set(now);
        var phone = People.NewPhone();
        var browser = app.Browser("kk");
        using var asked = await AskAsync(browser, phone, Address());
        var confirmUrl = asked.Location();
        var oldCode = SixDigits().Match(Assert.Single(await SmsAsync(phone))).Value;

        app.Clock.Set(now.AddSeconds(30));
        using var tooSoon = await browser.SubmitAsync(await browser.GetPageAsync(confirmUrl), "#resend-form", pageUrl: confirmUrl);
        Assert.Equal(HttpStatusCode.TooManyRequests, tooSoon.StatusCode);
        Assert.Contains(Html.Text("Error_phone_code_too_soon", Cultures.Kazakh), (await Html.ParseAsync(tooSoon)).Find(".error-summary").TextContent, StringComparison.Ordinal);
        Assert.Single(await SmsAsync(phone));

        app.Clock.Set(now.AddSeconds(61));
        using var resent = await browser.SubmitAsync(await browser.GetPageAsync(confirmUrl), "#resend-form", pageUrl: confirmUrl);
        Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);
        var page = await browser.GetPageAsync(resent.Location());
        Assert.Contains(Html.Text("HelpAsk_CodeSent", Cultures.Kazakh), page.Find("main").TextContent, StringComparison.Ordinal);
        var sms = await SmsAsync(phone);
        Assert.Equal(2, sms.Count);
        var newCode = SixDigits().Match(sms[0]).Value;

        if (oldCode != newCode)
        {
            using var old = await browser.SubmitAsync(page, "#confirm-form", new Dictionary<string, string> { ["Code"] = oldCode }, confirmUrl);
            Assert.Equal(Html.Text("Error_phone_code_wrong", Cultures.Kazakh), (await Html.ParseAsync(old)).FieldError("Code"));
        }

        using var confirmed = await browser.SubmitAsync(page, "#confirm-form", new Dictionary<string, string> { ["Code"] = newCode }, confirmUrl);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(HelpRequestStatus.New, (await StoredAsync(phone)).Status);
    }

    [Fact]
    public async Task The_api_sends_the_code_again_five_times_at_most_and_not_once_the_phone_is_confirmed()
    {
        var now = DateTime.UtcNow;
        app.Clock.Set(now);
        var phone = People.NewPhone();
        using var asked = await AskAsync(app.Browser("ru"), phone, Address());
        var id = (await StoredAsync(phone)).Id;
        var url = $"/api/v1/help-requests/{id}/phone-code";

        for (var i = 1; i <= HelpRequestIntake.MaxResends; i++)
        {
            app.Clock.Set(now.AddMinutes(i));
            using var resent = await app.Client().PostAsync(url, null);
            Assert.Equal(HttpStatusCode.NoContent, resent.StatusCode);
        }

        app.Clock.Set(now.AddMinutes(10));
        using var limit = await app.Client("ru").PostAsync(url, null);
        Assert.Equal(HttpStatusCode.TooManyRequests, limit.StatusCode);
        Assert.Equal(HelpRequestErrors.PhoneCodeResendLimit, (await limit.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(1 + HelpRequestIntake.MaxResends, (await SmsAsync(phone)).Count);

        using var unknown = await app.Client().PostAsync($"/api/v1/help-requests/{Guid.NewGuid()}/phone-code", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        var queued = await QueuedAsync(People.NewPhone(), Address());
        using var confirmed = await app.Client().PostAsync($"/api/v1/help-requests/{queued.Id}/phone-code", null);
        Assert.Equal(HttpStatusCode.Conflict, confirmed.StatusCode);
        Assert.Equal(HelpRequestErrors.PhoneAlreadyConfirmed, (await confirmed.JsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_wrong_code_is_refused_next_to_the_field_and_five_stop_even_the_right_one()
    {
        var phone = People.NewPhone();
        var browser = app.Browser("ru");
        using var asked = await AskAsync(browser, phone, Address());
        var confirmUrl = asked.Location();
        var code = SixDigits().Match(Assert.Single(await SmsAsync(phone))).Value;
        var wrong = code == "000000" ? "000001" : "000000";
        var page = await browser.GetPageAsync(confirmUrl);

        using var refused = await browser.SubmitAsync(page, "#confirm-form", new Dictionary<string, string> { ["Code"] = wrong }, confirmUrl);
        var again = await Html.ParseAsync(refused);
        Assert.Equal(Html.Text("Error_phone_code_wrong", Cultures.Russian), again.FieldError("Code"));
        Assert.Equal(wrong, again.Value("Code"));

        for (var i = 2; i <= HelpRequest.MaxPhoneCodeAttempts; i++)
        {
            using var next = await browser.SubmitAsync(page, "#confirm-form", new Dictionary<string, string> { ["Code"] = wrong }, confirmUrl);
        }

        using var right = await browser.SubmitAsync(page, "#confirm-form", new Dictionary<string, string> { ["Code"] = code }, confirmUrl);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.Equal(Html.Text("Error_phone_code_too_many_attempts", Cultures.Russian), (await Html.ParseAsync(right)).FieldError("Code"));
        Assert.Equal(HelpRequestStatus.Unconfirmed, (await StoredAsync(phone)).Status);
    }

    [Fact]
    public async Task A_code_older_than_ten_minutes_has_expired()
    {
        var now = DateTime.UtcNow;
        app.Clock.Set(now);
        var phone = People.NewPhone();
        var browser = app.Browser("kk");
        using var asked = await AskAsync(browser, phone, Address());
        var code = SixDigits().Match(Assert.Single(await SmsAsync(phone))).Value;
        var page = await browser.GetPageAsync(asked.Location());

        app.Clock.Set(now + HelpRequest.PhoneCodeLifetime + TimeSpan.FromSeconds(1));
        using var late = await browser.SubmitAsync(page, "#confirm-form", new Dictionary<string, string> { ["Code"] = code }, asked.Location());

        Assert.Equal(Html.Text("Error_phone_code_expired", Cultures.Kazakh), (await Html.ParseAsync(late)).FieldError("Code"));
        Assert.Equal(HelpRequestStatus.Unconfirmed, (await StoredAsync(phone)).Status);
    }

    [Fact]
    public async Task The_person_cancels_with_the_last_four_digits_of_the_phone_and_not_with_others()
    {
        var phone = People.NewPhone();
        var request = await QueuedAsync(phone, Address());
        var url = "/help/" + request.TrackingCode;
        var browser = app.Browser("ru");
        var page = await browser.GetPageAsync(url);
        Assert.Null(page.QuerySelector("#confirm-help-form"));

        using var wrong = await browser.SubmitAsync(page, "#cancel-form", new Dictionary<string, string> { ["Digits"] = OtherDigits(phone) }, url);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        Assert.Equal(Html.Text("Error_help_phone_digits_wrong", Cultures.Russian), (await Html.ParseAsync(wrong)).FieldError("Digits"));
        using var empty = await browser.SubmitAsync(page, "#cancel-form", new Dictionary<string, string> { ["Digits"] = "12" }, url);
        Assert.Equal(Html.Text("Error_help_phone_digits_invalid", Cultures.Russian), (await Html.ParseAsync(empty)).FieldError("Digits"));
        Assert.Equal(HelpRequestStatus.New, (await StoredAsync(phone)).Status);

        var digits = Normalized(phone)[^4..];
        using var cancelled = await browser.SubmitAsync(page, "#cancel-form", new Dictionary<string, string> { ["Digits"] = digits[..2] + " " + digits[2..] }, url);
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        var after = await browser.GetPageAsync(cancelled.Location());
        Assert.Contains(Html.Text("HelpTrack_CancelledStatus", Cultures.Russian), after.Find("main").TextContent, StringComparison.Ordinal);
        Assert.Equal("cancelled", after.Find("#track-now").GetAttribute("data-status"));
        Assert.Null(after.QuerySelector("#cancel-form"));
        Assert.Equal(HelpRequestStatus.Cancelled, (await StoredAsync(phone)).Status);
        Assert.Equal(1, await app.Db(db => db.HelpRequestEvents.CountAsync(e => e.HelpRequestId == request.Id && e.Kind == HelpRequestEvent.Cancelled)));
        var audit = await app.Db(db => db.AuditEntries.Where(a => a.TargetId == request.Id.ToString()).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal([AuditEntry.Denied, AuditEntry.Done], audit.Select(a => a.Outcome));
        Assert.All(audit, a => Assert.Equal("help_request.cancelled_by_requester", a.Action));
        Assert.All(audit, a => Assert.DoesNotContain(digits, a.Details ?? "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Five_wrong_tries_of_the_digits_lock_the_actions_for_an_hour()
    {
        var now = DateTime.UtcNow;
        app.Clock.Set(now);
        var phone = People.NewPhone();
        var request = await QueuedAsync(phone, Address());
        var url = "/help/" + request.TrackingCode;
        var browser = app.Browser("kk");
        var page = await browser.GetPageAsync(url);
        var right = new Dictionary<string, string> { ["Digits"] = Normalized(phone)[^4..] };

        for (var i = 1; i < HelpTracking.MaxWrongDigits; i++)
        {
            using var wrong = await browser.SubmitAsync(page, "#cancel-form", new Dictionary<string, string> { ["Digits"] = OtherDigits(phone) }, url);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        }

        using var fifth = await browser.SubmitAsync(page, "#cancel-form", new Dictionary<string, string> { ["Digits"] = OtherDigits(phone) }, url);
        Assert.Equal(HttpStatusCode.TooManyRequests, fifth.StatusCode);
        using var locked = await browser.SubmitAsync(page, "#cancel-form", right, url);
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Equal(Html.Text("Error_help_phone_digits_too_many_attempts", Cultures.Kazakh), (await Html.ParseAsync(locked)).FieldError("Digits"));
        Assert.Equal(HelpRequestStatus.New, (await StoredAsync(phone)).Status);

        app.Clock.Set(now + HelpTracking.WrongDigitsWindow + TimeSpan.FromMinutes(1));
        using var later = await browser.SubmitAsync(page, "#cancel-form", right, url);
        Assert.Equal(HttpStatusCode.Redirect, later.StatusCode);
        Assert.Equal(HelpRequestStatus.Cancelled, (await StoredAsync(phone)).Status);
    }

    [Fact]
    public async Task The_person_helped_confirms_it_with_the_digits_and_the_request_closes()
    {
        var phone = People.NewPhone();
        var request = await QueuedAsync(phone, Address());
        var volunteer = (await app.NewVolunteersAsync(1))[0];
        using (var scope = app.Services.CreateScope())
        {
            var claims = scope.ServiceProvider.GetRequiredService<HelpRequestClaims>();
            Assert.True((await claims.ClaimAsync(request.Id, volunteer.Id, CancellationToken.None)).Succeeded);
            Assert.True((await claims.CompleteAsync(request.Id, volunteer.Id, "Купила продукты", 90, CancellationToken.None)).Succeeded);
        }

        var url = "/help/" + request.TrackingCode;
        var browser = app.Browser("ru");
        var page = await browser.GetPageAsync(url);
        Assert.Equal(Html.Text("HelpTrack_Step_done", Cultures.Russian), page.Find("#track-steps [aria-current=step]").TextContent.Trim());
        Assert.Null(page.QuerySelector("#cancel-form"));

        using var wrong = await browser.SubmitAsync(page, "#confirm-help-form", new Dictionary<string, string> { ["Digits"] = OtherDigits(phone) }, url);
        Assert.Equal(Html.Text("Error_help_phone_digits_wrong", Cultures.Russian), (await Html.ParseAsync(wrong)).FieldError("Digits"));
        Assert.Equal(HelpRequestStatus.DoneUnconfirmed, (await StoredAsync(phone)).Status);

        using var confirmed = await browser.SubmitAsync(page, "#confirm-help-form", new Dictionary<string, string> { ["Digits"] = Normalized(phone)[^4..] }, url);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var after = await browser.GetPageAsync(confirmed.Location());
        Assert.Equal("closed", after.Find("#track-now").GetAttribute("data-status"));
        Assert.Contains(Html.Text("HelpTrack_ConfirmedStatus", Cultures.Russian), after.Find("main").TextContent, StringComparison.Ordinal);
        var stored = await StoredAsync(phone);
        Assert.Equal(HelpRequestStatus.Closed, stored.Status);
        Assert.NotNull(stored.ClosedAt);
        Assert.Null(stored.ClosedBy);
        Assert.Equal(1, await app.Db(db => db.HelpRequestEvents.CountAsync(e => e.HelpRequestId == request.Id && e.Kind == HelpRequestEvent.Closed)));

        // The volunteer's 90 minutes are confirmed hours now, confirmed by the person helped rather than by staff.
        var hours = await app.Db(db => db.HoursEntries.SingleAsync(h => h.HelpRequestId == request.Id));
        Assert.Equal((volunteer.Id, 90, HoursStatus.Confirmed, (Guid?)null), (hours.VolunteerId, hours.Minutes, hours.Status, hours.ConfirmedBy));

        // A second click finds it closed already: nothing changes twice.
        using var twice = await browser.SubmitAsync(page, "#confirm-help-form", new Dictionary<string, string> { ["Digits"] = Normalized(phone)[^4..] }, url);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains(Html.Text("Error_help_request_not_done", Cultures.Russian), (await Html.ParseAsync(twice)).Find(".error-summary").TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await app.Db(db => db.HelpRequestEvents.CountAsync(e => e.HelpRequestId == request.Id && e.Kind == HelpRequestEvent.Closed)));
    }

    [Fact]
    public async Task Ten_parallel_confirmations_close_the_request_once()
    {
        var phone = People.NewPhone();
        var request = await QueuedAsync(phone, Address());
        var volunteer = (await app.NewVolunteersAsync(1))[0];
        using (var scope = app.Services.CreateScope())
        {
            var claims = scope.ServiceProvider.GetRequiredService<HelpRequestClaims>();
            Assert.True((await claims.ClaimAsync(request.Id, volunteer.Id, CancellationToken.None)).Succeeded);
            Assert.True((await claims.CompleteAsync(request.Id, volunteer.Id, null, 60, CancellationToken.None)).Succeeded);
        }

        var digits = Normalized(phone)[^4..];
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, 10).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            using var scope = app.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<HelpTracking>().ConfirmAsync(request.TrackingCode, digits, CancellationToken.None);
        })).ToList();
        start.SetResult();
        var outcomes = await Task.WhenAll(tasks);

        Assert.Single(outcomes, o => o.Succeeded);
        Assert.All(outcomes.Where(o => !o.Succeeded), o => Assert.Equal(HelpRequestErrors.NotDone, o.Error));
        Assert.Equal(HelpRequestStatus.Closed, (await StoredAsync(phone)).Status);
        Assert.Equal(1, await app.Db(db => db.HelpRequestEvents.CountAsync(e => e.HelpRequestId == request.Id && e.Kind == HelpRequestEvent.Closed)));
        Assert.Equal(1, await app.Db(db => db.HoursEntries.CountAsync(h => h.HelpRequestId == request.Id)));
    }

    [Fact]
    public async Task An_unknown_or_mistyped_code_says_so_and_the_find_form_leads_to_the_request()
    {
        var request = await QueuedAsync(People.NewPhone(), Address());
        var browser = app.Browser("ru");

        var unknown = await browser.GetPageAsync("/help/" + TrackingCode.New(), HttpStatusCode.NotFound);
        Assert.Equal(Html.Text("HelpTrack_NotFound", Cultures.Russian), unknown.Find("#track-missing p").TextContent.Trim());
        var nonsense = await browser.GetPageAsync("/help/hello", HttpStatusCode.NotFound);
        Assert.Equal(Html.Text("HelpTrack_NotFound", Cultures.Russian), nonsense.Find("#track-missing p").TextContent.Trim());
        var typo = await browser.GetPageAsync("/help/" + Mistyped(request.TrackingCode), HttpStatusCode.NotFound);
        Assert.Equal(Html.Text("HelpTrack_Typo", Cultures.Russian), typo.Find("#track-missing p").TextContent.Trim());

        // From the help page's small form: lower case, a space and a dash are fine.
        var help = await browser.GetPageAsync("/help");
        var typed = TrackingCode.Format(request.TrackingCode).ToLowerInvariant().Replace("-", " - ", StringComparison.Ordinal);
        using var found = await browser.SubmitAsync(help, "#find-form", new Dictionary<string, string> { ["Code"] = typed });
        Assert.Equal(HttpStatusCode.Redirect, found.StatusCode);
        Assert.Equal("/help/" + request.TrackingCode, found.Location());

        using var mistyped = await browser.SubmitAsync(help, "#find-form", new Dictionary<string, string> { ["Code"] = Mistyped(request.TrackingCode) });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, mistyped.StatusCode);
        var refused = await Html.ParseAsync(mistyped);
        Assert.Equal(Html.Text("HelpTrack_Typo", Cultures.Russian), refused.FieldError("Code"));
        Assert.Equal(Mistyped(request.TrackingCode), refused.Value("Code"));
    }

    private static Dictionary<string, string> Form(string phone, string address, string latitude = "", string longitude = "", string description = "Нужны продукты и лекарства для бабушки") => new()
    {
        ["Input.Phone"] = phone,
        ["Input.Description"] = description,
        ["Input.RegionKato"] = Offices.Almaty,
        ["Input.Locality"] = "Алмалинский район",
        ["Input.Address"] = address,
        ["Input.Latitude"] = latitude,
        ["Input.Longitude"] = longitude,
        ["Input.Name"] = Name,
    };

    /// <summary>Fills and sends the form at /help as a person would: category groceries, spoken to in Russian, for someone elderly who lives alone.</summary>
    private static async Task<HttpResponseMessage> AskAsync(
        HttpClient browser, string phone, string address, string latitude = "", string longitude = "", string description = "Нужны продукты и лекарства для бабушки")
    {
        var page = await browser.GetPageAsync("/help");
        Choose(page, "Input.Category", "groceries");
        Choose(page, "Input.Language", "ru");
        Choose(page, "Input.Vulnerabilities", "elderly", "alone");
        var form = Form(phone, address, latitude, longitude, description);
        form["Input.ConsentVersion"] = "on";
        return await browser.SubmitAsync(page, "#ask-form", form, "/help");
    }

    /// <summary>Ticks the given radio button or checkboxes of a group and leaves the group's other radio buttons out of the form.</summary>
    private static void Choose(IHtmlDocument page, string name, params string[] values)
    {
        var inputs = page.QuerySelectorAll($"#ask-form input[name='{name}']").OfType<IHtmlInputElement>().ToList();
        Assert.All(values, v => Assert.Contains(inputs, i => i.Value == v));
        foreach (var input in inputs)
        {
            input.IsChecked = values.Contains(input.Value);
            if (input.Type == "radio" && !input.IsChecked)
            {
                input.Remove();
            }
        }
    }

    private async Task<HelpRequest> QueuedAsync(string phone, string address)
    {
        using var scope = app.Services.CreateScope();
        var asked = await scope.ServiceProvider.GetRequiredService<HelpRequestIntake>().AskAsync(
            new HelpRequestInput
            {
                Category = "groceries",
                Description = "Нужны продукты " + Guid.NewGuid().ToString("N")[..8],
                RegionKato = Offices.Almaty,
                Address = address,
                Name = Name,
                Phone = phone,
                Language = "ru",
                ConsentVersion = PersonalDataConsent.CurrentVersion,
            },
            operatorId: null,
            CancellationToken.None);
        var code = SixDigits().Match(Assert.Single(await SmsAsync(phone))).Value;
        Assert.True((await scope.ServiceProvider.GetRequiredService<HelpRequestIntake>().ConfirmPhoneAsync(asked.Value!.Request.Id, code, CancellationToken.None)).Succeeded);
        return await StoredAsync(phone);
    }

    private static string Address() => "ул. Абая " + Random.Shared.Next(1, 1000).ToString(CultureInfo.InvariantCulture) + ", кв. " + Guid.NewGuid().ToString("N")[..6];

    private static string Normalized(string phone) => PhoneNumber.TryParse(phone, out var p) ? p!.Value : throw new ArgumentException(phone);

    private static string OtherDigits(string phone)
    {
        var digits = Normalized(phone)[^4..];
        return digits == "0000" ? "1111" : "0000";
    }

    /// <summary>The code with one character changed: the check character catches it.</summary>
    private static string Mistyped(string code) => (code[0] == 'A' ? 'B' : 'A') + code[1..];

    private Task<HelpRequest> StoredAsync(string phone) =>
        app.Db(db => db.HelpRequests.AsNoTracking().SingleAsync(r => r.Phone == Normalized(phone)));

    /// <summary>The SMS sent to the phone, newest first.</summary>
    private Task<List<string>> SmsAsync(string phone) => app.Db(db => db.OutboxMessages
        .Where(m => m.Recipient == Normalized(phone) && m.Channel == OutboxChannel.Sms)
        .OrderByDescending(m => m.CreatedAt)
        .Select(m => m.Body)
        .ToListAsync());

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();
}

[Collection(Sqlite.Name)]
public sealed class HelpPagesTestsOnSqlite(SqliteApp app) : HelpPagesTests(app);

[Collection(Postgres.Name)]
public sealed class HelpPagesTestsOnPostgres(PostgresApp app) : HelpPagesTests(app);
