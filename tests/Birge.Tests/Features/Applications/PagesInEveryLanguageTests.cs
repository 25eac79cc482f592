using Birge.Tests.Features.Organizations;
using Birge.Tests.Infrastructure;

namespace Birge.Tests.Features.Applications;

/// <summary>The apply, my-shifts and roster pages show text, never a resource key, in each language.</summary>
public abstract class ApplicationPagesInEveryLanguageTests(BirgeApp app)
{
    private static readonly string[] Prefixes = ["Apply_", "Error_", "Message_"];

    [Theory]
    [InlineData("kk")]
    [InlineData("ru")]
    [InlineData("en")]
    public async Task The_pages_have_no_missing_translations(string language)
    {
        var shift = await Shifts.PublishedAsync(app, capacity: 1);
        var other = await Shifts.PublishedAsync(app, capacity: 1, autoAccept: false);
        var (volunteer, email) = await People.SignUpAsync(app, language);
        var token = await Api.TokenAsync(app, email);
        var holder = await Orgs.PersonAsync(app);
        foreach (var (t, s) in new[] { (holder.Token, shift.ShiftId), (token, shift.ShiftId), (token, other.ShiftId) })
        {
            using var client = app.Client(accessToken: t);
            using var _ = await client.PostAsync($"/api/v1/shifts/{s}/applications", null);
        }

        var (coordinator, coordinatorEmail) = await People.SignUpAsync(app, language);
        await Orgs.AddCoordinatorAsync(app, shift.OrganizationId, await Orgs.AccountIdAsync(app, coordinatorEmail));
        await Orgs.AddCoordinatorAsync(app, other.OrganizationId, await Orgs.AccountIdAsync(app, coordinatorEmail));
        var fresh = await Shifts.PublishedAsync(app);

        foreach (var (client, url) in new[]
        {
            (volunteer, $"/shifts/{fresh.ShiftId}/apply"),
            (volunteer, $"/shifts/{shift.ShiftId}/apply"),
            (volunteer, $"/shifts/{other.ShiftId}/apply"),
            (volunteer, "/my/shifts"),
            (coordinator, $"/shifts/{shift.ShiftId}/roster"),
            (coordinator, $"/shifts/{other.ShiftId}/roster"),
        })
        {
            var page = await client.GetPageAsync(url);
            Assert.Equal(language, page.DocumentElement.GetAttribute("lang"));
            Assert.Single(page.QuerySelectorAll("h1"));
            var text = page.Body!.TextContent;
            Assert.DoesNotContain(Prefixes, p => text.Contains(p, StringComparison.Ordinal));
        }
    }
}

[Collection(Sqlite.Name)]
public sealed class ApplicationPagesInEveryLanguageTestsOnSqlite(SqliteApp app) : ApplicationPagesInEveryLanguageTests(app);

[Collection(Postgres.Name)]
public sealed class ApplicationPagesInEveryLanguageTestsOnPostgres(PostgresApp app) : ApplicationPagesInEveryLanguageTests(app);
