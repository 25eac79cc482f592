using System.Net;
using System.Net.Http.Json;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Features.Organizations;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Tests.Features.Organizations;

/// <summary>
/// Inviting a coordinator answers the same whether or not the contact has a Birge account: a contact without one
/// gets an invitation to join, in the inviter's language, and can accept it once signed up with that contact.
/// </summary>
public abstract class InvitationToJoinTests(BirgeApp app)
{
    [Fact]
    public async Task The_page_answers_the_same_for_an_address_with_and_without_an_account()
    {
        var (owner, organizationId) = await OwnerWithOrganizationAsync("ru");
        var known = await app.NewPerson();
        var unknownEmail = People.NewEmail();

        var answers = new List<(HttpStatusCode Status, string Location, string Notice)>();
        foreach (var email in new[] { known.Email, unknownEmail })
        {
            var page = await owner.GetPageAsync($"/organizations/{organizationId}/invitations");
            using var sent = await owner.SubmitAsync(page, "#invite-form", new Dictionary<string, string> { ["Input.Email"] = email }, $"/organizations/{organizationId}/invitations");
            var after = await owner.GetPageAsync(sent.Location());
            answers.Add((sent.StatusCode, sent.Location(), after.Find(".notice--success").TextContent.Trim()));
        }

        Assert.Equal(answers[0], answers[1]);
        Assert.Equal(HttpStatusCode.Redirect, answers[0].Status);
        Assert.Equal(Html.Text("Invitation_Sent", Cultures.Russian), answers[0].Notice);
        Assert.Equal(2, await app.Db(db => db.OrganizationInvitations.CountAsync(i => i.OrganizationId == organizationId && i.AcceptedAt == null)));

        // The person without an account is invited to join, in the inviter's language, with a link to sign up.
        var message = await app.Db(db => db.OutboxMessages.AsNoTracking().Where(m => m.Recipient == unknownEmail).SingleAsync());
        Assert.Equal(Html.Text("Message_OrganizationInvitationJoin_Subject", Cultures.Russian), message.Subject);
        Assert.Contains("http://localhost/account/signup", message.Body, StringComparison.Ordinal);
        Assert.Contains("http://localhost/invitations/accept?token=", message.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_answers_201_for_a_contact_with_and_without_an_account_and_refuses_an_existing_member()
    {
        var owner = await app.NewPerson().WithToken();
        var organizationId = (await app.NewOrganization().Pending().OwnedBy(owner.Id)).Id;
        var withAccount = await app.NewPerson();
        var unknownPhone = People.NewPhone();
        using var client = app.Client("en", owner.Token);

        using var known = await client.PostAsJsonAsync($"/api/v1/organizations/{organizationId}/invitations", new { email = withAccount.Email });
        using var unknown = await client.PostAsJsonAsync($"/api/v1/organizations/{organizationId}/invitations", new { phone = unknownPhone });
        using var member = await client.PostAsJsonAsync($"/api/v1/organizations/{organizationId}/invitations", new { email = owner.Email });

        Assert.Equal(HttpStatusCode.Created, known.StatusCode);
        Assert.Equal(HttpStatusCode.Created, unknown.StatusCode);
        Assert.Equal(
            (await known.JsonAsync()).EnumerateObject().Select(p => p.Name),
            (await unknown.JsonAsync()).EnumerateObject().Select(p => p.Name));
        await member.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, OrganizationErrors.AlreadyMember);

        // By SMS to the number, in the inviter's language (Kazakh: the account was made without a language).
        var phone = "+7" + new string(unknownPhone.Where(char.IsAsciiDigit).ToArray())[1..];
        var sms = await app.Db(db => db.OutboxMessages.AsNoTracking().Where(m => m.Recipient == phone).SingleAsync());
        Assert.Equal(Html.Text("Message_OrganizationInvitationJoin_Subject", Cultures.Kazakh), sms.Subject);
        Assert.Contains("/invitations/accept?token=", sms.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_who_signs_up_with_the_invited_address_accepts_and_becomes_a_coordinator()
    {
        var (owner, organizationId) = await OwnerWithOrganizationAsync("kk");
        var email = People.NewEmail();
        var invitations = await owner.GetPageAsync($"/organizations/{organizationId}/invitations");
        using (var sent = await owner.SubmitAsync(invitations, "#invite-form", new Dictionary<string, string> { ["Input.Email"] = email }, $"/organizations/{organizationId}/invitations"))
        {
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        }

        var link = await Messages.LinkAsync(app, email, "/invitations/accept");
        var newcomer = app.Browser("en");

        // Not signed up yet: the link asks to log in first.
        using (var anonymous = await newcomer.GetAsync(link))
        {
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
            Assert.Contains("/account/login", anonymous.Location(), StringComparison.Ordinal);
        }

        var signUp = await newcomer.GetPageAsync("/account/signup");
        using (var created = await newcomer.SubmitAsync(signUp, "main form", People.AdultForm(email), "/account/signup"))
        {
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        }

        var accept = await newcomer.GetPageAsync(link);
        Assert.Null(accept.GetElementById("invitation-refusal"));
        using var accepted = await newcomer.SubmitAsync(accept, "main form", null, link);

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal($"/organizations/{organizationId}/manage", accepted.Location());
        var newcomerId = await app.Db(db => db.Accounts.Where(a => a.Email == email).Select(a => a.Id).SingleAsync());
        Assert.True(await app.Db(db => db.OrganizationMembers.AnyAsync(m => m.OrganizationId == organizationId && m.AccountId == newcomerId && m.Role == OrganizationMember.Coordinator)));

        // The link reached that address: it is confirmed as the confirmation link would have done.
        Assert.True(await app.Db(db => db.Accounts.Where(a => a.Id == newcomerId).Select(a => a.EmailConfirmed).SingleAsync()));
    }

    private async Task<(HttpClient Owner, Guid OrganizationId)> OwnerWithOrganizationAsync(string language)
    {
        var owner = await app.NewPerson().Speaking(language).SignedIn();
        return (owner.Pages, (await app.NewOrganization().Pending().OwnedBy(owner.Id)).Id);
    }
}

[Collection(Sqlite.Name)]
public sealed class InvitationToJoinTestsOnSqlite(SqliteApp app) : InvitationToJoinTests(app);

[Collection(Postgres.Name)]
public sealed class InvitationToJoinTestsOnPostgres(PostgresApp app) : InvitationToJoinTests(app);
