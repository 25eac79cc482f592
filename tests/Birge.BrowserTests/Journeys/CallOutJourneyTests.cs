using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Birge.BrowserTests.Infrastructure;
using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Features.Attendance;
using Birge.Web.Features.CallOuts;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Birge.BrowserTests.Infrastructure.Pages;
using static Microsoft.Playwright.Assertions;

namespace Birge.BrowserTests.Journeys;

/// <summary>
/// The call-outs issue's "done when", in a real browser on a phone, in Russian and in Kazakh: the staff of a region
/// make a rescue team of four and a standby team of two on the register's pages; a member switches e-mail off for
/// reminders and sees that call-outs cannot be switched off; the staff preview a call-out (the SMS's parts), send it
/// to the team; the member sees it in the inbox and answers "I come" by its link, and still got it by e-mail; two
/// answer by SMS through the gateway's endpoint; the first wave falls short, so at the next-wave time the standby team
/// is asked and one of them fills it; the one who never answered is told "not needed" once, and a late "yes" only
/// puts them in reserve; on site those coming check in with the code of the staff's screen and the board's roster
/// shows it. axe runs on every page of the journey.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class CallOutJourneyTests(BrowserApp app)
{
    private const string GatewaySecret = "journey-gateway-secret";

    /// <summary>A region of its own per language (no other browser test uses them), so the standby teams asked are the journey's own.</summary>
    public static TheoryData<string, string> Languages => new()
    {
        { "ru", "470000000" }, // Mangystau
        { "kk", "230000000" }, // Atyrau
    };

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Staff_call_out_a_team_members_answer_by_link_and_sms_a_second_wave_fills_it_and_those_coming_check_in(string language, string kato)
    {
        var culture = Cultures.FromLanguage(language);
        var kk = language == "kk";
        var tag = Random.Shared.Next(1000, 9999).ToString(CultureInfo.InvariantCulture);
        var staff = await app.NewAccountAsync(kk ? "Ержан Бекұлы" : "Ержан Беков", language, kato);
        await MakeStaffAsync(staff.Id, kato);
        var a = await app.NewAccountAsync(kk ? "Айгерім Сәрсенқызы" : "Анна Ким", language, kato);
        var b = await app.NewAccountAsync(kk ? "Бауыржан Асқарұлы" : "Борис Петров", language, kato);
        var c = await app.NewAccountAsync(kk ? "Гүлнар Әбенова" : "Галина Орлова", language, kato);
        var d = await app.NewAccountAsync(kk ? "Данияр Серікұлы" : "Дмитрий Ли", language, kato);
        var e = await app.NewAccountAsync(kk ? "Еркін Нұрланұлы" : "Елена Цой", language, kato);
        var f = await app.NewAccountAsync(kk ? "Жанар Мұратқызы" : "Жанна Ахметова", language, kato);
        var title = (kk ? "Су тасқыны: қап толтыру " : "Паводок: мешки с песком ") + tag;
        var place = kk ? "Ақтау, 14-шағынаудан, мектеп алаңы" : "Актау, 14-й микрорайон, школьный двор";
        var pages = new List<IPage>();
        try
        {
            // 1. The staff make the team and the standby team on the register's pages, adding members by phone or e-mail.
            var office = await LoggedInAsync(staff.Email, culture, pages);
            // The board's timers run on a clock the test moves, so its refresh needs no real 20-second wait.
            await office.Clock.InstallAsync();
            await office.OpenMenuAsync();
            await office.NavLink("Nav_FrontOffice", culture).ClickAsync();
            await Expect(office).ToHaveURLAsync(new Regex("/front-office$"));
            await office.AssertAccessibleAsync($"/front-office ({language})");
            await office.Locator($"#readiness-links a[href='/front-office/{kato}/teams']").ClickAsync();
            await Expect(office).ToHaveURLAsync(new Regex($"/front-office/{kato}/teams$"));
            await office.AssertAccessibleAsync($"/front-office/{{kato}}/teams ({language})");
            var rescuers = (kk ? "Құтқарушылар " : "Спасатели ") + tag;
            var teamId = await NewTeamAsync(office, kato, rescuers, standby: false, culture, [a.Phone, b.Email, c.Phone, d.Phone]);
            await office.AssertAccessibleAsync($"/front-office/{{kato}}/teams/{{id}} with four members ({language})");
            await office.ScreenshotAsync($"callout-team-{language}");
            await office.GetByRole(AriaRole.Link, new() { Name = string.Format(culture, T("Team_BackToList", culture), RegionName(kato, culture)), Exact = true }).ClickAsync();
            await Expect(office).ToHaveURLAsync(new Regex($"/front-office/{kato}/teams$"));
            var reserve = (kk ? "Қосалқы топ " : "Резерв ") + tag;
            var reserveId = await NewTeamAsync(office, kato, reserve, standby: true, culture, [e.Phone, f.Phone]);
            Assert.True(await app.Db(db => db.Teams.AnyAsync(t => t.Id == reserveId && t.Standby && t.RegionKato == kato)));

            // 2. Volunteer A switches e-mail off for reminders; call-outs cannot be switched off.
            var volunteerA = await LoggedInAsync(a.Email, culture, pages);
            await volunteerA.GotoAsync("/account/notifications");
            await Expect(Heading(volunteerA)).ToHaveTextAsync(T("Notifications_Preferences_Title", culture));
            var reminders = volunteerA.Locator("tr[data-kind='reminders']");
            var remindersByEmail = reminders.GetByRole(AriaRole.Checkbox, new() { Name = $"{T("Notifications_Kind_reminders", culture)}: {T("Notifications_Channel_Email", culture)}", Exact = true });
            await Expect(remindersByEmail).ToBeCheckedAsync();
            await remindersByEmail.UncheckAsync();
            var callOutsRow = volunteerA.Locator("tr[data-kind='call_outs']");
            await Expect(callOutsRow).ToContainTextAsync(T("Notifications_AlwaysSent", culture));
            foreach (var box in await callOutsRow.GetByRole(AriaRole.Checkbox).AllAsync())
            {
                await Expect(box).ToBeDisabledAsync();
                await Expect(box).ToBeCheckedAsync();
            }

            await volunteerA.AssertAccessibleAsync($"/account/notifications ({language})");
            await volunteerA.Button("Notifications_Save", culture).ClickAsync();
            await Expect(volunteerA).ToHaveURLAsync(new Regex("/account/notifications$"));
            await Expect(remindersByEmail).Not.ToBeCheckedAsync();
            var preference = await app.Db(db => db.NotificationPreferences.AsNoTracking().SingleAsync(p => p.AccountId == a.Id && p.Kind == "reminders"));
            Assert.False(preference.Email);
            Assert.True(preference.InApp);

            // 3. The staff fill in the call-out, preview it (whom it reaches, the SMS's parts) and send it to the team.
            await office.GotoAsync($"/front-office/{kato}/call-outs");
            await Expect(Heading(office)).ToHaveTextAsync(string.Format(culture, T("CallOut_List_Title", culture), RegionName(kato, culture)));
            await office.AssertAccessibleAsync($"/front-office/{{kato}}/call-outs ({language})");
            var now = KazakhstanTime.FromUtc(app.Clock.GetUtcNow().UtcDateTime);
            await office.Field("CallOut_Field_Title", culture).FillAsync(title);
            await office.Field("CallOut_Field_Description", culture).FillAsync(kk
                ? "Жағалауды қорғау үшін құм қаптарын толтыру керек. Қолғап пен су алыңыз."
                : "Нужно наполнить мешки песком для защиты берега. Возьмите перчатки и воду.");
            await office.Field("CallOut_Field_Place", culture).FillAsync(place);
            await office.Field("CallOut_Field_StartsAt", culture).FillAsync(Local(now.AddHours(3)));
            await office.Field("CallOut_Field_AnswerBy", culture).FillAsync(Local(now.AddHours(2)));
            await office.Field("CallOut_Field_NextWaveAt", culture).FillAsync(Local(now.AddHours(1)));
            await office.Field("CallOut_Field_Needed", culture).FillAsync("3");
            await office.GetByLabel(new Regex("^" + Regex.Escape(rescuers) + " ")).CheckAsync();
            await office.Button("CallOut_PreviewButton", culture).ClickAsync();

            await Expect(office.Locator("#preview-people")).ToHaveTextAsync(string.Format(culture, T("CallOut_Preview_People", culture), 4));
            var previewSms = (await office.Locator("#preview-sms").TextContentAsync())!.Trim();
            Assert.Contains(place, previewSms, StringComparison.Ordinal);
            // Cyrillic SMS are UCS-2: 70 characters in one, 67 a part when longer.
            var parts = previewSms.Length <= 70 ? 1 : (previewSms.Length + 66) / 67;
            Assert.True(parts >= 2, $"the call-out's SMS has {previewSms.Length} characters");
            await Expect(office.Locator("#preview-sms-parts")).ToHaveTextAsync(string.Format(culture, T("CallOut_Preview_SmsParts", culture), parts, previewSms.Length));
            await Expect(office.Field("CallOut_Field_Title", culture)).ToHaveValueAsync(title);
            await Expect(office.GetByLabel(new Regex("^" + Regex.Escape(rescuers) + " "))).ToBeCheckedAsync();
            Assert.Equal(0, await app.Db(db => db.CallOuts.CountAsync(x => x.Title == title)));
            await office.AssertAccessibleAsync($"/front-office/{{kato}}/call-outs, previewed ({language})");
            await office.ScreenshotAsync($"callout-preview-{language}");
            await office.Button("CallOut_SendButton", culture).ClickAsync();

            await Expect(office).ToHaveURLAsync(new Regex($"/front-office/{kato}/call-outs/[0-9a-f-]{{36}}$"));
            var id = Guid.Parse(new Uri(office.Url).Segments[^1]);
            var callOut = await app.Db(db => db.CallOuts.AsNoTracking().SingleAsync(x => x.Id == id));
            Assert.Equal((title, 3, kato), (callOut.Title, callOut.Needed, callOut.RegionKato));
            await Expect(office.GetByRole(AriaRole.Status)).ToHaveTextAsync(T("CallOut_Sent_Notice", culture));
            await Expect(office.Locator("#sent")).ToHaveTextAsync("4");
            await Expect(office.Locator("#coming")).ToHaveTextAsync("0 / 3");
            await office.AssertAccessibleAsync($"the board, just sent ({language})");

            // 4. A sees the notice in the inbox and answers by its link; the e-mail came too, reminders off or not.
            await volunteerA.GotoAsync("/account");
            await Expect(volunteerA.Locator("#nav-inbox")).ToHaveAttributeAsync("data-unread", "1");
            await volunteerA.OpenMenuAsync();
            await volunteerA.Locator("#nav-inbox").ClickAsync();
            await Expect(volunteerA).ToHaveURLAsync(new Regex("/notifications$"));
            var notice = volunteerA.Locator("li[data-kind='call_outs']");
            await Expect(notice).ToHaveCountAsync(1);
            await Expect(notice).ToHaveAttributeAsync("data-read", "false");
            await Expect(notice).ToContainTextAsync(title);
            await Expect(notice).ToContainTextAsync(T("Notifications_Critical", culture));
            await volunteerA.AssertAccessibleAsync($"/notifications with the call-out ({language})");
            await volunteerA.ScreenshotAsync($"callout-inbox-{language}");
            await notice.GetByRole(AriaRole.Button, new() { Name = T("Notifications_Open", culture), Exact = true }).ClickAsync();

            await Expect(volunteerA).ToHaveURLAsync(new Regex($"/call-outs/{id}$"));
            await Expect(Heading(volunteerA)).ToHaveTextAsync(title);
            await Expect(volunteerA.Locator("#answer-state")).ToHaveAttributeAsync("data-state", "waiting");
            await Expect(volunteerA.Locator("#place")).ToHaveTextAsync(place);
            await Expect(volunteerA.Locator("#nav-inbox")).ToHaveAttributeAsync("data-unread", "0");
            await volunteerA.AssertAccessibleAsync($"/call-outs/{{id}}, asked ({language})");
            await volunteerA.Button("CallOut_IComeButton", culture).ClickAsync();
            await Expect(volunteerA.Locator("#answer-state")).ToHaveAttributeAsync("data-state", "selected");
            await Expect(volunteerA.Locator("#answer-state")).ToHaveTextAsync(T("CallOut_You_selected", culture));
            await volunteerA.AssertAccessibleAsync($"/call-outs/{{id}}, coming ({language})");
            await volunteerA.ScreenshotAsync($"callout-coming-{language}");

            var toA = await app.Db(db => db.OutboxMessages.AsNoTracking()
                .Where(m => m.IdempotencyKey!.StartsWith(CallOutDispatch.Key(id, 1, a.Id) + ":"))
                .Select(m => new { m.Channel, m.Recipient, m.Body })
                .ToListAsync());
            Assert.Equal([(OutboxChannel.Email, a.Email), (OutboxChannel.Sms, a.Phone)], toA.Select(m => (m.Channel, m.Recipient)).OrderBy(m => m.Channel));
            var smsToA = toA.Single(m => m.Channel == OutboxChannel.Sms).Body;
            Assert.Contains("1 " + callOut.ShortCode, smsToA, StringComparison.Ordinal);
            Assert.Equal(previewSms.Length, smsToA.Length); // the preview counted the parts of the very text sent

            // 5. B answers "1 <code>" by SMS and C "2 <code>", through the gateway's endpoint with its secret.
            app.Services.GetRequiredService<IConfiguration>()["Sms:InboundSecret"] = GatewaySecret;
            using var gateway = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
            Assert.Equal("selected", await SmsAsync(gateway, b.Phone, "1 " + callOut.ShortCode));
            Assert.Equal("declined", await SmsAsync(gateway, c.Phone, "2 " + callOut.ShortCode.ToLowerInvariant()));
            using (var noSecret = await gateway.PostAsJsonAsync("/api/v1/sms/inbound", new { from = d.Phone, text = "1" }))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, noSecret.StatusCode);
            }

            // 6. The board brings itself up to date, without a reload: 2 coming, 1 can't, 1 no answer; the first wave falls short.
            await office.Clock.RunForAsync(BoardModel.RefreshSeconds * 1000);
            await Expect(office.Locator("#coming")).ToHaveTextAsync("2 / 3");
            await Expect(office.Locator("#cannot")).ToHaveTextAsync("1");
            await Expect(office.Locator("#no-answer")).ToHaveTextAsync("1");
            await Expect(office.Locator("#status")).ToHaveAttributeAsync("data-status", "open");
            await Expect(office.Locator("#roster tr[data-account]")).ToHaveCountAsync(2);
            await Expect(office.Locator($"#roster tr[data-account='{a.Id}']")).ToContainTextAsync(a.Phone);
            await Expect(office.Locator($"#roster tr[data-account='{b.Id}']")).ToBeVisibleAsync();
            await office.AssertAccessibleAsync($"the board, first wave ({language})");
            await office.ScreenshotAsync($"callout-board-wave1-{language}");

            // At the next-wave time the job asks the region's standby team.
            var waves = app.Services.GetRequiredService<CallOutWaves>();
            Assert.Equal(0, await waves.RunOnceAsync(CancellationToken.None));
            app.Clock.Advance(callOut.NextWaveAt!.Value - app.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromMinutes(1));
            Assert.Equal(1, await waves.RunOnceAsync(CancellationToken.None));
            var unanswered = await app.Db(db => db.CallOutRecipients.AsNoTracking().Where(r => r.CallOutId == id && r.Reply == null).Select(r => new { r.AccountId, r.Wave }).ToListAsync());
            Assert.Equal(new[] { (d.Id, 1), (e.Id, 2), (f.Id, 2) }.Order(), unanswered.Select(r => (r.AccountId, r.Wave)).Order());
            await office.ReloadAsync();
            await Expect(office.Locator("#sent")).ToHaveTextAsync("6");
            await Expect(office.Locator("#by-wave tr[data-wave='2'] td").First).ToHaveTextAsync("2");
            await Expect(office.Locator("#wave")).ToContainTextAsync("2");
            await office.AssertAccessibleAsync($"the board, second wave ({language})");

            // E of the standby team answers by the link: enough, the call-out fills.
            var volunteerE = await LoggedInAsync(e.Email, culture, pages);
            await volunteerE.GotoAsync($"/call-outs/{id}");
            await Expect(volunteerE.Locator("#answer-state")).ToHaveAttributeAsync("data-state", "waiting");
            await volunteerE.AssertAccessibleAsync($"/call-outs/{{id}}, second wave ({language})");
            await volunteerE.Button("CallOut_IComeButton", culture).ClickAsync();
            await Expect(volunteerE.Locator("#answer-state")).ToHaveAttributeAsync("data-state", "selected");

            await office.ReloadAsync();
            await Expect(office.Locator("#status")).ToHaveAttributeAsync("data-status", "filled");
            await Expect(office.Locator("#coming")).ToHaveTextAsync("3 / 3");
            await Expect(office.Locator("#roster tr[data-account]")).ToHaveCountAsync(3);

            // D never answered: their page says "not needed", told once; a late "yes" by SMS only puts them in reserve.
            var volunteerD = await LoggedInAsync(d.Email, culture, pages);
            await volunteerD.GotoAsync($"/call-outs/{id}");
            await Expect(volunteerD.Locator("#answer-state")).ToHaveAttributeAsync("data-state", "not_needed");
            await Expect(volunteerD.Locator("#answer-state")).ToHaveTextAsync(T("CallOut_You_not_needed", culture));
            await volunteerD.AssertAccessibleAsync($"/call-outs/{{id}}, not needed ({language})");
            await volunteerD.ScreenshotAsync($"callout-not-needed-{language}");
            Assert.Equal("standby", await SmsAsync(gateway, d.Phone, "1"));
            var notNeeded = await app.Db(db => db.OutboxMessages.AsNoTracking()
                .Where(m => m.IdempotencyKey!.StartsWith($"callout:{id}:not-needed:"))
                .Select(m => new { m.Channel, m.Recipient })
                .ToListAsync());
            Assert.Equal(
                new[] { (OutboxChannel.Email, d.Email), (OutboxChannel.Email, f.Email), (OutboxChannel.Sms, d.Phone), (OutboxChannel.Sms, f.Phone) }.Order(),
                notNeeded.Select(m => (m.Channel, m.Recipient)).Order());
            Assert.Equal(1, await app.Db(db => db.Notifications.CountAsync(n => n.AccountId == d.Id && n.Type == nameof(CallOutMessages.CallOutNotNeeded))));
            await volunteerD.ReloadAsync();
            await Expect(volunteerD.Locator("#answer-state")).ToHaveAttributeAsync("data-state", "standby");
            await office.ReloadAsync();
            await Expect(office.Locator($"#standby tr[data-account='{d.Id}']")).ToBeVisibleAsync();
            await Expect(office.Locator("#coming")).ToHaveTextAsync("3 / 3");

            // 7. On site, ten minutes before the start: the staff's screen shows the code, A opens the QR code's link.
            app.Clock.Advance(callOut.StartsAt - app.Clock.GetUtcNow().UtcDateTime - TimeSpan.FromMinutes(10));
            await office.ReloadAsync();
            await office.Locator("#checkin-screen-link").ClickAsync();
            await Expect(office).ToHaveURLAsync(new Regex($"/front-office/{kato}/call-outs/{id}/checkin$"));
            await Expect(office.Locator("#checkin-qr svg")).ToBeVisibleAsync();
            var code = (await office.Locator("#checkin-code").TextContentAsync())!.Replace(" ", "", StringComparison.Ordinal).Trim();
            await office.AssertAccessibleAsync($"the call-out's check-in screen ({language})");
            await office.ScreenshotAsync($"callout-checkin-screen-{language}");

            await volunteerA.GotoAsync($"/call-outs/{id}/checkin?code={code}");
            await Expect(volunteerA.Field("CallOut_Checkin_Code", culture)).ToHaveValueAsync(code);
            await volunteerA.AssertAccessibleAsync($"/call-outs/{{id}}/checkin ({language})");
            await volunteerA.Button("CallOut_CheckInButton", culture).ClickAsync();
            await Expect(volunteerA).ToHaveURLAsync(new Regex($"/call-outs/{id}/checkin$"));
            await Expect(volunteerA.Locator("#checked-in")).ToBeVisibleAsync();
            await volunteerA.AssertAccessibleAsync($"/call-outs/{{id}}/checkin, checked in ({language})");
            await volunteerA.ScreenshotAsync($"callout-checked-in-{language}");

            // E types the code from the screen.
            await volunteerE.GotoAsync($"/call-outs/{id}/checkin");
            await volunteerE.Field("CallOut_Checkin_Code", culture).FillAsync(CheckinCode.Display(code));
            await volunteerE.Button("CallOut_CheckInButton", culture).ClickAsync();
            await Expect(volunteerE.Locator("#checked-in")).ToBeVisibleAsync();

            // The board's roster shows who came; B has not checked in yet.
            await office.Link("CallOut_BackToBoard", culture).ClickAsync();
            await Expect(office).ToHaveURLAsync(new Regex($"/front-office/{kato}/call-outs/{id}$"));
            var checkedIn = KazakhstanTime.FromUtc(app.Clock.GetUtcNow().UtcDateTime).ToString("g", culture);
            await Expect(office.Locator($"#roster tr[data-account='{a.Id}'] td").Nth(3)).ToHaveTextAsync(checkedIn);
            await Expect(office.Locator($"#roster tr[data-account='{e.Id}'] td").Nth(3)).ToHaveTextAsync(checkedIn);
            await Expect(office.Locator($"#roster tr[data-account='{b.Id}'] td").Nth(3)).ToHaveTextAsync("—");
            await office.AssertAccessibleAsync($"the board with the roster checked in ({language})");
            await office.ScreenshotAsync($"callout-board-checked-in-{language}");
            var roster = await app.Db(db => db.CallOutRecipients.AsNoTracking().Where(r => r.CallOutId == id && r.CheckedInAt != null).Select(r => r.AccountId).ToListAsync());
            Assert.Equal(new[] { a.Id, e.Id }.Order(), roster.Order());
        }
        finally
        {
            app.Clock.Reset();
            foreach (var page in pages)
            {
                await page.Context.CloseAsync();
            }
        }
    }

    private static ILocator Heading(IPage page) => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    private static string Local(DateTime kazakhstanTime) => kazakhstanTime.ToString(CallOutForm.LocalFormat, CultureInfo.InvariantCulture);


    private static string RegionName(string kato, CultureInfo culture) => ReferenceData.Regions.Single(r => r.Kato == kato).Name.Resolve(culture);

    /// <summary>Makes a team on the register's page and adds its members by their contact, as staff do; the team's id.</summary>
    private static async Task<Guid> NewTeamAsync(IPage office, string kato, string name, bool standby, CultureInfo culture, IEnumerable<string> contacts)
    {
        await office.Field("Team_Name", culture).FillAsync(name);
        await office.Field("Team_Kind", culture).SelectOptionAsync("rescue");
        if (standby)
        {
            await office.Field("Team_Standby_Label", culture).CheckAsync();
        }

        await office.Button("Team_Create", culture).ClickAsync();
        await Expect(office).ToHaveURLAsync(new Regex($"/front-office/{kato}/teams/[0-9a-f-]{{36}}$"));
        var teamId = Guid.Parse(new Uri(office.Url).Segments[^1]);
        await Expect(Heading(office)).ToHaveTextAsync(name);
        var added = 0;
        foreach (var contact in contacts)
        {
            await office.Field("Team_AddMember_Contact", culture).FillAsync(contact);
            await office.Field("Team_Member_Role", culture).FillAsync(culture.TwoLetterISOLanguageName == "kk" ? "құтқарушы" : "спасатель");
            await office.Button("Team_AddMember_Submit", culture).ClickAsync();
            await Expect(office.Locator("#members tbody tr")).ToHaveCountAsync(++added);
        }

        return teamId;
    }

    private async Task<IPage> LoggedInAsync(string email, CultureInfo culture, List<IPage> pages)
    {
        var page = await app.NewPageAsync(culture);
        pages.Add(page);
        await page.GotoAsync("/");
        await page.ChooseLanguageAsync(culture);
        await page.OpenMenuAsync();
        await page.NavLink("Nav_Login", culture).ClickAsync();
        await page.Field("Field_Login", culture).FillAsync(email);
        await page.Field("Field_Password", culture).FillAsync(Pages.Password);
        await page.Button("Login_Submit", culture).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/$"));
        return page;
    }

    /// <summary>The gateway forwards an SMS reply; what it decided ("selected", "declined", "standby").</summary>
    private static async Task<string?> SmsAsync(HttpClient gateway, string from, string text)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sms/inbound") { Content = JsonContent.Create(new { from, text }) };
        request.Headers.Add("X-Gateway-Secret", GatewaySecret);
        using var response = await gateway.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("status").GetString();
    }

    /// <summary>Staff of the region's front office, as the national admin assigns them at /admin/staff.</summary>
    private Task<int> MakeStaffAsync(Guid accountId, string kato) => app.Db(async db =>
    {
        db.FrontOfficeStaff.Add(new FrontOfficeStaff { FrontOfficeKato = kato, AccountId = accountId, Role = FrontOfficeStaff.Staff, AssignedAt = DateTime.UtcNow, AssignedBy = accountId });
        return await db.SaveChangesAsync();
    });
}
