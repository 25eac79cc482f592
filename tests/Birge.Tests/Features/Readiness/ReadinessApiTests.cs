using System.Net;
using System.Net.Http.Json;
using Birge.Tests.Features.FrontOffices;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Features.Readiness;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Birge.Tests.Features.Readiness.ReadinessData;

namespace Birge.Tests.Features.Readiness;

/// <summary>
/// The register's API per api.md: a team created with its members (201), a member added with certificates (200, as
/// available), a minor refused (422 age_restricted), another region's staff refused (403, audited), the readiness read;
/// and the certificate-expiry job telling each holder once per expiry date.
/// </summary>
public abstract class ReadinessApiTests(BirgeApp app)
{
    [Fact]
    public async Task Staff_create_a_team_with_its_first_member_and_add_another_with_certificates()
    {
        var staff = await app.NewPerson().Staff(Atyrau).WithToken();
        var leader = await app.NewPerson();
        var medic = await app.NewPerson();
        var name = "Atyrau rescue " + Guid.NewGuid().ToString("N")[..6];

        using var created = await staff.Api.PostAsJsonAsync("/api/v1/teams", new { name, regionKato = Atyrau, kind = "rescue", members = new[] { new { accountId = leader.Id, role = "leader" } } });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.JsonAsync()).GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/teams/{id}", created.Headers.Location!.OriginalString);
        var team = await app.Db(db => db.Teams.AsNoTracking().SingleAsync(t => t.Id == id));
        Assert.Equal((name, Atyrau, "rescue", false), (team.Name, team.RegionKato, team.Kind, team.Standby));
        var first = await app.Db(db => db.TeamMembers.AsNoTracking().SingleAsync(m => m.TeamId == id));
        Assert.Equal((leader.Id, "leader", MemberState.Available), (first.AccountId, first.Role, first.State));

        var expires = Today.AddYears(1);
        using var added = await staff.Api.PostAsJsonAsync($"/api/v1/teams/{id}/members", new
        {
            accountId = medic.Id,
            role = "member",
            certificates = new[] { new { code = "first_aid", expiresOn = expires }, new { code = "psychological_first_aid", expiresOn = expires.AddDays(-100) } },
        });

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var body = await added.JsonAsync();
        Assert.Equal(("available", "member"), (body.GetProperty("state").GetString(), body.GetProperty("role").GetString()));
        var certificates = await app.Db(db => db.VolunteerCertificates.AsNoTracking().Where(c => c.AccountId == medic.Id).OrderBy(c => c.Code).ToListAsync());
        Assert.Equal(new[] { ("first_aid", expires), ("psychological_first_aid", expires.AddDays(-100)) }, certificates.Select(c => (c.Code, c.ExpiresOn)));

        using var again = await staff.Api.PostAsJsonAsync($"/api/v1/teams/{id}/members", new { accountId = medic.Id, role = "member" });
        await again.AssertProblemAsync(HttpStatusCode.Conflict, ReadinessErrors.AlreadyMember);

        using var read = await staff.Api.GetAsync($"/api/v1/teams/{id}");
        var members = (await read.JsonAsync()).GetProperty("members").EnumerateArray().ToList();
        Assert.Equal(2, members.Count);
        var medicRow = members.Single(m => m.GetProperty("accountId").GetGuid() == medic.Id);
        Assert.Equal(2, medicRow.GetProperty("certificates").GetArrayLength());

        using var changed = await staff.Api.PatchAsJsonAsync($"/api/v1/teams/{id}/members", new { accountId = medic.Id, state = "committed" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("committed", (await changed.JsonAsync()).GetProperty("state").GetString());
        Assert.Equal(MemberState.Committed, await app.Db(db => db.TeamMembers.Where(m => m.TeamId == id && m.AccountId == medic.Id).Select(m => m.State).SingleAsync()));
    }

    [Fact]
    public async Task A_minor_is_refused_with_age_restricted_and_a_team_with_one_is_not_created_at_all()
    {
        var staff = await app.NewPerson().Speaking("ru").Staff(Atyrau).WithToken();
        var team = await app.NewTeamAsync(Atyrau);
        var minor = await app.NewPerson().Born(Today.AddYears(-18).AddDays(1));
        var adult = await app.NewPerson();

        using var refused = await staff.Api.PostAsJsonAsync($"/api/v1/teams/{team.Id}/members", new { accountId = minor.Id, role = "member", certificates = new[] { new { code = "driver", expiresOn = Today.AddYears(2) } } });

        var problem = await refused.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "age_restricted");
        Assert.Equal(Html.Text("Team_Error_Under18", Cultures.Russian), problem.GetProperty("errors").GetProperty("accountId")[0].GetString());
        Assert.False(await app.Db(db => db.TeamMembers.AnyAsync(m => m.AccountId == minor.Id)));
        Assert.False(await app.Db(db => db.VolunteerCertificates.AnyAsync(c => c.AccountId == minor.Id)));

        var name = "All or nothing " + Guid.NewGuid().ToString("N")[..6];
        using var withMinor = await staff.Api.PostAsJsonAsync("/api/v1/teams", new
        {
            name,
            regionKato = Atyrau,
            kind = "eco",
            members = new[] { new { accountId = adult.Id, role = "leader" }, new { accountId = minor.Id, role = "member" } },
        });

        var whole = await withMinor.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "age_restricted");
        Assert.True(whole.GetProperty("errors").TryGetProperty("members[1].accountId", out _));
        Assert.False(await app.Db(db => db.Teams.AnyAsync(t => t.Name == name)));
        Assert.False(await app.Db(db => db.TeamMembers.AnyAsync(m => m.AccountId == adult.Id)));

