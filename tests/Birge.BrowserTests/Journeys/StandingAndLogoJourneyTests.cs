using System.Globalization;
using System.Text.RegularExpressions;
using Birge.BrowserTests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Localization;
using Microsoft.Playwright;
using SkiaSharp;
using static Birge.BrowserTests.Infrastructure.Pages;
using static Microsoft.Playwright.Assertions;

namespace Birge.BrowserTests.Journeys;

/// <summary>
/// Two things the start-pages issue promises, on a phone in Russian: after applying, the opportunity's page says where
/// the volunteer stands ("You are signed up for 09:00–13:00", with a way to cancel); and a logo a coordinator uploads
/// through the real file input shows on the organisations' fair, in place of the placeholder, and loads.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class StandingAndLogoJourneyTests(BrowserApp app)
{
    private static readonly CultureInfo Russian = Cultures.FromLanguage("ru");

    private static readonly LocalizedText Description = new(null, "Помогаем пожилым людям каждую неделю.", null);

    private static int serial = Random.Shared.Next(10_000, 90_000);

    [Fact]
    public async Task After_applying_the_opportunity_s_page_says_where_the_volunteer_stands()
    {
        var ru = Russian;
        var tag = Interlocked.Increment(ref serial).ToString(CultureInfo.InvariantCulture);
        var coordinator = await app.NewAccountAsync("Данияр Серіков", "ru");
        var volunteer = await app.NewAccountAsync("Анна Ким", "ru");
        var organizationId = await app.VerifiedOrganizationAsync($"Фонд «Тёплый дом {tag}»", coordinator.Id, Description);
        var startsAt = KazakhstanTime.ToUtc(KazakhstanTime.FromUtc(DateTime.UtcNow).Date.AddDays(3).AddHours(9));
        var shift = new Shift { StartsAt = startsAt, EndsAt = startsAt.AddHours(4), Capacity = 5, Role = new LocalizedText("Кітап оқушы", "Чтец", null) };
        var opportunityId = await PublishedAsync(organizationId, $"Чтение в доме престарелых {tag}", shift);

        var page = await LoggedInAsync(volunteer.Email);
        await page.GotoAsync($"/opportunities/{opportunityId}");
        var card = page.Locator($"#shift-{shift.Id}");
        // The shift's role is in the reader's language.
        await Expect(card.Locator(".shift-role")).ToHaveTextAsync("Чтец");
        await Expect(card.Locator(".where-i-stand")).ToHaveCountAsync(0);
        await card.GetByRole(AriaRole.Link, new() { Name = T("Opp_Apply", ru), Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/shifts/{shift.Id}/apply$"));
        await page.Button("Apply_Confirm", ru).ClickAsync();
        await Expect(page.Locator("#apply-result")).ToHaveTextAsync(T("Apply_Result_Accepted", ru));
        await page.MainLink("Apply_BackToOpportunity", ru).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"/opportunities/{opportunityId}$"));
        var standing = card.Locator(".where-i-stand");
        await Expect(standing).ToHaveAttributeAsync("data-status", "accepted");
        await Expect(standing.Locator("p")).ToHaveTextAsync(string.Format(ru, T("Start_Stand_Accepted", ru), "09:00–13:00"));
        await Expect(standing.GetByRole(AriaRole.Button, new() { Name = T("Apply_Cancel", ru), Exact = true })).ToBeVisibleAsync();
        await Expect(card.GetByRole(AriaRole.Link, new() { Name = T("Opp_Apply", ru), Exact = true })).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync("the opportunity's page, signed up");
        await page.ScreenshotAsync("where-i-stand-ru");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_logo_a_coordinator_uploads_shows_on_the_fair()
    {
        var ru = Russian;
        var tag = Interlocked.Increment(ref serial).ToString(CultureInfo.InvariantCulture);
        var name = $"Фонд «Солнечный круг {tag}»";
        var coordinator = await app.NewAccountAsync("Гүлнар Оспанова", "ru");
        var organizationId = await app.VerifiedOrganizationAsync(name, coordinator.Id, Description);

        // Before: the fair shows the placeholder.
        var page = await LoggedInAsync(coordinator.Email);
        var card = await FairCardAsync(page, name);
        await Expect(card.Locator(".picture--none")).ToHaveCountAsync(1);
        await Expect(card.Locator("img")).ToHaveCountAsync(0);

        // The coordinator goes from the menu to the organisation, its logo page, and uploads a PNG drawn here.
        await page.OpenMenuAsync();
        await page.Locator("#nav-my-organization").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/organizations/{organizationId}/manage$"));
        await page.MainLink("Picture_ManageLogo", ru).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/organizations/{organizationId}/logo$"));
        await Expect(page.Locator("#no-picture")).ToBeVisibleAsync();
        await page.Field("Picture_File", ru).SetInputFilesAsync(new FilePayload { Name = "logo.png", MimeType = "image/png", Buffer = Png(320, 240) });
        await page.Field("Picture_Alt_Kk", ru).FillAsync("Күн шеңбері қорының белгісі");
        await page.Field("Picture_Alt_Ru", ru).FillAsync("Знак фонда «Солнечный круг»");
        await page.Button("Picture_Upload", ru).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(T("Picture_Saved", ru));
        await Expect(page.Locator("#current-picture")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("the logo page, with a logo");

        // After: the fair's card shows the logo, served from /pictures/, and the browser draws it.
        card = await FairCardAsync(page, name);
        await Expect(card.Locator(".picture--none")).ToHaveCountAsync(0);
        var logo = card.Locator("img.picture");
        await Expect(logo).ToHaveAttributeAsync("src", new Regex("^/pictures/"));
        await Expect(logo).ToHaveAttributeAsync("alt", "Знак фонда «Солнечный круг»");
        await logo.ScrollIntoViewIfNeededAsync();
        await Expect(logo).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await logo.EvaluateAsync<int>("img => img.naturalWidth") > 0, "The logo on the fair did not load.");
        await page.AssertAccessibleAsync("the fair, with a logo");
        await page.ScreenshotAsync("fair-logo-ru");
        await page.Context.CloseAsync();
    }

    /// <summary>The organisation's card on the fair, found by its name as a person searches for it.</summary>
    private static async Task<ILocator> FairCardAsync(IPage page, string name)
    {
        await page.OpenMenuAsync();
        await page.NavLink("Nav_Fair", Russian).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/organizations$"));
        await page.GetByLabel(T("Fair_Search", Russian), new() { Exact = true }).FillAsync(name);
        await page.Button("Fair_Find", Russian).ClickAsync();
        var card = page.Locator(".fair-list .card").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }) });
        await Expect(card).ToHaveCountAsync(1);
        return card;
    }

    /// <summary>A phone whose browser prefers Russian, logged in from the menu.</summary>
    private async Task<IPage> LoggedInAsync(string email)
    {
        var page = await app.NewPageAsync(Russian);
        await page.LogInAsync(email, Russian);
        return page;
    }

    /// <summary>A small PNG with something on it, as a phone's gallery would give.</summary>
    private static byte[] Png(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(0xf4, 0xb4, 0x00));
            using var paint = new SKPaint { Color = new SKColor(0x0b, 0x6e, 0x6e), IsAntialias = true };
            canvas.DrawCircle(width / 2f, height / 2f, Math.Min(width, height) / 3f, paint);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
    /// <summary>A published event of the organisation with the one shift.</summary>
    private Task<Guid> PublishedAsync(Guid organizationId, string title, Shift shift) => app.Db(async db =>
    {
        var now = DateTime.UtcNow;
        var opportunity = new Opportunity
        {
            OrganizationId = organizationId,
            Kind = OpportunityKind.Event,
            Title = new LocalizedText(null, title, null),
            Description = new LocalizedText(null, "Читаем вслух книги и газеты; чай за нами.", null),
            RegionKato = AlmatyCity,
            Directions = ["social"],
            Address = "Алматы, ул. Толе би, 101",
            CreatedAt = now,
            CreatedBy = Guid.NewGuid(),
            UpdatedAt = now,
            Shifts = [shift],
        };
        opportunity.RefreshSchedule();
        opportunity.RefreshSearchText("");
        Assert.Null(opportunity.Publish(organizationVerified: true, now));
        db.Opportunities.Add(opportunity);
        await db.SaveChangesAsync();
        return opportunity.Id;
    });
}
