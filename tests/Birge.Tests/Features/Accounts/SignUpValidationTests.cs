using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Tests.Features.Accounts;

/// <summary>
/// Bad input on the sign-up form: the message is next to the right field and in the summary, the form comes back
/// filled (never the password), and nothing is stored.
/// </summary>
public abstract class SignUpValidationTests(BirgeApp app)
{
    private static readonly DateOnly Born = new(1995, 5, 15);

    public static TheoryData<string?> Languages => new() { null, "ru", "en" };

    [Fact]
    public async Task An_empty_form_shows_a_message_next_to_every_required_field()
    {
        var form = new Dictionary<string, string>
        {
            ["Input.Email"] = "",
            ["Input.Phone"] = "",
            ["Input.Password"] = "",
            ["Input.FullName"] = "",
            ["Input.BirthDate"] = "",
            ["Input.RegionKato"] = "",
            ["Input.Iin"] = "",
            ["Input.ConsentVersion"] = "",
        };

        var page = await RefusedAsync(null, form);

        var kk = Cultures.Kazakh;
        AssertShown(page, "Input_Email", Html.Text("Error_contact_required", kk));
        AssertShown(page, "Input_Password", Html.Text("Error_password_required", kk));
        AssertShown(page, "Input_FullName", Html.Text("Error_full_name_required", kk));
        AssertShown(page, "Input_BirthDate", Html.Text("Error_birth_date_required", kk));
        AssertShown(page, "Input_RegionKato", Html.Text("Error_region_invalid", kk));
        AssertShown(page, "Input_ConsentVersion", Html.Text("Error_consent_required", kk));
    }

    [Fact]
    public async Task A_full_name_over_200_characters_is_refused()
    {
        var form = People.AdultForm();
        form["Input.FullName"] = new string('Ә', 201);

        var page = await RefusedAsync(null, form);

        AssertShown(page, "Input_FullName", Html.Text("Error_full_name_too_long", Cultures.Kazakh));
        AssertFilled(page, form);
    }

