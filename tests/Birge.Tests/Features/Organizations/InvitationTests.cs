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
        var (invitee, inviteeEmail) = await People.SignUpAsync(app, "ru");

        var page = await owner.GetPageAsync($"/organizations/{organizationId}/invitations");
        using (var sent = await owner.SubmitAsync(page, "#invite-form", new Dictionary<string, string> { ["Input.Email"] = inviteeEmail.ToUpperInvariant() }, $"/organizations/{organizationId}/invitations"))
        {
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        }

        var link = await Messages.LinkAsync(app, inviteeEmail, "/invitations/accept");
        var subject = await app.Db(db => db.OutboxMessages.Where(m => m.Recipient == inviteeEmail).OrderByDescending(m => m.CreatedAt).Select(m => m.Subject).FirstAsync());
        Assert.Equal(Html.Text("Message_OrganizationInvitation_Subject", Cultures.Russian), subject);
        var accept = await invitee.GetPageAsync(link);
        Assert.Null(accept.GetElementById("invitation-refusal"));
        using var accepted = await invitee.SubmitAsync(accept, "main form", null, link);

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal($"/organizations/{organizationId}/manage", accepted.Location());
        var inviteeId = await Orgs.AccountIdAsync(app, inviteeEmail);
        Assert.True(await app.Db(db => db.OrganizationMembers.AnyAsync(m => m.OrganizationId == organizationId && m.AccountId == inviteeId && m.Role == OrganizationMember.Coordinator)));
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(a => a.Action == "organization.coordinator_joined" && a.ActorId == inviteeId && a.TargetId == organizationId.ToString())));

        // The link works once.
        var again = await invitee.GetPageAsync(link);
        Assert.Equal(Html.Text("Error_invitation_invalid", Cultures.Russian), again.Find("#invitation-refusal").TextContent.Trim());
    }

    [Fact]
    public async Task Someone_else_opening_the_link_is_refused()
    {
        var (_, _, token) = await Orgs.PersonAsync(app);
        var organizationId = await Orgs.RegisterAsync(app, token);
        var (_, inviteeEmail) = await Api.CreateAccountAsync(app);
        using (var client = app.Client(accessToken: token))
        using (var response = await client.PostAsJsonAsync($"/api/v1/organizations/{organizationId}/invitations", new { email = inviteeEmail }))
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        var link = await Messages.LinkAsync(app, inviteeEmail, "/invitations/accept");
        var (stranger, strangerEmail) = await People.SignUpAsync(app);

        var page = await stranger.GetPageAsync(link);
        Assert.Equal(Html.Text("Error_invitation_invalid", Cultures.Kazakh), page.Find("#invitation-refusal").TextContent.Trim());
        // Posting the accept form anyway (with a valid antiforgery token from the page) changes nothing.
        var antiforgery = page.Find("input[name=__RequestVerificationToken]").GetAttribute("value")!;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["Token"] = Messages.Query(link, "token"), ["__RequestVerificationToken"] = antiforgery });
        using var posted = await stranger.PostAsync(link, form);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal(Html.Text("Error_invitation_invalid", Cultures.Kazakh), (await Html.ParseAsync(posted)).Find("#invitation-refusal").TextContent.Trim());
        var strangerId = await Orgs.AccountIdAsync(app, strangerEmail);
        Assert.False(await app.Db(db => db.OrganizationMembers.AnyAsync(m => m.OrganizationId == organizationId && m.AccountId == strangerId)));
    }

    [Fact]
    public async Task A_revoked_invitation_no_longer_works()
    {
        var (_, _, token) = await Orgs.PersonAsync(app);
        var organizationId = await Orgs.RegisterAsync(app, token);
        var (invitee, inviteeEmail) = await People.SignUpAsync(app);
        using var client = app.Client(accessToken: token);
        using var created = await client.PostAsJsonAsync($"/api/v1/organizations/{organizationId}/invitations", new { email = inviteeEmail });
        var invitationId = (await created.JsonAsync()).GetProperty("id").GetGuid();

        using var revoked = await client.DeleteAsync($"/api/v1/organizations/{organizationId}/invitations/{invitationId}");

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        var page = await invitee.GetPageAsync(await Messages.LinkAsync(app, inviteeEmail, "/invitations/accept"));
        Assert.Equal(Html.Text("Error_invitation_invalid", Cultures.Kazakh), page.Find("#invitation-refusal").TextContent.Trim());
    }

    [Fact]
    public async Task A_coordinator_cannot_invite()
    {
        var (_, _, ownerToken) = await Orgs.PersonAsync(app);
        var organizationId = await Orgs.RegisterAsync(app, ownerToken);
        var (coordinatorId, _, coordinatorToken) = await Orgs.PersonAsync(app);
        await Orgs.AddCoordinatorAsync(app, organizationId, coordinatorId);
        var (_, someoneEmail) = await Api.CreateAccountAsync(app);
        using var client = app.Client(accessToken: coordinatorToken);

        using var response = await client.PostAsJsonAsync($"/api/v1/organizations/{organizationId}/invitations", new { email = someoneEmail });

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.False(await app.Db(db => db.OrganizationInvitations.AnyAsync(i => i.OrganizationId == organizationId)));
    }

    [Fact]
    public async Task A_coordinator_of_another_organisation_is_refused_manage_and_edit_and_the_attempt_is_audited()
    {
        var (_, _, ownerToken) = await Orgs.PersonAsync(app);
        var target = await Orgs.RegisterAsync(app, ownerToken);
        var other = await Orgs.RegisterAsync(app, ownerToken);
        var (intruder, intruderEmail) = await People.SignUpAsync(app);
        var intruderId = await Orgs.AccountIdAsync(app, intruderEmail);
        await Orgs.AddCoordinatorAsync(app, other, intruderId);

        foreach (var path in new[] { $"/organizations/{target}/manage", $"/organizations/{target}/edit", $"/organizations/{target}/invitations" })
        {
            using var response = await intruder.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/error/403", new Uri(new Uri("http://localhost"), response.Location()).AbsolutePath, StringComparison.Ordinal);
        }

        // Their own organisation opens; the invitations page is the owner's only.
        using (var own = await intruder.GetAsync($"/organizations/{other}/manage"))
        {
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        }

        using (var invite = await intruder.GetAsync($"/organizations/{other}/invitations"))
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

        var opportunityId = await Features.Opportunities.Opps.PublishedAsync(app, organizationId, "Сенбілік", organizationName: "Ескі атау");

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
        var (owner, email) = await People.SignUpAsync(app);
        var token = await Api.TokenAsync(app, email);
        return (owner, await Orgs.RegisterAsync(app, token));
    }
}

[Collection(Sqlite.Name)]
public sealed class InvitationTestsOnSqlite(SqliteApp app) : InvitationTests(app);

[Collection(Postgres.Name)]
public sealed class InvitationTestsOnPostgres(PostgresApp app) : InvitationTests(app);
