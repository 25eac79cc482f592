using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Dom;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Tests.Features.FrontOffices;

public abstract class ModerationTests(BirgeApp app)
{
    private static int Pending(IHtmlDocument dashboard, string kato) =>
        int.Parse(dashboard.Find($"#counts tr[data-region='{kato}'] td[data-status='pending']").TextContent, System.Globalization.CultureInfo.InvariantCulture);

    private static string ReviewUrl(Guid id) => $"/front-office/organizations/{id}";

    [Fact]
    public async Task Almaty_staff_see_a_pending_organisation_in_the_queue_and_verify_it()
    {
        var staff = await app.NewPerson().Staff(Offices.Almaty).SignedIn();
        var before = Pending(await staff.Pages.GetPageAsync("/front-office"), Offices.Almaty);
        var owner = await app.NewPerson();
        var organization = await app.NewOrganization().Named(Offices.OrganizationName()).InRegion(Offices.Almaty).OwnedBy(owner.Id).Pending();

        var dashboard = await staff.Pages.GetPageAsync("/front-office");

        Assert.Equal(before + 1, Pending(dashboard, Offices.Almaty));
        Assert.Single(dashboard.QuerySelectorAll("#counts tbody tr"));
        var row = dashboard.Find($"#queue tr[data-organization='{organization.Id}']");
        Assert.Contains(organization.Name, row.TextContent, StringComparison.Ordinal);
        Assert.Equal(ReviewUrl(organization.Id), row.QuerySelector("a")!.GetAttribute("href"));

        var review = await staff.Pages.GetPageAsync(ReviewUrl(organization.Id));
        Assert.Equal(Html.Text("Moderation_Status_pending", Cultures.Kazakh), review.Find("#status").TextContent.Trim());
        using var verify = await staff.Pages.SubmitAsync(review, "#verify-form", pageUrl: ReviewUrl(organization.Id));

        Assert.Equal(HttpStatusCode.Redirect, verify.StatusCode);
        var stored = await Offices.StoredAsync(app, organization.Id);
        Assert.Equal(OrganizationStatus.Verified, stored.Status);
        Assert.Equal(staff.Id, stored.StatusChangedBy);
        var message = Assert.Single(await Offices.DecisionMessagesAsync(app, owner.Email));
        Assert.Equal(Html.Text("Message_OrganizationVerified_Subject", Cultures.Kazakh), message.Subject);
        Assert.Contains(organization.Name, message.Body, StringComparison.Ordinal);
        var entry = await app.Db(db => db.AuditEntries.SingleAsync(e => e.Action == "organization.verified" && e.TargetId == organization.Id.ToString()));
        Assert.Equal((Offices.Almaty, staff.Id, AuditEntry.Done), (entry.RegionKato, entry.ActorId, entry.Outcome));

        var after = await staff.Pages.GetPageAsync(verify.Location());
        Assert.Equal(Html.Text("Moderation_Done_verified", Cultures.Kazakh), after.Find(".notice").TextContent.Trim());
        Assert.Equal(Html.Text("Moderation_Status_verified", Cultures.Kazakh), after.Find("#status").TextContent.Trim());
        Assert.Null((await staff.Pages.GetPageAsync("/front-office")).QuerySelector($"#queue tr[data-organization='{organization.Id}']"));
    }

    [Fact]
    public async Task Every_view_of_the_review_page_is_audited()
    {
        var staff = await app.NewPerson().Staff(Offices.Almaty).SignedIn();
        var organization = await app.NewOrganization().Named(Offices.OrganizationName()).InRegion(Offices.Almaty).OwnedBy((await app.NewPerson()).Id).Pending();

        await staff.Pages.GetPageAsync(ReviewUrl(organization.Id));
        await staff.Pages.GetPageAsync(ReviewUrl(organization.Id));

        Assert.Equal(2, await app.Db(db => db.AuditEntries.CountAsync(e =>
            e.Action == "organization.viewed" && e.TargetId == organization.Id.ToString() && e.ActorId == staff.Id && e.RegionKato == Offices.Almaty)));
    }

