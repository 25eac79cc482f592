using System.Globalization;
using System.Net;
using Birge.Tests.Features.FrontOffices;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Features.HelpRequests;
using Birge.Web.Features.HelpRequests.CallCentre;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Birge.Tests.Features.HelpRequests;

/// <summary>
/// The operator's console through its real pages: a call logged on one form (and the SMS with the tracking code), a
/// repeat caller recognised, duplicates suggested and linked, triage and the paused clock, the queue's order and
/// filters, and who may open a request's page (every open audited).
/// </summary>
public abstract class CallCentreTests(BirgeApp app)
{
    private const string NewCall = "/call-centre/new";

    [Fact]
    public async Task An_operator_logs_a_call_on_the_form_and_the_caller_gets_the_tracking_code_by_sms()
    {
        var almaty = await app.NewPerson().Speaking("ru").Staff(Offices.Almaty, FrontOfficeStaff.Operator).SignedIn();
        var phone = People.NewPhone();
        var form = await almaty.Pages.GetPageAsync(NewCall);
        var phoneInput = form.Find("#call-form input[name='Input.Phone']");
        Assert.True(phoneInput.HasAttribute("autofocus"));
        Assert.Equal("post", form.Find("#call-form").GetAttribute("method"));
        Assert.Equal(Offices.Almaty, form.Find("#Input_RegionKato option[selected]").GetAttribute("value"));

        var call = Call(phone);
        var (lat, lon) = (44 + (Random.Shared.Next(1, 9999) / 10_000.0), 78 + (Random.Shared.Next(1, 9999) / 10_000.0));
        call["Input.Latitude"] = lat.ToString("0.####", CultureInfo.GetCultureInfo("ru")); // a comma, as a Russian keyboard types it
        call["Input.Longitude"] = lon.ToString("0.####", CultureInfo.InvariantCulture);
        using var logged = await almaty.Pages.SubmitAsync(form, "#call-form", call, NewCall);

        Assert.Equal(HttpStatusCode.Redirect, logged.StatusCode);
        var stored = await app.Db(db => db.HelpRequests.AsNoTracking().SingleAsync(r => r.Phone == Normalized(phone)));
        Assert.Equal((lat, lon), (stored.Latitude!.Value, stored.Longitude!.Value));
        Assert.Equal($"/call-centre/requests/{stored.Id}", logged.Location());
        Assert.Equal((HelpRequestStatus.New, HelpRequestSource.Phone, almaty.Id), (stored.Status, stored.Source, stored.OperatorId));
        Assert.Equal((HelpUrgency.High, "ru", "Сауле"), (stored.Urgency, stored.Language, stored.RequesterName));
        Assert.Equal(new[] { "elderly" }, stored.Vulnerabilities);
        Assert.Equal(PersonalDataConsent.CurrentVersion, stored.ConsentVersion);
        var sms = await app.Db(db => db.OutboxMessages.Where(m => m.Recipient == stored.Phone && m.Channel == OutboxChannel.Sms).Select(m => m.Body).SingleAsync());
        Assert.Contains("/help/" + stored.TrackingCode, sms, StringComparison.Ordinal);

        var page = await almaty.Pages.GetPageAsync(logged.Location());
        Assert.Equal(Html.Text("CallCentre_Done_logged", Cultures.Russian), page.Find(".notice").TextContent.Trim());
        Assert.Equal("tel:" + stored.Phone, page.Find("#requester-phone").GetAttribute("href"));
        Assert.Equal("Сауле", page.Find("#requester-name").TextContent.Trim());
        Assert.StartsWith(
            $"https://www.openstreetmap.org/?mlat={lat.ToString(CultureInfo.InvariantCulture)}&mlon={lon.ToString(CultureInfo.InvariantCulture)}",
            page.Find("#map-link").GetAttribute("href"),
            StringComparison.Ordinal);
        Assert.Contains(page.QuerySelectorAll("#timeline li"), li => li.GetAttribute("data-kind") == HelpRequestEvent.Queued);
        Assert.Null(page.QuerySelector("#callback-link"));
        Assert.Equal($"/call-centre/requests/{stored.Id}/suggestions", page.Find("#suggestions-link").GetAttribute("href"));
    }

