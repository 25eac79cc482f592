using Birge.BrowserTests.Infrastructure;
using Birge.Web.Localization;
using static Birge.BrowserTests.Infrastructure.Pages;
using static Microsoft.Playwright.Assertions;

namespace Birge.BrowserTests.Journeys;

/// <summary>The public pages, in each language, have no serious or critical axe violation on a phone.</summary>
[Collection(SharedBrowser.Name)]
public sealed class AccessibilityTests(BrowserApp app)
{
    private static readonly string[] PublicPages =
    [
        "/", "/account/signup", "/account/login", "/account/forgot-password",
        "/consent", "/privacy", "/help", "/organizations/join",
    ];

    public static TheoryData<string> Languages => new(Cultures.Languages);

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Public_pages_pass_axe(string language)
    {
        var culture = Cultures.FromLanguage(language);
        var page = await app.NewPageAsync(culture);
        foreach (var path in PublicPages)
        {
            var response = await page.GotoAsync(path);
            Assert.True(response?.Ok, $"{path} answered {response?.Status}.");
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
            await page.AssertAccessibleAsync($"{path} ({language})");
        }

        // The sign-up form sent empty: its error summary and invalid fields.
        await page.GotoAsync("/account/signup");
        await page.Button("SignUp_Submit", culture).ClickAsync();
        await Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync($"/account/signup with errors ({language})");

        await page.Context.CloseAsync();
    }

}
