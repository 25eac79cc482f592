using System.Net;
using Birge.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Birge.Tests.Data;

/// <summary>The data-protection keys live in the database, so any web node reads the cookies another one issued.</summary>
public abstract class DataProtectionKeyTests(BirgeApp app)
{
    [Fact]
    public async Task A_cookie_issued_by_one_node_is_read_by_another_over_the_same_database()
    {
        var person = await app.NewPerson();
        using var login = await Logins.PostAsync(app.Browser(), person.Email, People.Password);
        var cookies = login.Headers.GetValues("Set-Cookie")
            .Where(c => c.StartsWith("birge.auth", StringComparison.Ordinal))
            .Select(c => c.Split(';')[0])
            .ToList();
        Assert.NotEmpty(cookies);

        // A second node: its own host and key ring in memory, the same database.
        await using var otherNode = app.WithWebHostBuilder(_ => { });
        using var client = otherNode.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", string.Join("; ", cookies));
        using var account = await client.GetAsync("/account");

        Assert.Equal(HttpStatusCode.OK, account.StatusCode);
        Assert.True(await app.Db(db => db.DataProtectionKeys.AnyAsync(k => k.Xml != null && k.Xml.Contains("<key "))), "The key ring is not in the database.");
    }
}

[Collection(Sqlite.Name)]
public sealed class DataProtectionKeyTestsOnSqlite(SqliteApp app) : DataProtectionKeyTests(app);

[Collection(Postgres.Name)]
public sealed class DataProtectionKeyTestsOnPostgres(PostgresApp app) : DataProtectionKeyTests(app);