    [Fact]
    public async Task An_email_without_at_is_refused()
    {
        var form = People.AdultForm();
        form["Input.Email"] = "person.example.com";

        var page = await RefusedAsync(null, form);

        AssertShown(page, "Input_Email", Html.Text("Error_email_invalid", Cultures.Kazakh));
        AssertFilled(page, form);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task A_russian_phone_number_is_refused(string? language)
    {
        var form = People.AdultForm();
        form["Input.Email"] = "";
        form["Input.Phone"] = "+7 916 123 45 67";

        var page = await RefusedAsync(language, form);

        AssertShown(page, "Input_Phone", Html.Text("Error_phone_invalid", CultureOf(language)));
        AssertFilled(page, form);
        Assert.False(await app.Db(db => db.Accounts.AnyAsync(a => a.Phone == "+79161234567")));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task A_phone_number_too_short_is_refused(string? language)
    {
        var form = People.AdultForm();
        form["Input.Phone"] = "8 707 123 45";

        var page = await RefusedAsync(language, form);

        AssertShown(page, "Input_Phone", Html.Text("Error_phone_invalid", CultureOf(language)));
        AssertFilled(page, form);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task An_iin_with_a_bad_checksum_is_refused(string? language)
    {
        var form = People.AdultForm();
        form["Input.Iin"] = Iins.WithBadChecksum(Iins.For(Born));

        var page = await RefusedAsync(language, form);

        AssertShown(page, "Input_Iin", Html.Text("Error_iin_invalid", CultureOf(language)));
        AssertFilled(page, form);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task A_valid_iin_that_contradicts_the_birth_date_is_refused(string? language)
    {
        var form = People.AdultForm();
        form["Input.Iin"] = Iins.For(new DateOnly(1990, 1, 1));

        var page = await RefusedAsync(language, form);

        AssertShown(page, "Input_Iin", Html.Text("Error_iin_birth_date_mismatch", CultureOf(language)));
        AssertFilled(page, form);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task A_birth_date_in_the_future_is_refused(string? language)
    {
        var form = People.AdultForm();
        form["Input.BirthDate"] = DateTime.UtcNow.AddYears(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var page = await RefusedAsync(language, form);

        AssertShown(page, "Input_BirthDate", Html.Text("Error_birth_date_in_future", CultureOf(language)));
        AssertFilled(page, form);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Text_that_is_not_a_date_is_refused_and_kept(string? language)
    {
        var form = People.AdultForm();
        form["Input.BirthDate"] = "15 mamyr";
        form["Input.FullName"] = "";

        var page = await RefusedAsync(language, form);

        AssertShown(page, "Input_BirthDate", Html.Text("Binding_ValueInvalid", CultureOf(language), "15 mamyr"));

        // Every other problem is shown at the same time.
        AssertShown(page, "Input_FullName", Html.Text("Error_full_name_required", CultureOf(language)));
        AssertFilled(page, form);
    }

    [Fact]
    public async Task An_email_already_used_is_refused_on_the_email_field()
    {
        var person = await app.NewPerson();
        var form = People.AdultForm(person.Email.ToUpperInvariant());
        form["Input.FullName"] = "Басқа Адам";

        var page = await RefusedAsync(null, form, countChanges: false);

        AssertShown(page, "Input_Email", Html.Text("Error_account_exists", Cultures.Kazakh));
        AssertFilled(page, form);
        var normalized = person.Email.ToUpperInvariant();
        Assert.Equal(1, await app.Db(db => db.Accounts.CountAsync(a => a.NormalizedEmail == normalized)));
        Assert.False(await app.Db(db => db.Accounts.AnyAsync(a => a.FullName == "Басқа Адам")));
    }

    [Fact]
    public async Task A_phone_already_used_is_refused_on_the_phone_field()
    {
        var phone = People.NewPhone();
        var first = People.AdultForm();
        first["Input.Phone"] = phone;
        await SignUpAsync(first);
        var form = People.AdultForm();
        form["Input.Phone"] = phone;

        var page = await RefusedAsync(null, form, countChanges: false);

        AssertShown(page, "Input_Phone", Html.Text("Error_account_exists", Cultures.Kazakh));
        Assert.Null(page.FieldError("Input_Email"));
        AssertFilled(page, form);
    }

    [Fact]
    public async Task Without_consent_nothing_is_created()
    {
        var form = People.AdultForm();
        form["Input.ConsentVersion"] = "";

        var page = await RefusedAsync(null, form);

        AssertShown(page, "Input_ConsentVersion", Html.Text("Error_consent_required", Cultures.Kazakh));
        Assert.False(page.GetElementById("Input_ConsentVersion")!.HasAttribute("checked"));
        AssertFilled(page, form);
    }

    [Fact]
    public async Task An_outdated_consent_version_is_refused()
    {
        // A form kept open in a tab since an older consent text: its checkbox carries the old version.
        var client = app.Browser();
        var page = await client.GetPageAsync("/account/signup");
        var form = People.AdultForm();
        form.Remove("Input.ConsentVersion");
        form["__RequestVerificationToken"] = page.Find("main form input[name=__RequestVerificationToken]").GetAttribute("value")!;
        form["Input.ConsentVersion"] = "2020-01";
        using var content = new FormUrlEncodedContent(form);

        using var response = await client.PostAsync("/account/signup", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var again = await Html.ParseAsync(response);
        AssertShown(again, "Input_ConsentVersion", Html.Text("Error_consent_outdated", Cultures.Kazakh));
        Assert.False(again.GetElementById("Input_ConsentVersion")!.HasAttribute("checked"));
        var email = form["Input.Email"];
        Assert.False(await app.Db(db => db.Accounts.AnyAsync(a => a.Email == email)));
    }

    private async Task SignUpAsync(Dictionary<string, string> form)
    {
        var client = app.Browser();
        var page = await client.GetPageAsync("/account/signup");
        using var response = await client.SubmitAsync(page, "main form", form, "/account/signup");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>Accounts holding the form's e-mail or phone: the only ones a refused sign-up could have made.</summary>
    private async Task<int> AccountsWithContactsOfAsync(Dictionary<string, string> form)
    {
        var email = form.GetValueOrDefault("Input.Email")?.Trim().ToUpperInvariant() is { Length: > 0 } e ? e : null;
        var phone = PhoneNumber.TryParseAny(form.GetValueOrDefault("Input.Phone"), out var parsed) ? parsed!.Value : null;
        return await app.Db(db => db.Accounts.CountAsync(a => (email != null && a.NormalizedEmail == email) || (phone != null && a.Phone == phone)));
    }

    private static CultureInfo CultureOf(string? language) => Cultures.FromName(language) ?? Cultures.Kazakh;

    /// <summary>Posts the real form; asserts the page comes back (200), with the password not echoed and nothing stored.</summary>
    private async Task<IHtmlDocument> RefusedAsync(string? language, Dictionary<string, string> form, bool countChanges = true)
    {
        var client = app.Browser(language);
        var before = await AccountsWithContactsOfAsync(form);
        var page = await client.GetPageAsync("/account/signup");

        using var response = await client.SubmitAsync(page, "main form", form, "/account/signup");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var again = await Html.ParseAsync(response);
        Assert.Equal(CultureOf(language).TwoLetterISOLanguageName, again.DocumentElement.GetAttribute("lang"));
        var password = again.GetElementById("Input_Password")!;
        Assert.False(password.HasAttribute("value"));
        Assert.DoesNotContain(People.Password, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        if (countChanges)
        {
            Assert.Equal(before, await AccountsWithContactsOfAsync(form));
        }

        if (form.GetValueOrDefault("Input.Email") is { Length: > 0 } email)
        {
            var normalized = email.ToUpperInvariant();
            Assert.True(await app.Db(db => db.Accounts.CountAsync(a => a.NormalizedEmail == normalized)) <= (countChanges ? 0 : 1));
        }

        return again;
    }

    /// <summary>The message is next to the field, and the summary at the top lists it with a link to the field.</summary>
    private static void AssertShown(IHtmlDocument page, string fieldId, string message)
    {
        Assert.Equal(message, page.FieldError(fieldId));
        Assert.Equal("true", page.GetElementById(fieldId)?.GetAttribute("aria-invalid"));
        var summary = page.Find(".error-summary");
        Assert.Contains(
            summary.QuerySelectorAll("li a"),
            a => a.GetAttribute("href") == "#" + fieldId && a.TextContent.Trim() == message);
    }

    /// <summary>What the person typed comes back, except the password.</summary>
    private static void AssertFilled(IHtmlDocument page, Dictionary<string, string> form)
    {
        foreach (var key in new[] { "Input.Email", "Input.Phone", "Input.FullName", "Input.BirthDate", "Input.Iin" })
        {
            Assert.Equal(form[key], page.Value(key.Replace('.', '_')) ?? "");
        }

        var region = page.QuerySelector<IHtmlSelectElement>("#Input_RegionKato")!;
        Assert.Equal(form["Input.RegionKato"], region.Value);
        if (form["Input.ConsentVersion"].Length > 0)
        {
            Assert.True(page.GetElementById("Input_ConsentVersion")!.HasAttribute("checked"));
        }

        Assert.False(page.GetElementById("Input_Password")!.HasAttribute("value"));
    }
}

[Collection(Sqlite.Name)]
public sealed class SignUpValidationTestsOnSqlite(SqliteApp app) : SignUpValidationTests(app);

[Collection(Postgres.Name)]
public sealed class SignUpValidationTestsOnPostgres(PostgresApp app) : SignUpValidationTests(app);
