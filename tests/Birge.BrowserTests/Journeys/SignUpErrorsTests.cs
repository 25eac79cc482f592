using Birge.BrowserTests.Infrastructure;
using Birge.Web.Localization;
using Microsoft.Playwright;
using static Birge.BrowserTests.Infrastructure.Pages;
using static Microsoft.Playwright.Assertions;

namespace Birge.BrowserTests.Journeys;

[Collection(SharedBrowser.Name)]
public sealed class SignUpErrorsTests(BrowserApp app)
{
    [Fact]
    public async Task An_empty_sign_up_form_comes_back_with_a_summary_and_field_errors_in_Russian_whose_links_reach_the_fields()
    {
        var ru = Cultures.Russian;
        var page = await app.NewPageAsync(ru);
        await page.GotoAsync("/account/signup");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ru");

        await page.Button("SignUp_Submit", ru).ClickAsync();

        var summary = page.GetByRole(AriaRole.Alert).Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = T("Form_ErrorSummary", ru) }) });
        await Expect(summary).ToBeVisibleAsync();
        await Expect(summary).ToContainTextAsync(T("Error_contact_required", ru));
        await Expect(summary).ToContainTextAsync(T("Error_full_name_required", ru));
        await Expect(summary).ToContainTextAsync(T("Error_consent_required", ru));
        // The summary has the focus (a screen reader reads it first) and lists the problems from the top of the form.
        await Expect(page.Locator(".error-summary")).ToBeFocusedAsync();
        var problems = (await summary.Locator("li").AllInnerTextsAsync()).Select(t => t.Trim()).ToList();
        var contact = problems.IndexOf(T("Error_contact_required", ru));
        var name = problems.IndexOf(T("Error_full_name_required", ru));
        var consent = problems.IndexOf(T("Error_consent_required", ru));
        Assert.True(contact >= 0 && contact < name && name < consent, "The summary is not in the order of the form: " + string.Join(" | ", problems));

        // Each error sits next to its field and is read out with it.
        await Expect(page.Field("Field_Email", ru)).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#Input_Email-error")).ToHaveTextAsync(T("Error_contact_required", ru));
        await Expect(page.Field("Field_FullName", ru)).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#Input_FullName-error")).ToHaveTextAsync(T("Error_full_name_required", ru));
        await Expect(page.Field("Field_Email", ru)).ToHaveAttributeAsync("aria-describedby", new System.Text.RegularExpressions.Regex("Input_Email-error"));

        // Every summary link points at a field that exists; following one puts the cursor in that field.
        var hrefs = await summary.GetByRole(AriaRole.Link).EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.NotEmpty(hrefs);
        foreach (var href in hrefs)
        {
            Assert.StartsWith("#", href, StringComparison.Ordinal);
            Assert.True(await page.Locator(href).CountAsync() == 1, $"The error summary links to {href}, which is not on the page.");
        }

        await summary.GetByRole(AriaRole.Link, new() { Name = T("Error_full_name_required", ru) }).ClickAsync();
        await Expect(page.Locator("#Input_FullName")).ToBeFocusedAsync();

        await page.AssertAccessibleAsync("sign-up with errors (ru)");
        await page.Context.CloseAsync();
    }
}
