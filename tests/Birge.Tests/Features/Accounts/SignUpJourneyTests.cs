using System.Net;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Tests.Features.Accounts;

/// <summary>Sign-up by phone only, and a child under 14 whose parent consents through the link sent to them.</summary>
public abstract class SignUpJourneyTests(BirgeApp app)
{
    [Fact]
    public async Task A_phone_typed_as_8_707_is_stored_as_plus_7_707_and_shown_on_the_account_page()
    {
        var client = app.Browser();
        var typed = People.NewPhone();
        var expected = "+7" + new string(typed.Where(char.IsAsciiDigit).ToArray())[1..];
        var form = People.AdultForm();
        form["Input.Email"] = "";
        form["Input.Phone"] = typed;
        var page = await client.GetPageAsync("/account/signup");

        using var response = await client.SubmitAsync(page, "main form", form, "/account/signup");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account", response.Location());
        Assert.StartsWith("+7707", expected, StringComparison.Ordinal);
        var stored = await app.Db(db => db.Accounts.SingleAsync(a => a.Phone == expected));
        Assert.Null(stored.Email);
        Assert.Equal(AccountStatus.Active, stored.Status);
        var account = await client.GetPageAsync("/account");
        Assert.Contains(expected, account.Find("main").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_child_without_parent_details_is_asked_for_them()
    {
        var client = app.Browser();
        var form = ChildForm();
        var page = await client.GetPageAsync("/account/signup");

        using var response = await client.SubmitAsync(page, "main form", form, "/account/signup");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var again = await Html.ParseAsync(response);
        var message = Html.Text("Error_parent_consent_required", Cultures.Kazakh);
        Assert.Equal(message, again.FieldError("Input_ParentName"));
        Assert.Contains(again.QuerySelectorAll(".error-summary li"), li => li.TextContent.Trim() == message);
        Assert.Equal(form["Input.Email"], again.Value("Input_Email"));
        Assert.Equal("2014-06-15", again.Value("Input_BirthDate"));
        var email = form["Input.Email"];
        Assert.False(await app.Db(db => db.Accounts.AnyAsync(a => a.Email == email)));
    }

    [Fact]
    public async Task A_child_waits_for_the_parent_who_consents_through_the_link()
    {
        var client = app.Browser();
        var form = ChildForm();
        var childEmail = form["Input.Email"];
        var parentEmail = People.NewEmail();
        form["Input.FullName"] = "Әлихан Нұрланұлы";
        form["Input.ParentName"] = "Нұрлан Әлиұлы";
        form["Input.ParentEmail"] = parentEmail;
        var page = await client.GetPageAsync("/account/signup");

        using (var response = await client.SubmitAsync(page, "main form", form, "/account/signup"))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/account/signup/waiting", response.Location());
        }

        await client.GetPageAsync("/account/signup/waiting");
        var child = await app.Db(db => db.Accounts.SingleAsync(a => a.Email == childEmail));
        Assert.Equal(AccountStatus.AwaitingParentConsent, child.Status);

        // The child cannot log in yet, and is told why.
        var browser = app.Browser();
        using (var login = await Logins.PostAsync(browser, childEmail, People.Password))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
            var refused = await Html.ParseAsync(login);
            Assert.Equal(Html.Text("Error_awaiting_parent_consent", Cultures.Kazakh), refused.FieldError("Input_Login"));
        }

        // The parent opens the link and sees whose account it is.
        var link = await Messages.LinkAsync(app, parentEmail, "/parent-consent?token=");
        var parent = app.Browser();
        var consentPage = await parent.GetPageAsync(link);
        Assert.Contains("Әлихан Нұрланұлы", consentPage.Find("main").TextContent, StringComparison.Ordinal);

        // Without ticking the box nothing happens.
        using (var unticked = await parent.SubmitAsync(consentPage, "main form", new Dictionary<string, string> { ["Agree"] = "" }, link))
        {
            Assert.Equal(HttpStatusCode.OK, unticked.StatusCode);
            var again = await Html.ParseAsync(unticked);
            var message = Html.Text("Error_confirmation_required", Cultures.Kazakh);
            Assert.Contains(again.QuerySelectorAll(".error-summary li"), li => li.TextContent.Trim() == message);
            Assert.Equal(message, again.FieldError("Agree"));
            Assert.Equal(AccountStatus.AwaitingParentConsent, (await app.Db(db => db.Accounts.SingleAsync(a => a.Id == child.Id))).Status);
        }

        using (var ticked = await parent.SubmitAsync(consentPage, "main form", new Dictionary<string, string> { ["Agree"] = "on" }, link))
        {
            Assert.Equal(HttpStatusCode.OK, ticked.StatusCode);
            var done = await Html.ParseAsync(ticked);
            Assert.Equal(Html.Text("Parent_Done", Cultures.Kazakh, "Әлихан Нұрланұлы"), done.Find(".notice--success").TextContent.Trim());
        }

        Assert.Equal(AccountStatus.Active, (await app.Db(db => db.Accounts.SingleAsync(a => a.Id == child.Id))).Status);
        var consents = await app.Db(db => db.ConsentRecords.Where(c => c.AccountId == child.Id).ToListAsync());
        Assert.Single(consents, c => c.GivenBy == "parent" && c.Version == People.ConsentVersion);

        // A second click on the same link changes nothing and says it is done.
        var later = await parent.GetPageAsync(link);
        Assert.Equal(Html.Text("Parent_Done", Cultures.Kazakh, "Әлихан Нұрланұлы"), later.Find(".notice--success").TextContent.Trim());
        using (var twice = await parent.SubmitAsync(consentPage, "main form", new Dictionary<string, string> { ["Agree"] = "on" }, link))
        {
            Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        }

        Assert.Equal(1, await app.Db(db => db.ConsentRecords.CountAsync(c => c.AccountId == child.Id && c.GivenBy == "parent")));

        using (var login = await Logins.PostAsync(app.Browser(), childEmail, People.Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            Assert.Equal("/", login.Location());
        }
    }

    [Fact]
    public async Task An_invalid_parent_link_says_so()
    {
        var page = await app.Browser().GetPageAsync("/parent-consent?token=not-a-real-token");

        Assert.Equal(Html.Text("Parent_Invalid", Cultures.Kazakh), page.Find(".notice--error").TextContent.Trim());
        Assert.Null(page.QuerySelector("main form"));
    }

    private static Dictionary<string, string> ChildForm()
    {
        var form = People.AdultForm();
        form["Input.BirthDate"] = "2014-06-15";
        form["Input.ParentName"] = "";
        form["Input.ParentEmail"] = "";
        form["Input.ParentPhone"] = "";
        return form;
    }
}

[Collection(Sqlite.Name)]
public sealed class SignUpJourneyTestsOnSqlite(SqliteApp app) : SignUpJourneyTests(app);

[Collection(Postgres.Name)]
public sealed class SignUpJourneyTestsOnPostgres(PostgresApp app) : SignUpJourneyTests(app);
