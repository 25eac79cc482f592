using System.Globalization;
using System.Text.RegularExpressions;
using Birge.BrowserTests.Infrastructure;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Birge.BrowserTests.Infrastructure.Pages;
using static Microsoft.Playwright.Assertions;

namespace Birge.BrowserTests.Journeys;

[Collection(SharedBrowser.Name)]
public sealed partial class SignUpJourneyTests(BrowserApp app)
{
    private static readonly CultureInfo Kk = Cultures.Kazakh;

    [Fact]
    public async Task A_volunteer_signs_up_confirms_the_email_logs_out_and_logs_in_again_in_Kazakh()
    {
        var page = await app.NewPageAsync(Kk);
        var email = NewEmail();
        const string name = "Айгерім Серікқызы";

        await page.GotoAsync("/");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "kk");
        await page.AssertAccessibleAsync("home");
        await page.ScreenshotAsync("home-kk");
        await page.MainLink("Home_Volunteer_Action", Kk).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/signup$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(T("SignUp_Title", Kk));

        await page.AssertAccessibleAsync("sign-up");
        await page.Field("Field_Email", Kk).FillAsync(email);
        await page.Field("Field_Password", Kk).FillAsync(Password);
        await page.Field("Field_FullName", Kk).FillAsync(name);
        await page.Field("Field_BirthDate", Kk).FillAsync("1995-05-15");
        await page.Field("Field_Region", Kk).SelectOptionAsync(AlmatyCity);
        // The consent label goes on with a link to the full text, so it only starts with the sentence.
        await page.GetByLabel(new Regex("^\\s*" + Regex.Escape(T("SignUp_Consent", Kk)))).CheckAsync();
        await page.ScreenshotAsync("signup-kk");
        await page.Button("SignUp_Submit", Kk).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/account$"));
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(T("SignUp_Done", Kk));
        await Expect(page.Locator("main .lead").First).ToContainTextAsync(name);
        await Expect(page.Locator(".badge--warn")).ToHaveTextAsync(T("Account_NotConfirmed", Kk));
        await page.AssertAccessibleAsync("account, not confirmed");
        await page.ScreenshotAsync("account-kk");

        // The e-mail the app would send: its link is the only way to confirm.
        var body = await app.Db(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.Recipient == email)
            .Select(m => m.Body)
            .SingleAsync());
        var link = ConfirmLink().Match(body);
        Assert.True(link.Success, $"The confirmation e-mail has no link to {app.BaseUrl}/account/confirm. Its body:\n{body}");
        Assert.StartsWith(app.BaseUrl, link.Value, StringComparison.Ordinal);

        await page.GotoAsync(link.Value);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(T("Confirm_Title", Kk));
        await page.AssertAccessibleAsync("confirm");
        await page.Button("Confirm_Submit", Kk).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account$"));
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(T("Confirm_Done_Email", Kk));
        await Expect(page.Locator(".badge--ok")).ToHaveTextAsync(T("Account_Confirmed", Kk));

        await page.OpenMenuAsync();
        await page.Button("Nav_Logout", Kk).ClickAsync();
        // The logged-out page comes with its menu folded again: once it has (no log-out button), open it.
        await Expect(page.Button("Nav_Logout", Kk)).ToHaveCountAsync(0);
        await page.OpenMenuAsync();
        await Expect(page.Link("Nav_Login", Kk)).ToBeVisibleAsync();

        await page.Link("Nav_Login", Kk).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/login"));
        await page.AssertAccessibleAsync("login");
        await page.Field("Field_Login", Kk).FillAsync(email);
        await page.Field("Field_Password", Kk).FillAsync(Password);
        await page.Button("Login_Submit", Kk).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("//[^/]+/$"));
        await page.GotoAsync("/account");
        await Expect(page).ToHaveURLAsync(new Regex("/account$"));
        await Expect(page.Locator("main .lead").First).ToContainTextAsync(name);
        await page.AssertAccessibleAsync("account, confirmed");

        // The account page in the other two languages, switched with the header buttons.
        await page.Button("Language_Short_ru", Kk).ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ru");
        await Expect(page).ToHaveURLAsync(new Regex("/account$"));
        await page.AssertAccessibleAsync("account (ru)");
        await page.Button("Language_Short_en", Cultures.Russian).ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await page.AssertAccessibleAsync("account (en)");

        await page.Context.CloseAsync();
    }

    [GeneratedRegex(@"https?://[^\s""'<>]+/account/confirm\?[^\s""'<>]+")]
    private static partial Regex ConfirmLink();
}
