using System.Net;
using Birge.Tests.Features.FrontOffices;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Tests.Features.Organizations;

/// <summary>
/// An organisation's legal details (name, legal form, region) are what the front office verified: only the owner
/// changes them, and on a verified organisation a change waits for the (new) region's office while everyone keeps
/// seeing the verified version.
/// </summary>
public abstract class LegalDetailsTests(BirgeApp app)
{
    private static string EditUrl(Guid id) => $"/organizations/{id}/edit";

    [Fact]
    public async Task A_coordinator_cannot_change_the_legal_details_but_can_change_the_rest()
    {
        var (id, _, name) = await Offices.OrganizationAsync(app, Offices.Almaty, OrganizationStatus.Verified);
        var (coordinator, email) = await People.SignUpAsync(app);
        await Orgs.AddCoordinatorAsync(app, id, await Orgs.AccountIdAsync(app, email));

        var edit = await coordinator.GetPageAsync(EditUrl(id));
        Assert.Null(edit.QuerySelector("[name='Input.Name']"));
        Assert.Null(edit.QuerySelector("[name='Input.RegionKato']"));
        Assert.Contains(name, edit.Find("#Input_Name").TextContent, StringComparison.Ordinal);

        // A forged form with a new name and region is refused next to the fields, and nothing is stored.
        using var forged = await coordinator.SubmitAsync(
            edit,
            "main form",
            new Dictionary<string, string> { ["Input.Name"] = "Басқа ұйым", ["Input.RegionKato"] = Offices.Astana, ["Input.Address"] = "Жаңа мекенжай, 1", ["Input.Directions"] = "on" },
            EditUrl(id));
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        var refused = await Html.ParseAsync(forged);
        Assert.Equal(Html.Text("Error_legal_details_owner_only", Cultures.Kazakh), refused.FieldError("Input_Name"));
        Assert.Equal(Html.Text("Error_legal_details_owner_only", Cultures.Kazakh), refused.FieldError("Input_RegionKato"));
        Assert.Equal("Жаңа мекенжай, 1", refused.Value("Input_Address"));
        var unchanged = await Offices.StoredAsync(app, id);
        Assert.Equal((name, Offices.Almaty, "Абай даңғылы, 10", OrganizationStatus.Verified), (unchanged.Name, unchanged.RegionKato, unchanged.Address, unchanged.Status));

        await SaveAsync(coordinator, id, new() { ["Input.Address"] = "Жаңа мекенжай, 1" });
        var stored = await Offices.StoredAsync(app, id);
        Assert.Equal((name, Offices.Almaty, "Жаңа мекенжай, 1", OrganizationStatus.Verified), (stored.Name, stored.RegionKato, stored.Address, stored.Status));
        Assert.False(await app.Db(db => db.OrganizationChanges.AnyAsync(c => c.OrganizationId == id)));
    }

