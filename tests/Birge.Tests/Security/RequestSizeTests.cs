using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Birge.Tests.Features.Opportunities;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Birge.Tests.Security;

/// <summary>
/// API bodies are limited to what the largest real request needs (an opportunity with every shift it may have, every
/// text at its longest in three languages); a bigger one is refused with 413 and a problem before it is read.
/// </summary>
public abstract class RequestSizeTests(BirgeApp app)
{
    [Fact]
    public async Task A_two_megabyte_json_body_is_refused_with_413_and_nothing_is_stored()
    {
        var body = Api.AdultAccount();
        body["fullName"] = new string('а', 2 * 1024 * 1024);
        using var content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        Assert.True(content.Headers.ContentLength > 2 * 1024 * 1024);

        using var response = await app.Client("ru").PostAsync("/api/v1/accounts", content);

        var problem = await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "request_too_large");
        Assert.Equal(Html.Text("Error_request_too_large", Birge.Web.Localization.Cultures.Russian), problem.GetProperty("title").GetString());
        Assert.False(await app.Db(db => db.Accounts.AnyAsync(a => a.Email == (string)body["email"]!)));
    }

    [Fact]
    public async Task A_two_megabyte_body_sent_without_a_length_is_refused_too()
    {
        var body = Api.AdultAccount();
        body["fullName"] = new string('а', 2 * 1024 * 1024);
        using var content = JsonContent.Create(body);
        Assert.Null(content.Headers.ContentLength);

        using var response = await app.Client().PostAsync("/api/v1/accounts", content);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "request_too_large");
        Assert.False(await app.Db(db => db.Accounts.AnyAsync(a => a.Email == (string)body["email"]!)));
    }

    [Fact]
    public async Task The_largest_real_opportunity_fits()
    {
        var coordinator = await app.NewPerson().SignedIn().WithToken().OwningAnOrganization();
        var body = Opps.Body(coordinator.OrganizationId);
        var title = Longest(Opportunity.MaxTitleLength);
        var description = Longest(Opportunity.MaxDescriptionLength);
        body["title"] = new { kk = title, ru = title, en = title };
        body["description"] = new { kk = description, ru = description, en = description };
        body["address"] = Longest(Opportunity.MaxAddressLength);
        var start = DateTime.UtcNow.Date.AddDays(7);
        body["shifts"] = Enumerable.Range(0, Opportunity.MaxShifts)
            .Select(i => new
            {
                startsAt = start.AddHours(i * 2),
                endsAt = start.AddHours((i * 2) + 1),
                capacity = Shift.MaxCapacity,
                role = Longest(Shift.MaxRoleLength),
            })
            .ToArray();
        using var content = JsonContent.Create(body);
        var size = (await content.ReadAsByteArrayAsync()).Length;
        Assert.True(size > 200_000, $"The body is {size} bytes: not the largest one.");

        using var client = app.Client(accessToken: coordinator.Token);
        using var response = await client.PostAsync("/api/v1/opportunities", content);

        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Cyrillic text at its longest: JSON writers escape each letter as six bytes (\u0430).</summary>
    private static string Longest(int length) => new('ә', length);
}

[Collection(Sqlite.Name)]
public sealed class RequestSizeTestsOnSqlite(SqliteApp app) : RequestSizeTests(app);

[Collection(Postgres.Name)]
public sealed class RequestSizeTestsOnPostgres(PostgresApp app) : RequestSizeTests(app);
