using System.Globalization;
using Birge.BrowserTests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Features.Accounts;
using Birge.Web.Localization;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Birge.BrowserTests.Infrastructure.Pages;
using static Microsoft.Playwright.Assertions;

namespace Birge.BrowserTests.Journeys;

/// <summary>
/// Phone first: on a 360-px phone and a 1280-px desktop, a volunteer, a coordinator, an Almaty front-office staff member
/// and the admin open their daily pages; none scrolls sideways, axe finds nothing serious, and on the phone the menu
/// button opens the folded nav while on the desktop the nav shows as it is.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class PhoneLayoutTests(BrowserApp app)
{
    private static readonly CultureInfo Kazakh = Cultures.FromLanguage("kk");

    private static readonly ViewportSize Desktop = new() { Width = 1280, Height = 900 };

    private static readonly string[] Blocking = ["serious", "critical"];

    private static int serial = Random.Shared.Next(10_000, 90_000);

    [Fact]
    public async Task Every_role_s_pages_fit_a_phone_and_a_desktop_and_the_menu_folds_on_the_phone()
    {
        var world = await WorldAsync();
        var shared = new[] { "/", "/opportunities", $"/opportunities/{world.Upcoming}", "/organizations", $"/organizations/{world.Organization}", "/notifications" };
        var people = new (string Who, string Email, string[] Pages)[]
        {
            ("volunteer", world.Volunteer, [.. shared, "/my/shifts", "/book", "/profile"]),
            ("coordinator", world.Coordinator, [.. shared, $"/shifts/{world.UpcomingShift}/roster", $"/shifts/{world.PastShift}/hours"]),
            ("staff", world.Staff, [.. shared, "/front-office"]),
            ("admin", world.Admin, [.. shared, "/admin/audit", "/admin/staff"]),
        };

        foreach (var (who, email, paths) in people)
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
                    if (path == "/")
                    {
                        // The start pages, for a look (the README shows the volunteer's on a phone).
                        await page.ScreenshotAsync($"start-{who}-{viewport.Width}");
                    }
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

    private sealed record World(string Volunteer, string Coordinator, string Staff, string Admin, Guid Organization, Guid Upcoming, Guid UpcomingShift, Guid Past, Guid PastShift);

    /// <summary>
    /// A verified Almaty organisation with an upcoming event (a volunteer accepted, another waiting) and a past one
    /// (the volunteer's hours confirmed, another's to confirm), its coordinator, an Almaty staff member and an admin.
    /// </summary>
    private async Task<World> WorldAsync()
    {
        var tag = Interlocked.Increment(ref serial).ToString(CultureInfo.InvariantCulture);
        var volunteer = await AccountAsync("Айгерім Сәрсенқызы");
        var other = await AccountAsync("Бауыржан Төлеуғалиұлы");
        var coordinator = await AccountAsync("Данияр Серікұлы");
        var staff = await AccountAsync("Гүлнар Оспанова");
        var admin = await AccountAsync("Ерлан Әкімов");
        var now = DateTime.UtcNow;
        return await app.Db(async db =>
        {
            var ids = await db.Accounts.Where(a => new[] { volunteer, other, coordinator, staff, admin }.Contains(a.Email))
                .ToDictionaryAsync(a => a.Email!, a => a.Id);
            db.AccountRoles.Add(new AccountRole { AccountId = ids[admin], Role = AccountRole.Admin });
            db.FrontOfficeStaff.Add(new FrontOfficeStaff { FrontOfficeKato = AlmatyCity, AccountId = ids[staff], Role = FrontOfficeStaff.Staff, AssignedAt = now });
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
            organization.Members.Add(new OrganizationMember { OrganizationId = organization.Id, AccountId = ids[coordinator], Role = OrganizationMember.Coordinator, JoinedAt = now });
            db.Organizations.Add(organization);

            var upcomingShift = new Shift { StartsAt = now.AddDays(2), EndsAt = now.AddDays(2).AddHours(3), Capacity = 10, Taken = 1, Role = "Кітап оқушы" };
            var upcoming = Opportunity(organization, $"Қарттар үйінде кітап оқу {tag}", upcomingShift, now);
            var pastShift = new Shift { StartsAt = now.AddHours(-4), EndsAt = now.AddHours(-1), Capacity = 10, Taken = 2 };
            var past = Opportunity(organization, $"Саябақты тазалау {tag}", pastShift, now.AddDays(-3));
            db.Opportunities.AddRange(upcoming, past);
            db.Applications.AddRange(
                new Application { ShiftId = upcomingShift.Id, VolunteerId = ids[volunteer], Status = ApplicationStatus.Accepted, AppliedAt = now, UpdatedAt = now },
                new Application { ShiftId = upcomingShift.Id, VolunteerId = ids[other], Status = ApplicationStatus.Pending, AppliedAt = now, UpdatedAt = now },
                new Application { ShiftId = pastShift.Id, VolunteerId = ids[volunteer], Status = ApplicationStatus.Accepted, AppliedAt = now.AddDays(-2), UpdatedAt = now.AddDays(-2) },
                new Application { ShiftId = pastShift.Id, VolunteerId = ids[other], Status = ApplicationStatus.Accepted, AppliedAt = now.AddDays(-2), UpdatedAt = now.AddDays(-2) });
            db.Attendances.AddRange(
                new Attendance { ShiftId = pastShift.Id, VolunteerId = ids[volunteer], CheckedInAt = pastShift.StartsAt, CheckedOutAt = pastShift.EndsAt },
                new Attendance { ShiftId = pastShift.Id, VolunteerId = ids[other], CheckedInAt = pastShift.StartsAt.AddMinutes(5), CheckedOutAt = pastShift.EndsAt });
            db.HoursEntries.Add(new HoursEntry
            {
                ShiftId = pastShift.Id,
                OpportunityId = past.Id,
                OrganizationId = organization.Id,
                VolunteerId = ids[volunteer],
                DirectionCode = "social",
                Date = DateOnly.FromDateTime(KazakhstanTime.FromUtc(pastShift.StartsAt)),
                StartsAt = pastShift.StartsAt,
                EndsAt = pastShift.EndsAt,
                Minutes = 180,
                Status = HoursStatus.Confirmed,
                ConfirmedBy = ids[coordinator],
                ConfirmedAt = now,
            });
            await db.SaveChangesAsync();
            return new World(volunteer, coordinator, staff, admin, organization.Id, upcoming.Id, upcomingShift.Id, past.Id, pastShift.Id);
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

    /// <summary>An adult account of Almaty made by the app's own sign-up; its e-mail.</summary>
    private async Task<string> AccountAsync(string fullName)
    {
        var email = NewEmail();
        using var scope = app.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<SignUp>().ExecuteAsync(
            new SignUpInput
            {
                Email = email,
                Password = Pages.Password,
                FullName = fullName,
                BirthDate = new DateOnly(1994, 3, 1),
                RegionKato = AlmatyCity,
                ConsentVersion = PersonalDataConsent.CurrentVersion,
            },
            "kk",
            "test",
            CancellationToken.None);
        Assert.True(result.Succeeded, string.Join(", ", result.Errors.Select(e => e.Code)));
        return email;
    }

    /// <summary>A valid BIN never used before: a resident legal entity's head office registered in July 2018.</summary>
    private static string NewBin()
    {
        while (true)
        {
            var first11 = "180740" + (Interlocked.Increment(ref serial) % 100_000).ToString("00000", CultureInfo.InvariantCulture);
            if (KzChecksum.Complete(first11) is { } bin)
            {
                return bin;
            }
        }
    }
}
