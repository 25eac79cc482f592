using System.Globalization;
using System.Text.RegularExpressions;
using Birge.BrowserTests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Features.Attendance;
using Birge.Web.Features.Book;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Birge.BrowserTests.Infrastructure.Pages;
using static Microsoft.Playwright.Assertions;

namespace Birge.BrowserTests.Journeys;

/// <summary>
/// The opportunities and hours issue's "done when", in a real browser on a phone, in Kazakh: a coordinator of a
/// verified organisation in Almaty posts an event; a volunteer finds it by a Kazakh word typed in capitals and by
/// distance, applies, checks in by opening the URL of the QR code at the door and later checks out the same way; the
/// coordinator confirms the hours; the volunteer sees them in the volunteer book and downloads a certificate, whose
/// QR code's URL tells anyone that it is genuine.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class VolunteerHoursJourneyTests(BrowserApp app)
{
    /// <summary>Almaty's Republic Square, where the volunteer searches from.</summary>
    private const string CentreLat = "43.2380";
    private const string CentreLon = "76.9450";

    private static int serial = Random.Shared.Next(10_000, 90_000);

    private static readonly CultureInfo Kazakh = Cultures.FromLanguage("kk");

    [Fact]
    public async Task A_volunteer_finds_an_event_takes_part_and_gets_a_certificate_anyone_can_check()
    {
        var kk = Kazakh;
        var tag = Interlocked.Increment(ref serial).ToString(CultureInfo.InvariantCulture);
        var title = $"Қайырымдылық {tag}: қарттар үйіне көмек";
        var organizationName = $"«Мейірбан {tag}» қоры";
        var volunteerName = "Айгерім Сәрсенқызы";

        var coordinatorAccount = await app.NewAccountAsync("Данияр Серікұлы");
        var coordinatorEmail = coordinatorAccount.Email;
        var organizationId = await app.VerifiedOrganizationAsync(organizationName, coordinatorAccount.Id, new LocalizedText("Қарттарға көмек", null, null));
        var volunteerEmail = (await app.NewAccountAsync(volunteerName)).Email;
        try
        {
            // 1. The coordinator writes the event as a draft, from the organisation's page, and publishes it.
            var coordinator = await PersonAsync();
            await coordinator.LogInAsync(coordinatorEmail, Kazakh);
            await coordinator.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = organizationName, Exact = true }).ClickAsync();
            await Expect(coordinator).ToHaveURLAsync(new Regex($"/organizations/{organizationId}/manage$"));
            await coordinator.MainLink("Opp_Manage_Opportunities", kk).ClickAsync();
            await Expect(coordinator).ToHaveURLAsync(new Regex($"/organizations/{organizationId}/opportunities$"));
            await Expect(Heading(coordinator)).ToHaveTextAsync(T("Opp_List_Title", kk));
            await coordinator.MainLink("Opp_List_New", kk).ClickAsync();
            await Expect(coordinator).ToHaveURLAsync(new Regex($"/organizations/{organizationId}/opportunities/new$"));
            await Expect(Heading(coordinator)).ToHaveTextAsync(T("Opp_New_Title", kk));

            var starts = KazakhstanTime.FromUtc(app.Clock.GetUtcNow().UtcDateTime.AddMinutes(10));
            var ends = starts.AddHours(2);
            await coordinator.GetByLabel(new Regex("^" + Regex.Escape(T("Opp_Kind_event", kk)) + " — ")).CheckAsync();
            await Group(coordinator, "Opp_Field_Title").GetByLabel(T("Opp_Field_InKk", kk), new() { Exact = true }).FillAsync(title);
            await Group(coordinator, "Opp_Field_Description").GetByLabel(T("Opp_Field_InKk", kk), new() { Exact = true })
                .FillAsync("Қарттар үйінде кітап оқып беру, серуенге шығару және шай ішу.");
            await coordinator.GetByLabel(await DirectionAsync("social"), new() { Exact = true }).CheckAsync();
            await coordinator.Field("Field_Region", kk).SelectOptionAsync(AlmatyCity);
            await coordinator.Field("Opp_Field_Address", kk).FillAsync("Алматы, Абай даңғылы, 52");
            await coordinator.Field("Opp_Field_Latitude", kk).FillAsync("43.2567");
            await coordinator.Field("Opp_Field_Longitude", kk).FillAsync("76.9286");
            var firstShift = coordinator.Locator("fieldset.shift-row").First;
            await Labelled(firstShift, "Opp_Field_StartsAt").FillAsync(starts.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
            await Labelled(firstShift, "Opp_Field_EndsAt").FillAsync(ends.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
            await Labelled(firstShift, "Opp_Field_Capacity").FillAsync("5");
            await firstShift.GetByRole(AriaRole.Group, new() { Name = T("Opp_Field_Role", kk), Exact = true })
                .GetByLabel(T("Opp_Field_InKk", kk), new() { Exact = true }).FillAsync("Кітап оқушы");
            await coordinator.ScreenshotAsync("hours-new-opportunity-kk");
            await coordinator.Button("Opp_New_Submit", kk).ClickAsync();

            await Expect(coordinator).ToHaveURLAsync(new Regex("/opportunities/[0-9a-f-]{36}/manage$"));
            var opportunityId = Guid.Parse(new Uri(coordinator.Url).Segments[2].TrimEnd('/'));
            await Expect(Heading(coordinator)).ToHaveTextAsync(title);
            await Expect(coordinator.Locator("#status")).ToHaveTextAsync(T("Opp_Status_draft", kk));
            await coordinator.Button("Opp_Publish", kk).ClickAsync();
            await Expect(coordinator.Locator("#status")).ToHaveTextAsync(T("Opp_Status_published", kk));
            await coordinator.AssertAccessibleAsync("the coordinator's page of the event");
            var shiftId = await app.Db(db => db.Shifts.Where(s => s.OpportunityId == opportunityId).Select(s => s.Id).SingleAsync());

            // 2. A volunteer finds it from the menu by a Kazakh word typed in capitals...
            var volunteer = await PersonAsync();
            await volunteer.LogInAsync(volunteerEmail, Kazakh);
            await volunteer.OpenMenuAsync();
            await volunteer.NavLink("Nav_Opportunities", kk).ClickAsync();
            await Expect(volunteer).ToHaveURLAsync(new Regex("/opportunities$"));
            await Expect(Heading(volunteer)).ToHaveTextAsync(T("Opp_Search_Title", kk));
            await volunteer.GetByLabel(T("Opp_Search_Text", kk), new() { Exact = true }).FillAsync($"ҚАЙЫРЫМДЫЛЫҚ {tag}");
            await volunteer.Button("Fair_Find", kk).ClickAsync();
            await Expect(volunteer).ToHaveURLAsync(new Regex("[?&]q="));
            await Expect(volunteer.Locator(".opp-total")).ToHaveTextAsync(string.Format(kk, T("Opp_Count_one", kk), 1));
            await Expect(Result(volunteer, title)).ToHaveCountAsync(1);
            await volunteer.AssertAccessibleAsync("the search, found by a word in capitals");
            await volunteer.ScreenshotAsync("hours-search-word-kk");

            // ...and by distance from the centre of Almaty, which the result shows in km.
            await volunteer.GetByLabel(T("Opp_Search_Text", kk), new() { Exact = true }).FillAsync("");
            // On a phone the filters beyond the words fold behind "Filters".
            await volunteer.Locator("#filters > summary").ClickAsync();
            await volunteer.GetByLabel(T("Opp_Field_Latitude", kk), new() { Exact = true }).FillAsync(CentreLat);
            await volunteer.GetByLabel(T("Opp_Field_Longitude", kk), new() { Exact = true }).FillAsync(CentreLon);
            await volunteer.GetByLabel(T("Opp_Search_Radius", kk), new() { Exact = true }).FillAsync("10");
            await volunteer.Button("Fair_Find", kk).ClickAsync();
            await Expect(volunteer).ToHaveURLAsync(new Regex("[?&]lat="));
            var card = volunteer.Locator($".opp-result[data-id='{opportunityId}']");
            await Expect(card).ToHaveCountAsync(1);
            await Expect(card.Locator(".distance")).ToHaveTextAsync(Pattern("Opp_DistanceKm", kk, @"\d+(,\d)?", prefix: "·"));
            var km = double.Parse(Regex.Match(await card.Locator(".distance").InnerTextAsync(), @"\d+(,\d)?").Value, kk);
            Assert.InRange(km, 2, 3); // about 2.5 km from Republic Square to the event
            await volunteer.AssertAccessibleAsync("the search, found by distance");
            await volunteer.ScreenshotAsync("hours-search-distance-kk");

            // 3. The volunteer opens it and applies to the shift; seats are free, so they are accepted at once.
            await Result(volunteer, title).ClickAsync();
            await Expect(volunteer).ToHaveURLAsync(new Regex($"/opportunities/{opportunityId}$"));
            await Expect(Heading(volunteer)).ToHaveTextAsync(title);
            await Expect(volunteer.Locator($"#shift-{shiftId} .seats")).ToHaveTextAsync(string.Format(kk, T("Opp_SeatsLeft_other", kk), 5));
            await volunteer.AssertAccessibleAsync("the event's page");
            await volunteer.ScreenshotAsync("hours-opportunity-kk");
            await volunteer.Locator($"#shift-{shiftId}").GetByRole(AriaRole.Link, new() { Name = T("Opp_Apply", kk), Exact = true }).ClickAsync();
            await Expect(volunteer).ToHaveURLAsync(new Regex($"/shifts/{shiftId}/apply$"));
            await volunteer.Button("Apply_Confirm", kk).ClickAsync();
            await Expect(volunteer.Locator("#apply-result")).ToHaveTextAsync(T("Apply_Result_Accepted", kk));
            await volunteer.AssertAccessibleAsync("applied to the shift");

            // 4. At the door the coordinator shows the check-in code; the volunteer opens the QR code's URL.
            await coordinator.ReloadAsync();
            await Expect(coordinator.Locator($"#shift-{shiftId}")).ToContainTextAsync(string.Format(kk, T("Opp_Manage_Seats", kk), 1, 5));
            // The screen's timers run on a clock the test moves, so its refresh needs no real 20-second wait.
            await coordinator.Clock.InstallAsync();
            await coordinator.Locator($"#shift-{shiftId}").GetByRole(AriaRole.Link, new() { Name = T("Opp_Manage_CheckinCode", kk), Exact = true }).ClickAsync();
            await Expect(coordinator).ToHaveURLAsync(new Regex($"/shifts/{shiftId}/checkin-code$"));
            await Expect(Heading(coordinator)).ToHaveTextAsync(T("Checkin_Screen_Title", kk));
            await Expect(coordinator.Locator("#checkin-counts")).ToContainTextAsync("0 / 1");
            await coordinator.AssertAccessibleAsync("the check-in code screen");
            await coordinator.ScreenshotAsync("hours-checkin-code-kk");
            var scanned = await ScanAsync(coordinator, shiftId);

            await volunteer.GotoAsync(scanned);
            await Expect(Heading(volunteer)).ToHaveTextAsync(T("Checkin_Title", kk));
            await Expect(volunteer.Locator("#checkin-status")).ToHaveTextAsync(Pattern("Checkin_Done", kk, @"\d{1,2}:\d{2}"));
            await volunteer.AssertAccessibleAsync("checked in");
            await volunteer.ScreenshotAsync("hours-checked-in-kk");
            // The screen brings itself up to date, without a reload, when its refresh comes round.
            await coordinator.Clock.RunForAsync(CheckinScreenModel.RefreshSeconds * 1000);
            await Expect(coordinator.Locator("#checkin-counts")).ToContainTextAsync("1 / 1");

            // 5. An hour and a half later the volunteer opens a fresh QR code's URL and checks out.
            app.Clock.Advance(TimeSpan.FromMinutes(90));
            await coordinator.ReloadAsync();
            var later = await ScanAsync(coordinator, shiftId);
            Assert.NotEqual(scanned, later);
            await volunteer.GotoAsync(later);
            await Expect(volunteer.Locator("#checkin-status")).ToHaveTextAsync(Pattern("Checkin_Already", kk, @"\d{1,2}:\d{2}"));
            await volunteer.Button("Checkin_Checkout", kk).ClickAsync();
            await Expect(volunteer).ToHaveURLAsync(new Regex($"/checkin/{shiftId}$"));
            await Expect(volunteer.Locator("#checkin-status")).ToHaveTextAsync(Pattern("Checkin_CheckedOut", kk, [@"\d{1,2}:\d{2}", ".+"]));
            await volunteer.AssertAccessibleAsync("checked out");
            await volunteer.ScreenshotAsync("hours-checked-out-kk");

            // 6. The coordinator opens the shift's hours and confirms everyone who came.
            await coordinator.MainLink("Hours_Title", kk).ClickAsync();
            await Expect(coordinator).ToHaveURLAsync(new Regex($"/shifts/{shiftId}/hours$"));
            await Expect(Heading(coordinator)).ToHaveTextAsync(T("Hours_Title", kk));
            var volunteerId = await app.Db(db => db.Accounts.Where(a => a.Email == volunteerEmail).Select(a => a.Id).SingleAsync());
            var row = coordinator.Locator($"#hours-table tr[data-volunteer='{volunteerId}']");
            await Expect(row.GetByRole(AriaRole.Rowheader)).ToContainTextAsync(volunteerName);
            var minutes = int.Parse(await row.GetByLabel(T("Hours_Minutes", kk), new() { Exact = true }).InputValueAsync(), CultureInfo.InvariantCulture);
            Assert.InRange(minutes, 78, 82); // from the shift's start (9 to 10 minutes after check-in) to 90 minutes after check-in
            await coordinator.AssertAccessibleAsync("the shift's hours, to confirm");
            await coordinator.ScreenshotAsync("hours-to-confirm-kk");
            await coordinator.Button("Hours_ConfirmAll", kk).ClickAsync();
            await Expect(coordinator.GetByRole(AriaRole.Status)).ToHaveTextAsync(T("Hours_ConfirmedAllStatus", kk));
            await Expect(row).ToContainTextAsync($"{T("Hours_Confirmed", kk)} {Durations.Format(minutes, kk)}");
            await coordinator.AssertAccessibleAsync("the shift's hours, confirmed");

            // 7. The volunteer opens the volunteer book from the menu, sees the hours and issues a certificate in Kazakh.
            var hours = Durations.Format(minutes, kk);
            await volunteer.OpenMenuAsync();
            await volunteer.NavLink("Nav_Book", kk).ClickAsync();
            await Expect(volunteer).ToHaveURLAsync(new Regex("/book$"));
            await Expect(Heading(volunteer)).ToHaveTextAsync(T("Book_Title", kk));
            await Expect(volunteer.Locator("#book-total")).ToHaveTextAsync(hours);
            var entry = volunteer.Locator("#entries tbody tr").Filter(new() { Has = volunteer.GetByRole(AriaRole.Link, new() { Name = title, Exact = true }) });
            await Expect(entry).ToContainTextAsync(organizationName);
            await Expect(entry).ToContainTextAsync(hours);
            await volunteer.AssertAccessibleAsync("the volunteer book");
            await volunteer.ScreenshotAsync("hours-book-kk");
            await volunteer.Field("Book_Language", kk).SelectOptionAsync("kk");
            await volunteer.Button("Book_Issue", kk).ClickAsync();
            await Expect(volunteer).ToHaveURLAsync(new Regex("/book/certificates/[^/]+$"));
            await Expect(volunteer.GetByRole(AriaRole.Status)).ToHaveTextAsync(T("Book_IssuedDone", kk));
            await Expect(Heading(volunteer)).ToHaveTextAsync(T("Book_CertificateTitle", kk));
            await Expect(volunteer.Locator("#certificate-hours")).ToHaveTextAsync(hours);
            await volunteer.AssertAccessibleAsync("the certificate");
            await volunteer.ScreenshotAsync("hours-certificate-kk");

            // The PDF downloads; the certificate page gives the URL its QR code leads to.
            var download = await volunteer.RunAndWaitForDownloadAsync(() => volunteer.MainLink("Book_Download", kk).ClickAsync());
            var pdf = await File.ReadAllBytesAsync(await download.PathAsync());
            Assert.Equal("%PDF"u8.ToArray(), pdf[..4]);
            Assert.EndsWith(".pdf", download.SuggestedFilename, StringComparison.Ordinal);
            var verifyUrl = await volunteer.Locator("#verify-link").GetAttributeAsync("href");
            Assert.NotNull(verifyUrl);
            Assert.Matches("^" + Regex.Escape(app.BaseUrl) + "/verify/[^/?#]+$", verifyUrl);

            // 8. Anyone who opens that URL (a university, an employer) reads that the certificate is genuine.
            var stranger = await PersonAsync();
            await stranger.GotoAsync(verifyUrl);
            await stranger.ChooseLanguageAsync(kk);
            await Expect(stranger).ToHaveURLAsync(verifyUrl);
            await Expect(Heading(stranger)).ToHaveTextAsync(T("Verify_Title", kk));
            await Expect(stranger.Locator("#verify-result")).ToHaveAttributeAsync("data-status", "genuine");
            await Expect(stranger.Locator("#verify-result h2")).ToHaveTextAsync(T("Verify_Genuine", kk));
            await Expect(stranger.Locator("#verify-holder")).ToHaveTextAsync(VolunteerBook.Mask(volunteerName));
            await Expect(stranger.Locator("#verify-hours")).ToHaveTextAsync(hours);
            await Expect(stranger.GetByRole(AriaRole.Main)).Not.ToContainTextAsync(volunteerName);
            await stranger.AssertAccessibleAsync("the certificate check");
            await stranger.ScreenshotAsync("hours-verify-kk");

            foreach (var page in new[] { coordinator, volunteer, stranger })
            {
                await page.Context.CloseAsync();
            }
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    private static ILocator Heading(IPage page) => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    /// <summary>A fieldset of a form, by its legend.</summary>
    private static ILocator Group(IPage page, string legendKey) =>
        page.GetByRole(AriaRole.Group, new() { NameRegex = new Regex("^\\s*" + Regex.Escape(T(legendKey, Kazakh)) + "\\s*\\*?\\s*$") });

    /// <summary>A field inside a part of the page (a shift's row), by its label, maybe followed by a hint.</summary>
    private static ILocator Labelled(ILocator within, string key) =>
        within.GetByLabel(new Regex("^\\s*" + Regex.Escape(T(key, Kazakh)) + "\\s*\\*?\\s*$"));

    private static ILocator Result(IPage page, string title) =>
        page.Locator(".opp-results").GetByRole(AriaRole.Link, new() { Name = title, Exact = true });

    /// <summary>A resource text whose placeholders ({0}, {1}, …) are filled by the given patterns.</summary>
    private static Regex Pattern(string key, CultureInfo culture, string placeholder, string? prefix = null) => Pattern(key, culture, [placeholder], prefix);

    private static Regex Pattern(string key, CultureInfo culture, string[] placeholders, string? prefix = null)
    {
        var pattern = Regex.Escape(T(key, culture));
        for (var i = 0; i < placeholders.Length; i++)
        {
            pattern = pattern.Replace(Regex.Escape("{" + i + "}"), placeholders[i], StringComparison.Ordinal);
        }

        return new Regex("^\\s*" + (prefix is null ? "" : Regex.Escape(prefix) + "\\s*") + pattern + "\\s*$");
    }

    /// <summary>
    /// What a phone camera reads from the coordinator's screen: the check-in URL with the code shown beside the QR
    /// code. The QR code on the screen is checked to be exactly the one the app draws for that URL, read in one go
    /// (the screen reloads itself and the code changes every minute).
    /// </summary>
    private async Task<string> ScanAsync(IPage coordinator, Guid shiftId)
    {
        await Expect(coordinator.Locator("#checkin-qr svg")).ToBeVisibleAsync();
        var shown = await coordinator.EvaluateAsync<string[]>(
            "() => [document.querySelector('#checkin-code').textContent, document.querySelector('#checkin-qr').innerHTML]");
        var code = Regex.Replace(shown[0], "\\s", "");
        Assert.Matches("^[A-Z0-9]{10}$", code);
        var url = $"{app.BaseUrl}/checkin/{shiftId}?code={code}";
        var drawn = await coordinator.EvaluateAsync<bool>(
            """
            ([shown, expected]) => {
                const shape = svg => [...svg.querySelectorAll('*')].map(e => e.tagName + ' ' + [...e.attributes].map(a => a.name + '=' + a.value).sort().join(' ')).join('\n');
                const parse = text => new DOMParser().parseFromString(text, 'image/svg+xml').documentElement;
                const page = document.createElement('div');
                page.innerHTML = shown;
                return shape(page.querySelector('svg')) === shape(parse(expected));
            }
            """,
            new[] { shown[1], CheckinScreenModel.QrSvg(url) });
        Assert.True(drawn, $"The QR code on the check-in screen is not the one of {url}.");
        return url;
    }

    /// <summary>A phone whose browser prefers Russian; the person switches it to Kazakh.</summary>
    private Task<IPage> PersonAsync() => app.NewPageAsync(Cultures.FromLanguage("ru"));
    private Task<string> DirectionAsync(string code) =>
        app.Db(async db => (await db.Directions.AsNoTracking().SingleAsync(d => d.Code == code)).Name["kk"]!);
}