    [Fact]
    public async Task Astana_staff_may_not_review_or_decide_on_an_almaty_organisation_and_the_attempt_is_audited()
    {
        var astana = await app.NewPerson().Staff(Offices.Astana).SignedIn();
        var organization = await app.NewOrganization().Named(Offices.OrganizationName()).InRegion(Offices.Almaty).OwnedBy((await app.NewPerson()).Id).Pending();

        using (var page = await astana.Pages.GetAsync(ReviewUrl(organization.Id)))
        {
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.Equal("/error/403", Offices.RedirectPath(page));
        }

        using var api = app.Client(accessToken: await Api.TokenAsync(app, astana.Email));
        using (var post = await api.PostAsJsonAsync($"/api/v1/organizations/{organization.Id}/verification", new { decision = "verified" }))
        {
            await post.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        }

        Assert.Equal(OrganizationStatus.Pending, (await Offices.StoredAsync(app, organization.Id)).Status);
        Assert.Equal(2, await app.Db(db => db.AuditEntries.CountAsync(e =>
            e.ActorId == astana.Id && e.Outcome == AuditEntry.Denied && e.TargetId == organization.Id.ToString())));
        Assert.False(await app.Db(db => db.AuditEntries.AnyAsync(e => e.ActorId == astana.Id && e.Outcome == AuditEntry.Done)));

        // And the Almaty organisation is not in Astana's queue.
        Assert.Null((await astana.Pages.GetPageAsync("/front-office")).QuerySelector($"#queue tr[data-organization='{organization.Id}']"));
    }

    [Fact]
    public async Task A_volunteer_may_not_open_the_front_office()
    {
        var volunteer = await app.NewPerson().SignedIn();

        using var response = await volunteer.Pages.GetAsync("/front-office");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/error/403", Offices.RedirectPath(response));
    }

    [Fact]
    public async Task A_rejection_without_a_reason_is_shown_next_to_the_field_and_changes_nothing()
    {
        var staff = await app.NewPerson().Staff(Offices.Almaty).SignedIn();
        staff.Pages.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru");
        var owner = await app.NewPerson();
        var organization = await app.NewOrganization().Named(Offices.OrganizationName()).InRegion(Offices.Almaty).OwnedBy(owner.Id).Pending();
        var review = await staff.Pages.GetPageAsync(ReviewUrl(organization.Id));

        using var response = await staff.Pages.SubmitAsync(review, "#reject-form", new Dictionary<string, string> { ["RejectReason"] = "  " }, ReviewUrl(organization.Id));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var again = await Html.ParseAsync(response);
        Assert.Equal(Html.Text("Error_reason_required", Cultures.Russian), again.FieldError("RejectReason"));
        Assert.Equal(OrganizationStatus.Pending, (await Offices.StoredAsync(app, organization.Id)).Status);
        Assert.Empty(await Offices.DecisionMessagesAsync(app, owner.Email));
        Assert.False(await app.Db(db => db.AuditEntries.AnyAsync(e => e.Action == "organization.rejected" && e.TargetId == organization.Id.ToString())));
    }

    [Fact]
    public async Task A_rejection_with_a_reason_stores_it_and_tells_the_owner()
    {
        var staff = await app.NewPerson().Staff(Offices.Almaty).SignedIn();
        var owner = await app.NewPerson();
        var organization = await app.NewOrganization().Named(Offices.OrganizationName()).InRegion(Offices.Almaty).OwnedBy(owner.Id).Pending();
        var review = await staff.Pages.GetPageAsync(ReviewUrl(organization.Id));
        const string Reason = "БСН тіркеу куәлігіндегі атауға сәйкес келмейді.";

        using var response = await staff.Pages.SubmitAsync(review, "#reject-form", new Dictionary<string, string> { ["RejectReason"] = Reason }, ReviewUrl(organization.Id));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await Offices.StoredAsync(app, organization.Id);
        Assert.Equal((OrganizationStatus.Rejected, Reason), (stored.Status, stored.StatusReason));
        var message = Assert.Single(await Offices.DecisionMessagesAsync(app, owner.Email));
        Assert.Equal(Html.Text("Message_OrganizationRejected_Subject", Cultures.Kazakh), message.Subject);
        Assert.Contains(Reason, message.Body, StringComparison.Ordinal);
        var entry = await app.Db(db => db.AuditEntries.SingleAsync(e => e.Action == "organization.rejected" && e.TargetId == organization.Id.ToString()));
        Assert.Equal((Offices.Almaty, Reason), (entry.RegionKato, entry.Details));
        Assert.Equal(Reason, (await staff.Pages.GetPageAsync(ReviewUrl(organization.Id))).Find("#status-reason").TextContent.Trim());
    }