    [Fact]
    public async Task Renaming_and_moving_a_verified_organisation_waits_for_the_new_regions_office()
    {
        var (id, ownerEmail, name) = await Offices.OrganizationAsync(app, Offices.Almaty, OrganizationStatus.Verified);
        var owner = await SignInAsync(ownerEmail);
        var newName = "Жаңа атау " + Orgs.UniqueWord();

        var saved = await SaveAsync(owner, id, new() { ["Input.Name"] = newName, ["Input.RegionKato"] = Offices.Astana });

        var manage = await owner.GetPageAsync(saved);
        Assert.Contains(Html.Text("Org_ChangeRequested", Cultures.Kazakh), manage.Find(".notice--success").TextContent, StringComparison.Ordinal);
        Assert.Contains(newName, manage.Find("#pending-change").TextContent, StringComparison.Ordinal);

        // Until the office decides, the verified details stay: in the database, the directory and the public profile.
        var stored = await Offices.StoredAsync(app, id);
        Assert.Equal((name, Offices.Almaty, OrganizationStatus.Verified), (stored.Name, stored.RegionKato, stored.Status));
        var change = await app.Db(db => db.OrganizationChanges.AsNoTracking().SingleAsync(c => c.OrganizationId == id));
        Assert.Equal((newName, Offices.Astana, OrganizationChangeStatus.Pending), (change.Name, change.RegionKato, change.Status));
        var profile = await app.Browser().GetPageAsync($"/organizations/{id}");
        Assert.Contains(name, profile.Find("h1").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(newName, profile.Body!.TextContent, StringComparison.Ordinal);

        // The owner's form shows what they asked for.
        Assert.Equal(newName, (await owner.GetPageAsync(EditUrl(id))).Value("Input_Name"));

        // The Almaty office neither lists nor decides it; the Astana office does.
        var (almaty, _, almatyId) = await Offices.StaffAsync(app, Offices.Almaty);
        Assert.Null((await almaty.GetPageAsync("/front-office")).QuerySelector($"#changes tr[data-change='{change.Id}']"));
        using var refused = await almaty.GetAsync($"/front-office/changes/{change.Id}");
        Assert.Equal("/error/403", Offices.RedirectPath(refused));
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(e => e.ActorId == almatyId && e.Outcome == AuditEntry.Denied && e.TargetId == change.Id.ToString())));