    [Fact]
    public async Task A_repeat_caller_is_found_with_their_requests_newest_first_and_the_form_is_filled_from_the_latest()
    {
        var almaty = await app.NewPerson().Speaking("ru").Staff(Offices.Almaty, FrontOfficeStaff.Operator).SignedIn();
        var phone = People.NewPhone();
        var now = DateTime.UtcNow;
        HelpRequest oldest, older, latest, elsewhere;
        try
        {
            app.Clock.Set(now.AddDays(-70));
            oldest = await QueuedAsync(phone, Offices.Almaty, address: "ул. Старая 1");
            app.Clock.Set(now.AddDays(-30));
            older = await QueuedAsync(phone, Offices.Almaty, category: "transport", address: "ул. Абая 10");
            app.Clock.Set(now.AddDays(-3));
            latest = await QueuedAsync(phone, Offices.Almaty, address: "ул. Абая 12, кв. 3", name: "Бибигуль", language: "kk", locality: "Медеуский район");
            app.Clock.Set(now.AddDays(-1));
            elsewhere = await QueuedAsync(phone, Offices.Astana, address: "пр. Республики 1", name: "Другое имя");
        }
        finally
        {
            app.Clock.Reset();
        }

        var form = await almaty.Pages.GetPageAsync(NewCall);
        using var found = await almaty.Pages.SubmitAsync(form, "#call-form", new Dictionary<string, string> { ["Input.Phone"] = phone }, submitter: "#find-caller");

        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.DoesNotContain(Normalized(phone)[2..], found.RequestMessage!.RequestUri!.ToString(), StringComparison.Ordinal);
        var page = await Html.ParseAsync(found);
        var rows = page.QuerySelectorAll("#caller-requests tbody tr").Select(r => r.GetAttribute("data-request")).ToList();
        Assert.Equal(new string?[] { latest.Id.ToString(), older.Id.ToString() }, rows);
        Assert.DoesNotContain(oldest.Id.ToString(), page.Find("#caller").InnerHtml, StringComparison.Ordinal);

        // Astana's request is Astana's office's to read: not shown in Almaty, nor offered as a duplicate.
        Assert.DoesNotContain(elsewhere.Id.ToString(), page.Find("#call-form").InnerHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Республики", page.Find("#call-form").InnerHtml, StringComparison.Ordinal);
        Assert.Equal("Бибигуль", page.Value("Input_Name"));
        Assert.Equal("ул. Абая 12, кв. 3", page.Value("Input_Address"));
        Assert.Equal("Медеуский район", page.Value("Input_Locality"));
        Assert.Equal("kk", page.Find("#Input_Language option[selected]").GetAttribute("value"));
        Assert.Equal(Offices.Almaty, page.Find("#Input_RegionKato option[selected]").GetAttribute("value"));
        Assert.Equal(phone, page.Value("Input_Phone"));
        var addresses = page.QuerySelectorAll("a[href], form[action], button[formaction]")
            .SelectMany(e => new[] { e.GetAttribute("href"), e.GetAttribute("action"), e.GetAttribute("formaction") })
            .OfType<string>();
        Assert.DoesNotContain(addresses, a => a.Contains(Normalized(phone)[5..], StringComparison.Ordinal));

        // The latest request is still open: it is offered as a possible duplicate before anything is logged.
        Assert.NotNull(page.QuerySelector($"#duplicate-list li[data-request='{latest.Id}']"));
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(e => e.ActorId == almaty.Id && e.Action == "help_request.caller_lookup" && e.TargetId == latest.Id.ToString())));
    }

    [Fact]
    public async Task A_new_call_from_the_same_phone_shows_the_open_request_first_and_linking_closes_the_new_one_as_its_duplicate()
    {
        var almaty = await app.NewPerson().Speaking("kk").Staff(Offices.Almaty, FrontOfficeStaff.Operator).SignedIn();
        var phone = People.NewPhone();
        var original = await QueuedAsync(phone, Offices.Almaty);
        var form = await almaty.Pages.GetPageAsync(NewCall);

        using var shown = await almaty.Pages.SubmitAsync(form, "#call-form", Call(phone), NewCall);

        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        var page = await Html.ParseAsync(shown);
        Assert.NotNull(page.QuerySelector($"#duplicate-list li[data-request='{original.Id}']"));
        Assert.Equal(Html.Text("CallCentre_LogAnyway", Cultures.Kazakh), page.Find("#log-call").TextContent.Trim());
        Assert.Equal("Сауле", page.Value("Input_Name"));
        Assert.Equal(1, await CountAsync(phone));

        using var linked = await almaty.Pages.SubmitAsync(page, "#call-form", submitter: $"button[name='duplicateOf'][value='{original.Id}']");

        Assert.Equal(HttpStatusCode.Redirect, linked.StatusCode);
        Assert.Equal($"/call-centre/requests/{original.Id}", linked.Location());
        var stored = await app.Db(db => db.HelpRequests.AsNoTracking().Where(r => r.Phone == Normalized(phone) && r.Id != original.Id).SingleAsync());
        Assert.Equal((HelpRequestStatus.Duplicate, original.Id), (stored.Status, stored.DuplicateOfId));
        Assert.Equal(HelpRequestStatus.New, (await StoredAsync(original.Id)).Status);
        Assert.True(await app.Db(db => db.HelpRequestEvents.AnyAsync(e => e.HelpRequestId == stored.Id && e.Kind == HelpRequestEvent.MarkedDuplicate && e.ActorId == almaty.Id)));
    }

    [Fact]
    public async Task Logging_anyway_after_seeing_the_duplicates_makes_a_second_request()
    {
        var almaty = await app.NewPerson().Staff(Offices.Almaty, FrontOfficeStaff.Operator).SignedIn();
        var phone = People.NewPhone();
        await QueuedAsync(phone, Offices.Almaty);
        var form = await almaty.Pages.GetPageAsync(NewCall);
        using var shown = await almaty.Pages.SubmitAsync(form, "#call-form", Call(phone), NewCall);
        var page = await Html.ParseAsync(shown);

        using var logged = await almaty.Pages.SubmitAsync(page, "#call-form", pageUrl: NewCall);

        Assert.Equal(HttpStatusCode.Redirect, logged.StatusCode);
        Assert.Equal(2, await CountAsync(phone));
    }

    [Fact]
    public async Task The_same_category_at_the_same_address_is_suggested_on_the_request_page_and_marking_it_closes_it_as_a_duplicate()
    {
        var almaty = await app.NewPerson().Speaking("ru").Staff(Offices.Almaty).SignedIn();
        var street = "ул. Сейфуллина " + Random.Shared.Next(1000, 9999);
        var original = await QueuedAsync(People.NewPhone(), Offices.Almaty, address: street + ", кв. 7");
        var repeat = await QueuedAsync(People.NewPhone(), Offices.Almaty, address: "  " + street.ToUpperInvariant() + " кв 7 ");
        var elsewhere = await QueuedAsync(People.NewPhone(), Offices.Almaty, category: "transport", address: street + ", кв. 7");

        var page = await almaty.Pages.GetPageAsync($"/call-centre/requests/{repeat.Id}");
        Assert.NotNull(page.QuerySelector($"#duplicate-list li[data-request='{original.Id}']"));
        Assert.Null(page.QuerySelector($"#duplicate-list li[data-request='{elsewhere.Id}']"));

        using var marked = await almaty.Pages.SubmitAsync(page, $"#duplicate-list li[data-request='{original.Id}'] form", pageUrl: $"/call-centre/requests/{repeat.Id}");

        Assert.Equal(HttpStatusCode.Redirect, marked.StatusCode);
        var stored = await StoredAsync(repeat.Id);
        Assert.Equal((HelpRequestStatus.Duplicate, original.Id, almaty.Id), (stored.Status, stored.DuplicateOfId, stored.ClosedBy));
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(e => e.ActorId == almaty.Id && e.Action == "help_request.marked_duplicate" && e.TargetId == repeat.Id.ToString())));
        var after = await almaty.Pages.GetPageAsync(marked.Location());
        Assert.Equal(Html.Text("CallCentre_Done_duplicate", Cultures.Russian), after.Find(".notice").TextContent.Trim());
        Assert.Equal($"/call-centre/requests/{original.Id}", after.Find("#original-link").GetAttribute("href"));
    }

    [Fact]
    public async Task Points_within_300_metres_are_near_the_same_address()
    {
        var original = await QueuedAsync(People.NewPhone(), Offices.Almaty, address: "дом у реки", point: (43.25, 76.95));
        var near = await QueuedAsync(People.NewPhone(), Offices.Almaty, address: "возле моста", point: (43.2518, 76.95));
        var far = await QueuedAsync(People.NewPhone(), Offices.Almaty, address: "возле рынка", point: (43.26, 76.95));

        using var scope = app.Services.CreateScope();
        var lookup = scope.ServiceProvider.GetRequiredService<HelpRequestLookup>();
        var found = await lookup.PossibleDuplicatesAsync(new DuplicateProbe(null, "groceries", Offices.Almaty, "улица без номера", 43.2505, 76.9502), CancellationToken.None);

        Assert.Contains(found, r => r.Id == original.Id);
        Assert.Contains(found, r => r.Id == near.Id);
        Assert.DoesNotContain(found, r => r.Id == far.Id);
    }

    [Fact]
    public async Task Triage_moves_the_due_times_and_is_on_the_timeline()
    {
        var almaty = await app.NewPerson().Speaking("ru").Staff(Offices.Almaty, FrontOfficeStaff.Operator).SignedIn();
        var request = await QueuedAsync(People.NewPhone(), Offices.Almaty);
        var url = $"/call-centre/requests/{request.Id}";
        var page = await almaty.Pages.GetPageAsync(url);

        using var triaged = await almaty.Pages.SubmitAsync(page, "#triage-form", new Dictionary<string, string> { ["Urgency"] = "critical" }, url);

        Assert.Equal(HttpStatusCode.Redirect, triaged.StatusCode);
        var stored = await StoredAsync(request.Id);
        Assert.Equal(HelpUrgency.Critical, stored.Urgency);
        Assert.Equal(stored.QueuedAt!.Value.AddHours(1), stored.ClaimDueAt!.Value, TimeSpan.FromSeconds(1));
        Assert.Equal(stored.QueuedAt!.Value.AddHours(4), stored.DoneDueAt!.Value, TimeSpan.FromSeconds(1));
        var after = await almaty.Pages.GetPageAsync(url);
        Assert.Equal(Html.Text("CallCentre_Done_triaged", Cultures.Russian), after.Find(".notice").TextContent.Trim());
        Assert.Contains(Html.Text("HelpUrgency_critical", Cultures.Russian), after.Find("#timeline li[data-kind='triaged']").TextContent, StringComparison.Ordinal);

        using var refused = await almaty.Pages.SubmitAsync(after, "#triage-form", new Dictionary<string, string> { ["Urgency"] = "yesterday" }, url);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(Html.Text("Error_help_urgency_invalid", Cultures.Russian), (await Html.ParseAsync(refused)).FieldError("Urgency"));
        Assert.Equal(HelpUrgency.Critical, (await StoredAsync(request.Id)).Urgency);
    }

    [Fact]
    public async Task Waiting_for_the_citizen_pauses_the_clock_and_resuming_moves_the_due_time_by_the_pause()
    {
        var almaty = await app.NewPerson().Speaking("ru").Staff(Offices.Almaty, FrontOfficeStaff.Operator).SignedIn();
        var start = DateTime.UtcNow;
        try
        {
            app.Clock.Set(start);
            var request = await QueuedAsync(People.NewPhone(), Offices.Almaty);
            var due = (await StoredAsync(request.Id)).ClaimDueAt!.Value;
            var url = $"/call-centre/requests/{request.Id}";

            using var waiting = await almaty.Pages.SubmitAsync(await almaty.Pages.GetPageAsync(url), "#wait-form", pageUrl: url);
            Assert.Equal(HttpStatusCode.Redirect, waiting.StatusCode);
            app.Clock.Advance(TimeSpan.FromHours(2));
            var paused = await almaty.Pages.GetPageAsync(url);
            Assert.Equal(Html.Text("CallCentre_Clock_Paused", Cultures.Russian), paused.Find("#clock").TextContent.Trim());

            using var resumed = await almaty.Pages.SubmitAsync(paused, "#resume-form", pageUrl: url);

            Assert.Equal(HttpStatusCode.Redirect, resumed.StatusCode);
            var stored = await StoredAsync(request.Id);
            Assert.Null(stored.WaitingSince);
            Assert.Equal(due.AddHours(2), stored.ClaimDueAt!.Value, TimeSpan.FromSeconds(1));
            var kinds = await app.Db(db => db.HelpRequestEvents.Where(e => e.HelpRequestId == request.Id).OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync());
            Assert.Equal([HelpRequestEvent.Asked, HelpRequestEvent.Queued, HelpRequestEvent.Waiting, HelpRequestEvent.Resumed], kinds);
            var running = await almaty.Pages.GetPageAsync(url);
            Assert.Equal(Html.Text("CallCentre_Clock_Left", Cultures.Russian, Durations.Format(24 * 60, Cultures.Russian)), running.Find("#clock").TextContent.Trim());
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task The_page_shows_who_holds_the_claim_and_once_done_the_helpers_note_minutes_and_the_call_back_link()
    {
        var almaty = await app.NewPerson().Speaking("ru").Staff(Offices.Almaty, FrontOfficeStaff.Operator).SignedIn();
        var volunteer = await app.NewPerson().Named("Асель Нурланова");
        var request = await QueuedAsync(People.NewPhone(), Offices.Almaty);
        var url = $"/call-centre/requests/{request.Id}";
        using (var scope = app.Services.CreateScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<HelpRequestClaims>().ClaimAsync(request.Id, volunteer.Id, CancellationToken.None)).Succeeded);
        }

        var claimed = await almaty.Pages.GetPageAsync(url);
        Assert.StartsWith("Асель Нурланова", claimed.Find("#claimed-by").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Null(claimed.QuerySelector("#callback-link"));

        using (var scope = app.Services.CreateScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<HelpRequestClaims>().CompleteAsync(request.Id, volunteer.Id, "Купила продукты", 90, CancellationToken.None)).Succeeded);
        }

        var done = await almaty.Pages.GetPageAsync(url);
        Assert.Equal($"/call-centre/callbacks/{request.Id}", done.Find("#callback-link").GetAttribute("href"));
        Assert.Equal("Купила продукты", done.Find("#done-note").TextContent.Trim());
        Assert.Contains(Durations.Format(90, Cultures.Russian), done.Find("#helper").TextContent, StringComparison.Ordinal);
        Assert.Contains("Асель Нурланова", done.Find("#timeline li[data-kind='done']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_operator_cancels_on_the_callers_behalf_and_a_second_cancel_is_refused_in_words()
    {
        var almaty = await app.NewPerson().Speaking("kk").Staff(Offices.Almaty, FrontOfficeStaff.Operator).SignedIn();
        var request = await QueuedAsync(People.NewPhone(), Offices.Almaty);
        var url = $"/call-centre/requests/{request.Id}";
        var page = await almaty.Pages.GetPageAsync(url);

        using var cancelled = await almaty.Pages.SubmitAsync(page, "#cancel-form", pageUrl: url);
        using var again = await almaty.Pages.SubmitAsync(page, "#cancel-form", pageUrl: url);

        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Equal(HelpRequestStatus.Cancelled, (await StoredAsync(request.Id)).Status);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains(Html.Text("Error_help_request_not_active", Cultures.Kazakh), (await Html.ParseAsync(again)).Find(".error-summary").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_queue_puts_the_soonest_breach_first_paused_ones_after_running_ones_and_shows_the_clock_in_words()
    {
        var karaganda = await app.NewPerson().Speaking("ru").Staff(Offices.Karaganda, FrontOfficeStaff.Operator).SignedIn();
        var now = DateTime.UtcNow;
        HelpRequest overdue, critical, normal, paused, kazakh, almaty;
        try
        {
            app.Clock.Set(now.AddHours(-25));
            overdue = await QueuedAsync(People.NewPhone(), Offices.Karaganda);
            paused = await QueuedAsync(People.NewPhone(), Offices.Karaganda, urgency: "critical");
            app.Clock.Set(now);
            critical = await QueuedAsync(People.NewPhone(), Offices.Karaganda, urgency: "critical");
            normal = await QueuedAsync(People.NewPhone(), Offices.Karaganda);
            kazakh = await QueuedAsync(People.NewPhone(), Offices.Karaganda, language: "kk", urgency: "low");
            almaty = await QueuedAsync(People.NewPhone(), Offices.Almaty, urgency: "critical");
            using (var scope = app.Services.CreateScope())
            {
                await scope.ServiceProvider.GetRequiredService<HelpRequestTriage>().WaitAsync(paused.Id, karaganda.Id, CancellationToken.None);
            }

            var page = await karaganda.Pages.GetPageAsync("/call-centre?Language=ru");
            var ids = page.QuerySelectorAll("#queue tbody tr").Select(r => r.GetAttribute("data-request")).ToList();
            var mine = new[] { overdue, critical, normal, paused }.Select(r => r.Id.ToString()).ToHashSet();
            Assert.Equal(new[] { overdue.Id.ToString(), critical.Id.ToString(), normal.Id.ToString(), paused.Id.ToString() }, ids.Where(id => id is not null && mine.Contains(id)));
            Assert.DoesNotContain(kazakh.Id.ToString(), ids);
            Assert.DoesNotContain(almaty.Id.ToString(), ids);

            var ru = Cultures.Russian;
            Assert.Equal(Html.Text("CallCentre_Clock_Overdue", ru, Durations.Format(60, ru)), Row(page, overdue).QuerySelector(".clock")!.TextContent.Trim());
            Assert.Equal(Html.Text("CallCentre_Clock_Left", ru, Durations.Format(60, ru)), Row(page, critical).QuerySelector(".clock")!.TextContent.Trim());
            Assert.Equal(Html.Text("CallCentre_Clock_Paused", ru), Row(page, paused).QuerySelector(".clock")!.TextContent.Trim());
            Assert.Equal("waiting", Row(page, paused).GetAttribute("data-status"));
            Assert.Contains(Html.Text("HelpCategory_groceries", ru), Row(page, normal).TextContent, StringComparison.Ordinal);
            Assert.DoesNotContain("Сауле", page.Find("#queue").TextContent, StringComparison.Ordinal);
            Assert.NotNull(page.QuerySelector("a#new-call[href='/call-centre/new'][accesskey]"));
            Assert.True(int.Parse(page.Find("#counts li[data-status='waiting'] strong").TextContent, System.Globalization.CultureInfo.InvariantCulture) >= 1);

            var kk = await karaganda.Pages.GetPageAsync("/call-centre?Language=kk");
            Assert.Equal(
                new[] { kazakh.Id.ToString() },
                kk.QuerySelectorAll("#queue tbody tr").Select(r => r.GetAttribute("data-request")).Where(id => id is not null && (id == kazakh.Id.ToString() || mine.Contains(id))));
            var waitingOnly = await karaganda.Pages.GetPageAsync("/call-centre?Status=waiting");
            Assert.Contains(paused.Id.ToString(), waitingOnly.QuerySelectorAll("#queue tbody tr").Select(r => r.GetAttribute("data-request")));
            Assert.DoesNotContain(critical.Id.ToString(), waitingOnly.QuerySelectorAll("#queue tbody tr").Select(r => r.GetAttribute("data-request")));
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task The_national_office_sees_every_region_and_filters_by_one()
    {
        var national = await app.NewPerson().Staff(FrontOffice.NationalKato).SignedIn();
        var karaganda = await QueuedAsync(People.NewPhone(), Offices.Karaganda, urgency: "critical");
        var almaty = await QueuedAsync(People.NewPhone(), Offices.Almaty, urgency: "critical");

        var all = await national.Pages.GetPageAsync("/call-centre?Status=new");
        var one = await national.Pages.GetPageAsync($"/call-centre?Status=new&Region={Offices.Karaganda}");

        Assert.NotNull(all.QuerySelector($"#Region option[value='{Offices.Almaty}']"));
        Assert.NotNull(all.QuerySelector($"#queue tr[data-request='{karaganda.Id}']"));
        Assert.NotNull(all.QuerySelector($"#queue tr[data-request='{almaty.Id}']"));
        Assert.NotNull(one.QuerySelector($"#queue tr[data-request='{karaganda.Id}']"));
        Assert.Null(one.QuerySelector($"#queue tr[data-request='{almaty.Id}']"));
    }

    [Fact]
    public async Task An_astana_operator_is_refused_an_almaty_request_and_the_attempt_is_audited()
    {
        var astana = await app.NewPerson().Staff(Offices.Astana, FrontOfficeStaff.Operator).SignedIn();
        var request = await QueuedAsync(People.NewPhone(), Offices.Almaty);

        using var response = await astana.Pages.GetAsync($"/call-centre/requests/{request.Id}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/error/403", Offices.RedirectPath(response));
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(e =>
            e.ActorId == astana.Id && e.Outcome == AuditEntry.Denied && e.Action == "GET call-centre/requests/{helpRequestId:guid}")));
        Assert.False(await app.Db(db => db.AuditEntries.AnyAsync(e => e.ActorId == astana.Id && e.Action == RequestModel.ReadAction)));

        // Nor may they log a call for Almaty.
        var form = await astana.Pages.GetPageAsync(NewCall);
        var phone = People.NewPhone();
        using var logged = await astana.Pages.SubmitAsync(form, "#call-form", Call(phone), NewCall);
        Assert.Equal(HttpStatusCode.OK, logged.StatusCode);
        Assert.Equal(Html.Text("Error_forbidden", Cultures.Kazakh), (await Html.ParseAsync(logged)).FieldError("Input_RegionKato"));
        Assert.Equal(0, await CountAsync(phone));
    }

    [Fact]
    public async Task Every_open_of_a_request_by_staff_is_audited()
    {
        var almaty = await app.NewPerson().Staff(Offices.Almaty).SignedIn();
        var national = await app.NewPerson().Staff(FrontOffice.NationalKato, FrontOfficeStaff.Operator).SignedIn();
        var request = await QueuedAsync(People.NewPhone(), Offices.Almaty);
        var url = $"/call-centre/requests/{request.Id}";

        await almaty.Pages.GetPageAsync(url);
        await almaty.Pages.GetPageAsync(url);
        await national.Pages.GetPageAsync(url);

        var reads = await app.Db(db => db.AuditEntries.Where(e => e.Action == RequestModel.ReadAction && e.TargetId == request.Id.ToString())
            .Select(e => new { e.ActorId, e.RegionKato }).ToListAsync());
        Assert.Equal(2, reads.Count(r => r.ActorId == almaty.Id));
        Assert.Equal(1, reads.Count(r => r.ActorId == national.Id));
        Assert.All(reads, r => Assert.Equal(Offices.Almaty, r.RegionKato));
        Assert.Equal(HttpStatusCode.NotFound, (await almaty.Pages.GetAsync($"/call-centre/requests/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task A_stranger_is_sent_to_log_in_and_a_plain_volunteer_is_refused_every_page()
    {
        var volunteer = await app.NewPerson().SignedIn();
        var request = await QueuedAsync(People.NewPhone(), Offices.Almaty);

        foreach (var url in new[] { "/call-centre", NewCall, $"/call-centre/requests/{request.Id}" })
        {
            using var stranger = await app.Browser().GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, stranger.StatusCode);
            Assert.Equal("/account/login", Offices.RedirectPath(stranger));
            using var refused = await volunteer.Pages.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Equal("/error/403", Offices.RedirectPath(refused));
        }

        var home = await volunteer.Pages.GetPageAsync("/");
        Assert.Null(home.QuerySelector(".site-nav a[href='/call-centre']"));
        var operatorHome = await (await app.NewPerson().Staff(Offices.Almaty, FrontOfficeStaff.Operator).SignedIn()).Pages.GetPageAsync("/");
        Assert.NotNull(operatorHome.QuerySelector(".site-nav a[href='/call-centre']"));
    }

    [Fact]
    public async Task Bad_input_is_shown_next_to_each_field_in_kazakh_with_the_form_filled_and_nothing_stored()
    {
        var almaty = await app.NewPerson().Speaking("kk").Staff(Offices.Almaty, FrontOfficeStaff.Operator).SignedIn();
        var phone = "+7 727 250 " + Random.Shared.Next(10, 99) + " " + Random.Shared.Next(10, 99);
        var form = await almaty.Pages.GetPageAsync(NewCall);
        var call = Call(phone);
        call["Input.Description"] = new string('а', 10_000);
        call["Input.Latitude"] = "51.5";
        call["Input.Longitude"] = "-0.12";
        call["Input.Category"] = "money";
        call["Input.ConsentVersion"] = "";

        using var response = await almaty.Pages.SubmitAsync(form, "#call-form", call, NewCall);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        var kk = Cultures.Kazakh;
        Assert.Equal(Html.Text("Error_phone_not_mobile", kk), page.FieldError("Input_Phone"));
        Assert.Equal(Html.Text("Error_too_long", kk), page.FieldError("Input_Description"));
        Assert.Equal(Html.Text("Error_help_point_outside_kazakhstan", kk), page.FieldError("Input_Latitude"));
        Assert.Equal(Html.Text("Error_help_category_invalid", kk), page.FieldError("Input_Category"));
        Assert.Equal(Html.Text("Error_consent_required", kk), page.FieldError("Input_ConsentVersion"));
        Assert.Equal(call["Input.Address"], page.Value("Input_Address"));
        Assert.Equal("Сауле", page.Value("Input_Name"));
        Assert.Equal(phone, page.Value("Input_Phone"));
        Assert.Equal("high", page.Find("#Input_Urgency option[selected]").GetAttribute("value"));
        Assert.True(page.Find("#Input_Vulnerabilities_elderly").HasAttribute("checked"));
        Assert.Equal(0, await app.Db(db => db.HelpRequests.CountAsync(r => r.OperatorId == almaty.Id)));

        var typo = Call(People.NewPhone());
        typo["Input.Latitude"] = "сорок три";
        using var typed = await almaty.Pages.SubmitAsync(form, "#call-form", typo, NewCall);
        Assert.Equal(Html.Text("Error_coordinates_invalid", kk), (await Html.ParseAsync(typed)).FieldError("Input_Latitude"));

        using var badPhone = await almaty.Pages.SubmitAsync(form, "#call-form", new Dictionary<string, string> { ["Input.Phone"] = "hello" }, submitter: "#find-caller");
        Assert.Equal(Html.Text("Error_phone_invalid", kk), (await Html.ParseAsync(badPhone)).FieldError("Input_Phone"));
    }

    [Theory]
    [InlineData("kk")]
    [InlineData("ru")]
    [InlineData("en")]
    public async Task The_pages_show_text_never_a_resource_key_in_each_language(string language)
    {
        var national = await app.NewPerson().Speaking(language).Staff(FrontOffice.NationalKato, FrontOfficeStaff.Operator).SignedIn();
        var request = await QueuedAsync(People.NewPhone(), Offices.Almaty);
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<HelpRequestTriage>().TriageAsync(request.Id, "high", national.Id, CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<HelpRequestTriage>().WaitAsync(request.Id, national.Id, CancellationToken.None);
        }

        foreach (var url in new[] { "/call-centre", NewCall, $"/call-centre/requests/{request.Id}" })
        {
            var page = await national.Pages.GetPageAsync(url);
            Assert.DoesNotMatch(@"\b(CallCentre|Help[A-Za-z]*|Error|Field)_[A-Za-z_]+", page.Body!.TextContent);
            Assert.Equal(language, page.DocumentElement.GetAttribute("lang"));
        }
    }

    private static Dictionary<string, string> Call(string phone) => new()
    {
        ["Input.Phone"] = phone,
        ["Input.Category"] = "groceries",
        ["Input.Description"] = "Нужны продукты и лекарства, сама не выходит",
        ["Input.RegionKato"] = Offices.Almaty,
        ["Input.Locality"] = "Алмалинский район",
        // A house of its own, so that other tests' requests are not possible duplicates of this one.
        ["Input.Address"] = $"ул. Абая {Random.Shared.Next(100_000, 999_999)}, кв. 5",
        ["Input.Name"] = "Сауле",
        ["Input.Language"] = "ru",
        ["Input.Vulnerabilities"] = "on",
        ["Input.Urgency"] = "high",
        ["Input.ConsentVersion"] = "on",
    };

    private static string Normalized(string phone) => PhoneNumber.TryParse(phone, out var p) ? p!.Value : throw new ArgumentException(phone);

    private static AngleSharp.Dom.IElement Row(AngleSharp.Html.Dom.IHtmlDocument page, HelpRequest request) => page.Find($"#queue tr[data-request='{request.Id}']");

    private Task<int> CountAsync(string phone)
    {
        var stored = Normalized(phone);
        return app.Db(db => db.HelpRequests.CountAsync(r => r.Phone == stored));
    }

    private Task<HelpRequest> StoredAsync(Guid id) => app.Db(db => db.HelpRequests.AsNoTracking().SingleAsync(r => r.Id == id));

    private async Task<HelpRequest> QueuedAsync(
        string phone,
        string region,
        string category = "groceries",
        string address = "ул. Абая 10",
        string? name = "Сауле",
        string language = "ru",
        string? locality = null,
        string? urgency = null,
        (double Lat, double Lon)? point = null)
    {
        using var scope = app.Services.CreateScope();
        var asked = await scope.ServiceProvider.GetRequiredService<HelpRequestIntake>().AskAsync(
            new HelpRequestInput
            {
                Category = category,
                Description = "Нужна помощь " + Guid.NewGuid().ToString("N")[..8],
                RegionKato = region,
                Locality = locality,
                Address = address,
                Latitude = point?.Lat,
                Longitude = point?.Lon,
                Name = name,
                Phone = phone,
                Language = language,
                Urgency = urgency,
                ConsentVersion = PersonalDataConsent.CurrentVersion,
            },
            operatorId: Guid.NewGuid(),
            CancellationToken.None);
        return asked.Value?.Request ?? throw new InvalidOperationException(asked.Error);
    }
}

[Collection(Sqlite.Name)]
public sealed class CallCentreTestsOnSqlite(SqliteApp app) : CallCentreTests(app);

[Collection(Postgres.Name)]
public sealed class CallCentreTestsOnPostgres(PostgresApp app) : CallCentreTests(app);
