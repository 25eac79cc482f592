using System.Net;
using System.Net.Http.Json;
using Birge.Tests.Features.FrontOffices;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Features.Accounts;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Birge.Tests.Features.Accounts;

/// <summary>
/// Sign-up never reveals that an IIN is registered: the account is created without it and the region's front office
/// checks the number. A registered e-mail or phone is still a conflict, but a contact or a network that keeps hitting
/// registered contacts is slowed down.
/// </summary>
public abstract class SignUpEnumerationTests(BirgeApp app)
{
    private static readonly DateOnly Born = new(1995, 5, 15);

    [Fact]
    public async Task An_iin_already_registered_gives_an_account_without_it_and_a_check_by_the_front_office()
    {
        var iin = Iins.For(Born);
        var first = await app.NewPerson().With("iin", iin);
        var second = Api.AdultAccount();
        second["iin"] = iin;
        second["fullName"] = "Басқа Адам";
        using var client = app.Client("ru");

        using var response = await client.PostAsJsonAsync("/api/v1/accounts", second);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(first.Id.ToString(), text, StringComparison.OrdinalIgnoreCase);
        var body = await response.JsonAsync();
        var id = body.GetProperty("id").GetGuid();
        Assert.Equal("active", body.GetProperty("status").GetString());
        Assert.True(body.GetProperty("iinUnderReview").GetBoolean());
        Assert.Equal(Html.Text("SignUp_IinReview", Cultures.Russian), body.GetProperty("notice").GetString());

        var stored = await app.Db(db => db.Accounts.AsNoTracking().SingleAsync(a => a.Id == id));
        Assert.Null(stored.Iin);
        Assert.Equal(iin, await app.Db(db => db.Accounts.Where(a => a.Id == first.Id).Select(a => a.Iin).SingleAsync()));
        var check = await app.Db(db => db.IinChecks.AsNoTracking().SingleAsync(c => c.AccountId == id));
        Assert.Equal((iin, People.AlmatyCity, first.Id, (DateTime?)null), (check.Iin, check.RegionKato, check.HolderId, check.ResolvedAt));
    }

