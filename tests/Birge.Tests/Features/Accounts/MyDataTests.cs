using System.Net;
using System.Text.Json;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Tests.Features.Accounts;

/// <summary>A person's rights over their data: download everything, delete the account.</summary>
public abstract class MyDataTests(BirgeApp app)
{
    private static readonly DateOnly Born = new(1995, 5, 15);

    [Fact]
    public async Task Export_downloads_the_account_as_a_json_attachment()
    {
        var person = await app.NewPerson().SignedIn();

        using var response = await person.Pages.GetAsync("/account?handler=Export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("birge-my-data.json", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var account = json.RootElement.GetProperty("account");
        Assert.Equal(person.Email, account.GetProperty("email").GetString());
        Assert.Equal(People.AdultForm()["Input.FullName"], account.GetProperty("fullName").GetString());
        var consents = json.RootElement.GetProperty("consents").EnumerateArray().ToList();
        Assert.Contains(consents, c => c.GetProperty("version").GetString() == People.ConsentVersion);
    }

    [Fact]
    public async Task Export_needs_a_login()
    {
        using var response = await app.Browser().GetAsync("/account?handler=Export");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Location(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_or_an_unticked_box_deletes_nothing()
    {
        var (client, email) = await SignUpWithEverythingAsync();
        var page = await client.GetPageAsync("/account/delete");

        using (var wrong = await client.SubmitAsync(
            page, "main form", new Dictionary<string, string> { ["Input.Password"] = "Wrong-password-1", ["Input.Confirm"] = "on" }, "/account/delete"))
        {
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            var again = await Html.ParseAsync(wrong);
            Assert.Equal(Html.Text("Error_password_wrong", Cultures.Kazakh), again.FieldError("Input_Password"));
        }

        using (var unticked = await client.SubmitAsync(
            page, "main form", new Dictionary<string, string> { ["Input.Password"] = People.Password, ["Input.Confirm"] = "" }, "/account/delete"))
        {
            Assert.Equal(HttpStatusCode.OK, unticked.StatusCode);
            var again = await Html.ParseAsync(unticked);
            var message = Html.Text("Error_confirmation_required", Cultures.Kazakh);
            Assert.Contains(again.QuerySelectorAll(".error-summary li"), li => li.TextContent.Trim() == message);
            Assert.Null(again.FieldError("Input_Password"));
            Assert.Equal(message, again.FieldError("Input_Confirm"));
        }

        var stored = await app.Db(db => db.Accounts.SingleAsync(a => a.Email == email));
        Assert.Equal(AccountStatus.Active, stored.Status);
        Assert.NotNull(stored.FullName);
        await client.GetPageAsync("/account");
    }

    [Fact]
    public async Task Deleting_erases_what_identifies_the_person_and_keeps_the_statistics()
    {
        var (client, email) = await SignUpWithEverythingAsync();
        var id = await app.Db(db => db.Accounts.Where(a => a.Email == email).Select(a => a.Id).SingleAsync());
        var page = await client.GetPageAsync("/account/delete");

        using var response = await client.SubmitAsync(
            page, "main form", new Dictionary<string, string> { ["Input.Password"] = People.Password, ["Input.Confirm"] = "on" }, "/account/delete");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Location());
        var home = await client.GetPageAsync("/");
        Assert.Equal(Html.Text("Delete_Done", Cultures.Kazakh), home.Find(".notice--success").TextContent.Trim());

        var stored = await app.Db(db => db.Accounts.SingleAsync(a => a.Id == id));
        Assert.Null(stored.FullName);
        Assert.Null(stored.Email);
        Assert.Null(stored.Phone);
        Assert.Null(stored.Iin);
        Assert.Null(stored.BirthDate);
        Assert.Equal(AccountStatus.Deleted, stored.Status);
        Assert.Equal(People.AlmatyCity, stored.RegionKato);
        Assert.Equal(Born.Year, stored.BirthYear);
        var consents = await app.Db(db => db.ConsentRecords.Where(c => c.AccountId == id).ToListAsync());
        Assert.NotEmpty(consents);
        Assert.All(consents, c => Assert.NotNull(c.WithdrawnAt));

        using (var login = await Logins.PostAsync(app.Browser(), email, People.Password))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
            Assert.Equal(Html.Text("Error_login_failed", Cultures.Kazakh), (await Html.ParseAsync(login)).FieldError("Input_Login"));
        }

        using var account = await client.GetAsync("/account");
        Assert.Equal(HttpStatusCode.Redirect, account.StatusCode);
    }

    /// <summary>Signs up with e-mail, phone and IIN, so deletion has everything to erase.</summary>
    private async Task<(HttpClient Client, string Email)> SignUpWithEverythingAsync()
    {
        var client = app.Browser();
        var email = People.NewEmail();
        var form = People.AdultForm(email);
        form["Input.Phone"] = People.NewPhone();
        form["Input.Iin"] = Iins.For(Born);
        var page = await client.GetPageAsync("/account/signup");
        using var response = await client.SubmitAsync(page, "main form", form, "/account/signup");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await app.Db(db => db.Accounts.SingleAsync(a => a.Email == email));
        Assert.NotNull(stored.Phone);
        Assert.NotNull(stored.Iin);
        return (client, email);
    }
}

[Collection(Sqlite.Name)]
public sealed class MyDataTestsOnSqlite(SqliteApp app) : MyDataTests(app);

[Collection(Postgres.Name)]
public sealed class MyDataTestsOnPostgres(PostgresApp app) : MyDataTests(app);
