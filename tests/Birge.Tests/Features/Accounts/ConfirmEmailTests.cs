using System.Net;
using Birge.Tests.Infrastructure;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Tests.Features.Accounts;

/// <summary>The confirmation link from the outbox: a page with a button, so mail scanners do not confirm.</summary>
public abstract class ConfirmEmailTests(BirgeApp app)
{
    [Fact]
    public async Task The_link_shows_a_button_and_pressing_it_confirms_the_email()
    {
        var person = await app.NewPerson().SignedIn();
        var link = await Messages.LinkAsync(app, person.Email, "/account/confirm?");

        var page = await person.Pages.GetPageAsync(link);
        Assert.NotNull(page.QuerySelector("main form button[type=submit]"));
        Assert.False(await EmailConfirmedAsync(person.Email));

        using var response = await person.Pages.SubmitAsync(page, "main form", pageUrl: link);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account", response.Location());
        Assert.True(await EmailConfirmedAsync(person.Email));
        var account = await person.Pages.GetPageAsync("/account");
        Assert.Equal(Html.Text("Account_Confirmed", Cultures.Kazakh), account.Find(".badge--ok").TextContent.Trim());
        Assert.Null(account.QuerySelector(".badge--warn"));
    }

    [Fact]
    public async Task A_tampered_token_shows_the_invalid_notice_and_changes_nothing()
    {
        var person = await app.NewPerson().SignedIn();
        var link = await Messages.LinkAsync(app, person.Email, "/account/confirm?");
        var token = Messages.Query(link, "token");
        var tampered = (token[0] == 'A' ? "B" : "A") + token[1..];
        var bad = $"/account/confirm?account={Messages.Query(link, "account")}&channel=email&token={Uri.EscapeDataString(tampered)}";

        var page = await person.Pages.GetPageAsync(bad);
        using var response = await person.Pages.SubmitAsync(page, "main form", pageUrl: bad);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var again = await Html.ParseAsync(response);
        Assert.Equal(Html.Text("Error_token_invalid", Cultures.Kazakh), again.Find(".notice--error").TextContent.Trim());
        Assert.False(await EmailConfirmedAsync(person.Email));
    }

    [Fact]
    public async Task A_link_without_a_token_is_invalid_at_once()
    {
        var page = await app.Browser().GetPageAsync("/account/confirm?channel=email");

        Assert.Equal(Html.Text("Error_token_invalid", Cultures.Kazakh), page.Find(".notice--error").TextContent.Trim());
        Assert.Null(page.QuerySelector("main form"));
    }

    [Fact]
    public async Task A_phone_is_confirmed_through_the_sms_link()
    {
        var typed = People.NewPhone();
        var phone = "+7" + new string(typed.Where(char.IsAsciiDigit).ToArray())[1..];
        var form = People.AdultForm();
        form["Input.Email"] = "";
        form["Input.Phone"] = typed;
        var client = app.Browser();
        using (var created = await client.SubmitAsync(await client.GetPageAsync("/account/signup"), "main form", form, "/account/signup"))
        {
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        }

        var link = await Messages.LinkAsync(app, phone, "/account/confirm?");
        Assert.Equal("phone", Messages.Query(link, "channel"));
        using var response = await client.SubmitAsync(await client.GetPageAsync(link), "main form", pageUrl: link);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(await app.Db(db => db.Accounts.Where(a => a.Phone == phone).Select(a => a.PhoneConfirmed).SingleAsync()));
    }

    private Task<bool> EmailConfirmedAsync(string email) =>
        app.Db(db => db.Accounts.Where(a => a.Email == email).Select(a => a.EmailConfirmed).SingleAsync());
}

[Collection(Sqlite.Name)]
public sealed class ConfirmEmailTestsOnSqlite(SqliteApp app) : ConfirmEmailTests(app);

[Collection(Postgres.Name)]
public sealed class ConfirmEmailTestsOnPostgres(PostgresApp app) : ConfirmEmailTests(app);
