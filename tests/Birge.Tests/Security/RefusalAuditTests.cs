using System.Net;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Birge.Tests.Security;

/// <summary>The production allowance of refusals written to the audit log per client and minute.</summary>
public sealed class AuditCappedSqliteApp : SqliteApp
{
    protected override IReadOnlyDictionary<string, string> ExtraSettings { get; } = new Dictionary<string, string>
    {
        ["Audit:RefusalsPerClientPerMinute"] = RefusalAuditTests.Allowance.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

public sealed class AuditCappedPostgresApp : PostgresApp
{
    protected override IReadOnlyDictionary<string, string> ExtraSettings { get; } = new Dictionary<string, string>
    {
        ["Audit:RefusalsPerClientPerMinute"] = RefusalAuditTests.Allowance.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>
/// Refusals of another organisation's or region's routes are audited, but one client cannot fill the log: the first
/// ones of a minute are written, then one entry says the allowance is used up, and the rest are only counted.
/// </summary>
public abstract class RefusalAuditTests(BirgeApp app)
{
    public const int Allowance = 20;

    [Fact]
    public async Task Two_hundred_refused_requests_from_one_client_write_at_most_the_allowance_and_one_summary()
    {
        var person = await app.NewPerson().WithToken();
        using var client = app.Client(accessToken: person.Token);

        // One minute for all 200, however slow the machine: a window that turns mid-loop would allow twice.
        app.Clock.Set(DateTime.UtcNow);
        try
        {
            for (var i = 0; i < 200; i++)
            {
                using var response = await client.GetAsync($"/api/v1/shifts/{Guid.NewGuid()}/applications");
                Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            }
        }
        finally
        {
            app.Clock.Reset();
        }

        var entries = await app.Db(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.ActorId == person.Id && e.Outcome == AuditEntry.Denied)
            .ToListAsync());
        Assert.Equal(Allowance + 1, entries.Count);
        Assert.Equal(Allowance, entries.Count(e => e.Details is null));
        Assert.All(entries, e => Assert.Equal(entries[0].Action, e.Action));
        Assert.Single(entries, e => e.Details?.Contains("refusals_over_allowance", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Another_client_is_audited_while_one_is_over_its_allowance()
    {
        var firstPerson = await app.NewPerson().WithToken();
        var secondPerson = await app.NewPerson().WithToken();
        using (var client = app.Client(accessToken: firstPerson.Token))
        {
            for (var i = 0; i < Allowance + 5; i++)
            {
                using var response = await client.GetAsync($"/api/v1/shifts/{Guid.NewGuid()}/applications");
            }
        }

        using (var client = app.Client(accessToken: secondPerson.Token))
        using (var response = await client.GetAsync($"/api/v1/shifts/{Guid.NewGuid()}/applications"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        Assert.Equal(1, await app.Db(db => db.AuditEntries.CountAsync(e => e.ActorId == secondPerson.Id && e.Outcome == AuditEntry.Denied)));
        Assert.Equal(Allowance + 1, await app.Db(db => db.AuditEntries.CountAsync(e => e.ActorId == firstPerson.Id && e.Outcome == AuditEntry.Denied)));
    }
}

public sealed class RefusalAuditTestsOnSqlite(AuditCappedSqliteApp app) : RefusalAuditTests(app), IClassFixture<AuditCappedSqliteApp>;

public sealed class RefusalAuditTestsOnPostgres(AuditCappedPostgresApp app) : RefusalAuditTests(app), IClassFixture<AuditCappedPostgresApp>;