    [Fact]
    public async Task A_free_iin_is_stored_and_nothing_goes_to_the_front_office()
    {
        var body = Api.AdultAccount();
        body["iin"] = Iins.For(Born);
        using var client = app.Client();

        using var response = await client.PostAsJsonAsync("/api/v1/accounts", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.JsonAsync();
        var id = json.GetProperty("id").GetGuid();
        Assert.False(json.GetProperty("iinUnderReview").GetBoolean());
        Assert.Equal(body["iin"], await app.Db(db => db.Accounts.Where(a => a.Id == id).Select(a => a.Iin).SingleAsync()));
        Assert.False(await app.Db(db => db.IinChecks.AnyAsync(c => c.AccountId == id)));
    }

    [Fact]
    public async Task The_sign_up_page_with_a_registered_iin_signs_the_person_in_and_says_the_front_office_will_check_it()
    {
        var iin = Iins.For(Born);
        var first = People.AdultForm();
        first["Input.Iin"] = iin;
        var browser = app.Browser();
        using (var created = await browser.SubmitAsync(await browser.GetPageAsync("/account/signup"), "main form", first, "/account/signup"))
        {
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        }

        var form = People.AdultForm();
        form["Input.Iin"] = iin;
        var client = app.Browser("en");
        using var response = await client.SubmitAsync(await client.GetPageAsync("/account/signup"), "main form", form, "/account/signup");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account", response.Location());
        var account = await client.GetPageAsync("/account");
        Assert.Equal(Html.Text("SignUp_Done_IinReview", Cultures.English), account.Find(".notice--success").TextContent.Trim());
        Assert.DoesNotContain(iin[..6], account.Find("#details-title").ParentElement!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_region_front_office_sees_the_check_reads_it_audited_and_marks_it_resolved()
    {
        var almaty = await app.NewPerson().Staff(Offices.Almaty).SignedIn();
        var astana = await app.NewPerson().Staff(Offices.Astana).SignedIn();
        var iin = Iins.For(Born);
        await app.NewPerson().With("iin", iin);
        var newPerson = await app.NewPerson().With("iin", iin).With("fullName", "Жаңа Адам");
        var checkId = await app.Db(db => db.IinChecks.Where(c => c.AccountId == newPerson.Id).Select(c => c.Id).SingleAsync());

        // Another region's office does not see it.
        Assert.Null((await astana.Pages.GetPageAsync("/front-office")).QuerySelector($"tr[data-iin-check='{checkId}']"));

        var dashboard = await almaty.Pages.GetPageAsync("/front-office");
        var row = dashboard.Find($"tr[data-iin-check='{checkId}']");
        Assert.Contains("Жаңа Адам", row.TextContent, StringComparison.Ordinal);
        Assert.Contains(newPerson.Email, row.TextContent, StringComparison.Ordinal);
        Assert.Contains(iin, row.TextContent, StringComparison.Ordinal);
        Assert.Contains(Html.Text("IinCheck_Open", Cultures.Kazakh), row.TextContent, StringComparison.Ordinal);
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(e => e.Action == "account.iin_checks_viewed" && e.ActorId == almaty.Id && e.RegionKato == Offices.Almaty)));

        using var resolved = await almaty.Pages.SubmitAsync(dashboard, $"tr[data-iin-check='{checkId}'] form", pageUrl: "/front-office");

        Assert.Equal(HttpStatusCode.Redirect, resolved.StatusCode);
        var after = await almaty.Pages.GetPageAsync(resolved.Location());
        Assert.Equal(Html.Text("IinCheck_Resolved_Done", Cultures.Kazakh), after.Find(".notice--success").TextContent.Trim());
        var resolvedRow = after.Find($"tr[data-iin-check='{checkId}']");
        Assert.Null(resolvedRow.QuerySelector("form"));
        var stored = await app.Db(db => db.IinChecks.AsNoTracking().SingleAsync(c => c.Id == checkId));
        Assert.Equal(almaty.Id, stored.ResolvedBy);
        Assert.NotNull(stored.ResolvedAt);
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(e => e.Action == "account.iin_check_resolved" && e.TargetId == newPerson.Id.ToString() && e.ActorId == almaty.Id)));
    }

    [Fact]
    public async Task Astana_staff_posting_an_almaty_check_change_nothing()
    {
        var astana = await app.NewPerson().Staff(Offices.Astana).SignedIn();
        var iin = Iins.For(Born);
        await app.NewPerson().With("iin", iin);
        var newPerson = await app.NewPerson().With("iin", iin);
        var checkId = await app.Db(db => db.IinChecks.Where(c => c.AccountId == newPerson.Id).Select(c => c.Id).SingleAsync());
        var page = await astana.Pages.GetPageAsync("/front-office");
        var antiforgery = page.Find("input[name=__RequestVerificationToken]").GetAttribute("value")!;

        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["checkId"] = checkId.ToString(), ["__RequestVerificationToken"] = antiforgery });
        using var response = await astana.Pages.PostAsync("/front-office?handler=ResolveIinCheck", form);

        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound
            || (response.StatusCode == HttpStatusCode.Redirect && response.Location().Contains("/error/", StringComparison.Ordinal)));
        Assert.Null(await app.Db(db => db.IinChecks.Where(c => c.Id == checkId).Select(c => c.ResolvedAt).SingleAsync()));
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(e => e.ActorId == astana.Id && e.Outcome == AuditEntry.Denied && e.TargetId == newPerson.Id.ToString())));
    }

    [Fact]
    public async Task A_contact_that_keeps_hitting_a_registered_account_is_slowed_down_without_telling_anything_new()
    {
        await using var limited = Limited(perAddress: 2, perNetwork: 100);
        var person = await app.NewPerson();
        using var client = limited.CreateClient();

        for (var i = 0; i < 2; i++)
        {
            using var conflict = await client.PostAsJsonAsync("/api/v1/accounts", Api.AdultAccount(person.Email));
            await conflict.AssertProblemAsync(HttpStatusCode.Conflict, AccountErrors.AccountExists);
        }

        using var slowed = await client.PostAsJsonAsync("/api/v1/accounts", Api.AdultAccount(person.Email));
        using var other = await client.PostAsJsonAsync("/api/v1/accounts", Api.AdultAccount());

        await slowed.AssertProblemAsync(HttpStatusCode.TooManyRequests, AccountErrors.SignUpLimited);
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
    }

    [Fact]
    public async Task A_network_that_keeps_hitting_registered_accounts_is_refused_any_sign_up_for_a_while()
    {
        await using var limited = Limited(perAddress: 100, perNetwork: 3);
        using var client = limited.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            var person = await app.NewPerson();
            using var conflict = await client.PostAsJsonAsync("/api/v1/accounts", Api.AdultAccount(person.Email));
            await conflict.AssertProblemAsync(HttpStatusCode.Conflict, AccountErrors.AccountExists);
        }

        // Refused before any look-up: a free address gets the same answer as a registered one.
        var free = Api.AdultAccount();
        var registered = await app.NewPerson();
        using var freeAnswer = await client.PostAsJsonAsync("/api/v1/accounts", free);
        using var registeredAnswer = await client.PostAsJsonAsync("/api/v1/accounts", Api.AdultAccount(registered.Email));

        await freeAnswer.AssertProblemAsync(HttpStatusCode.TooManyRequests, AccountErrors.SignUpLimited);
        await registeredAnswer.AssertProblemAsync(HttpStatusCode.TooManyRequests, AccountErrors.SignUpLimited);
        Assert.False(await app.Db(db => db.Accounts.AnyAsync(a => a.Email == (string)free["email"]!)));

        // The sign-up page says so too, and keeps what was typed.
        var browser = limited.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var page = await browser.GetPageAsync("/account/signup");
        var form = People.AdultForm();
        using var refused = await browser.SubmitAsync(page, "main form", form, "/account/signup");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var again = await Html.ParseAsync(refused);
        Assert.Contains(again.QuerySelectorAll(".error-summary li"), li => li.TextContent.Trim() == Html.Text("Error_sign_up_limited", Cultures.Kazakh));
        Assert.Equal(form["Input.Email"], again.Value("Input_Email"));
    }

    /// <summary>The same app and database with rate limiting on and small allowances for conflicting sign-ups.</summary>
    private WebApplicationFactory<Program> Limited(int perAddress, int perNetwork) => app.WithWebHostBuilder(b => b
        .UseSetting("RateLimiting:Enabled", "true")
        .UseSetting("RateLimiting:AuthPermitsPerMinute", "1000")
        .UseSetting("RateLimiting:SignUpConflictsPerAddressPerHour", perAddress.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .UseSetting("RateLimiting:SignUpConflictsPerNetworkPerHour", perNetwork.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}

[Collection(Sqlite.Name)]
public sealed class SignUpEnumerationTestsOnSqlite(SqliteApp app) : SignUpEnumerationTests(app);

[Collection(Postgres.Name)]
public sealed class SignUpEnumerationTestsOnPostgres(PostgresApp app) : SignUpEnumerationTests(app);
