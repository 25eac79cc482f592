using System.Net;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Birge.Tests.Features.Accounts;

public abstract class SignUpSmokeTests(BirgeApp app)
{
    [Fact]
    public async Task An_adult_signs_up_and_lands_on_their_account_page()
    {
        var person = await app.NewPerson().SignedIn();

        var page = await person.Pages.GetPageAsync("/account");
        Assert.Contains(person.Email, page.Body!.TextContent, StringComparison.Ordinal);
        var stored = await app.Db(db => db.Accounts.SingleAsync(a => a.Email == person.Email));
        Assert.Equal(AccountStatus.Active, stored.Status);
        Assert.Equal(new DateOnly(1995, 5, 15), stored.BirthDate);
        Assert.True(await app.Db(db => db.OutboxMessages.AnyAsync(m => m.Recipient == person.Email)));
    }

    [Fact]
    public async Task A_bad_iin_is_refused_next_to_the_field_and_nothing_is_stored()
    {
        var client = app.Browser();
        var email = People.NewEmail();
        var form = People.AdultForm(email);
        form["Input.Iin"] = "900101300008";
        var page = await client.GetPageAsync("/account/signup");

        using var response = await client.SubmitAsync(page, "main form", form, "/account/signup");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var again = await Html.ParseAsync(response);
        Assert.Equal(Html.Text("Error_iin_invalid", Birge.Web.Localization.Cultures.Kazakh), again.FieldError("Input_Iin"));
        Assert.Equal(email, again.Value("Input_Email"));
        Assert.False(await app.Db(db => db.Accounts.AnyAsync(a => a.Email == email)));
    }
}

[Collection(Sqlite.Name)]
public sealed class SignUpSmokeTestsOnSqlite(SqliteApp app) : SignUpSmokeTests(app);

[Collection(Postgres.Name)]
public sealed class SignUpSmokeTestsOnPostgres(PostgresApp app) : SignUpSmokeTests(app);