        var (astana, _, astanaId) = await Offices.StaffAsync(app, Offices.Astana);
        var row = (await astana.GetPageAsync("/front-office")).Find($"#changes tr[data-change='{change.Id}']");
        Assert.Contains(newName, row.TextContent, StringComparison.Ordinal);
        var review = await astana.GetPageAsync($"/front-office/changes/{change.Id}");
        Assert.Contains(name, review.Find("#current").TextContent, StringComparison.Ordinal);
        Assert.Contains(newName, review.Find("#proposed").TextContent, StringComparison.Ordinal);
        using var approved = await astana.SubmitAsync(review, "#approve-form", pageUrl: $"/front-office/changes/{change.Id}");

        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        var after = await Offices.StoredAsync(app, id);
        Assert.Equal((newName, Offices.Astana, OrganizationStatus.Verified), (after.Name, after.RegionKato, after.Status));
        Assert.StartsWith(newName.ToLowerInvariant(), after.SearchText, StringComparison.Ordinal);
        var decided = await app.Db(db => db.OrganizationChanges.AsNoTracking().SingleAsync(c => c.Id == change.Id));
        Assert.Equal((OrganizationChangeStatus.Approved, astanaId), (decided.Status, decided.DecidedBy));
        Assert.Contains(newName, (await app.Browser().GetPageAsync($"/organizations/{id}")).Find("h1").TextContent, StringComparison.Ordinal);
        var subject = Html.Text("Message_OrganizationChangeApproved_Subject", Cultures.Kazakh);
        Assert.True(await app.Db(db => db.OutboxMessages.AnyAsync(m => m.Recipient == ownerEmail && m.Subject == subject)));
        Assert.Null((await astana.GetPageAsync("/front-office")).QuerySelector($"#changes tr[data-change='{change.Id}']"));
    }

    [Fact]
    public async Task A_rejected_change_keeps_the_verified_details_and_tells_the_owner_why()
    {
        var (id, ownerEmail, _) = await Offices.OrganizationAsync(app, Offices.Almaty, OrganizationStatus.Verified);
        var owner = await SignInAsync(ownerEmail);
        await SaveAsync(owner, id, new() { ["Input.LegalForm"] = "foundation" });
        var change = await app.Db(db => db.OrganizationChanges.AsNoTracking().SingleAsync(c => c.OrganizationId == id));
        Assert.Equal(Offices.Almaty, change.RegionKato);

        var (staff, _, _) = await Offices.StaffAsync(app, Offices.Almaty);
        var review = await staff.GetPageAsync($"/front-office/changes/{change.Id}");
        using var noReason = await staff.SubmitAsync(review, "#reject-form", pageUrl: $"/front-office/changes/{change.Id}");
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Equal(Html.Text("Error_reason_required", Cultures.Kazakh), (await Html.ParseAsync(noReason)).FieldError("RejectReason"));
        Assert.Equal(OrganizationChangeStatus.Pending, (await app.Db(db => db.OrganizationChanges.AsNoTracking().SingleAsync(c => c.Id == change.Id))).Status);

        using var rejected = await staff.SubmitAsync(review, "#reject-form", new Dictionary<string, string> { ["RejectReason"] = "Құжат жоқ" }, $"/front-office/changes/{change.Id}");
        Assert.Equal(HttpStatusCode.Redirect, rejected.StatusCode);
        Assert.Equal("public_association", (await Offices.StoredAsync(app, id)).LegalForm);
        Assert.Equal(OrganizationChangeStatus.Rejected, (await app.Db(db => db.OrganizationChanges.AsNoTracking().SingleAsync(c => c.Id == change.Id))).Status);
        var manage = await owner.GetPageAsync($"/organizations/{id}/manage");
        Assert.Contains("Құжат жоқ", manage.Find("#rejected-change").TextContent, StringComparison.Ordinal);
        var subject = Html.Text("Message_OrganizationChangeRejected_Subject", Cultures.Kazakh);
        var message = await app.Db(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Recipient == ownerEmail && m.Subject == subject));
        Assert.Contains("Құжат жоқ", message.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asking_for_the_verified_details_again_withdraws_the_change()
    {
        var (id, ownerEmail, name) = await Offices.OrganizationAsync(app, Offices.Almaty, OrganizationStatus.Verified);
        var owner = await SignInAsync(ownerEmail);
        await SaveAsync(owner, id, new() { ["Input.Name"] = "Қате атау" });

        await SaveAsync(owner, id, new() { ["Input.Name"] = name });

        var change = await app.Db(db => db.OrganizationChanges.AsNoTracking().SingleAsync(c => c.OrganizationId == id));
        Assert.Equal(OrganizationChangeStatus.Withdrawn, change.Status);
        Assert.Equal(name, (await Offices.StoredAsync(app, id)).Name);
    }

    [Fact]
    public async Task A_pending_organisation_moved_to_another_region_goes_to_that_regions_queue_at_once()
    {
        var (id, ownerEmail, _) = await Offices.OrganizationAsync(app, Offices.Almaty);
        var owner = await SignInAsync(ownerEmail);

        await SaveAsync(owner, id, new() { ["Input.RegionKato"] = Offices.Astana });

        var stored = await Offices.StoredAsync(app, id);
        Assert.Equal((Offices.Astana, OrganizationStatus.Pending), (stored.RegionKato, stored.Status));
        Assert.False(await app.Db(db => db.OrganizationChanges.AnyAsync(c => c.OrganizationId == id)));
    }

    /// <summary>Saves the edit form with these values (and a direction, which the stored organisations lack); returns where it led.</summary>
    private static async Task<string> SaveAsync(HttpClient client, Guid id, Dictionary<string, string> values)
    {
        values.TryAdd("Input.Directions", "on");
        using var response = await client.SubmitAsync(await client.GetPageAsync(EditUrl(id)), "main form", values, EditUrl(id));
        var problems = response.StatusCode == HttpStatusCode.Redirect ? "" : (await Html.ParseAsync(response)).QuerySelector(".error-summary")?.TextContent;
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Expected a redirect, got {(int)response.StatusCode}: {problems}");
        return response.Location();
    }

    private async Task<HttpClient> SignInAsync(string email)
    {
        var client = app.Browser();
        using var login = await Logins.PostAsync(client, email, People.Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return client;
    }
}

[Collection(Sqlite.Name)]
public sealed class LegalDetailsTestsOnSqlite(SqliteApp app) : LegalDetailsTests(app);

[Collection(Postgres.Name)]
public sealed class LegalDetailsTestsOnPostgres(PostgresApp app) : LegalDetailsTests(app);
