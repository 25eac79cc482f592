using System.Net;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Tests.Features.FrontOffices;

public abstract class StaffPageTests(BirgeApp app)
{
    [Fact]
    public async Task The_admin_assigns_an_almaty_staff_member_through_the_form_and_removes_them()
    {
        var admin = await app.NewPerson().Admin().SignedIn();
        var person = await app.NewPerson();
        var personId = person.Id;
        var page = await admin.Pages.GetPageAsync("/admin/staff");
        Assert.Equal(21, page.QuerySelectorAll("section.office").Length);

        using var assign = await admin.Pages.SubmitAsync(page, "#assign-form", new Dictionary<string, string>
        {
            ["Input.Login"] = person.Email.ToUpperInvariant(),
            ["Input.Office"] = Offices.Almaty,
            ["Input.Role"] = FrontOfficeStaff.Staff,
        }, "/admin/staff");

        Assert.Equal(HttpStatusCode.Redirect, assign.StatusCode);
        var stored = await app.Db(db => db.FrontOfficeStaff.AsNoTracking().SingleAsync(s => s.AccountId == personId));
        Assert.Equal((Offices.Almaty, FrontOfficeStaff.Staff, admin.Id), (stored.FrontOfficeKato, stored.Role, stored.AssignedBy));
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(e => e.Action == "staff.assigned" && e.TargetId == personId.ToString() && e.RegionKato == Offices.Almaty)));

        var after = await admin.Pages.GetPageAsync(assign.Location());
        Assert.Equal(Html.Text("Staff_Assigned", Cultures.Kazakh), after.Find(".notice").TextContent.Trim());
        var row = after.Find($"#office-{Offices.Almaty} tr[data-account='{personId}']");
        Assert.Contains(person.Email, row.TextContent, StringComparison.Ordinal);
        Assert.Equal(FrontOfficeStaff.Staff, row.GetAttribute("data-role"));

        using var remove = await admin.Pages.SubmitAsync(after, $"#office-{Offices.Almaty} tr[data-account='{personId}'] form", pageUrl: "/admin/staff");
        Assert.Equal(HttpStatusCode.Redirect, remove.StatusCode);
        Assert.False(await app.Db(db => db.FrontOfficeStaff.AnyAsync(s => s.AccountId == personId)));
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(e => e.Action == "staff.removed" && e.TargetId == personId.ToString())));
    }

    [Fact]
    public async Task An_unknown_login_is_shown_next_to_the_field_and_nothing_changes()
    {
        var admin = await app.NewPerson().Speaking("ru").Admin().SignedIn();
        var page = await admin.Pages.GetPageAsync("/admin/staff");
        var unknown = People.NewEmail();

        using var response = await admin.Pages.SubmitAsync(page, "#assign-form", new Dictionary<string, string>
        {
            ["Input.Login"] = unknown,
            ["Input.Office"] = Offices.Almaty,
            ["Input.Role"] = FrontOfficeStaff.Operator,
        }, "/admin/staff");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var again = await Html.ParseAsync(response);
        Assert.Equal(Html.Text("Error_account_not_found", Cultures.Russian), again.FieldError("Input_Login"));
        Assert.Equal(unknown, again.Value("Input_Login"));
        Assert.False(await app.Db(db => db.FrontOfficeStaff.AnyAsync(s => s.AssignedBy == admin.Id)));
        Assert.False(await app.Db(db => db.AuditEntries.AnyAsync(e => e.ActorId == admin.Id && e.Action == "staff.assigned")));
    }

    [Fact]
    public async Task A_volunteer_or_staff_member_is_refused_the_staff_page()
    {
        var volunteer = await app.NewPerson().SignedIn();
        var staff = await app.NewPerson().Staff(FrontOffice.NationalKato).SignedIn();

        foreach (var client in new[] { volunteer.Pages, staff.Pages })
        {
            using var response = await client.GetAsync("/admin/staff");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/error/403", Offices.RedirectPath(response));
        }
    }
}

[Collection(Sqlite.Name)]
public sealed class StaffPageTestsOnSqlite(SqliteApp app) : StaffPageTests(app);

[Collection(Postgres.Name)]
public sealed class StaffPageTestsOnPostgres(PostgresApp app) : StaffPageTests(app);
