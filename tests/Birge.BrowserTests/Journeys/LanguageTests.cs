using Birge.BrowserTests.Infrastructure;
using Birge.Web.Localization;
using Microsoft.Playwright;
using static Birge.BrowserTests.Infrastructure.Pages;
using static Microsoft.Playwright.Assertions;

namespace Birge.BrowserTests.Journeys;

[Collection(SharedBrowser.Name)]
public sealed class LanguageTests(BrowserApp app)
{
    [Fact]
    public async Task The_language_buttons_switch_the_page_and_the_choice_is_remembered()
    {
        var page = await app.NewPageAsync(Cultures.Kazakh);
        var html = page.Locator("html");
        var heading = page.GetByRole(AriaRole.Heading, new() { Level = 1 });

        await page.GotoAsync("/");
        await Expect(html).ToHaveAttributeAsync("lang", "kk");
        await Expect(heading).ToHaveTextAsync(T("Home_Heading", Cultures.Kazakh));

        await page.Button("Language_Short_ru", Cultures.Kazakh).ClickAsync();
        await Expect(html).ToHaveAttributeAsync("lang", "ru");
        await Expect(heading).ToHaveTextAsync(T("Home_Heading", Cultures.Russian));
        await Expect(page.Button("Language_Short_ru", Cultures.Russian)).ToHaveAttributeAsync("aria-pressed", "true");

        await page.Button("Language_Short_en", Cultures.Russian).ClickAsync();
        await Expect(html).ToHaveAttributeAsync("lang", "en");
        await Expect(heading).ToHaveTextAsync(T("Home_Heading", Cultures.English));

        // The choice outlives the page: the next one, reached by a link, is in English too.
        await page.OpenMenuAsync();
        await page.Link("Nav_Help", Cultures.English).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/help$"));
        await Expect(html).ToHaveAttributeAsync("lang", "en");
        await page.OpenMenuAsync();
        await Expect(page.Link("Nav_Home", Cultures.English)).ToBeVisibleAsync();

        await page.Context.CloseAsync();
    }
}
