using System.Globalization;
using Birge.BrowserTests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Localization;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Birge.BrowserTests.Infrastructure.Pages;
using static Microsoft.Playwright.Assertions;

namespace Birge.BrowserTests.Journeys;

/// <summary>
/// Phone first: on a 360-px phone and a 1280-px desktop, a volunteer, a coordinator, an Almaty front-office staff member,
/// a call-centre operator and the admin open their daily pages in Kazakh; none scrolls sideways, axe finds nothing
/// serious, and on the phone the menu button opens the folded nav while on the desktop the nav shows as it is. Each then
/// reads their start page in Kazakh, Russian and English, switched with the header's buttons, and finds there what is
/// theirs in that language.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class PhoneLayoutTests(BrowserApp app)
{
    private static readonly CultureInfo Kazakh = Cultures.FromLanguage("kk");

    private static readonly CultureInfo[] Languages = [Kazakh, Cultures.FromLanguage("ru"), Cultures.FromLanguage("en")];

    /// <summary>The upcoming shift's role, in each language.</summary>
    private static readonly LocalizedText Reader = new("Кітап оқушы", "Чтец", "Reader");

    private static readonly ViewportSize Desktop = new() { Width = 1280, Height = 900 };

    private static readonly string[] Blocking = ["serious", "critical"];

    private static int serial = Random.Shared.Next(10_000, 90_000);

    [Fact]
    public async Task Every_role_s_pages_fit_a_phone_and_a_desktop_and_the_menu_folds_on_the_phone()
    {
        var world = await WorldAsync();
        var shared = new[] { "/", "/opportunities", $"/opportunities/{world.Upcoming}", "/organizations", $"/organizations/{world.Organization}", "/notifications" };
        var people = new (string Who, string Email, string[] Pages, Func<IPage, CultureInfo, Task> Theirs)[]
        {
            ("volunteer", world.Volunteer, [.. shared, "/my/shifts", "/book", "/profile"], async (page, culture) =>
            {
                var next = page.Locator("#start-next-shift");
                await Expect(next.GetByRole(AriaRole.Heading)).ToHaveTextAsync(T("Start_Next_Title", culture));
                await Expect(next.Locator(".shift-role")).ToHaveTextAsync(Reader[culture.TwoLetterISOLanguageName]!);
                await Expect(next.GetByRole(AriaRole.Link, new() { Name = T("Apply_CheckIn", culture), Exact = true })).ToHaveAttributeAsync("href", $"/checkin/{world.UpcomingShift}");
            }),
            ("coordinator", world.Coordinator, [.. shared, $"/shifts/{world.UpcomingShift}/roster", $"/shifts/{world.PastShift}/hours"], async (page, culture) =>
            {
                await Expect(page.Locator("#start-coordinator-title")).ToHaveTextAsync(T("Start_Coordinator_Title", culture));
                await Expect(page.Locator($"#start-shifts [data-shift='{world.UpcomingShift}'] .seats")).ToHaveTextAsync(string.Format(culture, T("Opp_Manage_Seats", culture), 1, 10));
            }),
            ("staff", world.Staff, [.. shared, "/front-office"], async (page, culture) =>
            {
                await Expect(page.Locator("#start-staff-title")).ToHaveTextAsync(T("Start_Staff_Title", culture));
                await Expect(page.Locator("#start-staff-organizations dd")).ToHaveTextAsync(T("Start_Staff_Organizations", culture));
            }),
            ("operator", world.Operator, [.. shared, "/call-centre"], async (page, culture) =>
            {
                await Expect(page.Locator("#start-operator-title")).ToHaveTextAsync(T("Start_Operator_Title", culture));
                await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = T("Start_Operator_Open", culture), Exact = true })).ToHaveAttributeAsync("href", "/call-centre");
            }),
            ("admin", world.Admin, [.. shared, "/admin/audit", "/admin/staff"], async (page, culture) =>
            {
                await Expect(page.Locator("#start-country-title")).ToHaveTextAsync(T("Start_Country_Title", culture));
                await Expect(page.Locator("#start-country-organizations dd")).ToHaveTextAsync(T("Start_Country_Organizations", culture));
            }),
        };

        foreach (var (who, email, paths, theirs) in people)
        {
            foreach (var viewport in new[] { BrowserApp.Phone, Desktop })
            {
                var page = await PageAsync(viewport);
                await LogInAsync(page, email);
                await MenuAsync(page, viewport, $"{who} at {viewport.Width} px");
                foreach (var path in paths)
                {
                    var response = await page.GotoAsync(path);
                    Assert.True(response?.Ok, $"{path} answered {response?.Status} to the {who}.");
                    await AssertFitsAsync(page, $"{path} ({who}, {viewport.Width} px)");
                }

                // The start page in each language, as the person switches it; Kazakh last, as they found it.
                foreach (var culture in Languages.Skip(1).Append(Kazakh))
                {
                    await page.GotoAsync("/");
                    await page.ChooseLanguageAsync(culture);
                    await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(T("Start_Title", culture));
                    await theirs(page, culture);
                    var language = culture.TwoLetterISOLanguageName;
                    await AssertFitsAsync(page, $"the start page ({who}, {language}, {viewport.Width} px)");
                    // The start pages, for a look (the README shows the volunteer's on a phone).
                    await page.ScreenshotAsync($"start-{who}-{language}-{viewport.Width}");
                }

                await page.Context.CloseAsync();
            }
        }
    }

    /// <summary>On a phone the nav is folded and the menu button opens it; on a desktop the nav shows and there is no button.</summary>
    private static async Task MenuAsync(IPage page, ViewportSize viewport, string what)
    {
        await page.GotoAsync("/");
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = T("Nav_Label", Kazakh), Exact = true });
        var button = page.GetByRole(AriaRole.Button, new() { Name = T("Phone_Menu", Kazakh) });
        if (viewport.Width == BrowserApp.Phone.Width)
        {
            await Expect(nav).ToBeHiddenAsync();
            await Expect(button).ToHaveAttributeAsync("aria-expanded", "false");
            var top = await page.EvaluateAsync<double>("() => document.querySelector('main').getBoundingClientRect().top");
            Assert.True(top < 160, $"{what}: the page's content starts {top} px down.");
            await button.ClickAsync();
            await Expect(nav).ToBeVisibleAsync();
            await Expect(button).ToHaveAttributeAsync("aria-expanded", "true");
            await Expect(nav.GetByRole(AriaRole.Link, new() { Name = T("Nav_Opportunities", Kazakh), Exact = true })).ToBeVisibleAsync();
            await Expect(page.Locator(".bar-inbox")).ToBeVisibleAsync();
            await AssertFitsAsync(page, $"the open menu ({what})");
            await button.ClickAsync();
            await Expect(nav).ToBeHiddenAsync();
        }
        else
        {
            await Expect(nav).ToBeVisibleAsync();
            await Expect(button).ToBeHiddenAsync();
            await Expect(page.Locator("#nav-inbox")).ToBeVisibleAsync();
        }

        await Expect(page.Locator(".language button[aria-pressed=true]")).ToBeVisibleAsync();
    }

    /// <summary>Nothing wider than the window (WCAG 1.4.10), and no serious or critical axe finding.</summary>
    private static async Task AssertFitsAsync(IPage page, string what)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"{what} is {widths[0]} px wide in a {widths[1]} px window.");
        var blocking = (await page.RunAxe()).Violations.Where(v => Blocking.Contains(v.Impact)).ToList();
        Assert.True(blocking.Count == 0, $"{what}: " + string.Join("; ", blocking.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))})")));
    }

    private async Task<IPage> PageAsync(ViewportSize viewport)
    {
        var phone = viewport.Width == BrowserApp.Phone.Width;
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl,
            Locale = Kazakh.Name,
            ViewportSize = viewport,
            IsMobile = phone,
            HasTouch = phone,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    private static async Task LogInAsync(IPage page, string email)
    {
        await page.GotoAsync("/account/login");
        await page.Field("Field_Login", Kazakh).FillAsync(email);
        await page.Field("Field_Password", Kazakh).FillAsync(Pages.Password);
        await page.Button("Login_Submit", Kazakh).ClickAsync();
        await Expect(page.Locator("#nav-inbox")).ToHaveCountAsync(1);
    }

    private sealed record World(string Volunteer, string Coordinator, string Staff, string Operator, string Admin, Guid Organization, Guid Upcoming, Guid UpcomingShift, Guid Past, Guid PastShift);

    /// <summary>
    /// A verified Almaty organisation with an upcoming event (a volunteer accepted, another waiting) and a past one
    /// (the volunteer's hours confirmed, another's to confirm), its coordinator, an Almaty staff member, an operator of
    /// Almaty's call centre and an admin.
    /// </summary>
    private async Task<World> WorldAsync()
    {
        var tag = Interlocked.Increment(ref serial).ToString(CultureInfo.InvariantCulture);
        var volunteer = await app.NewAccountAsync("Айгерім Сәрсенқызы");
        var other = await app.NewAccountAsync("Бауыржан Төлеуғалиұлы");
        var coordinator = await app.NewAccountAsync("Данияр Серікұлы");
        var staff = await app.NewAccountAsync("Гүлнар Оспанова");
        var @operator = await app.NewAccountAsync("Сәуле Ахметова");
        var admin = await app.NewAccountAsync("Ерлан Әкімов");
        var now = DateTime.UtcNow;
        return await app.Db(async db =>
        {
            db.AccountRoles.Add(new AccountRole { AccountId = admin.Id, Role = AccountRole.Admin });
            db.FrontOfficeStaff.Add(new FrontOfficeStaff { FrontOfficeKato = AlmatyCity, AccountId = staff.Id, Role = FrontOfficeStaff.Staff, AssignedAt = now });
            db.FrontOfficeStaff.Add(new FrontOfficeStaff { FrontOfficeKato = AlmatyCity, AccountId = @operator.Id, Role = FrontOfficeStaff.Operator, AssignedAt = now });
            var organization = new Organization
            {
                Bin = NewBin(),
                Name = $"«Мейірімді жүрек {tag}» қайырымдылық қоры",
                LegalForm = "foundation",
                RegionKato = AlmatyCity,
                Directions = ["social"],
                Description = new LocalizedText("Қарттар үйлеріне апта сайын көмек көрсетеміз.", null, null),
                CreatedAt = now,
            };
            organization.RefreshSearchText();
            Assert.Null(organization.Decide(OrganizationDecision.Verify, null, Guid.NewGuid(), now));
            organization.Members.Add(new OrganizationMember { OrganizationId = organization.Id, AccountId = coordinator.Id, Role = OrganizationMember.Coordinator, JoinedAt = now });
            db.Organizations.Add(organization);

            var upcomingShift = new Shift { StartsAt = now.AddDays(2), EndsAt = now.AddDays(2).AddHours(3), Capacity = 10, Taken = 1, Role = Reader };
            var upcoming = Opportunity(organization, $"Қарттар үйінде кітап оқу {tag}", upcomingShift, now);
            var pastShift = new Shift { StartsAt = now.AddHours(-4), EndsAt = now.AddHours(-1), Capacity = 10, Taken = 2 };
            var past = Opportunity(organization, $"Саябақты тазалау {tag}", pastShift, now.AddDays(-3));
            db.Opportunities.AddRange(upcoming, past);
            db.Applications.AddRange(
                new Application { ShiftId = upcomingShift.Id, VolunteerId = volunteer.Id, Status = ApplicationStatus.Accepted, AppliedAt = now, UpdatedAt = now },
                new Application { ShiftId = upcomingShift.Id, VolunteerId = other.Id, Status = ApplicationStatus.Pending, AppliedAt = now, UpdatedAt = now },
                new Application { ShiftId = pastShift.Id, VolunteerId = volunteer.Id, Status = ApplicationStatus.Accepted, AppliedAt = now.AddDays(-2), UpdatedAt = now.AddDays(-2) },
                new Application { ShiftId = pastShift.Id, VolunteerId = other.Id, Status = ApplicationStatus.Accepted, AppliedAt = now.AddDays(-2), UpdatedAt = now.AddDays(-2) });
            db.Attendances.AddRange(
                new Attendance { ShiftId = pastShift.Id, VolunteerId = volunteer.Id, CheckedInAt = pastShift.StartsAt, CheckedOutAt = pastShift.EndsAt },
                new Attendance { ShiftId = pastShift.Id, VolunteerId = other.Id, CheckedInAt = pastShift.StartsAt.AddMinutes(5), CheckedOutAt = pastShift.EndsAt });
            db.HoursEntries.Add(new HoursEntry
            {
                ShiftId = pastShift.Id,
                OpportunityId = past.Id,
                OrganizationId = organization.Id,
                VolunteerId = volunteer.Id,
                DirectionCode = "social",
                Date = DateOnly.FromDateTime(KazakhstanTime.FromUtc(pastShift.StartsAt)),
                StartsAt = pastShift.StartsAt,
                EndsAt = pastShift.EndsAt,
                Minutes = 180,
                Status = HoursStatus.Confirmed,
                ConfirmedBy = coordinator.Id,
                ConfirmedAt = now,
            });
            await db.SaveChangesAsync();
            return new World(volunteer.Email, coordinator.Email, staff.Email, @operator.Email, admin.Email, organization.Id, upcoming.Id, upcomingShift.Id, past.Id, pastShift.Id);
        });
    }

    private static Opportunity Opportunity(Organization organization, string title, Shift shift, DateTime publishedAt)
    {
        var opportunity = new Opportunity
        {
            OrganizationId = organization.Id,
            Kind = OpportunityKind.Event,
            Title = new LocalizedText(title, null, null),
            Description = new LocalizedText("Қолғап пен қап береміз; ыңғайлы киім киіп келіңіз.", null, null),
            RegionKato = AlmatyCity,
            Directions = ["social"],
            Address = "Алматы, Абай даңғылы, 52",
            Latitude = 43.2389,
            Longitude = 76.8897,
            CreatedAt = publishedAt,
            CreatedBy = Guid.NewGuid(),
            UpdatedAt = publishedAt,
            Shifts = [shift],
        };
        opportunity.RefreshSchedule();
        opportunity.RefreshSearchText(organization.Name);
        Assert.Null(opportunity.Publish(organizationVerified: true, publishedAt));
        return opportunity;
    }
}
