using System.Net;
using System.Net.Http.Json;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Tests.Features.Organizations;

/// <summary>The owner invites coordinators; only the invited person can accept; others are refused and audited.</summary>
public abstract class InvitationTests(BirgeApp app)
{
    [Fact]
    public async Task An_invited_person_accepts_through_the_link_and_becomes_a_coordinator()
    {
        var (owner, organizationId) = await OwnerWithOrganizationAsync();
        var invitee = await app.NewPerson().Speaking("ru").SignedIn();

        var page = await owner.GetPageAsync($"/organizations/{organizationId}/invitations");
        using (var sent = await owner.SubmitAsync(page, "#invite-form", new Dictionary<string, string> { ["Input.Email"] = invitee.Email.ToUpperInvariant() }, $"/organizations/{organizationId}/invitations"))
        {
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        }

        var link = await Messages.LinkAsync(app, invitee.Email, "/invitations/accept");
        var subject = await app.Db(db => db.OutboxMessages.Where(m => m.Recipient == invitee.Email).OrderByDescending(m => m.CreatedAt).Select(m => m.Subject).FirstAsync());
        Assert.Equal(Html.Text("Message_OrganizationInvitation_Subject", Cultures.Russian), subject);
        var accept = await invitee.Pages.GetPageAsync(link);
        Assert.Null(accept.GetElementById("invitation-refusal"));
        using var accepted = await invitee.Pages.SubmitAsync(accept, "main form", null, link);

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal($"/organizations/{organizationId}/manage", accepted.Location());
        var inviteeId = invitee.Id;
        Assert.True(await app.Db(db => db.OrganizationMembers.AnyAsync(m => m.OrganizationId == organizationId && m.AccountId == inviteeId && m.Role == OrganizationMember.Coordinator)));
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(a => a.Action == "organization.coordinator_joined" && a.ActorId == inviteeId && a.TargetId == organizationId.ToString())));

        // The link works once.
        var again = await invitee.Pages.GetPageAsync(link);
        Assert.Equal(Html.Text("Error_invitation_invalid", Cultures.Russian), again.Find("#invitation-refusal").TextContent.Trim());
    }

    [Fact]
    public async Task Someone_else_opening_the_link_is_refused()
    {
        var person = await app.NewPerson().WithToken();
        var organizationId = (await app.NewOrganization().Pending().OwnedBy(person.Id)).Id;
        var invitee = await app.NewPerson();
        using (var client = app.Client(accessToken: person.Token))
        using (var response = await client.PostAsJsonAsync($"/api/v1/organizations/{organizationId}/invitations", new { email = invitee.Email }))
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        var link = await Messages.LinkAsync(app, invitee.Email, "/invitations/accept");
        var stranger = await app.NewPerson().SignedIn();

        var page = await stranger.Pages.GetPageAsync(link);
        Assert.Equal(Html.Text("Error_invitation_invalid", Cultures.Kazakh), page.Find("#invitation-refusal").TextContent.Trim());
        // Posting the accept form anyway (with a valid antiforgery token from the page) changes nothing.
        var antiforgery = page.Find("input[name=__RequestVerificationToken]").GetAttribute("value")!;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["Token"] = Messages.Query(link, "token"), ["__RequestVerificationToken"] = antiforgery });
        using var posted = await stranger.Pages.PostAsync(link, form);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal(Html.Text("Error_invitation_invalid", Cultures.Kazakh), (await Html.ParseAsync(posted)).Find("#invitation-refusal").TextContent.Trim());
        var strangerId = stranger.Id;
        Assert.False(await app.Db(db => db.OrganizationMembers.AnyAsync(m => m.OrganizationId == organizationId && m.AccountId == strangerId)));
    }

    [Fact]
    public async Task A_revoked_invitation_no_longer_works()
    {
        var person = await app.NewPerson().WithToken();
        var organizationId = (await app.NewOrganization().Pending().OwnedBy(person.Id)).Id;
        var invitee = await app.NewPerson().SignedIn();
        using var client = app.Client(accessToken: person.Token);
        using var created = await client.PostAsJsonAsync($"/api/v1/organizations/{organizationId}/invitations", new { email = invitee.Email });
        var invitationId = (await created.JsonAsync()).GetProperty("id").GetGuid();

        using var revoked = await client.DeleteAsync($"/api/v1/organizations/{organizationId}/invitations/{invitationId}");

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        var page = await invitee.Pages.GetPageAsync(await Messages.LinkAsync(app, invitee.Email, "/invitations/accept"));
        Assert.Equal(Html.Text("Error_invitation_invalid", Cultures.Kazakh), page.Find("#invitation-refusal").TextContent.Trim());
    }

    [Fact]
    public async Task A_coordinator_cannot_invite()
    {
        var owner = await app.NewPerson().WithToken();
        var organizationId = (await app.NewOrganization().Pending().OwnedBy(owner.Id)).Id;
        var coordinator = await app.NewPerson().WithToken();
        await app.AddCoordinatorAsync(organizationId, coordinator.Id);
        var someone = await app.NewPerson();
        using var client = app.Client(accessToken: coordinator.Token);

        using var response = await client.PostAsJsonAsync($"/api/v1/organizations/{organizationId}/invitations", new { email = someone.Email });

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.False(await app.Db(db => db.OrganizationInvitations.AnyAsync(i => i.OrganizationId == organizationId)));
    }

    [Fact]
    public async Task A_coordinator_of_another_organisation_is_refused_manage_and_edit_and_the_attempt_is_audited()
    {
        var owner = await app.NewPerson().WithToken();
        var target = (await app.NewOrganization().Pending().OwnedBy(owner.Id)).Id;
        var other = (await app.NewOrganization().Pending().OwnedBy(owner.Id)).Id;
        var intruder = await app.NewPerson().SignedIn();
        var intruderId = intruder.Id;
        await app.AddCoordinatorAsync(other, intruderId);

        foreach (var path in new[] { $"/organizations/{target}/manage", $"/organizations/{target}/edit", $"/organizations/{target}/invitations" })
        {
            using var response = await intruder.Pages.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/error/403", new Uri(new Uri("http://localhost"), response.Location()).AbsolutePath, StringComparison.Ordinal);
        }

        // Their own organisation opens; the invitations page is the owner's only.
        using (var own = await intruder.Pages.GetAsync($"/organizations/{other}/manage"))
        {
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        }

        using (var invite = await intruder.Pages.GetAsync($"/organizations/{other}/invitations"))
        {
            Assert.Equal(HttpStatusCode.Redirect, invite.StatusCode);
        }

        var denied = await app.Db(db => db.AuditEntries.Where(a => a.ActorId == intruderId && a.TargetId == target.ToString()).ToListAsync());
        Assert.True(denied.Count >= 2);
        Assert.All(denied, a => Assert.Equal(AuditEntry.Denied, a.Outcome));
    }

    [Fact]
    public async Task Editing_after_a_rejection_resubmits()
    {
        var (owner, organizationId) = await OwnerWithOrganizationAsync();
        await app.Db(async db =>
        {
            var organization = await db.Organizations.SingleAsync(o => o.Id == organizationId);
            Assert.Null(organization.Decide(OrganizationDecision.Reject, "БСН құжатқа сәйкес емес", Guid.NewGuid(), DateTime.UtcNow));
            return await db.SaveChangesAsync();
        });

        var opportunityId = (await app.NewOpportunity(organizationId).Titled("Сенбілік").SearchedAs("Ескі атау")).OpportunityId;

        var manage = await owner.GetPageAsync($"/organizations/{organizationId}/manage");
        Assert.Contains("БСН құжатқа сәйкес емес", manage.Find(".org-status__reason").TextContent, StringComparison.Ordinal);
        var edit = await owner.GetPageAsync($"/organizations/{organizationId}/edit");
        using var saved = await owner.SubmitAsync(edit, "main form", new Dictionary<string, string> { ["Input.Name"] = "Түзетілген " + Orgs.UniqueWord() }, $"/organizations/{organizationId}/edit");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await owner.GetPageAsync(saved.Location());
        Assert.Contains(Html.Text("Org_Resubmitted", Cultures.Kazakh), after.Find(".notice--success").TextContent, StringComparison.Ordinal);
        var stored = await app.Db(db => db.Organizations.AsNoTracking().SingleAsync(o => o.Id == organizationId));
        Assert.Equal(OrganizationStatus.Pending, stored.Status);
        Assert.StartsWith("түзетілген", stored.SearchText, StringComparison.Ordinal);
        var opportunity = await app.Db(db => db.Opportunities.AsNoTracking().SingleAsync(o => o.Id == opportunityId));
        Assert.Contains("түзетілген", opportunity.SearchText, StringComparison.Ordinal);
        Assert.DoesNotContain("ескі атау", opportunity.SearchText, StringComparison.Ordinal);
    }

    private async Task<(HttpClient Owner, Guid OrganizationId)> OwnerWithOrganizationAsync()
    {
        var owner = await app.NewPerson().SignedIn();
        return (owner.Pages, (await app.NewOrganization().Pending().OwnedBy(owner.Id)).Id);
    }
}

[Collection(Sqlite.Name)]
public sealed class InvitationTestsOnSqlite(SqliteApp app) : InvitationTests(app);

[Collection(Postgres.Name)]
public sealed class InvitationTestsOnPostgres(PostgresApp app) : InvitationTests(app);
