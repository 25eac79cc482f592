using System.Net;
using System.Net.Http.Json;
using Birge.Tests.Features.Organizations;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Features.Book;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Tests.Features.Book;

/// <summary>The volunteer book: only confirmed hours count; certificates and extracts are issued from them.</summary>
public abstract class BookTests(BirgeApp app)
{
    [Fact]
    public async Task The_book_counts_only_confirmed_hours_with_totals_by_year_direction_and_organisation()
    {
        var volunteer = await app.NewPerson().Named(Hours.KazakhName).SignedIn().WithToken();
        var park = (await app.NewOrganization().Named("Жасыл Әлем" + " " + Orgs.UniqueWord())).Id;
        var shelter = (await app.NewOrganization().Named("Мейірім" + " " + Orgs.UniqueWord())).Id;
        await app.NewHours(volunteer.Id, park).On(new DateOnly(2025, 9, 6), 150).Direction("ecology");
        await app.NewHours(volunteer.Id, shelter).On(new DateOnly(2026, 3, 14), 240).Direction("animals");
        await app.NewHours(volunteer.Id, park).On(new DateOnly(2026, 4, 1), 600).Direction("ecology").Revoked();

        var page = await volunteer.Pages.GetPageAsync("/book");

        var kk = Cultures.Kazakh;
        Assert.Equal(Durations.Format(390, kk), page.Find("#book-total").TextContent.Trim());
        Assert.Equal("6 сағ 30 мин", page.Find("#book-total").TextContent.Trim());
        Assert.Equal(2, page.QuerySelectorAll("#entries tbody tr").Length);
        var byYear = page.QuerySelectorAll("#by-year tr").Select(r => string.Join(" | ", r.Children.Select(c => c.TextContent.Trim()))).ToList();
        Assert.Equal(["2026 | " + Durations.Format(240, kk), "2025 | " + Durations.Format(150, kk)], byYear);
        var directions = page.QuerySelectorAll("#by-direction th").Select(th => th.TextContent.Trim()).ToList();
        var names = await app.Db(db => db.Directions.Where(d => d.Code == "animals" || d.Code == "ecology").ToDictionaryAsync(d => d.Code, d => d.Name.Kk!));
        Assert.Equal([names["animals"], names["ecology"]], directions);
        Assert.Equal(2, page.QuerySelectorAll("#by-organization tr").Length);
        Assert.Contains("Саябақты тазалау", page.Find("#entries").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_lists_confirmed_hours_only()
    {
        var volunteer = await app.NewPerson().Named(Hours.KazakhName).SignedIn().WithToken();
        var organization = (await app.NewOrganization().Named("Қамқор" + " " + Orgs.UniqueWord())).Id;
        var kept = await app.NewHours(volunteer.Id, organization).On(new DateOnly(2026, 2, 1), 90);
        await app.NewHours(volunteer.Id, organization).On(new DateOnly(2026, 2, 2), 60).Revoked();
        using var client = app.Client("en", volunteer.Token);

        var json = await (await client.GetAsync("/api/v1/me/hours")).JsonAsync();

        Assert.Equal(90, json.GetProperty("totalMinutes").GetInt32());
        var entry = Assert.Single(json.GetProperty("entries").EnumerateArray());
        Assert.Equal(kept.OpportunityId, entry.GetProperty("opportunityId").GetGuid());
        Assert.StartsWith("Қамқор", entry.GetProperty("organization").GetString(), StringComparison.Ordinal);
        Assert.Equal("Park clean-up", entry.GetProperty("opportunity").GetString());
        Assert.Equal("2026-02-01", entry.GetProperty("date").GetString());
        Assert.Equal(90, entry.GetProperty("minutes").GetInt32());
        Assert.Equal(kept.ConfirmedBy, entry.GetProperty("confirmedBy").GetGuid());
        Assert.Equal(kept.ConfirmedAt, entry.GetProperty("confirmedAt").GetDateTime().ToUniversalTime());
    }

    [Fact]
    public async Task Each_listed_entry_carries_the_id_its_dispute_route_takes()
    {
        var volunteer = await app.NewPerson().Named(Hours.KazakhName).SignedIn().WithToken();
        var organization = (await app.NewOrganization().Named("Қамқор" + " " + Orgs.UniqueWord())).Id;
        var entry = await app.NewHours(volunteer.Id, organization).On(new DateOnly(2026, 2, 1), 90);
        using var client = app.Client("en", volunteer.Token);

        var listed = (await (await client.GetAsync("/api/v1/me/hours")).JsonAsync()).GetProperty("entries")[0];
        var id = listed.GetProperty("id").GetGuid();
        using var dispute = await client.PostAsJsonAsync($"/api/v1/me/hours/{id}/dispute", new { reason = "I stayed an hour longer" });

        Assert.Equal(entry.Id, id);
        Assert.Equal(HttpStatusCode.OK, dispute.StatusCode);
        var stored = await app.Db(db => db.HoursEntries.AsNoTracking().SingleAsync(h => h.Id == entry.Id));
        Assert.Equal("I stayed an hour longer", stored.DisputeReason);
        Assert.NotNull(stored.DisputedAt);
    }

    [Fact]
    public async Task Issuing_through_the_form_makes_a_signed_certificate_of_every_confirmed_hour()
    {
        var volunteer = await app.NewPerson().Named(Hours.KazakhName).SignedIn().WithToken();
        var organization = (await app.NewOrganization().Named("Жасыл Әлем" + " " + Orgs.UniqueWord())).Id;
        var first = await app.NewHours(volunteer.Id, organization).On(new DateOnly(2025, 5, 10), 120);
        var second = await app.NewHours(volunteer.Id, organization).On(new DateOnly(2026, 6, 20), 45);
        await app.NewHours(volunteer.Id, organization).On(new DateOnly(2026, 7, 1), 300).Revoked();
        var page = await volunteer.Pages.GetPageAsync("/book");
        Assert.Equal("kk", page.Find("#Input_Language option[selected]").GetAttribute("value"));

        using var response = await volunteer.Pages.SubmitAsync(page, "#issue-form", new Dictionary<string, string> { ["Input.Language"] = "ru" }, "/book");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var certificate = await app.Db(db => db.Certificates.Include(c => c.Entries).SingleAsync(c => c.HolderId == volunteer.Id));
        Assert.Equal("/book/certificates/" + certificate.Code, response.Location());
        Assert.Equal(CodeCheck.Valid, CertificateCode.Parse(certificate.Code, out _));
        Assert.Equal(Hours.KazakhName, certificate.HolderName);
        Assert.Equal("ru", certificate.Language);
        Assert.Null(certificate.From);
        Assert.Null(certificate.To);
        Assert.Equal(new DateOnly(2025, 5, 10), certificate.FirstDay);
        Assert.Equal(new DateOnly(2026, 6, 20), certificate.LastDay);
        Assert.Equal(165, certificate.TotalMinutes);
        Assert.Equal(new[] { first.Id, second.Id }.Order(), certificate.Entries.Select(e => e.HoursEntryId).Order());
        Assert.NotEmpty(certificate.Signature);

        var result = await volunteer.Pages.GetPageAsync(response.Location());
        Assert.Equal(CertificateCode.Format(certificate.Code), result.Find("#certificate-code").TextContent.Trim());
        Assert.Equal($"/book/certificates/{certificate.Code}.pdf", result.Find("#download").GetAttribute("href"));
        Assert.Equal("http://localhost/verify/" + certificate.Code, result.Find("#verify-link").GetAttribute("href"));
        var book = await volunteer.Pages.GetPageAsync("/book");
        Assert.Single(book.QuerySelectorAll("#certificates tbody tr"));
    }

    [Fact]
    public async Task The_same_certificate_asked_for_twice_is_issued_once_until_the_hours_change()
    {
        var volunteer = await app.NewPerson().Named(Hours.KazakhName).SignedIn().WithToken();
        var organization = (await app.NewOrganization().Named("Мейірім" + " " + Orgs.UniqueWord())).Id;
        await app.NewHours(volunteer.Id, organization).On(new DateOnly(2026, 1, 5), 120);
        var page = await volunteer.Pages.GetPageAsync("/book");
        using var first = await volunteer.Pages.SubmitAsync(page, "#issue-form", null, "/book");
        using var again = await volunteer.Pages.SubmitAsync(page, "#issue-form", null, "/book");
        using var client = app.Client("en", volunteer.Token);
        using var english = await client.PostAsJsonAsync("/api/v1/me/certificates", new { language = "en" });

        Assert.Equal(first.Location(), again.Location());
        Assert.Equal(2, await app.Db(db => db.Certificates.CountAsync(c => c.HolderId == volunteer.Id)));

        await app.NewHours(volunteer.Id, organization).On(new DateOnly(2026, 1, 6), 60);
        using var more = await volunteer.Pages.SubmitAsync(page, "#issue-form", null, "/book");
        Assert.NotEqual(first.Location(), more.Location());
        Assert.Equal(3, await app.Db(db => db.Certificates.CountAsync(c => c.HolderId == volunteer.Id)));
    }

    [Fact]
    public async Task An_extract_for_a_period_counts_only_that_period()
    {
        var volunteer = await app.NewPerson().Named(Hours.KazakhName).SignedIn().WithToken();
        var organization = (await app.NewOrganization().Named("Мейірім" + " " + Orgs.UniqueWord())).Id;
        await app.NewHours(volunteer.Id, organization).On(new DateOnly(2025, 12, 31), 100);
        var inside = await app.NewHours(volunteer.Id, organization).On(new DateOnly(2026, 1, 1), 200);
        await app.NewHours(volunteer.Id, organization).On(new DateOnly(2026, 2, 1), 400);
        using var client = app.Client("en", volunteer.Token);

        using var response = await client.PostAsJsonAsync("/api/v1/me/certificates", new { from = "2026-01-01", to = "2026-01-31", language = "en" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.JsonAsync();
        var code = json.GetProperty("code").GetString()!;
        Assert.Equal($"/api/v1/me/certificates/{code}/pdf", json.GetProperty("url").GetString());
        Assert.Equal(json.GetProperty("url").GetString(), response.Headers.Location?.OriginalString);
        var certificate = await app.Db(db => db.Certificates.Include(c => c.Entries).SingleAsync(c => c.Code == code));
        Assert.Equal(200, certificate.TotalMinutes);
        Assert.Equal(new DateOnly(2026, 1, 1), certificate.From);
        Assert.Equal(new DateOnly(2026, 1, 31), certificate.To);
        Assert.Equal(inside.Id, Assert.Single(certificate.Entries).HoursEntryId);
        Assert.Equal("en", certificate.Language);

        var list = await (await client.GetAsync("/api/v1/me/certificates")).JsonAsync();
        var item = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(code, item.GetProperty("code").GetString());
        Assert.True(item.GetProperty("valid").GetBoolean());
        Assert.Equal(200, item.GetProperty("totalMinutes").GetInt32());
    }

    [Fact]
    public async Task Without_hours_no_certificate_is_issued()
    {
        var volunteer = await app.NewPerson().Named(Hours.KazakhName).SignedIn().WithToken();
        var organization = (await app.NewOrganization().Named("Қамқор" + " " + Orgs.UniqueWord())).Id;
        await app.NewHours(volunteer.Id, organization).On(new DateOnly(2026, 3, 3), 60).Revoked();
        var page = await volunteer.Pages.GetPageAsync("/book");

        using var form = await volunteer.Pages.SubmitAsync(page, "#issue-form", new Dictionary<string, string> { ["Input.From"] = "2026-01-01" }, "/book");
        using var client = app.Client("ru", volunteer.Token);
        using var api = await client.PostAsJsonAsync("/api/v1/me/certificates", new { language = "kk" });

        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var refused = await Html.ParseAsync(form);
        Assert.Equal(Html.Text("Error_no_hours", Cultures.Kazakh), refused.FieldError("Input_From"));
        Assert.Equal("2026-01-01", refused.Value("Input_From"));
        var problem = await api.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, BookErrors.NoHours);
        Assert.Equal(Html.Text("Error_no_hours", Cultures.Russian), problem.GetProperty("errors").GetProperty("from")[0].GetString());
        Assert.False(await app.Db(db => db.Certificates.AnyAsync(c => c.HolderId == volunteer.Id)));
    }

    [Fact]
    public async Task A_reversed_period_or_an_unknown_language_is_refused()
    {
        var volunteer = await app.NewPerson().Named(Hours.KazakhName).SignedIn().WithToken();
        var organization = (await app.NewOrganization().Named("Қамқор" + " " + Orgs.UniqueWord())).Id;
        await app.NewHours(volunteer.Id, organization).On(new DateOnly(2026, 3, 3), 60);
        using var client = app.Client("en", volunteer.Token);

        using var reversed = await client.PostAsJsonAsync("/api/v1/me/certificates", new { from = "2026-05-01", to = "2026-04-01", language = "en" });
        using var language = await client.PostAsJsonAsync("/api/v1/me/certificates", new { language = "de" });

        await reversed.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.DateRangeInvalid);
        await language.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.LanguageInvalid);
        Assert.False(await app.Db(db => db.Certificates.AnyAsync(c => c.HolderId == volunteer.Id)));
    }

    [Fact]
    public async Task A_period_outside_the_dates_birge_knows_is_refused()
    {
        var volunteer = await app.NewPerson().Named(Hours.KazakhName).SignedIn().WithToken();
        var organization = (await app.NewOrganization().Named("Қамқор" + " " + Orgs.UniqueWord())).Id;
        await app.NewHours(volunteer.Id, organization).On(new DateOnly(2026, 3, 3), 60);
        using var client = app.Client("ru", volunteer.Token);

        using var response = await client.PostAsJsonAsync("/api/v1/me/certificates", new { from = "0001-01-01", to = "9999-12-31", language = "en" });

        var errors = (await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.DateOutOfRange)).GetProperty("errors");
        Assert.Equal(Html.Text("Error_date_out_of_range", Cultures.Russian), errors.GetProperty("from")[0].GetString());
        Assert.Equal(Html.Text("Error_date_out_of_range", Cultures.Russian), errors.GetProperty("to")[0].GetString());
        Assert.False(await app.Db(db => db.Certificates.AnyAsync(c => c.HolderId == volunteer.Id)));
    }

