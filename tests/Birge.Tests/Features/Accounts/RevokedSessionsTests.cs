using System.Net;
using System.Net.Http.Json;
using Birge.Tests.Features.Organizations;
using Birge.Tests.Infrastructure;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Tests.Features.Accounts;

/// <summary>
/// A password reset or a deleted account ends every session made before it: a browser is signed out cleanly and told
/// why, a bearer token stops working at once.
/// </summary>
public abstract class RevokedSessionsTests(BirgeApp app)
{
    private const string NewPassword = "Jana-Qupiya-77";

    [Theory]
    [InlineData("/")]
    [InlineData("/account/login")]
    [InlineData("/account")]
    [InlineData("/opportunities")]
    public async Task A_browser_signed_in_before_a_password_reset_is_signed_out_and_told_why(string firstPage)
    {
        var person = await app.NewPerson().Speaking("ru").SignedIn();
        await person.Pages.GetPageAsync("/account");
        await ResetPasswordElsewhereAsync(person.Email);

        await AssertSignedOutAsync(person.Pages, firstPage);
    }

    [Fact]
    public async Task A_browser_signed_in_when_the_account_is_deleted_elsewhere_is_signed_out_and_told_why()
    {
        var person = await app.NewPerson().Speaking("ru").SignedIn();
        await person.Pages.GetPageAsync("/account");
        var other = app.Browser();
        using (var login = await Logins.PostAsync(other, person.Email, People.Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        }

        var delete = await other.GetPageAsync("/account/delete");
        using (var deleted = await other.SubmitAsync(
            delete, "main form", new Dictionary<string, string> { ["Input.Password"] = People.Password, ["Input.Confirm"] = "on" }, "/account/delete"))
        {
            Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        }

        await AssertSignedOutAsync(person.Pages, "/my/shifts");
    }

    [Fact]
    public async Task A_bearer_token_stops_working_at_once_after_a_password_reset()
    {
        var person = await app.NewPerson().WithToken();
        using var client = app.Client("en", person.Token);
        using (var before = await client.GetAsync("/api/v1/me"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await ResetPasswordElsewhereAsync(person.Email);

        await AssertTokenRefusedAsync(client);
    }

    [Fact]
    public async Task A_bearer_token_stops_working_at_once_after_the_account_is_deleted()
    {
        var person = await app.NewPerson().WithToken();
        using var client = app.Client("en", person.Token);
        using (var before = await client.GetAsync("/api/v1/me"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using (var other = app.Client(accessToken: await Api.TokenAsync(app, person.Email)))
        using (var deleted = await other.DeleteAsync("/api/v1/me"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        await AssertTokenRefusedAsync(client);
    }

    [Fact]
    public async Task A_token_of_an_untouched_account_keeps_working()
    {
        var person = await app.NewPerson().WithToken();
        using var client = app.Client(accessToken: person.Token);

        using var me = await client.GetAsync("/api/v1/me");
        using var created = await client.PostAsJsonAsync("/api/v1/organizations", Orgs.Body());

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    private async Task AssertSignedOutAsync(HttpClient browser, string firstPage)
    {
        // The cookie is checked against the account once the validation interval has passed.
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        try
        {
            using var response = await browser.GetAsync(firstPage);

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var location = response.Location();
            Assert.StartsWith("/account/login", location, StringComparison.Ordinal);
            var cookie = response.Headers.TryGetValues("Set-Cookie", out var cookies)
                ? cookies.FirstOrDefault(c => c.StartsWith("birge.auth=", StringComparison.Ordinal))
                : null;
            Assert.NotNull(cookie);
            Assert.Contains("expires=Thu, 01 Jan 1970", cookie, StringComparison.OrdinalIgnoreCase);

            var login = await browser.GetPageAsync(location);
            Assert.Equal(Html.Text("Session_Ended", Cultures.Russian), login.Find(".notice").TextContent.Trim());

            // Signed out for good: pages answer as they do for anyone, without an error.
            await browser.GetPageAsync("/");
            await browser.GetPageAsync("/account/login");
            using var account = await browser.GetAsync("/account");
            Assert.Equal(HttpStatusCode.Redirect, account.StatusCode);
            Assert.Contains("/account/login", account.Location(), StringComparison.Ordinal);
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    private async Task AssertTokenRefusedAsync(HttpClient client)
    {
        using var me = await client.GetAsync("/api/v1/me");
        await me.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");

        var body = Orgs.Body();
        using var created = await client.PostAsJsonAsync("/api/v1/organizations", body);
        await created.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        var bin = (string)body["bin"]!;
        Assert.False(await app.Db(db => db.Organizations.AnyAsync(o => o.Bin == bin)));
    }

    /// <summary>"Forgot password" from another device, through the API and the link's page.</summary>
    private async Task ResetPasswordElsewhereAsync(string email)
    {
        using (var api = app.Client())
        using (var requested = await api.PostAsJsonAsync("/api/v1/accounts/password-reset", new { login = email }))
        {
            Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);
        }

        var link = await Messages.LinkAsync(app, email, "/account/reset-password?");
        var other = app.Browser();
        var page = await other.GetPageAsync(link);
        using var reset = await other.SubmitAsync(page, "main form", new Dictionary<string, string> { ["Input.Password"] = NewPassword }, link);
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
    }
}

[Collection(Sqlite.Name)]
public sealed class RevokedSessionsTestsOnSqlite(SqliteApp app) : RevokedSessionsTests(app);

[Collection(Postgres.Name)]
public sealed class RevokedSessionsTestsOnPostgres(PostgresApp app) : RevokedSessionsTests(app);
