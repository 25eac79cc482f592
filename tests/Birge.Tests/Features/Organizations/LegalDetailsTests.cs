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
        var organization = await app.NewOrganization().Named(Offices.OrganizationName()).InRegion(Offices.Almaty).OwnedBy((await app.NewPerson()).Id);
        var coordinator = await app.NewPerson().SignedIn();
        await app.AddCoordinatorAsync(organization.Id, coordinator.Id);

        var edit = await coordinator.Pages.GetPageAsync(EditUrl(organization.Id));
        Assert.Null(edit.QuerySelector("[name='Input.Name']"));
        Assert.Null(edit.QuerySelector("[name='Input.RegionKato']"));
        Assert.Contains(organization.Name, edit.Find("#Input_Name").TextContent, StringComparison.Ordinal);

        // A forged form with a new name and region is refused next to the fields, and nothing is stored.
        using var forged = await coordinator.Pages.SubmitAsync(
            edit,
            "main form",
            new Dictionary<string, string> { ["Input.Name"] = "Басқа ұйым", ["Input.RegionKato"] = Offices.Astana, ["Input.Address"] = "Жаңа мекенжай, 1", ["Input.Directions"] = "on" },
            EditUrl(organization.Id));
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        var refused = await Html.ParseAsync(forged);
        Assert.Equal(Html.Text("Error_legal_details_owner_only", Cultures.Kazakh), refused.FieldError("Input_Name"));
        Assert.Equal(Html.Text("Error_legal_details_owner_only", Cultures.Kazakh), refused.FieldError("Input_RegionKato"));
        Assert.Equal("Жаңа мекенжай, 1", refused.Value("Input_Address"));
        var unchanged = await Offices.StoredAsync(app, organization.Id);
        Assert.Equal((organization.Name, Offices.Almaty, "Абай даңғылы, 10", OrganizationStatus.Verified), (unchanged.Name, unchanged.RegionKato, unchanged.Address, unchanged.Status));

        await SaveAsync(coordinator.Pages, organization.Id, new() { ["Input.Address"] = "Жаңа мекенжай, 1" });
        var stored = await Offices.StoredAsync(app, organization.Id);
        Assert.Equal((organization.Name, Offices.Almaty, "Жаңа мекенжай, 1", OrganizationStatus.Verified), (stored.Name, stored.RegionKato, stored.Address, stored.Status));
        Assert.False(await app.Db(db => db.OrganizationChanges.AnyAsync(c => c.OrganizationId == organization.Id)));
    }

    [Fact]
    public async Task Renaming_and_moving_a_verified_organisation_waits_for_the_new_regions_office()
    {
        var ownerAccount = await app.NewPerson().SignedIn();
        var organization = await app.NewOrganization().Named(Offices.OrganizationName()).InRegion(Offices.Almaty).OwnedBy(ownerAccount.Id);
        var owner = ownerAccount.Pages;
        var newName = "Жаңа атау " + Orgs.UniqueWord();

        var saved = await SaveAsync(owner, organization.Id, new() { ["Input.Name"] = newName, ["Input.RegionKato"] = Offices.Astana });

        var manage = await owner.GetPageAsync(saved);
        Assert.Contains(Html.Text("Org_ChangeRequested", Cultures.Kazakh), manage.Find(".notice--success").TextContent, StringComparison.Ordinal);
        Assert.Contains(newName, manage.Find("#pending-change").TextContent, StringComparison.Ordinal);

        // Until the office decides, the verified details stay: in the database, the directory and the public profile.
        var stored = await Offices.StoredAsync(app, organization.Id);
        Assert.Equal((organization.Name, Offices.Almaty, OrganizationStatus.Verified), (stored.Name, stored.RegionKato, stored.Status));
        var change = await app.Db(db => db.OrganizationChanges.AsNoTracking().SingleAsync(c => c.OrganizationId == organization.Id));
        Assert.Equal((newName, Offices.Astana, OrganizationChangeStatus.Pending), (change.Name, change.RegionKato, change.Status));
        var profile = await app.Browser().GetPageAsync($"/organizations/{organization.Id}");
        Assert.Contains(organization.Name, profile.Find("h1").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(newName, profile.Body!.TextContent, StringComparison.Ordinal);

        // The owner's form shows what they asked for.
        Assert.Equal(newName, (await owner.GetPageAsync(EditUrl(organization.Id))).Value("Input_Name"));

        // The Almaty office neither lists nor decides it; the Astana office does.
        var almaty = await app.NewPerson().Staff(Offices.Almaty).SignedIn();
        Assert.Null((await almaty.Pages.GetPageAsync("/front-office")).QuerySelector($"#changes tr[data-change='{change.Id}']"));
        using var refused = await almaty.Pages.GetAsync($"/front-office/changes/{change.Id}");
        Assert.Equal("/error/403", Offices.RedirectPath(refused));
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(e => e.ActorId == almaty.Id && e.Outcome == AuditEntry.Denied && e.TargetId == change.Id.ToString())));

        var astana = await app.NewPerson().Staff(Offices.Astana).SignedIn();
        var row = (await astana.Pages.GetPageAsync("/front-office")).Find($"#changes tr[data-change='{change.Id}']");
        Assert.Contains(newName, row.TextContent, StringComparison.Ordinal);
        var review = await astana.Pages.GetPageAsync($"/front-office/changes/{change.Id}");
        Assert.Contains(organization.Name, review.Find("#current").TextContent, StringComparison.Ordinal);
        Assert.Contains(newName, review.Find("#proposed").TextContent, StringComparison.Ordinal);
        using var approved = await astana.Pages.SubmitAsync(review, "#approve-form", pageUrl: $"/front-office/changes/{change.Id}");

        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        var after = await Offices.StoredAsync(app, organization.Id);
        Assert.Equal((newName, Offices.Astana, OrganizationStatus.Verified), (after.Name, after.RegionKato, after.Status));
        Assert.StartsWith(newName.ToLowerInvariant(), after.SearchText, StringComparison.Ordinal);
        var decided = await app.Db(db => db.OrganizationChanges.AsNoTracking().SingleAsync(c => c.Id == change.Id));
        Assert.Equal((OrganizationChangeStatus.Approved, astana.Id), (decided.Status, decided.DecidedBy));
        Assert.Contains(newName, (await app.Browser().GetPageAsync($"/organizations/{organization.Id}")).Find("h1").TextContent, StringComparison.Ordinal);
        var subject = Html.Text("Message_OrganizationChangeApproved_Subject", Cultures.Kazakh);
        Assert.True(await app.Db(db => db.OutboxMessages.AnyAsync(m => m.Recipient == ownerAccount.Email && m.Subject == subject)));
        Assert.Null((await astana.Pages.GetPageAsync("/front-office")).QuerySelector($"#changes tr[data-change='{change.Id}']"));
    }

    [Fact]
    public async Task A_rejected_change_keeps_the_verified_details_and_tells_the_owner_why()
    {
        var ownerAccount = await app.NewPerson().SignedIn();
        var organization = await app.NewOrganization().Named(Offices.OrganizationName()).InRegion(Offices.Almaty).OwnedBy(ownerAccount.Id);
        var owner = ownerAccount.Pages;
        await SaveAsync(owner, organization.Id, new() { ["Input.LegalForm"] = "foundation" });
        var change = await app.Db(db => db.OrganizationChanges.AsNoTracking().SingleAsync(c => c.OrganizationId == organization.Id));
        Assert.Equal(Offices.Almaty, change.RegionKato);

        var staff = await app.NewPerson().Staff(Offices.Almaty).SignedIn();
        var review = await staff.Pages.GetPageAsync($"/front-office/changes/{change.Id}");
        using var noReason = await staff.Pages.SubmitAsync(review, "#reject-form", pageUrl: $"/front-office/changes/{change.Id}");
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Equal(Html.Text("Error_reason_required", Cultures.Kazakh), (await Html.ParseAsync(noReason)).FieldError("RejectReason"));
        Assert.Equal(OrganizationChangeStatus.Pending, (await app.Db(db => db.OrganizationChanges.AsNoTracking().SingleAsync(c => c.Id == change.Id))).Status);

        using var rejected = await staff.Pages.SubmitAsync(review, "#reject-form", new Dictionary<string, string> { ["RejectReason"] = "Құжат жоқ" }, $"/front-office/changes/{change.Id}");
        Assert.Equal(HttpStatusCode.Redirect, rejected.StatusCode);
        Assert.Equal("public_association", (await Offices.StoredAsync(app, organization.Id)).LegalForm);
        Assert.Equal(OrganizationChangeStatus.Rejected, (await app.Db(db => db.OrganizationChanges.AsNoTracking().SingleAsync(c => c.Id == change.Id))).Status);
        var manage = await owner.GetPageAsync($"/organizations/{organization.Id}/manage");
        Assert.Contains("Құжат жоқ", manage.Find("#rejected-change").TextContent, StringComparison.Ordinal);
        var subject = Html.Text("Message_OrganizationChangeRejected_Subject", Cultures.Kazakh);
        var message = await app.Db(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Recipient == ownerAccount.Email && m.Subject == subject));
        Assert.Contains("Құжат жоқ", message.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asking_for_the_verified_details_again_withdraws_the_change()
    {
        var ownerAccount = await app.NewPerson().SignedIn();
        var organization = await app.NewOrganization().Named(Offices.OrganizationName()).InRegion(Offices.Almaty).OwnedBy(ownerAccount.Id);
        var owner = ownerAccount.Pages;
        await SaveAsync(owner, organization.Id, new() { ["Input.Name"] = "Қате атау" });

        await SaveAsync(owner, organization.Id, new() { ["Input.Name"] = organization.Name });

        var change = await app.Db(db => db.OrganizationChanges.AsNoTracking().SingleAsync(c => c.OrganizationId == organization.Id));
        Assert.Equal(OrganizationChangeStatus.Withdrawn, change.Status);
        Assert.Equal(organization.Name, (await Offices.StoredAsync(app, organization.Id)).Name);
    }

    [Fact]
    public async Task A_pending_organisation_moved_to_another_region_goes_to_that_regions_queue_at_once()
    {
        var ownerAccount = await app.NewPerson().SignedIn();
        var organization = await app.NewOrganization().Named(Offices.OrganizationName()).InRegion(Offices.Almaty).OwnedBy(ownerAccount.Id).Pending();
        var owner = ownerAccount.Pages;

        await SaveAsync(owner, organization.Id, new() { ["Input.RegionKato"] = Offices.Astana });

        var stored = await Offices.StoredAsync(app, organization.Id);
        Assert.Equal((Offices.Astana, OrganizationStatus.Pending), (stored.RegionKato, stored.Status));
        Assert.False(await app.Db(db => db.OrganizationChanges.AnyAsync(c => c.OrganizationId == organization.Id)));
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
}

[Collection(Sqlite.Name)]
public sealed class LegalDetailsTestsOnSqlite(SqliteApp app) : LegalDetailsTests(app);

[Collection(Postgres.Name)]
public sealed class LegalDetailsTestsOnPostgres(PostgresApp app) : LegalDetailsTests(app);
