using System.Net;
using Birge.Tests.Infrastructure;
using Birge.Web.Localization;

namespace Birge.Tests.Features.Language;

/// <summary>No dead links: every local link on the home page and in the layout answers, in every language.</summary>
public abstract class LinkTests(BirgeApp app)
{
    public static TheoryData<string> Languages => new() { "kk", "ru", "en" };

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Every_local_link_of_the_home_page_answers_for_a_visitor(string language)
    {
        await AssertLinksAnswerAsync(app.Browser(language), signedIn: false);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Every_local_link_of_the_home_page_answers_for_a_signed_in_person(string language)
    {
        var person = await app.NewPerson().Speaking(language).SignedIn();
        await AssertLinksAnswerAsync(person.Pages, signedIn: true);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task The_organisations_page_says_what_exists_today(string language)
    {
        var culture = Cultures.FromLanguage(language);
        var page = await app.Browser(language).GetPageAsync("/organizations/join");

        Assert.Equal(Html.Text("OrgJoin_Title", culture), page.Find("main h1").TextContent.Trim());
        Assert.Equal(Html.Text("OrgJoin_Today", culture), page.Find("main .notice p").TextContent.Trim());
        Assert.False(string.IsNullOrWhiteSpace(page.Find("main").TextContent));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task The_help_page_asks_for_help_and_says_to_call_112_in_danger(string language)
    {
        var culture = Cultures.FromLanguage(language);
        var page = await app.Browser(language).GetPageAsync("/help");

        Assert.Equal(Html.Text("HelpAsk_Title", culture), page.Find("main h1").TextContent.Trim());
        Assert.Equal(Html.Text("HelpAsk_Emergency", culture), page.Find("main .notice p").TextContent.Trim());
        Assert.False(string.IsNullOrWhiteSpace(page.Find("main").TextContent));
    }

    private static async Task AssertLinksAnswerAsync(HttpClient client, bool signedIn)
    {
        var home = await client.GetPageAsync("/");
        var links = home.QuerySelectorAll("a[href]")
            .Select(a => a.GetAttribute("href")!)
            .Where(h => h.StartsWith('/') && !h.StartsWith("//", StringComparison.Ordinal))
            .Select(h => h.Split('#')[0])
            .Where(h => h.Length > 0)
            .Distinct()
            .ToList();

        // The layout's links are all there: a missing one would hide a dead link from this test.
        Assert.Contains("/help", links);
        Assert.Contains("/organizations/join", links);
        Assert.Contains("/privacy", links);
        Assert.Contains(signedIn ? "/account" : "/account/login", links);

        var dead = new List<string>();
        foreach (var link in links)
        {
            using var response = await client.GetAsync(link);
            var ok = response.StatusCode == HttpStatusCode.OK
                || (response.StatusCode == HttpStatusCode.Redirect
                    && response.Headers.Location?.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal)
                        .StartsWith("/account/login", StringComparison.Ordinal) == true);
            if (!ok)
            {
                dead.Add($"{link} → {(int)response.StatusCode} {response.Headers.Location}");
            }
        }

        Assert.Empty(dead);
    }
}

[Collection(Sqlite.Name)]
public sealed class LinkTestsOnSqlite(SqliteApp app) : LinkTests(app);

[Collection(Postgres.Name)]
public sealed class LinkTestsOnPostgres(PostgresApp app) : LinkTests(app);
