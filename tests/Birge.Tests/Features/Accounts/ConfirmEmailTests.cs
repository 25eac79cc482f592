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
    public async Task A_phone_is_confirmed_with_the_six_digit_code_of_a_one_part_sms()
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

        // One short SMS: a 6-digit code and the short link of the page to type it on.
        var sms = await app.Db(db => db.OutboxMessages.Where(m => m.Recipient == phone).Select(m => m.Body).SingleAsync());
        var code = System.Text.RegularExpressions.Regex.Match(sms, @"\b\d{6}\b").Value;
        Assert.Equal(6, code.Length);
        Assert.Contains("http://localhost/account/phone", sms, StringComparison.Ordinal);
        Assert.True(sms.Length <= 70, $"The SMS is {sms.Length} characters, more than one Cyrillic part: {sms}");
        var page = await client.GetPageAsync("/account/phone");
        var wrong = (code[0] == '9' ? "1" : "9") + code[1..];

        var refused = await Html.ParseAsync(await client.SubmitAsync(page, "#phone-code", new Dictionary<string, string> { ["Code"] = wrong }, "/account/phone"));
        using var response = await client.SubmitAsync(page, "#phone-code", new Dictionary<string, string> { ["Code"] = code[..3] + " " + code[3..] }, "/account/phone");

        Assert.Equal(Html.Text("Error_phone_code_invalid", Cultures.Kazakh), refused.Find("#Code-error").TextContent.Trim());
        Assert.Equal(wrong, refused.Find("#Code").GetAttribute("value"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(await app.Db(db => db.Accounts.Where(a => a.Phone == phone).Select(a => a.PhoneConfirmed).SingleAsync()));
    }

    [Fact]
    public async Task A_stranger_is_sent_to_log_in_from_the_phone_page_and_a_new_code_can_be_asked_for()
    {
        var typed = People.NewPhone();
        var phone = "+7" + new string(typed.Where(char.IsAsciiDigit).ToArray())[1..];
        using var stranger = await app.Browser().GetAsync("/account/phone");
        var person = await app.NewPerson().SignedIn();
        await app.Db(db => db.Accounts.Where(a => a.Id == person.Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.Phone, phone).SetProperty(a => a.PhoneConfirmed, false)));
        var page = await person.Pages.GetPageAsync("/account/phone");
        var before = await app.Db(db => db.OutboxMessages.CountAsync(m => m.Recipient == phone && m.Body.Contains("/account/phone")));
        using var resent = await person.Pages.SubmitAsync(page, "#phone-resend", new Dictionary<string, string>(), "/account/phone");

        Assert.Equal(HttpStatusCode.Redirect, stranger.StatusCode);
        Assert.StartsWith("/account/login", new Uri(new Uri("http://localhost"), stranger.Headers.Location!).AbsolutePath, StringComparison.Ordinal);
        Assert.Contains(phone, page.Find("main .lead").TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);
        Assert.Equal(before + 1, await app.Db(db => db.OutboxMessages.CountAsync(m => m.Recipient == phone && m.Body.Contains("/account/phone"))));
    }

    private Task<bool> EmailConfirmedAsync(string email) =>
        app.Db(db => db.Accounts.Where(a => a.Email == email).Select(a => a.EmailConfirmed).SingleAsync());
}

[Collection(Sqlite.Name)]
public sealed class ConfirmEmailTestsOnSqlite(SqliteApp app) : ConfirmEmailTests(app);

[Collection(Postgres.Name)]
public sealed class ConfirmEmailTestsOnPostgres(PostgresApp app) : ConfirmEmailTests(app);
