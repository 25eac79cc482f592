using System.Net;
using System.Net.Http.Json;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Tests.Features.FrontOffices;

public abstract class AuditTests(BirgeApp app)
{
    /// <summary>A done entry in Shymkent (a staff assignment) and a denied one (a volunteer on the staff API).</summary>
    private async Task<(HttpClient Admin, string AdminEmail, Guid Person, Guid Volunteer)> SomeHistoryAsync()
    {
        var admin = await app.NewPerson().Admin().SignedIn();
        var person = await app.NewPerson();
        using (var client = app.Client(accessToken: await Api.TokenAsync(app, admin.Email)))
        using (var assigned = await client.PostAsJsonAsync($"/api/v1/front-offices/{Offices.Shymkent}/staff", new { accountId = person.Id, role = "staff" }))
        {
            Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        }

        var volunteer = await app.NewPerson();
        using (var client = app.Client(accessToken: await Api.TokenAsync(app, volunteer.Email)))
        using (var refused = await client.PostAsJsonAsync($"/api/v1/front-offices/{Offices.Shymkent}/staff", new { accountId = volunteer.Id, role = "staff" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        return (admin.Pages, admin.Email, person.Id, volunteer.Id);
    }

    [Fact]
    public async Task The_admin_reads_the_log_newest_first_and_filters_it_by_region_outcome_and_actor()
    {
        var (admin, adminEmail, person, _) = await SomeHistoryAsync();

        var all = await admin.GetPageAsync("/admin/audit");
        var rows = all.QuerySelectorAll("#audit tr.audit-entry");
        Assert.InRange(rows.Length, 2, 50);
        var ids = rows.Select(r => long.Parse(r.GetAttribute("data-id")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(ids.OrderByDescending(i => i), ids);
        Assert.Equal(Html.Text("Audit_Title", Cultures.Kazakh), all.Find("h1").TextContent.Trim());

        var shymkent = await admin.GetPageAsync($"/admin/audit?Input.Region={Offices.Shymkent}");
        var shymkentRows = shymkent.QuerySelectorAll("#audit tr.audit-entry");
        Assert.NotEmpty(shymkentRows);
        Assert.All(shymkentRows, r => Assert.Equal(Offices.Shymkent, r.GetAttribute("data-region")));
        var assignment = Assert.Single(shymkentRows, r => r.TextContent.Contains(person.ToString(), StringComparison.Ordinal));
        Assert.Equal("staff.assigned", assignment.GetAttribute("data-action"));
        Assert.Contains(Html.Text("Audit_Outcome_done", Cultures.Kazakh), assignment.TextContent, StringComparison.Ordinal);

        var denied = await admin.GetPageAsync("/admin/audit?Input.Outcome=denied");
        var deniedRows = denied.QuerySelectorAll("#audit tr.audit-entry");
        Assert.NotEmpty(deniedRows);
        Assert.All(deniedRows, r => Assert.Equal(AuditEntry.Denied, r.GetAttribute("data-outcome")));

        // Typed as a person would, in lower case: refusals are stored as "POST /api/v1/…".
        var refusedStaffCalls = await admin.GetPageAsync("/admin/audit?Input.Action=" + Uri.EscapeDataString("post /api/v1/front-offices/"));
        var refusedRows = refusedStaffCalls.QuerySelectorAll("#audit tr.audit-entry");
        Assert.NotEmpty(refusedRows);
        Assert.All(refusedRows, r => Assert.StartsWith("POST /api/v1/front-offices/", r.GetAttribute("data-action"), StringComparison.Ordinal));

        var byAdmin = await admin.GetPageAsync("/admin/audit?Input.Actor=" + Uri.EscapeDataString(adminEmail));
        Assert.All(byAdmin.QuerySelectorAll("#audit tr.audit-entry"), r => Assert.Equal("staff.assigned", r.GetAttribute("data-action")));
        Assert.Single(byAdmin.QuerySelectorAll("#audit tr.audit-entry"));

        var byNobody = await admin.GetPageAsync("/admin/audit?Input.Actor=" + Uri.EscapeDataString(People.NewEmail()));
        Assert.Equal(Html.Text("Error_account_not_found", Cultures.Kazakh), byNobody.FieldError("Input_Actor"));
    }

    [Fact]
    public async Task The_api_gives_the_admin_a_filtered_page_and_refuses_staff()
    {
        var (_, adminEmail, person, _) = await SomeHistoryAsync();
        var today = KazakhstanTime.FromUtc(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using var client = app.Client(accessToken: await Api.TokenAsync(app, adminEmail));

        using var response = await client.GetAsync($"/api/v1/audit?region={Offices.Shymkent}&action=staff.&outcome=done&from={today}&to={today}&page=1&pageSize=5");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.JsonAsync();
        Assert.Equal(1, json.GetProperty("page").GetInt32());
        Assert.Equal(5, json.GetProperty("pageSize").GetInt32());
        var items = json.GetProperty("items").EnumerateArray().ToList();
        Assert.InRange(items.Count, 1, 5);
        Assert.True(json.GetProperty("total").GetInt32() >= items.Count);
        Assert.All(items, i => Assert.Equal(Offices.Shymkent, i.GetProperty("regionKato").GetString()));
        Assert.All(items, i => Assert.Equal("done", i.GetProperty("outcome").GetString()));
        Assert.Contains(items, i => i.GetProperty("targetId").GetString() == person.ToString() && i.GetProperty("action").GetString() == "staff.assigned");

        using var yesterday = await client.GetAsync($"/api/v1/audit?region={Offices.Shymkent}&to=2020-01-01");
        Assert.Equal(0, (await yesterday.JsonAsync()).GetProperty("total").GetInt32());

        var nationalStaff = await app.NewPerson().Staff(FrontOffice.NationalKato).SignedIn();
        using var staff = app.Client(accessToken: await Api.TokenAsync(app, nationalStaff.Email));
        using var refused = await staff.GetAsync("/api/v1/audit");
        await refused.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Dates_outside_the_window_are_refused_by_the_api_and_shown_next_to_the_field_on_the_page()
    {
        var admin = await app.NewPerson().Speaking("ru").Admin().SignedIn();
        using var client = app.Client("ru", await Api.TokenAsync(app, admin.Email));

        using var far = await client.GetAsync("/api/v1/audit?to=9999-12-31");
        using var early = await client.GetAsync("/api/v1/audit?from=0001-01-01");
        var page = await admin.Pages.GetPageAsync("/admin/audit?Input.To=9999-12-31&Input.Action=staff.");

        var problem = await far.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.DateOutOfRange);
        Assert.Equal(Html.Text("Error_date_out_of_range", Cultures.Russian), problem.GetProperty("errors").GetProperty("to")[0].GetString());
        var earlyProblem = await early.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.DateOutOfRange);
        Assert.True(earlyProblem.GetProperty("errors").TryGetProperty("from", out _));
        Assert.Equal(Html.Text("Error_date_out_of_range", Cultures.Russian), page.FieldError("Input_To"));
        Assert.Equal("9999-12-31", page.Value("Input_To"));
        Assert.Equal("staff.", page.Value("Input_Action"));
    }

    [Fact]
    public async Task Staff_may_not_open_the_audit_page()
    {
        var staff = await app.NewPerson().Staff(FrontOffice.NationalKato).SignedIn();

        using var response = await staff.Pages.GetAsync("/admin/audit");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/error/403", Offices.RedirectPath(response));
    }

    [Fact]
    public async Task The_database_refuses_to_change_or_delete_an_audit_entry()
    {
        await SomeHistoryAsync();
        var id = await app.Db(db => db.AuditEntries.MaxAsync(e => e.Id));

        await Assert.ThrowsAnyAsync<Exception>(() => app.Db(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE \"AuditEntries\" SET \"Outcome\" = 'done', \"Details\" = 'rewritten' WHERE \"Id\" = {0}", id)));
        await Assert.ThrowsAnyAsync<Exception>(() => app.Db(db => db.Database.ExecuteSqlRawAsync(
            "DELETE FROM \"AuditEntries\" WHERE \"Id\" = {0}", id)));

        var entry = await app.Db(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Id == id));
        Assert.NotEqual("rewritten", entry.Details);
    }
}

[Collection(Sqlite.Name)]
public sealed class AuditTestsOnSqlite(SqliteApp app) : AuditTests(app);

[Collection(Postgres.Name)]
public sealed class AuditTestsOnPostgres(PostgresApp app) : AuditTests(app);
