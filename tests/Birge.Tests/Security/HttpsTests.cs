using System.Net;
using Birge.Tests.Infrastructure;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Birge.Tests.Security;

/// <summary>Production's cookie settings (Secure only) and an https public address, without a proxy in front.</summary>
public sealed class HttpsOnlyApp : SqliteApp
{
    public const string PublicUrl = "https://birge.test";

    protected override IReadOnlyDictionary<string, string> ExtraSettings { get; } = new Dictionary<string, string>
    {
        ["Security:RequireHttps"] = "true",
        ["Birge:PublicUrl"] = PublicUrl,
    };

    public HttpClient Https() => CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(PublicUrl), AllowAutoRedirect = false });
}

/// <summary>
/// Reached over plain HTTP, the site answers clearly instead of an empty 500: pages are sent to the https address,
/// anything else (and anything behind a proxy that is not trusted) gets a page or problem that says why.
/// </summary>
public sealed class HttpsTests(HttpsOnlyApp app) : IClassFixture<HttpsOnlyApp>
{
    [Fact]
    public async Task A_page_opened_over_plain_http_is_sent_to_the_public_https_address()
    {
        using var client = app.Browser();

        using var response = await client.GetAsync("/opportunities?q=%D0%BF%D0%B0%D1%80%D0%BA&region=750000000");

        Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
        Assert.Equal("https://birge.test/opportunities?q=%D0%BF%D0%B0%D1%80%D0%BA&region=750000000", response.Location());
    }

    [Theory]
    [InlineData("kk")]
    [InlineData("ru")]
    [InlineData("en")]
    public async Task A_form_posted_over_plain_http_gets_a_page_that_says_why_in_the_persons_language(string language)
    {
        var culture = Cultures.FromLanguage(language);
        using var client = app.Browser(language);
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Login"] = "someone@example.com", ["Input.Password"] = "x" });

        using var response = await client.PostAsync("/account/login", content);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal(Html.Text("HttpsRequired_Title", culture), page.Find("h1").TextContent.Trim());
        Assert.Contains(Html.Text("HttpsRequired_Text", culture), page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("X-Forwarded-Proto", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(language, page.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task Behind_a_proxy_that_is_not_trusted_the_page_explains_instead_of_redirecting_in_a_loop()
    {
        using var client = app.Browser("en");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        request.Headers.Add("X-Forwarded-Proto", "https");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains(Html.Text("HttpsRequired_Text", Cultures.English), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_over_plain_http_answers_a_problem_and_is_never_redirected()
    {
        using var client = app.Client("ru");

        using var response = await client.GetAsync("/api/v1/regions");

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden, "https_required");
        Assert.Equal(Html.Text("Error_https_required", Cultures.Russian), problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Health_checks_answer_over_plain_http_for_the_load_balancer()
    {
        using var client = app.Client();

        using var response = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Over_https_pages_work_and_tell_browsers_to_use_https_for_a_year()
    {
        using var client = app.Https();

        using var response = await client.GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("max-age=31536000; includeSubDomains", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
    }
}
