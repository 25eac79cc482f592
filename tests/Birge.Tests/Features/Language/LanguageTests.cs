using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using Birge.Tests.Infrastructure;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Tests.Features.Language;

/// <summary>The language comes from ?culture=, then the switcher's cookie, then Accept-Language; Kazakh by default.</summary>
public abstract class LanguageTests(BirgeApp app)
{
    [Fact]
    public async Task Without_a_choice_the_site_is_in_kazakh()
    {
        var page = await app.Browser().GetPageAsync("/help");

        Assert.Equal("kk", Lang(page));
    }

    [Fact]
    public async Task Kazakh_letters_are_sent_as_characters_not_entities()
    {
        using var response = await app.Browser().GetAsync("/help");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains(Html.Text("Brand", Cultures.Kazakh), html, StringComparison.Ordinal);
        Assert.DoesNotContain("&#x4", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "en")]
    [InlineData("en-GB,en;q=0.9", "en")]
    [InlineData("ru-RU", "ru")]
    [InlineData("kk", "kk")]
    [InlineData("de-DE", "kk")]
    public async Task Accept_language_picks_the_language(string header, string expected)
    {
        var page = await app.Browser(header).GetPageAsync("/help");

        Assert.Equal(expected, Lang(page));
    }

    [Fact]
    public async Task The_switcher_sets_the_cookie_and_goes_back_to_the_page()
    {
        var client = app.Browser();
        var page = await client.GetPageAsync("/help");

        using var response = await client.SubmitAsync(page, "form.language", new Dictionary<string, string> { ["culture"] = "ru-KZ" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/help", response.Location());
        Assert.True(response.Headers.TryGetValues("Set-Cookie", out var cookies));
        Assert.Contains(cookies, c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal) && c.Contains("ru-KZ", StringComparison.Ordinal));
        var next = await client.GetPageAsync("/help");
        Assert.Equal("ru", Lang(next));
        Assert.Equal(Html.Text("HelpAsk_Title", Cultures.Russian), next.Find("h1").TextContent.Trim());

        // The cookie wins over Accept-Language.
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        Assert.Equal("ru", Lang(await client.GetPageAsync("/")));
    }

    [Fact]
    public async Task The_switcher_keeps_the_query_but_drops_culture()
    {
        var client = app.Browser();
        var page = await client.GetPageAsync("/account/login?ReturnUrl=%2Faccount&culture=en");

        using var response = await client.SubmitAsync(page, "form.language", new Dictionary<string, string> { ["culture"] = "ru-KZ" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login?ReturnUrl=%2Faccount", response.Location());
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("//evil.example")]
    public async Task An_external_return_url_goes_home(string returnUrl)
    {
        var client = app.Browser();
        var page = await client.GetPageAsync("/help");

        using var response = await client.SubmitAsync(
            page, "form.language", new Dictionary<string, string> { ["culture"] = "en", ["returnUrl"] = returnUrl });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Location());
    }

    [Fact]
    public async Task Culture_in_the_address_overrides_the_cookie_for_that_request_only()
    {
        var client = app.Browser();
        var page = await client.GetPageAsync("/help");
        using (var response = await client.SubmitAsync(page, "form.language", new Dictionary<string, string> { ["culture"] = "ru-KZ" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        Assert.Equal("en", Lang(await client.GetPageAsync("/help?culture=en")));
        Assert.Equal("ru", Lang(await client.GetPageAsync("/help")));
    }

    [Fact]
    public async Task Dates_on_the_account_page_are_written_in_the_language()
    {
        var person = await app.NewPerson().SignedIn();
        var born = new DateOnly(1995, 5, 15);
        var shown = new List<string>();
        foreach (var culture in Cultures.All)
        {
            var page = await person.Pages.GetPageAsync("/account?culture=" + culture.Name);
            Assert.Equal(culture.TwoLetterISOLanguageName, Lang(page));
            var label = Html.Text("Field_BirthDate", culture);
            var row = page.QuerySelectorAll("dl.details > div").Single(d => d.QuerySelector("dt")?.TextContent.Trim() == label);
            var text = row.QuerySelector("dd")!.TextContent;
            Assert.Contains(born.ToString("D", culture), text, StringComparison.Ordinal);
            Assert.Contains(born.Year.ToString(CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
            shown.Add(born.ToString("D", culture));
        }

        // May is "мамыр", "мая", "May": three different texts.
        Assert.Equal(3, shown.Distinct().Count());
    }

    [Fact]
    public async Task A_signed_in_persons_choice_is_kept_on_the_account_for_messages()
    {
        var person = await app.NewPerson().SignedIn();
        var page = await person.Pages.GetPageAsync("/account");

        using var response = await person.Pages.SubmitAsync(page, "form.language", new Dictionary<string, string> { ["culture"] = "en" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account", response.Location());
        Assert.Equal("en", await app.Db(db => db.Accounts.Where(a => a.Email == person.Email).Select(a => a.Language).SingleAsync()));
    }

    [Fact]
    public async Task A_strangers_switcher_carries_no_token_and_a_signed_in_persons_choice_without_one_is_refused()
    {
        var stranger = await app.Browser().GetPageAsync("/opportunities");
        Assert.Null(stranger.QuerySelector("form.language input[name=__RequestVerificationToken]"));

        var person = await app.NewPerson().SignedIn();
        var page = await person.Pages.GetPageAsync("/account");
        Assert.NotNull(page.QuerySelector("form.language input[name=__RequestVerificationToken]"));
        page.QuerySelector("form.language input[name=__RequestVerificationToken]")!.Remove();
        var before = await app.Db(db => db.Accounts.Where(a => a.Email == person.Email).Select(a => a.Language).SingleAsync());

        using var forged = await person.Pages.SubmitAsync(page, "form.language", new Dictionary<string, string> { ["culture"] = "en" });

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.NotEqual("en", before);
        Assert.Equal(before, await app.Db(db => db.Accounts.Where(a => a.Email == person.Email).Select(a => a.Language).SingleAsync()));
    }

    private static string? Lang(IHtmlDocument page) => page.DocumentElement.GetAttribute("lang");
}

[Collection(Sqlite.Name)]
public sealed class LanguageTestsOnSqlite(SqliteApp app) : LanguageTests(app);

[Collection(Postgres.Name)]
public sealed class LanguageTestsOnPostgres(PostgresApp app) : LanguageTests(app);