    [Fact]
    public async Task National_staff_see_every_region_filter_by_one_and_verify_anywhere()
    {
        var national = await app.NewPerson().Staff(FrontOffice.NationalKato).SignedIn();
        var organization = await app.NewOrganization().Named(Offices.OrganizationName()).InRegion(Offices.Karaganda).OwnedBy((await app.NewPerson()).Id).Pending();

        var all = await national.Pages.GetPageAsync("/front-office");
        Assert.Equal(20, all.QuerySelectorAll("#counts tbody tr").Length);
        Assert.NotNull(all.QuerySelector($"#queue tr[data-organization='{organization.Id}']"));
        var karaganda = await national.Pages.GetPageAsync($"/front-office?Region={Offices.Karaganda}");
        Assert.Single(karaganda.QuerySelectorAll("#counts tbody tr"));
        Assert.All(karaganda.QuerySelectorAll("#queue tbody tr"), r => Assert.NotNull(r.GetAttribute("data-organization")));
        Assert.NotNull(karaganda.QuerySelector($"#queue tr[data-organization='{organization.Id}']"));
        Assert.Null((await national.Pages.GetPageAsync($"/front-office?Region={Offices.Shymkent}")).QuerySelector($"#queue tr[data-organization='{organization.Id}']"));

        using var api = app.Client(accessToken: await Api.TokenAsync(app, national.Email));
        using var response = await api.PostAsJsonAsync($"/api/v1/organizations/{organization.Id}/verification", new { decision = "verified" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("verified", (await response.JsonAsync()).GetProperty("status").GetString());
        Assert.Equal(OrganizationStatus.Verified, (await Offices.StoredAsync(app, organization.Id)).Status);
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(e => e.Action == "organization.verified" && e.TargetId == organization.Id.ToString() && e.RegionKato == Offices.Karaganda)));
    }

