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
        var shift = await app.NewOpportunity().Seats(1);
        var other = await app.NewOpportunity().Seats(1).ApprovingEachVolunteer();
        var volunteer = await app.NewPerson().Speaking(language).SignedIn();
        var token = await Api.TokenAsync(app, volunteer.Email);
        var holder = await app.NewPerson().WithToken();
        foreach (var (t, s) in new[] { (holder.Token, shift.ShiftId), (token, shift.ShiftId), (token, other.ShiftId) })
        {
            using var client = app.Client(accessToken: t);
            using var _ = await client.PostAsync($"/api/v1/shifts/{s}/applications", null);
        }

        var coordinator = await app.NewPerson().Speaking(language).SignedIn();
        await app.AddCoordinatorAsync(shift.OrganizationId, coordinator.Id);
        await app.AddCoordinatorAsync(other.OrganizationId, coordinator.Id);
        var fresh = await app.NewOpportunity();

        foreach (var (client, url) in new[]
        {
            (volunteer.Pages, $"/shifts/{fresh.ShiftId}/apply"),
            (volunteer.Pages, $"/shifts/{shift.ShiftId}/apply"),
            (volunteer.Pages, $"/shifts/{other.ShiftId}/apply"),
            (volunteer.Pages, "/my/shifts"),
            (coordinator.Pages, $"/shifts/{shift.ShiftId}/roster"),
            (coordinator.Pages, $"/shifts/{other.ShiftId}/roster"),
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
