using System.Net;
using Birge.Tests.Infrastructure;
using Birge.Web.Localization;

namespace Birge.Tests.Features.Accounts;

/// <summary>Logging in and out through the real forms.</summary>
public abstract class LoginTests(BirgeApp app)
{
    [Fact]
    public async Task An_email_logs_in_whatever_its_letter_case()
    {
        var person = await app.NewPerson();

        using var response = await Logins.PostAsync(app.Browser(), person.Email.ToUpperInvariant(), People.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Location());
    }

    [Fact]
    public async Task A_phone_logs_in_in_another_spelling()
    {
        var typed = People.NewPhone();
        var digits = new string(typed.Where(char.IsAsciiDigit).ToArray())[1..];
        var client = app.Browser();
        var form = People.AdultForm();
        form["Input.Email"] = "";
        form["Input.Phone"] = typed;
        var page = await client.GetPageAsync("/account/signup");
        using (var signUp = await client.SubmitAsync(page, "main form", form, "/account/signup"))
        {
            Assert.Equal(HttpStatusCode.Redirect, signUp.StatusCode);
        }

        var otherSpelling = $"+7 {digits[..3]} {digits[3..6]} {digits[6..8]} {digits[8..]}";
        using var response = await Logins.PostAsync(app.Browser(), otherSpelling, People.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Location());
    }

    [Fact]
    public async Task A_wrong_password_is_refused_on_the_login_field_and_the_login_is_kept()
    {
        var person = await app.NewPerson();

        using var response = await Logins.PostAsync(app.Browser(), person.Email, "Wrong-password-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        var message = Html.Text("Error_login_failed", Cultures.Kazakh);
        Assert.Equal(message, page.FieldError("Input_Login"));
        Assert.Contains(page.QuerySelectorAll(".error-summary li a"), a => a.TextContent.Trim() == message);
        Assert.Equal(person.Email, page.Value("Input_Login"));
        Assert.False(page.GetElementById("Input_Password")!.HasAttribute("value"));
        Assert.Null(AuthCookie(response));
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_for_the_right_password_which_is_answered_like_a_wrong_one()
    {
        var person = await app.NewPerson();
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await Logins.PostAsync(app.Browser(), person.Email, $"Wrong-password-{i}");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        using var response = await Logins.PostAsync(app.Browser(), person.Email, People.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal(Html.Text("Error_login_failed", Cultures.Kazakh), page.FieldError("Input_Login"));
        Assert.Null(AuthCookie(response));
    }

    [Fact]
    public async Task A_local_return_url_is_honoured()
    {
        var person = await app.NewPerson();

        using var response = await Logins.PostAsync(app.Browser(), person.Email, People.Password, "/account/delete");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/delete", response.Location());
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("//evil.example/account")]
    [InlineData("/\\evil.example")]
    public async Task An_external_return_url_is_not_followed(string returnUrl)
    {
        var person = await app.NewPerson();

        using var response = await Logins.PostAsync(app.Browser(), person.Email, People.Password, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Location());
    }

    [Fact]
    public async Task Logout_is_a_post_that_clears_the_auth_cookie()
    {
        var person = await app.NewPerson().SignedIn();
        var account = await person.Pages.GetPageAsync("/account");

        // A GET (a link another site could trigger) does not log out.
        using (var get = await person.Pages.GetAsync("/account/logout"))
        {
            Assert.Equal(HttpStatusCode.Redirect, get.StatusCode);
        }

        await person.Pages.GetPageAsync("/account");

        using (var logout = await person.Pages.SubmitAsync(account, "form[action='/account/logout']"))
        {
            Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
            Assert.Equal("/", logout.Location());
            var cookie = AuthCookie(logout);
            Assert.NotNull(cookie);
            Assert.Contains("expires=Thu, 01 Jan 1970", cookie, StringComparison.OrdinalIgnoreCase);
        }

        using var after = await person.Pages.GetAsync("/account");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/login", Relative(after.Location()), StringComparison.Ordinal);
    }

    private static string? AuthCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.FirstOrDefault(c => c.StartsWith("birge.auth=", StringComparison.Ordinal))
            : null;

    private static string Relative(string url) =>
        url.StartsWith("http://localhost", StringComparison.Ordinal) ? url["http://localhost".Length..] : url;
}

[Collection(Sqlite.Name)]
public sealed class LoginTestsOnSqlite(SqliteApp app) : LoginTests(app);

[Collection(Postgres.Name)]
public sealed class LoginTestsOnPostgres(PostgresApp app) : LoginTests(app);