    [Fact]
    public async Task A_verified_organisation_is_suspended_with_a_reason_and_reinstated()
    {
        var staff = await app.NewPerson().Staff(Offices.Almaty).SignedIn();
        var owner = await app.NewPerson();
        var organization = await app.NewOrganization().Named(Offices.OrganizationName()).InRegion(Offices.Almaty).OwnedBy(owner.Id);
        const string Reason = "Еріктілерден шағымдар түсті.";

        var review = await staff.Pages.GetPageAsync(ReviewUrl(organization.Id));
        using (var noReason = await staff.Pages.SubmitAsync(review, "#suspend-form", new Dictionary<string, string> { ["SuspendReason"] = "" }, ReviewUrl(organization.Id)))
        {
            Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
            Assert.Equal(Html.Text("Error_reason_required", Cultures.Kazakh), (await Html.ParseAsync(noReason)).FieldError("SuspendReason"));
            Assert.Equal(OrganizationStatus.Verified, (await Offices.StoredAsync(app, organization.Id)).Status);
        }

        using (var suspend = await staff.Pages.SubmitAsync(review, "#suspend-form", new Dictionary<string, string> { ["SuspendReason"] = Reason }, ReviewUrl(organization.Id)))
        {
            Assert.Equal(HttpStatusCode.Redirect, suspend.StatusCode);
        }

        var stored = await Offices.StoredAsync(app, organization.Id);
        Assert.Equal((OrganizationStatus.Suspended, Reason), (stored.Status, stored.StatusReason));
        var message = Assert.Single(await Offices.DecisionMessagesAsync(app, owner.Email));
        Assert.Equal(Html.Text("Message_OrganizationSuspended_Subject", Cultures.Kazakh), message.Subject);
        Assert.Contains(Reason, message.Body, StringComparison.Ordinal);
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(e => e.Action == "organization.suspended" && e.TargetId == organization.Id.ToString() && e.Details == Reason)));

        // Reinstating is verifying again, through the API this time.
        using var api = app.Client(accessToken: await Api.TokenAsync(app, staff.Email));
        using var reinstate = await api.PostAsJsonAsync($"/api/v1/organizations/{organization.Id}/verification", new { decision = "verified" });
        Assert.Equal(HttpStatusCode.OK, reinstate.StatusCode);
        stored = await Offices.StoredAsync(app, organization.Id);
        Assert.Equal(OrganizationStatus.Verified, stored.Status);
        Assert.Null(stored.StatusReason);
    }

    [Theory]
    [InlineData(OrganizationStatus.Pending, "suspended")]
    [InlineData(OrganizationStatus.Verified, "verified")]
    [InlineData(OrganizationStatus.Verified, "rejected")]
    [InlineData(OrganizationStatus.Suspended, "suspended")]
    public async Task A_decision_the_status_does_not_allow_is_refused(OrganizationStatus status, string decision)
    {
        var staff = await app.NewPerson().Staff(Offices.Almaty).SignedIn();
        var owner = await app.NewPerson();
        var organization = await app.NewOrganization().Named(Offices.OrganizationName()).InRegion(Offices.Almaty).OwnedBy(owner.Id).WithStatus(status);
        using var api = app.Client("en", await Api.TokenAsync(app, staff.Email));

        using var response = await api.PostAsJsonAsync($"/api/v1/organizations/{organization.Id}/verification", new { decision, reason = "Себебі" });

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.StatusChangeInvalid);
        Assert.Equal(Html.Text("Error_status_change_invalid", Cultures.English), problem.GetProperty("errors").GetProperty("decision")[0].GetString());
        Assert.Equal(status, (await Offices.StoredAsync(app, organization.Id)).Status);
        Assert.Empty(await Offices.DecisionMessagesAsync(app, owner.Email));
    }

    [Fact]
    public async Task The_api_refuses_an_unknown_decision_and_a_rejection_without_a_reason()
    {
        var staff = await app.NewPerson().Staff(Offices.Almaty).SignedIn();
        var organization = await app.NewOrganization().Named(Offices.OrganizationName()).InRegion(Offices.Almaty).OwnedBy((await app.NewPerson()).Id).Pending();
        using var api = app.Client(accessToken: await Api.TokenAsync(app, staff.Email));

        using (var unknown = await api.PostAsJsonAsync($"/api/v1/organizations/{organization.Id}/verification", new { decision = "approved" }))
        {
            await unknown.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.DecisionInvalid);
        }

        using (var noReason = await api.PostAsJsonAsync($"/api/v1/organizations/{organization.Id}/verification", new { decision = "rejected" }))
        {
            await noReason.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.ReasonRequired);
        }

        using (var rejected = await api.PostAsJsonAsync($"/api/v1/organizations/{organization.Id}/verification", new { decision = "rejected", reason = "Құжаттар толық емес" }))
        {
            Assert.Equal("rejected", (await rejected.JsonAsync()).GetProperty("status").GetString());
        }

        Assert.Equal(OrganizationStatus.Rejected, (await Offices.StoredAsync(app, organization.Id)).Status);
    }

    [Fact]
    public async Task A_call_centre_operator_may_not_decide()
    {
        var staff = await app.NewPerson().Staff(Offices.Almaty, FrontOfficeStaff.Operator).SignedIn();
        var organization = await app.NewOrganization().Named(Offices.OrganizationName()).InRegion(Offices.Almaty).OwnedBy((await app.NewPerson()).Id).Pending();
        using var api = app.Client(accessToken: await Api.TokenAsync(app, staff.Email));

        using var response = await api.PostAsJsonAsync($"/api/v1/organizations/{organization.Id}/verification", new { decision = "verified" });

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(OrganizationStatus.Pending, (await Offices.StoredAsync(app, organization.Id)).Status);
    }
}

[Collection(Sqlite.Name)]
public sealed class ModerationTestsOnSqlite(SqliteApp app) : ModerationTests(app);

[Collection(Postgres.Name)]
public sealed class ModerationTestsOnPostgres(PostgresApp app) : ModerationTests(app);