        using var badCertificate = await staff.Api.PostAsJsonAsync($"/api/v1/teams/{team.Id}/members", new { accountId = adult.Id, role = "member", certificates = new[] { new { code = "wizard", expiresOn = Today.AddDays(-1) } } });
        var bad = await badCertificate.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, ReadinessErrors.CertificateInvalid);
        Assert.True(bad.GetProperty("errors").TryGetProperty("certificates[0].expiresOn", out _));
        Assert.False(await app.Db(db => db.TeamMembers.AnyAsync(m => m.AccountId == adult.Id)));
    }

    [Fact]
    public async Task Staff_of_another_region_are_refused_and_audited_and_a_volunteer_is_refused_everything()
    {
        var astana = await app.NewPerson().Staff(Offices.Astana).WithToken();
        var volunteer = await app.NewPerson().WithToken();
        var team = await app.NewTeamAsync(Offices.Almaty);
        var adult = await app.NewPerson();
        var name = "Not theirs " + Guid.NewGuid().ToString("N")[..6];

        using var elsewhere = await astana.Api.PostAsJsonAsync("/api/v1/teams", new { name, regionKato = Offices.Almaty, kind = "eco" });
        await elsewhere.AssertProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        Assert.False(await app.Db(db => db.Teams.AnyAsync(t => t.Name == name)));
        var entry = await app.Db(db => db.AuditEntries.SingleAsync(e => e.ActorId == astana.Id && e.Outcome == AuditEntry.Denied));
        Assert.Equal(("POST /api/v1/teams", Offices.Almaty), (entry.Action, entry.RegionKato));

        using var member = await astana.Api.PostAsJsonAsync($"/api/v1/teams/{team.Id}/members", new { accountId = adult.Id, role = "member" });
        Assert.Equal(HttpStatusCode.Forbidden, member.StatusCode);
        using var readiness = await astana.Api.GetAsync($"/api/v1/readiness?region={Offices.Almaty}");
        Assert.Equal(HttpStatusCode.Forbidden, readiness.StatusCode);
        using var national = await astana.Api.GetAsync("/api/v1/readiness/regions");
        Assert.Equal(HttpStatusCode.Forbidden, national.StatusCode);
        Assert.False(await app.Db(db => db.TeamMembers.AnyAsync(m => m.TeamId == team.Id)));

        using var create = await volunteer.Api.PostAsJsonAsync("/api/v1/teams", new { name, regionKato = Offices.Almaty, kind = "eco" });
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        using var join = await volunteer.Api.PostAsJsonAsync($"/api/v1/teams/{Guid.NewGuid()}/members", new { accountId = volunteer.Id, role = "member", certificates = new object?[] { null } });
        Assert.Equal(HttpStatusCode.Forbidden, join.StatusCode);
        using var read = await volunteer.Api.GetAsync($"/api/v1/readiness?region={Offices.Almaty}");
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        using var anonymous = await app.Client().GetAsync($"/api/v1/teams/{team.Id}");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task The_readiness_read_gives_ready_people_by_team_and_certificate_and_what_expires_soon()
    {
        var region = "590000000";
        var staff = await app.NewPerson().Staff(region).WithToken();
        var team = await app.NewTeamAsync(region, "logistics");
        var (driver, resting) = (await app.NewPerson(), await app.NewPerson());
        await app.AddMemberAsync(team.Id, driver.Id, "member", new CertificateInput("driver", Today.AddDays(5)));
        await app.AddMemberAsync(team.Id, resting.Id, "member", new CertificateInput("driver", Today.AddDays(90)));
        await app.Db(db => db.TeamMembers.Where(m => m.AccountId == resting.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.State, MemberState.Unavailable)));

        using var response = await staff.Api.GetAsync($"/api/v1/readiness?region={region}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        var teamRow = body.GetProperty("teams").EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == team.Id);
        Assert.Equal((2, 1), (teamRow.GetProperty("members").GetInt32(), teamRow.GetProperty("availableNow").GetInt32()));
        Assert.True(teamRow.GetProperty("drillOverdue").GetBoolean());
        var drivers = body.GetProperty("certificates").EnumerateArray().Single(c => c.GetProperty("code").GetString() == "driver");
        Assert.True(drivers.GetProperty("readyPeople").GetInt32() >= 1);
        var soon = body.GetProperty("expiring").EnumerateArray().Where(e => e.GetProperty("accountId").GetGuid() == driver.Id).ToList();
        Assert.Equal(Today.AddDays(5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Assert.Single(soon).GetProperty("expiresOn").GetString());
        Assert.DoesNotContain(body.GetProperty("expiring").EnumerateArray(), e => e.GetProperty("accountId").GetGuid() == resting.Id);

        using var missing = await staff.Api.GetAsync("/api/v1/readiness");
        await missing.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.RegionInvalid);
    }

    [Fact]
    public async Task Each_holder_is_told_once_per_expiry_date_and_again_after_the_certificate_is_renewed()
    {
        var holder = await app.NewPerson().Speaking("ru");
        var later = await app.NewPerson();
        var team = await app.NewTeamAsync(Atyrau);
        await app.AddMemberAsync(team.Id, holder.Id, "member", new CertificateInput("rescuer", Today.AddDays(20)));
        await app.AddMemberAsync(team.Id, later.Id, "member", new CertificateInput("rescuer", Today.AddDays(45)));
        var job = app.Services.GetRequiredService<CertificateExpiry>();

        await job.RunOnceAsync(CancellationToken.None);
        await job.RunOnceAsync(CancellationToken.None);

        var told = await NoticesAsync(holder.Email);
        var notice = Assert.Single(told);
        Assert.Contains(Html.Text("CertificateKind_rescuer", Cultures.Russian), notice.Subject, StringComparison.Ordinal);
        Assert.Contains(Today.AddDays(20).ToString("d", Cultures.Russian), notice.Body, StringComparison.Ordinal);
        Assert.Contains(CertificateExpiry.MyTeamsPath, notice.Body, StringComparison.Ordinal);
        Assert.NotNull(await app.Db(db => db.VolunteerCertificates.Where(c => c.AccountId == holder.Id).Select(c => c.ExpiryNoticeSentAt).SingleAsync()));
        Assert.Empty(await NoticesAsync(later.Email));

        // Renewed with a new date: the stamp goes, and the holder is told again when that one comes near.
        using (var scope = app.Services.CreateScope())
        {
            var renewed = await scope.ServiceProvider.GetRequiredService<TeamRoster>().PutCertificateAsync(team.Id, holder.Id, new CertificateInput("rescuer", Today.AddDays(25)), CancellationToken.None);
            Assert.True(renewed.Succeeded);
        }

        Assert.Null(await app.Db(db => db.VolunteerCertificates.Where(c => c.AccountId == holder.Id).Select(c => c.ExpiryNoticeSentAt).SingleAsync()));
        await job.RunOnceAsync(CancellationToken.None);
        Assert.Equal(2, (await NoticesAsync(holder.Email)).Count);
    }

    [Fact]
    public async Task The_same_person_added_five_times_at_once_joins_once()
    {
        var staff = await app.NewPerson().Staff(Atyrau).WithToken();
        var team = await app.NewTeamAsync(Atyrau);
        var person = await app.NewPerson();

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
            staff.Api.PostAsJsonAsync($"/api/v1/teams/{team.Id}/members", new { accountId = person.Id, role = "member" })));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(4, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(1, await app.Db(db => db.TeamMembers.CountAsync(m => m.TeamId == team.Id)));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    private async Task<List<OutboxMessage>> NoticesAsync(string email) =>
        await app.Db(db => db.OutboxMessages.AsNoTracking().Where(m => m.Recipient == email && m.Body.Contains(CertificateExpiry.MyTeamsPath)).ToListAsync());
}

[Collection(Sqlite.Name)]
public sealed class ReadinessApiTestsOnSqlite(SqliteApp app) : ReadinessApiTests(app);

[Collection(Postgres.Name)]
public sealed class ReadinessApiTestsOnPostgres(PostgresApp app) : ReadinessApiTests(app);
