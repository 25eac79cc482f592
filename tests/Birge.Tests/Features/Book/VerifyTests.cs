using System.Net;
using System.Net.Http.Json;
using Birge.Tests.Features.Organizations;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Features.Book;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Birge.Tests.Features.Book;

/// <summary>
/// Anyone checks a certificate by its code: genuine, revoked, or not genuine (unknown, mistyped, or altered in the
/// database after it was signed).
/// </summary>
public abstract class VerifyTests(BirgeApp app)
{
    [Fact]
    public async Task A_genuine_certificate_shows_the_masked_holder_hours_and_period()
    {
        var code = await IssueAsync();

        var page = await app.Browser("en").GetPageAsync("/verify/" + code);
        var api = await app.Client("en").GetAsync("/api/v1/certificates/" + code);

        Assert.Equal("genuine", page.Find("#verify-result").GetAttribute("data-status"));
        Assert.Equal(Html.Text("Verify_Genuine", Cultures.English), page.Find("#result-title").TextContent.Trim());
        Assert.Equal("Ә***л Қ. Ү.", page.Find("#verify-holder").TextContent.Trim());
        Assert.Equal("2 h 30 min", page.Find("#verify-hours").TextContent.Trim());
        Assert.DoesNotContain(Hours.KazakhName, page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        var json = await api.JsonAsync();
        Assert.True(json.GetProperty("valid").GetBoolean());
        Assert.Equal("Ә***л Қ. Ү.", json.GetProperty("holder").GetString());
        Assert.Equal(150, json.GetProperty("totalMinutes").GetInt32());
        Assert.Equal("2026-05-09", json.GetProperty("period").GetProperty("from").GetString());
        Assert.Equal("2026-05-09", json.GetProperty("period").GetProperty("to").GetString());
        Assert.EndsWith("Z", json.GetProperty("issuedAt").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_code_is_accepted_as_people_type_it()
    {
        var code = await IssueAsync();
        var typed = CertificateCode.Format(code).ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal);

        var form = await app.Browser().GetPageAsync("/verify");
        using var response = await app.Browser().SubmitAsync(form, "#verify-form", new Dictionary<string, string> { ["code"] = typed });
        var page = await app.Browser().GetPageAsync("/verify?code=" + Uri.EscapeDataString(typed));

        Assert.Equal("genuine", page.Find("#verify-result").GetAttribute("data-status"));
        Assert.Equal(typed, page.Find("#code").GetAttribute("value"));
        Assert.Null(form.QuerySelector("#verify-result"));
    }

    [Fact]
    public async Task One_character_mistyped_asks_to_check_the_code_and_an_unknown_code_is_not_genuine()
    {
        var code = await IssueAsync();
        var changed = code[..5] + (code[5] == 'X' ? 'Y' : 'X') + code[6..];

        var page = await app.Browser("ru").GetPageAsync("/verify/" + changed);
        using var api = await app.Client("ru").GetAsync("/api/v1/certificates/" + changed);
        var unknown = await app.Browser("ru").GetPageAsync("/verify/" + CertificateCode.New());

        Assert.Equal("typo", page.Find("#verify-result").GetAttribute("data-status"));
        Assert.Equal(Html.Text("Verify_CheckTheCode", Cultures.Russian), page.Find("#verify-result h2").TextContent.Trim());
        Assert.Contains(Html.Text("Verify_Typo", Cultures.Russian), page.Find("#verify-result").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(Html.Text("Verify_NotGenuine", Cultures.Russian), page.Find("#verify-result").TextContent, StringComparison.Ordinal);
        var problem = await api.AssertProblemAsync(HttpStatusCode.NotFound, BookErrors.CertificateNotFound);
        Assert.Equal(Html.Text("Error_certificate_not_found", Cultures.Russian), problem.GetProperty("title").GetString());
        Assert.Equal("not-genuine", unknown.Find("#verify-result").GetAttribute("data-status"));
        Assert.Contains(Html.Text("Verify_NotGenuineHint", Cultures.Russian), unknown.Find("#verify-result").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_record_altered_in_the_database_is_not_genuine()
    {
        var hours = await IssueAsync();
        var name = await IssueAsync();
        var entries = await IssueAsync();
        await app.Db(db => db.Certificates.Where(c => c.Code == hours).ExecuteUpdateAsync(s => s.SetProperty(c => c.TotalMinutes, 6000)));
        await app.Db(db => db.Certificates.Where(c => c.Code == name).ExecuteUpdateAsync(s => s.SetProperty(c => c.HolderName, "Басқа Адам")));
        var certificateId = await app.Db(db => db.Certificates.Where(c => c.Code == entries).Select(c => c.Id).SingleAsync());
        await app.Db(db => db.CertificateEntries.Where(e => e.CertificateId == certificateId).ExecuteDeleteAsync());

        foreach (var code in new[] { hours, name, entries })
        {
            var page = await app.Browser().GetPageAsync("/verify/" + code);
            using var api = await app.Client().GetAsync("/api/v1/certificates/" + code);

            Assert.Equal("not-genuine", page.Find("#verify-result").GetAttribute("data-status"));
            await api.AssertProblemAsync(HttpStatusCode.NotFound, BookErrors.CertificateNotFound);
        }
    }

    [Fact]
    public async Task A_certificate_whose_hours_were_revoked_is_reported_revoked()
    {
        var code = await IssueAsync();
        var revokedAt = new DateTime(2026, 6, 1, 8, 0, 0, DateTimeKind.Utc);
        var entryId = await app.Db(db => db.Certificates.Where(c => c.Code == code).SelectMany(c => c.Entries).Select(e => e.HoursEntryId).SingleAsync());
        await app.Db(async db =>
        {
            var entry = await db.HoursEntries.SingleAsync(h => h.Id == entryId);
            entry.Status = HoursStatus.Revoked;
            entry.RevokedAt = revokedAt;
            return await db.SaveChangesAsync();
        });

        var page = await app.Browser("en").GetPageAsync("/verify/" + code);
        using var api = await app.Client("en").GetAsync("/api/v1/certificates/" + code);

        Assert.Equal("revoked", page.Find("#verify-result").GetAttribute("data-status"));
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        var json = await api.JsonAsync();
        Assert.False(json.GetProperty("valid").GetBoolean());
        Assert.Equal(revokedAt, json.GetProperty("revokedAt").GetDateTime().ToUniversalTime());
    }

    [Fact]
    public async Task Revoking_the_hours_revokes_the_certificates_that_counted_them()
    {
        var code = await IssueAsync();
        var entryId = await app.Db(db => db.Certificates.Where(c => c.Code == code).SelectMany(c => c.Entries).Select(e => e.HoursEntryId).SingleAsync());

        using (var scope = app.Services.CreateScope())
        {
            var book = scope.ServiceProvider.GetRequiredService<VolunteerBook>();
            var db = scope.ServiceProvider.GetRequiredService<Birge.Web.Data.BirgeDb>();
            await book.RevokeCountingAsync([entryId], CancellationToken.None);
            await db.SaveChangesAsync();
        }

        var certificate = await app.Db(db => db.Certificates.SingleAsync(c => c.Code == code));
        Assert.NotNull(certificate.RevokedAt);
        var json = await (await app.Client().GetAsync("/api/v1/certificates/" + code)).JsonAsync();
        Assert.False(json.GetProperty("valid").GetBoolean());
        Assert.Equal(certificate.RevokedAt, json.GetProperty("revokedAt").GetDateTime().ToUniversalTime());
    }

    private async Task<string> IssueAsync()
    {
        var volunteer = await app.NewPerson().Named(Hours.KazakhName).SignedIn().WithToken();
        var organization = (await app.NewOrganization().Named("Жасыл Әлем" + " " + Orgs.UniqueWord())).Id;
        await app.NewHours(volunteer.Id, organization).On(new DateOnly(2026, 5, 9), 150);
        using var client = app.Client("kk", volunteer.Token);
        using var response = await client.PostAsJsonAsync("/api/v1/me/certificates", new { language = "kk" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("code").GetString()!;
    }
}

[Collection(Sqlite.Name)]
public sealed class VerifyTestsOnSqlite(SqliteApp app) : VerifyTests(app);

[Collection(Postgres.Name)]
public sealed class VerifyTestsOnPostgres(PostgresApp app) : VerifyTests(app);