    [Fact]
    public async Task The_pdf_prints_the_kazakh_name_the_hours_and_the_code()
    {
        var volunteer = await app.NewPerson().Named(Hours.KazakhName).SignedIn().WithToken();
        var organization = (await app.NewOrganization().Named("Жасыл Әлем" + " " + Orgs.UniqueWord())).Id;
        await app.NewHours(volunteer.Id, organization).On(new DateOnly(2026, 4, 12), 185);
        using var client = app.Client("kk", volunteer.Token);
        var code = (await (await client.PostAsJsonAsync("/api/v1/me/certificates", new { language = "kk" })).JsonAsync()).GetProperty("code").GetString()!;

        using var page = await volunteer.Pages.GetAsync($"/book/certificates/{code}.pdf");
        using var api = await client.GetAsync($"/api/v1/me/certificates/{code}/pdf");

        foreach (var response in new[] { page, api })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
            var pdf = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal("%PDF-"u8.ToArray(), pdf[..5]);
            var text = await Hours.PdfTextAsync(pdf);
            Assert.Contains(Hours.KazakhName, text, StringComparison.Ordinal);
            foreach (var letter in new[] { "Қ", "Ә", "Ү" })
            {
                Assert.Contains(letter, text, StringComparison.Ordinal);
            }

            Assert.Contains(CertificateCode.Format(code), text, StringComparison.Ordinal);
            Assert.Contains("3 сағ 5 мин", text, StringComparison.Ordinal);
            Assert.Contains("http://localhost/verify/" + code, text, StringComparison.Ordinal);
            Assert.Contains("Саябақты тазалау", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_long_book_prints_hours_by_organisation_on_one_page()
    {
        var volunteer = await app.NewPerson().Named(Hours.KazakhName).SignedIn().WithToken();
        var organizations = new[] { (await app.NewOrganization().Named("Бірінші " + Orgs.UniqueWord())).Id, (await app.NewOrganization().Named("Екінші " + Orgs.UniqueWord())).Id };
        for (var day = 1; day <= CertificatePdf.MaxRows + 3; day++)
        {
            await app.NewHours(volunteer.Id, organizations[day % 2]).On(new DateOnly(2026, 1, day), 60);
        }

        using var client = app.Client("ru", volunteer.Token);
        var code = (await (await client.PostAsJsonAsync("/api/v1/me/certificates", new { language = "ru" })).JsonAsync()).GetProperty("code").GetString()!;
        var text = await Hours.PdfTextAsync(await client.GetByteArrayAsync($"/api/v1/me/certificates/{code}/pdf"));

        Assert.Contains(Html.Text("Book_PdfByOrganization", Cultures.Russian), text, StringComparison.Ordinal);
        Assert.Contains("25 ч", text, StringComparison.Ordinal);
        Assert.DoesNotContain("25 ч 0 мин", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\f\f", text.TrimEnd('\f'), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_holder_downloads_the_pdf()
    {
        var holder = await app.NewPerson().Named(Hours.KazakhName).SignedIn().WithToken();
        var other = await app.NewPerson().Named(Hours.KazakhName).SignedIn().WithToken();
        var organization = (await app.NewOrganization().Named("Мейірім" + " " + Orgs.UniqueWord())).Id;
        await app.NewHours(holder.Id, organization).On(new DateOnly(2026, 4, 12), 60);
        using var client = app.Client("en", holder.Token);
        var code = (await (await client.PostAsJsonAsync("/api/v1/me/certificates", new { language = "en" })).JsonAsync()).GetProperty("code").GetString()!;

        using var otherPage = await other.Pages.GetAsync($"/book/certificates/{code}.pdf");
        using var otherResult = await other.Pages.GetAsync($"/book/certificates/{code}");
        using var otherApi = await app.Client("en", other.Token).GetAsync($"/api/v1/me/certificates/{code}/pdf");
        using var anonymousPage = await app.Browser().GetAsync($"/book/certificates/{code}.pdf");
        using var anonymousApi = await app.Client().GetAsync($"/api/v1/me/certificates/{code}/pdf");

        Assert.Equal(HttpStatusCode.NotFound, otherPage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherResult.StatusCode);
        await otherApi.AssertProblemAsync(HttpStatusCode.NotFound, BookErrors.CertificateNotFound);
        Assert.Equal(HttpStatusCode.Redirect, anonymousPage.StatusCode);
        Assert.StartsWith("/account/login", new Uri(new Uri("http://localhost"), anonymousPage.Location()).PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousApi.StatusCode);
    }

    [Fact]
    public async Task Strangers_see_no_book_and_get_no_certificate()
    {
        using var book = await app.Browser().GetAsync("/book");
        using var hours = await app.Client().GetAsync("/api/v1/me/hours");
        using var list = await app.Client().GetAsync("/api/v1/me/certificates");
        // Only what this request could have issued: certificates dated from now on.
        var asked = app.Clock.GetUtcNow().UtcDateTime;
        var before = await app.Db(db => db.Certificates.CountAsync(c => c.IssuedAt >= asked));
        using var issue = await app.Client().PostAsJsonAsync("/api/v1/me/certificates", new { language = "kk" });

        Assert.Equal(HttpStatusCode.Redirect, book.StatusCode);
        Assert.Contains("/account/login", book.Location(), StringComparison.Ordinal);
        await hours.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await list.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await issue.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal(before, await app.Db(db => db.Certificates.CountAsync(c => c.IssuedAt >= asked)));
    }

    [Fact]
    public async Task The_data_export_has_hours_and_certificates_and_deleting_the_account_revokes_them()
    {
        var volunteer = await app.NewPerson().Named(Hours.KazakhName).SignedIn().WithToken();
        var organization = (await app.NewOrganization().Named("Қамқор" + " " + Orgs.UniqueWord())).Id;
        await app.NewHours(volunteer.Id, organization).On(new DateOnly(2026, 4, 12), 75);
        using var client = app.Client("en", volunteer.Token);
        var code = (await (await client.PostAsJsonAsync("/api/v1/me/certificates", new { language = "en" })).JsonAsync()).GetProperty("code").GetString()!;

        var data = await (await client.GetAsync("/api/v1/me/data")).JsonAsync();
        Assert.Equal(75, Assert.Single(data.GetProperty("hours").EnumerateArray()).GetProperty("minutes").GetInt32());
        Assert.Equal(code, Assert.Single(data.GetProperty("certificates").EnumerateArray()).GetProperty("code").GetString());

        using var deleted = await client.DeleteAsync("/api/v1/me");
        Assert.True(deleted.IsSuccessStatusCode);

        var certificate = await app.Db(db => db.Certificates.SingleAsync(c => c.Code == code));
        Assert.NotNull(certificate.RevokedAt);
        Assert.Equal("", certificate.HolderName);
        var check = await (await app.Client().GetAsync("/api/v1/certificates/" + code)).JsonAsync();
        Assert.False(check.GetProperty("valid").GetBoolean());
        Assert.Equal(JsonValueKindNull, check.GetProperty("holder").ValueKind);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}

[Collection(Sqlite.Name)]
public sealed class BookTestsOnSqlite(SqliteApp app) : BookTests(app);

[Collection(Postgres.Name)]
public sealed class BookTestsOnPostgres(PostgresApp app) : BookTests(app);
