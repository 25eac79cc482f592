using System.Globalization;
using System.Text.RegularExpressions;
using Birge.Web.Domain;
using Birge.Web.Localization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Birge.BrowserTests.Infrastructure;

/// <summary>Finds things the way a person does: by the words on the screen, read from the app's own resources.</summary>
public static class Pages
{
    public const string Password = "Qazaq-2026";
    public const string AlmatyCity = "750000000";

    private static int counter = Random.Shared.Next(1_000_000, 9_000_000);

    public static string NewEmail() => $"browser{Interlocked.Increment(ref counter)}@example.com";

    /// <summary>A Kazakh mobile number (+7 701 …) never used before in this run.</summary>
    public static string NewPhone() => $"+7705{Interlocked.Increment(ref counter)}";

    /// <summary>A valid BIN never used before in this run: a resident legal entity's head office registered in March 2021.</summary>
    public static string NewBin()
    {
        while (true)
        {
            var first11 = "210340" + (Interlocked.Increment(ref counter) % 100_000).ToString("00000", CultureInfo.InvariantCulture);
            if (KzChecksum.Complete(first11) is { } bin)
            {
                return bin;
            }
        }
    }

    /// <summary>The text a resource key shows in a language.</summary>
    public static string T(string key, CultureInfo culture) => Cultures.Text(key, culture);

    /// <summary>
    /// The field whose label is the resource text, maybe followed by the asterisk of a required field ("e-mail" must
    /// not also find "parent's e-mail").
    /// </summary>
    public static ILocator Field(this IPage page, string key, CultureInfo culture) =>
        page.GetByLabel(new Regex("^\\s*" + Regex.Escape(T(key, culture)) + "\\s*\\*?\\s*$"));

    public static ILocator Button(this IPage page, string key, CultureInfo culture) =>
        page.GetByRole(AriaRole.Button, new() { Name = T(key, culture), Exact = true });

    public static ILocator Link(this IPage page, string key, CultureInfo culture) =>
        page.GetByRole(AriaRole.Link, new() { Name = T(key, culture), Exact = true });

    /// <summary>
    /// Opens the header's menu where it is folded behind the menu button (on a phone), as a person does before choosing
    /// a link in it; on a wide screen the nav shows already.
    /// </summary>
    public static async Task OpenMenuAsync(this IPage page)
    {
        var nav = page.Locator("#site-nav");
        var button = page.Locator("#menu-button");
        if (await button.IsVisibleAsync() && await nav.IsHiddenAsync())
        {
            await button.ClickAsync();
            await Expect(nav).ToBeVisibleAsync();
        }
    }

    /// <summary>A link in the header's menu (open it first with <see cref="OpenMenuAsync"/> on a phone).</summary>
    public static ILocator NavLink(this IPage page, string key, CultureInfo culture) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = T("Nav_Label", culture), Exact = true })
            .GetByRole(AriaRole.Link, new() { Name = T(key, culture), Exact = true });

    /// <summary>A link in the page's main content, not the header's menu.</summary>
    public static ILocator MainLink(this IPage page, string key, CultureInfo culture) =>
        page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = T(key, culture), Exact = true });

    /// <summary>
    /// Switches the page to <paramref name="culture"/> with the header's language buttons, as a person does: the
    /// button is named in the language the page shows now.
    /// </summary>
    public static async Task ChooseLanguageAsync(this IPage page, CultureInfo culture)
    {
        var language = culture.TwoLetterISOLanguageName;
        var shown = Cultures.FromLanguage(await page.Locator("html").GetAttributeAsync("lang"));
        if (shown.TwoLetterISOLanguageName != language)
        {
            await page.Button("Language_Short_" + language, shown).ClickAsync();
        }

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        await Expect(page.Button("Language_Short_" + language, culture)).ToHaveAttributeAsync("aria-pressed", "true");
    }

    /// <summary>
    /// Logs in from the home page as a person does: switches to <paramref name="culture"/>, opens the menu, follows
    /// "Log in" and lands on their start page.
    /// </summary>
    public static async Task LogInAsync(this IPage page, string email, CultureInfo culture)
    {
        await page.GotoAsync("/");
        await page.ChooseLanguageAsync(culture);
        await page.OpenMenuAsync();
        await page.NavLink("Nav_Login", culture).ClickAsync();
        await page.Field("Field_Login", culture).FillAsync(email);
        await page.Field("Field_Password", culture).FillAsync(Password);
        await page.Button("Login_Submit", culture).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("//[^/]+/$"));
    }

    /// <summary>A full-page picture for a person to look at (not compared by the tests); kept out of the repository.</summary>
    public static async Task ScreenshotAsync(this IPage page, string name)
    {
        var folder = Path.Combine(Path.GetTempPath(), "birge-shots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }
}
