using System.Globalization;
using System.Text.RegularExpressions;
using Birge.BrowserTests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Birge.BrowserTests.Infrastructure.Pages;
using static Microsoft.Playwright.Assertions;

namespace Birge.BrowserTests.Journeys;

/// <summary>
/// The help-requests issue's "done when", in a real browser on a phone, in Russian and in Kazakh: a citizen asks for
/// help at <c>/help</c>, confirms the phone with the SMS code and follows the request by its tracking link; an operator
/// of Almaty takes a call from the same person, who is recognised as a repeat caller, and logs a second request on one
/// screen; a volunteer of Almaty sees it in "Help nearby" without the address, takes it and then sees the address,
/// and marks it done; the operator's call-back closes it and the volunteer's book shows the hours. axe runs on every
/// page of the journey.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed partial class HelpRequestJourneyTests(BrowserApp app)
{
    public static TheoryData<string> Languages => new("ru", "kk");

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task A_citizen_asks_an_operator_logs_a_second_call_a_volunteer_helps_and_the_call_back_closes_it(string language)
    {
        var culture = Cultures.FromLanguage(language);
        var phone = "+7701" + Random.Shared.Next(1_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture);
        var citizenName = language == "kk" ? "Сәуле Омарқызы" : "Галина Петровна";
        var address = $"{(language == "kk" ? "Абай даңғылы" : "пр. Абая")}, {Random.Shared.Next(1, 999)}, {Random.Shared.Next(1, 99)}";
        var operatorEmail = (await app.NewAccountAsync("Оператор Алматы", language)).Email;
        var volunteerEmail = (await app.NewAccountAsync(language == "kk" ? "Айгерім Сәрсенқызы" : "Анна Ким", language)).Email;
        await MakeOperatorAsync(operatorEmail);

        // 1. The citizen asks for help online, on a phone, and confirms the phone with the code from the SMS.
        var citizen = await app.NewPageAsync(culture);
        await citizen.GotoAsync("/");
        await citizen.OpenMenuAsync();
        await citizen.NavLink("Nav_Help", culture).ClickAsync();
        await Expect(citizen).ToHaveURLAsync(new Regex("/help$"));
        await Expect(Heading(citizen)).ToHaveTextAsync(T("HelpAsk_Title", culture));
        await citizen.AssertAccessibleAsync($"/help ({language})");
        await citizen.Field("HelpAsk_Phone", culture).FillAsync(phone);
        await citizen.GetByLabel(T("HelpCategory_groceries", culture), new() { Exact = true }).CheckAsync();
        await citizen.Field("HelpAsk_Description", culture).FillAsync(language == "kk"
            ? "Аяғым ауырады, дүкенге бара алмаймын: нан, сүт және дәрі керек."
            : "Болит нога, не могу дойти до магазина: нужны хлеб, молоко и лекарства.");
        await citizen.Field("Field_Region", culture).SelectOptionAsync(AlmatyCity);
        await citizen.Field("HelpAsk_Locality", culture).FillAsync(language == "kk" ? "Алмалы ауданы" : "Алмалинский район");
        await citizen.Field("HelpAsk_Address", culture).FillAsync(address);
        await citizen.Field("HelpAsk_Name", culture).FillAsync(citizenName);
        await citizen.GetByLabel(T("HelpLanguage_" + language, culture), new() { Exact = true }).CheckAsync();
        await citizen.GetByLabel(T("HelpVulnerability_elderly", culture), new() { Exact = true }).CheckAsync();
        await citizen.Locator("#Input_ConsentVersion").CheckAsync();
        await citizen.ScreenshotAsync($"help-ask-{language}");
        await citizen.Button("HelpAsk_Submit", culture).ClickAsync();

        await Expect(citizen).ToHaveURLAsync(new Regex("/help/confirm/[0-9a-f-]{36}$"));
        await citizen.AssertAccessibleAsync($"/help/confirm ({language})");
        var code = SixDigits().Match(await LastSmsAsync(phone)).Value;
        await citizen.Field("HelpAsk_Code", culture).FillAsync(code);
        await citizen.Button("HelpAsk_ConfirmSubmit", culture).ClickAsync();

        await Expect(citizen).ToHaveURLAsync(new Regex("/help/[0-9A-Z]{8}$"));
        var trackingUrl = citizen.Url;
        await Expect(citizen.Locator("#track-now")).ToHaveAttributeAsync("data-status", "new");
        await Expect(citizen.Locator("main")).Not.ToContainTextAsync(address);
        await Expect(citizen.Locator("main")).Not.ToContainTextAsync(citizenName);
        await citizen.AssertAccessibleAsync($"/help/{{code}} ({language})");
        await citizen.ScreenshotAsync($"help-track-{language}");

        // 2. The same person calls: the operator types the phone, recognises them and logs a second request.
        var operatorPage = await app.NewPageAsync(culture);
        await operatorPage.LogInAsync(operatorEmail, culture);
        await operatorPage.OpenMenuAsync();
        await operatorPage.NavLink("CallCentre_Nav", culture).ClickAsync();
        await Expect(operatorPage).ToHaveURLAsync(new Regex("/call-centre$"));
        await operatorPage.AssertAccessibleAsync($"/call-centre ({language})");
        await operatorPage.Locator("#new-call").ClickAsync();
        await Expect(operatorPage).ToHaveURLAsync(new Regex("/call-centre/new$"));
        await operatorPage.Field("Field_Phone", culture).FillAsync(phone);
        await operatorPage.Button("CallCentre_FindCaller", culture).ClickAsync();
        await Expect(operatorPage.Locator("main")).ToContainTextAsync(T("HelpCategory_groceries", culture));
        await Expect(operatorPage.Field("CallCentre_Name", culture)).ToHaveValueAsync(citizenName);
        await Expect(operatorPage.Field("CallCentre_Address", culture)).ToHaveValueAsync(address);
        await operatorPage.AssertAccessibleAsync($"/call-centre/new, a repeat caller ({language})");
        await operatorPage.Field("CallCentre_Category", culture).SelectOptionAsync("transport");
        await operatorPage.Field("CallCentre_Description", culture).FillAsync(language == "kk"
            ? "Бейсенбі күні таңертең емханаға апарып, үйге қайтару керек."
            : "Нужно отвезти в поликлинику в четверг утром и привезти обратно.");
        await operatorPage.Field("CallCentre_Consent", culture).CheckAsync();
        await operatorPage.ScreenshotAsync($"help-new-call-{language}");
        await operatorPage.Locator("#log-call").ClickAsync();

        await Expect(operatorPage).ToHaveURLAsync(new Regex("/call-centre/requests/[0-9a-f-]{36}$"));
        var requestId = Guid.Parse(new Uri(operatorPage.Url).Segments[^1]);
        await Expect(operatorPage.Locator("main")).ToContainTextAsync(address);
        await operatorPage.AssertAccessibleAsync($"/call-centre/requests/{{id}} ({language})");
        Assert.Equal(2, await app.Db(db => db.HelpRequests.CountAsync(r => r.Phone == phone)));

        // 3. A volunteer of Almaty finds it nearby without the address, takes it, then sees the address, and does it.
        var volunteer = await app.NewPageAsync(culture);
        await volunteer.LogInAsync(volunteerEmail, culture);
        await volunteer.OpenMenuAsync();
        await volunteer.NavLink("HelpVolunteer_Nav", culture).ClickAsync();
        await Expect(volunteer).ToHaveURLAsync(new Regex("/help-requests$"));
        var card = volunteer.Locator($"[data-request='{requestId}']");
        await Expect(card).ToHaveCountAsync(1);
        await Expect(volunteer.Locator("main")).Not.ToContainTextAsync(address);
        await volunteer.AssertAccessibleAsync($"/help-requests ({language})");
        await card.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(volunteer).ToHaveURLAsync(new Regex($"/help-requests/{requestId}$"));
        await Expect(volunteer.Locator("main")).Not.ToContainTextAsync(address);
        await Expect(volunteer.Locator("main")).Not.ToContainTextAsync(citizenName);
        await volunteer.AssertAccessibleAsync($"/help-requests/{{id}} before the claim ({language})");
        await volunteer.Button("HelpVolunteer_Take", culture).ClickAsync();
        await Expect(volunteer.Locator("#status")).ToHaveAttributeAsync("data-status", "claimed");
        await Expect(volunteer.Locator("#requester-address")).ToHaveTextAsync(address);
        await Expect(volunteer.Locator("#requester-name")).ToHaveTextAsync(citizenName);
        await volunteer.AssertAccessibleAsync($"/help-requests/{{id}} with the claim ({language})");
        await volunteer.Field("HelpVolunteer_Note", culture).FillAsync(language == "kk" ? "Емханаға апарып, қайтып әкелдім." : "Отвезла в поликлинику и обратно.");
        await volunteer.Field("HelpVolunteer_Minutes", culture).FillAsync("150");
        await volunteer.Button("HelpVolunteer_Done", culture).ClickAsync();
        await Expect(volunteer.Locator("#status")).ToHaveAttributeAsync("data-status", "done_unconfirmed");
        await volunteer.AssertAccessibleAsync($"/help-requests/{{id}} done ({language})");

        // 4. The operator calls the person back from the call-back queue: it was done, the request closes.
        await operatorPage.OpenMenuAsync();
        await operatorPage.NavLink("CallCentre_Nav", culture).ClickAsync();
        await operatorPage.Locator("#callbacks-link").ClickAsync();
        await Expect(operatorPage).ToHaveURLAsync(new Regex("/call-centre/callbacks$"));
        await operatorPage.AssertAccessibleAsync($"/call-centre/callbacks ({language})");
        await operatorPage.Locator($"a[href='/call-centre/callbacks/{requestId}']").ClickAsync();
        await Expect(operatorPage).ToHaveURLAsync(new Regex($"/call-centre/callbacks/{requestId}$"));
        await Expect(operatorPage.Locator("#phone")).ToHaveTextAsync(phone);
        await operatorPage.AssertAccessibleAsync($"/call-centre/callbacks/{{id}} ({language})");
        await operatorPage.Locator("select#Input_Outcome").SelectOptionAsync("confirmed");
        await operatorPage.Button("HelpCallback_Save", culture).ClickAsync();
        await Expect(operatorPage.Locator("#status")).ToHaveAttributeAsync("data-status", "closed");
        await operatorPage.AssertAccessibleAsync($"/call-centre/callbacks/{{id}} closed ({language})");

        // 5. The volunteer's book shows the help as confirmed hours; the citizen's first request is still open.
        await volunteer.OpenMenuAsync();
        await volunteer.NavLink("Nav_Book", culture).ClickAsync();
        await Expect(volunteer).ToHaveURLAsync(new Regex("/book$"));
        var helpTitle = string.Format(culture, T("HelpCallback_BookTitle", culture), T("HelpCategory_transport", culture));
        await Expect(volunteer.Locator("main")).ToContainTextAsync(helpTitle);
        await volunteer.AssertAccessibleAsync($"/book with help hours ({language})");
        var hours = await app.Db(db => db.HoursEntries.SingleAsync(h => h.HelpRequestId == requestId));
        Assert.Equal(150, hours.Minutes);

        await citizen.GotoAsync(trackingUrl);
        await Expect(citizen.Locator("#track-now")).ToHaveAttributeAsync("data-status", "new");

        foreach (var page in new[] { citizen, operatorPage, volunteer })
        {
            await page.Context.CloseAsync();
        }
    }

    private static ILocator Heading(IPage page) => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    /// <summary>An operator of Almaty's front office, as the national admin assigns them at /admin/staff.</summary>
    private Task<int> MakeOperatorAsync(string email) => app.Db(async db =>
    {
        var id = await db.Accounts.Where(a => a.Email == email).Select(a => a.Id).SingleAsync();
        db.FrontOfficeStaff.Add(new FrontOfficeStaff { FrontOfficeKato = AlmatyCity, AccountId = id, Role = FrontOfficeStaff.Operator, AssignedAt = DateTime.UtcNow, AssignedBy = id });
        return await db.SaveChangesAsync();
    });

    private Task<string> LastSmsAsync(string phone) => app.Db(db => db.OutboxMessages
        .Where(m => m.Recipient == phone && m.Channel == OutboxChannel.Sms)
        .OrderByDescending(m => m.CreatedAt)
        .Select(m => m.Body)
        .FirstAsync());

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();
}
