using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Dom;
using Birge.Tests.Features.Organizations;
using Birge.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Birge.Tests.Data;

/// <summary>
/// With <c>Database:StandbyReads</c> on, a stranger's search reads <c>ConnectionStrings:BirgeStandby</c>, and a
/// signed-in person's the primary. Here the "standby" is a second database of its own, holding other opportunities
/// than the primary (as a standby that lags would), so each answer shows which one it was read from.
/// </summary>
public abstract class StandbyReadsTests(BirgeApp app)
{
    [Fact]
    public async Task A_strangers_search_reads_the_standby_and_a_signed_in_person_reads_the_primary()
    {
        await using BirgeApp standby = app.Provider == Web.Data.DatabaseProvider.Sqlite ? new SqliteApp() : new PostgresApp();
        await standby.InitializeAsync();
        var word = Orgs.UniqueWord();
        var onPrimary = (await app.NewOpportunity().Titled($"Саябақ {word}")).OpportunityId;
        var onStandby = (await standby.NewOpportunity().Titled($"Өзен {word}")).OpportunityId;
        var volunteer = await app.NewPerson();
        using var reading = app.WithWebHostBuilder(b => b
            .UseSetting("Database:StandbyReads", "true")
            .UseSetting("ConnectionStrings:BirgeStandby", standby.ConnectionString));

        using var stranger = reading.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal([onStandby], Ids(await stranger.GetPageAsync("/opportunities?q=" + word)));
        Assert.Equal([onStandby], await ApiIdsAsync(stranger, word));

        using var signedIn = reading.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using (var login = await Logins.PostAsync(signedIn, volunteer.Email, People.Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        }

        Assert.Equal([onPrimary], Ids(await signedIn.GetPageAsync("/opportunities?q=" + word)));

        // Off (the default), everyone reads the primary.
        using var off = app.Client();
        Assert.Equal([onPrimary], await ApiIdsAsync(off, word));
    }

    private static async Task<List<Guid>> ApiIdsAsync(HttpClient client, string word)
    {
        using var response = await client.GetAsync("/api/v1/opportunities?q=" + word);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return [.. body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];
    }

    private static List<Guid> Ids(IHtmlDocument page) => [.. page.QuerySelectorAll(".opp-result").Select(e => Guid.Parse(e.GetAttribute("data-id")!))];
}

[Collection(Sqlite.Name)]
public sealed class StandbyReadsTestsOnSqlite(SqliteApp app) : StandbyReadsTests(app);

[Collection(Postgres.Name)]
public sealed class StandbyReadsTestsOnPostgres(PostgresApp app) : StandbyReadsTests(app);
