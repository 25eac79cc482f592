using Birge.Tests.Infrastructure;

namespace Birge.Tests.Features.FrontOffices;

/// <summary>Every front-office and admin page shows text, never a resource key, in each of the three languages.</summary>
public abstract class PagesInEveryLanguageTests(BirgeApp app)
{
    private static readonly string[] Prefixes = ["Office_", "Moderation_", "Staff_", "Audit_", "Error_", "Field_"];

    [Theory]
    [InlineData("kk")]
    [InlineData("ru")]
    [InlineData("en")]
    public async Task The_pages_have_no_missing_translations(string language)
    {
        var admin = await app.NewPerson().Speaking(language).Admin().SignedIn();
        var organization = await app.NewOrganization().Named(Offices.OrganizationName()).InRegion(Offices.Almaty).OwnedBy((await app.NewPerson()).Id);

        foreach (var url in new[] { "/front-office", $"/front-office/organizations/{organization.Id}", "/admin/staff", "/admin/audit" })
        {
            var page = await admin.Pages.GetPageAsync(url);
            Assert.Equal(language, page.DocumentElement.GetAttribute("lang"));
            var text = page.Body!.TextContent;
            Assert.DoesNotContain(Prefixes, p => text.Contains(p, StringComparison.Ordinal));
        }
    }
}

[Collection(Sqlite.Name)]
public sealed class PagesInEveryLanguageTestsOnSqlite(SqliteApp app) : PagesInEveryLanguageTests(app);

[Collection(Postgres.Name)]
public sealed class PagesInEveryLanguageTestsOnPostgres(PostgresApp app) : PagesInEveryLanguageTests(app);
