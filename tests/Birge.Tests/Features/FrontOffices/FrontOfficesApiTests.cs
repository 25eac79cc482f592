using System.Net;
using System.Net.Http.Json;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Features.FrontOffices;
using Microsoft.EntityFrameworkCore;

namespace Birge.Tests.Features.FrontOffices;

public abstract class FrontOfficesApiTests(BirgeApp app)
{
    [Theory]
    [InlineData("ru", "Национальный фронт-офис", "г. Алматы")]
    [InlineData("en", "National front office", "Almaty")]
    public async Task The_list_has_the_national_office_and_twenty_regional_ones_in_the_request_language(string language, string national, string almaty)
    {
        using var client = app.Client(language);

        using var response = await client.GetAsync("/api/v1/front-offices");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var offices = (await response.JsonAsync()).EnumerateArray().ToList();
        Assert.Equal(21, offices.Count);
        Assert.Equal("national", offices[0].GetProperty("kato").GetString());
        Assert.Equal(national, offices[0].GetProperty("name").GetString());
        var almatyOffice = offices.Single(o => o.GetProperty("kato").GetString() == Offices.Almaty);
        Assert.Contains(almaty, almatyOffice.GetProperty("name").GetString(), StringComparison.Ordinal);
        Assert.Equal(20, offices.Count(o => o.GetProperty("kato").GetString()!.Length == 9));
    }

    [Fact]
    public async Task The_admin_assigns_and_removes_staff_and_each_change_is_audited()
    {
        var admin = await app.NewPerson().Admin().SignedIn();
        var token = await Api.TokenAsync(app, admin.Email);
        var person = await app.NewPerson();
        using var client = app.Client(accessToken: token);

        using (var assigned = await client.PostAsJsonAsync($"/api/v1/front-offices/{Offices.Shymkent}/staff", new { accountId = person.Id, role = "operator" }))
        {
            Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        }

        var stored = await app.Db(db => db.FrontOfficeStaff.AsNoTracking().SingleAsync(s => s.AccountId == person.Id));
        Assert.Equal((Offices.Shymkent, FrontOfficeStaff.Operator, admin.Id), (stored.FrontOfficeKato, stored.Role, stored.AssignedBy));
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(e =>
            e.Action == "staff.assigned" && e.TargetId == person.Id.ToString() && e.RegionKato == Offices.Shymkent && e.ActorId == admin.Id && e.Outcome == AuditEntry.Done)));

        using (var removed = await client.DeleteAsync($"/api/v1/front-offices/{Offices.Shymkent}/staff/{person.Id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }

        Assert.False(await app.Db(db => db.FrontOfficeStaff.AnyAsync(s => s.AccountId == person.Id)));
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(e =>
            e.Action == "staff.removed" && e.TargetId == person.Id.ToString() && e.RegionKato == Offices.Shymkent)));
    }

    [Fact]
    public async Task Bad_staff_requests_are_refused_with_their_codes()
    {
        var admin = await app.NewPerson().Admin().SignedIn();
        var person = await app.NewPerson();
        using var client = app.Client("ru", await Api.TokenAsync(app, admin.Email));

        using (var office = await client.PostAsJsonAsync("/api/v1/front-offices/999999999/staff", new { accountId = person.Id, role = "staff" }))
        {
            await office.AssertProblemAsync(HttpStatusCode.NotFound, FrontOfficeErrors.FrontOfficeNotFound);
        }

        using (var account = await client.PostAsJsonAsync($"/api/v1/front-offices/{Offices.Almaty}/staff", new { accountId = Guid.NewGuid(), role = "staff" }))
        {
            await account.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, FrontOfficeErrors.AccountNotFound);
        }

        using (var role = await client.PostAsJsonAsync($"/api/v1/front-offices/{Offices.Almaty}/staff", new { accountId = person.Id, role = "boss" }))
        {
            var problem = await role.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, FrontOfficeErrors.RoleInvalid);
            Assert.Equal(Html.Text("Error_role_invalid", Birge.Web.Localization.Cultures.Russian), problem.GetProperty("errors").GetProperty("role")[0].GetString());
        }

        Assert.False(await app.Db(db => db.FrontOfficeStaff.AnyAsync(s => s.AccountId == person.Id)));
    }

    [Fact]
    public async Task A_volunteer_or_regional_staff_may_not_assign_staff()
    {
        var volunteer = await app.NewPerson();
        var staff = await app.NewPerson().Staff(Offices.Almaty).SignedIn();
        var person = await app.NewPerson();

        foreach (var email in new[] { volunteer.Email, staff.Email })
        {
            using var client = app.Client(accessToken: await Api.TokenAsync(app, email));
            using var post = await client.PostAsJsonAsync($"/api/v1/front-offices/{Offices.Almaty}/staff", new { accountId = person.Id, role = "staff" });
            await post.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
            using var delete = await client.DeleteAsync($"/api/v1/front-offices/{Offices.Almaty}/staff/{person.Id}");
            await delete.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        }

        Assert.False(await app.Db(db => db.FrontOfficeStaff.AnyAsync(s => s.AccountId == person.Id)));
    }
}

[Collection(Sqlite.Name)]
public sealed class FrontOfficesApiTestsOnSqlite(SqliteApp app) : FrontOfficesApiTests(app);

[Collection(Postgres.Name)]
public sealed class FrontOfficesApiTestsOnPostgres(PostgresApp app) : FrontOfficesApiTests(app);
