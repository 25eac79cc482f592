using System.Net;
using AngleSharp.Html.Dom;
using Birge.Tests.Infrastructure;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Tests.Features.Accounts;

/// <summary>"Forgot password": the same answer for every login, a one-time link, a new password.</summary>
public abstract class PasswordResetTests(BirgeApp app)
{
    private const string NewPassword = "Jana-Qupiya-77";

    [Fact]
    public async Task Forgot_password_answers_the_same_whatever_the_login()
    {
        var person = await app.NewPerson();
        var answers = new List<(HttpStatusCode Status, string Location, string Notice)>();
        foreach (var login in new[] { person.Email, People.NewEmail(), "8 707 000 00 00", "nobody" })
        {
            var client = app.Browser();
            var page = await client.GetPageAsync("/account/forgot-password");
            using var response = await client.SubmitAsync(
                page, "main form", new Dictionary<string, string> { ["Input.Login"] = login }, "/account/forgot-password");
            var location = response.Location();
            var after = await client.GetPageAsync(location);
            answers.Add((response.StatusCode, location, after.Find(".notice--success").TextContent.Trim()));
        }

        Assert.All(answers, a => Assert.Equal(answers[0], a));
        Assert.Equal(HttpStatusCode.Redirect, answers[0].Status);
        Assert.Equal(Html.Text("Forgot_Sent", Cultures.Kazakh), answers[0].Notice);
    }

    [Fact]
    public async Task The_link_sets_a_new_password_once()
    {
        var person = await app.NewPerson();
        var link = await RequestLinkAsync(person.Email);

        var client = app.Browser();
        var page = await client.GetPageAsync(link);
        using (var reset = await SetPasswordAsync(client, page, link, NewPassword))
        {
            Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
            Assert.Equal("/account/login", reset.Location());
        }

        using (var old = await Logins.PostAsync(app.Browser(), person.Email, People.Password))
        {
            Assert.Equal(HttpStatusCode.OK, old.StatusCode);
            Assert.Equal(Html.Text("Error_login_failed", Cultures.Kazakh), (await Html.ParseAsync(old)).FieldError("Input_Login"));
        }

        using (var fresh = await Logins.PostAsync(app.Browser(), person.Email, NewPassword))
        {
            Assert.Equal(HttpStatusCode.Redirect, fresh.StatusCode);
            Assert.Equal("/", fresh.Location());
        }

        // The same link a second time.
        var again = app.Browser();
        var second = await again.GetPageAsync(link);
        using var twice = await SetPasswordAsync(again, second, link, "Ekinshi-Qupiya-88");
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        var refused = await Html.ParseAsync(twice);
        var message = Html.Text("Error_token_invalid", Cultures.Kazakh);
        Assert.Contains(refused.QuerySelectorAll(".error-summary li"), li => li.TextContent.Trim() == message);
        using var stillNew = await Logins.PostAsync(app.Browser(), person.Email, NewPassword);
        Assert.Equal(HttpStatusCode.Redirect, stillNew.StatusCode);
    }

    [Fact]
    public async Task A_weak_new_password_is_refused_next_to_the_field()
    {
        var person = await app.NewPerson();
        var link = await RequestLinkAsync(person.Email);
        var client = app.Browser();
        var page = await client.GetPageAsync(link);
        var hashBefore = await app.Db(db => db.Accounts.Where(a => a.Email == person.Email).Select(a => a.PasswordHash).SingleAsync());

        using var response = await SetPasswordAsync(client, page, link, "onlyletters");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var again = await Html.ParseAsync(response);
        var message = Html.Text("Error_password_weak", Cultures.Kazakh);
        Assert.Equal(message, again.FieldError("Input_Password"));
        Assert.Contains(again.QuerySelectorAll(".error-summary li a"), a => a.GetAttribute("href") == "#Input_Password" && a.TextContent.Trim() == message);
        Assert.False(again.GetElementById("Input_Password")!.HasAttribute("value"));
        Assert.Equal(hashBefore, await app.Db(db => db.Accounts.Where(a => a.Email == person.Email).Select(a => a.PasswordHash).SingleAsync()));

        // The link still works after the refusal.
        using var retry = await SetPasswordAsync(client, again, link, NewPassword);
        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
    }

    [Fact]
    public async Task A_reset_ends_a_lockout()
    {
        var person = await app.NewPerson();
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await Logins.PostAsync(app.Browser(), person.Email, $"Wrong-password-{i}");
        }

        var link = await RequestLinkAsync(person.Email);
        var client = app.Browser();
        using (var reset = await SetPasswordAsync(client, await client.GetPageAsync(link), link, NewPassword))
        {
            Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        }

        using var login = await Logins.PostAsync(app.Browser(), person.Email, NewPassword);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Location());
    }

    [Fact]
    public async Task A_phone_login_gets_the_link_by_sms()
    {
        var typed = People.NewPhone();
        var phone = "+7" + new string(typed.Where(char.IsAsciiDigit).ToArray())[1..];
        var form = People.AdultForm();
        form["Input.Email"] = "";
        form["Input.Phone"] = typed;
        var signUp = app.Browser();
        using (var created = await signUp.SubmitAsync(await signUp.GetPageAsync("/account/signup"), "main form", form, "/account/signup"))
        {
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        }

        var client = app.Browser();
        var page = await client.GetPageAsync("/account/forgot-password");
        using (var response = await client.SubmitAsync(
            page, "main form", new Dictionary<string, string> { ["Input.Login"] = phone }, "/account/forgot-password"))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        var link = await Messages.LinkAsync(app, phone, "/account/reset-password?");
        using (var reset = await SetPasswordAsync(client, await client.GetPageAsync(link), link, NewPassword))
        {
            Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        }

        using var login = await Logins.PostAsync(app.Browser(), typed, NewPassword);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
    }

    private async Task<string> RequestLinkAsync(string email)
    {
        var client = app.Browser();
        var page = await client.GetPageAsync("/account/forgot-password");
        using var response = await client.SubmitAsync(
            page, "main form", new Dictionary<string, string> { ["Input.Login"] = email }, "/account/forgot-password");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await Messages.LinkAsync(app, email, "/account/reset-password?");
    }

    private static Task<HttpResponseMessage> SetPasswordAsync(HttpClient client, IHtmlDocument page, string link, string password) =>
        client.SubmitAsync(page, "main form", new Dictionary<string, string> { ["Input.Password"] = password }, link);
}

[Collection(Sqlite.Name)]
public sealed class PasswordResetTestsOnSqlite(SqliteApp app) : PasswordResetTests(app);

[Collection(Postgres.Name)]
public sealed class PasswordResetTestsOnPostgres(PostgresApp app) : PasswordResetTests(app);
