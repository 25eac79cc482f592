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
        var (staff, _, staffId) = await Offices.StaffAsync(app, Offices.Almaty);
        var before = Pending(await staff.GetPageAsync("/front-office"), Offices.Almaty);
        var (id, ownerEmail, name) = await Offices.OrganizationAsync(app, Offices.Almaty);

        var dashboard = await staff.GetPageAsync("/front-office");

        Assert.Equal(before + 1, Pending(dashboard, Offices.Almaty));
        Assert.Single(dashboard.QuerySelectorAll("#counts tbody tr"));
        var row = dashboard.Find($"#queue tr[data-organization='{id}']");
        Assert.Contains(name, row.TextContent, StringComparison.Ordinal);
        Assert.Equal(ReviewUrl(id), row.QuerySelector("a")!.GetAttribute("href"));

        var review = await staff.GetPageAsync(ReviewUrl(id));
        Assert.Equal(Html.Text("Moderation_Status_pending", Cultures.Kazakh), review.Find("#status").TextContent.Trim());
        using var verify = await staff.SubmitAsync(review, "#verify-form", pageUrl: ReviewUrl(id));

        Assert.Equal(HttpStatusCode.Redirect, verify.StatusCode);
        var stored = await Offices.StoredAsync(app, id);
        Assert.Equal(OrganizationStatus.Verified, stored.Status);
        Assert.Equal(staffId, stored.StatusChangedBy);
        var message = Assert.Single(await Offices.DecisionMessagesAsync(app, ownerEmail));
        Assert.Equal(Html.Text("Message_OrganizationVerified_Subject", Cultures.Kazakh), message.Subject);
        Assert.Contains(name, message.Body, StringComparison.Ordinal);
        var entry = await app.Db(db => db.AuditEntries.SingleAsync(e => e.Action == "organization.verified" && e.TargetId == id.ToString()));
        Assert.Equal((Offices.Almaty, staffId, AuditEntry.Done), (entry.RegionKato, entry.ActorId, entry.Outcome));

        var after = await staff.GetPageAsync(verify.Location());
        Assert.Equal(Html.Text("Moderation_Done_verified", Cultures.Kazakh), after.Find(".notice").TextContent.Trim());
        Assert.Equal(Html.Text("Moderation_Status_verified", Cultures.Kazakh), after.Find("#status").TextContent.Trim());
        Assert.Null((await staff.GetPageAsync("/front-office")).QuerySelector($"#queue tr[data-organization='{id}']"));
    }

    [Fact]
    public async Task Every_view_of_the_review_page_is_audited()
    {
        var (staff, _, staffId) = await Offices.StaffAsync(app, Offices.Almaty);
        var (id, _, _) = await Offices.OrganizationAsync(app, Offices.Almaty);

        await staff.GetPageAsync(ReviewUrl(id));
        await staff.GetPageAsync(ReviewUrl(id));

        Assert.Equal(2, await app.Db(db => db.AuditEntries.CountAsync(e =>
            e.Action == "organization.viewed" && e.TargetId == id.ToString() && e.ActorId == staffId && e.RegionKato == Offices.Almaty)));
    }

    [Fact]
    public async Task Astana_staff_may_not_review_or_decide_on_an_almaty_organisation_and_the_attempt_is_audited()
    {
        var (astana, astanaEmail, astanaId) = await Offices.StaffAsync(app, Offices.Astana);
        var (id, _, _) = await Offices.OrganizationAsync(app, Offices.Almaty);

        using (var page = await astana.GetAsync(ReviewUrl(id)))
        {
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.Equal("/error/403", Offices.RedirectPath(page));
        }

        using var api = app.Client(accessToken: await Api.TokenAsync(app, astanaEmail));
        using (var post = await api.PostAsJsonAsync($"/api/v1/organizations/{id}/verification", new { decision = "verified" }))
        {
            await post.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        }

        Assert.Equal(OrganizationStatus.Pending, (await Offices.StoredAsync(app, id)).Status);
        Assert.Equal(2, await app.Db(db => db.AuditEntries.CountAsync(e =>
            e.ActorId == astanaId && e.Outcome == AuditEntry.Denied && e.TargetId == id.ToString())));
        Assert.False(await app.Db(db => db.AuditEntries.AnyAsync(e => e.ActorId == astanaId && e.Outcome == AuditEntry.Done)));

        // And the Almaty organisation is not in Astana's queue.
        Assert.Null((await astana.GetPageAsync("/front-office")).QuerySelector($"#queue tr[data-organization='{id}']"));
    }

    [Fact]
    public async Task A_volunteer_may_not_open_the_front_office()
    {
        var (volunteer, _) = await People.SignUpAsync(app);

        using var response = await volunteer.GetAsync("/front-office");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/error/403", Offices.RedirectPath(response));
    }

    [Fact]
    public async Task A_rejection_without_a_reason_is_shown_next_to_the_field_and_changes_nothing()
    {
        var (staff, _, _) = await Offices.StaffAsync(app, Offices.Almaty);
        staff.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru");
        var (id, ownerEmail, _) = await Offices.OrganizationAsync(app, Offices.Almaty);
        var review = await staff.GetPageAsync(ReviewUrl(id));

        using var response = await staff.SubmitAsync(review, "#reject-form", new Dictionary<string, string> { ["RejectReason"] = "  " }, ReviewUrl(id));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var again = await Html.ParseAsync(response);
        Assert.Equal(Html.Text("Error_reason_required", Cultures.Russian), again.FieldError("RejectReason"));
        Assert.Equal(OrganizationStatus.Pending, (await Offices.StoredAsync(app, id)).Status);
        Assert.Empty(await Offices.DecisionMessagesAsync(app, ownerEmail));
        Assert.False(await app.Db(db => db.AuditEntries.AnyAsync(e => e.Action == "organization.rejected" && e.TargetId == id.ToString())));
    }

    [Fact]
    public async Task A_rejection_with_a_reason_stores_it_and_tells_the_owner()
    {
        var (staff, _, _) = await Offices.StaffAsync(app, Offices.Almaty);
        var (id, ownerEmail, _) = await Offices.OrganizationAsync(app, Offices.Almaty);
        var review = await staff.GetPageAsync(ReviewUrl(id));
        const string Reason = "БСН тіркеу куәлігіндегі атауға сәйкес келмейді.";

        using var response = await staff.SubmitAsync(review, "#reject-form", new Dictionary<string, string> { ["RejectReason"] = Reason }, ReviewUrl(id));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await Offices.StoredAsync(app, id);
        Assert.Equal((OrganizationStatus.Rejected, Reason), (stored.Status, stored.StatusReason));
        var message = Assert.Single(await Offices.DecisionMessagesAsync(app, ownerEmail));
        Assert.Equal(Html.Text("Message_OrganizationRejected_Subject", Cultures.Kazakh), message.Subject);
        Assert.Contains(Reason, message.Body, StringComparison.Ordinal);
        var entry = await app.Db(db => db.AuditEntries.SingleAsync(e => e.Action == "organization.rejected" && e.TargetId == id.ToString()));
        Assert.Equal((Offices.Almaty, Reason), (entry.RegionKato, entry.Details));
        Assert.Equal(Reason, (await staff.GetPageAsync(ReviewUrl(id))).Find("#status-reason").TextContent.Trim());
    }

    [Fact]
    public async Task National_staff_see_every_region_filter_by_one_and_verify_anywhere()
    {
        var (national, email, _) = await Offices.StaffAsync(app, FrontOffice.NationalKato);
        var (id, _, _) = await Offices.OrganizationAsync(app, Offices.Karaganda);

        var all = await national.GetPageAsync("/front-office");
        Assert.Equal(20, all.QuerySelectorAll("#counts tbody tr").Length);
        Assert.NotNull(all.QuerySelector($"#queue tr[data-organization='{id}']"));
        var karaganda = await national.GetPageAsync($"/front-office?Region={Offices.Karaganda}");
        Assert.Single(karaganda.QuerySelectorAll("#counts tbody tr"));
        Assert.All(karaganda.QuerySelectorAll("#queue tbody tr"), r => Assert.NotNull(r.GetAttribute("data-organization")));
        Assert.NotNull(karaganda.QuerySelector($"#queue tr[data-organization='{id}']"));
        Assert.Null((await national.GetPageAsync($"/front-office?Region={Offices.Shymkent}")).QuerySelector($"#queue tr[data-organization='{id}']"));

        using var api = app.Client(accessToken: await Api.TokenAsync(app, email));
        using var response = await api.PostAsJsonAsync($"/api/v1/organizations/{id}/verification", new { decision = "verified" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("verified", (await response.JsonAsync()).GetProperty("status").GetString());
        Assert.Equal(OrganizationStatus.Verified, (await Offices.StoredAsync(app, id)).Status);
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(e => e.Action == "organization.verified" && e.TargetId == id.ToString() && e.RegionKato == Offices.Karaganda)));
    }

    [Fact]
    public async Task A_verified_organisation_is_suspended_with_a_reason_and_reinstated()
    {
        var (staff, email, _) = await Offices.StaffAsync(app, Offices.Almaty);
        var (id, ownerEmail, _) = await Offices.OrganizationAsync(app, Offices.Almaty, OrganizationStatus.Verified);
        const string Reason = "Еріктілерден шағымдар түсті.";

        var review = await staff.GetPageAsync(ReviewUrl(id));
        using (var noReason = await staff.SubmitAsync(review, "#suspend-form", new Dictionary<string, string> { ["SuspendReason"] = "" }, ReviewUrl(id)))
        {
            Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
            Assert.Equal(Html.Text("Error_reason_required", Cultures.Kazakh), (await Html.ParseAsync(noReason)).FieldError("SuspendReason"));
            Assert.Equal(OrganizationStatus.Verified, (await Offices.StoredAsync(app, id)).Status);
        }

        using (var suspend = await staff.SubmitAsync(review, "#suspend-form", new Dictionary<string, string> { ["SuspendReason"] = Reason }, ReviewUrl(id)))
        {
            Assert.Equal(HttpStatusCode.Redirect, suspend.StatusCode);
        }

        var stored = await Offices.StoredAsync(app, id);
        Assert.Equal((OrganizationStatus.Suspended, Reason), (stored.Status, stored.StatusReason));
        var message = Assert.Single(await Offices.DecisionMessagesAsync(app, ownerEmail));
        Assert.Equal(Html.Text("Message_OrganizationSuspended_Subject", Cultures.Kazakh), message.Subject);
        Assert.Contains(Reason, message.Body, StringComparison.Ordinal);
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(e => e.Action == "organization.suspended" && e.TargetId == id.ToString() && e.Details == Reason)));

        // Reinstating is verifying again, through the API this time.
        using var api = app.Client(accessToken: await Api.TokenAsync(app, email));
        using var reinstate = await api.PostAsJsonAsync($"/api/v1/organizations/{id}/verification", new { decision = "verified" });
        Assert.Equal(HttpStatusCode.OK, reinstate.StatusCode);
        stored = await Offices.StoredAsync(app, id);
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
        var (_, email, _) = await Offices.StaffAsync(app, Offices.Almaty);
        var (id, ownerEmail, _) = await Offices.OrganizationAsync(app, Offices.Almaty, status);
        using var api = app.Client("en", await Api.TokenAsync(app, email));

        using var response = await api.PostAsJsonAsync($"/api/v1/organizations/{id}/verification", new { decision, reason = "Себебі" });

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.StatusChangeInvalid);
        Assert.Equal(Html.Text("Error_status_change_invalid", Cultures.English), problem.GetProperty("errors").GetProperty("decision")[0].GetString());
        Assert.Equal(status, (await Offices.StoredAsync(app, id)).Status);
        Assert.Empty(await Offices.DecisionMessagesAsync(app, ownerEmail));
    }

    [Fact]
    public async Task The_api_refuses_an_unknown_decision_and_a_rejection_without_a_reason()
    {
        var (_, email, _) = await Offices.StaffAsync(app, Offices.Almaty);
        var (id, _, _) = await Offices.OrganizationAsync(app, Offices.Almaty);
        using var api = app.Client(accessToken: await Api.TokenAsync(app, email));

        using (var unknown = await api.PostAsJsonAsync($"/api/v1/organizations/{id}/verification", new { decision = "approved" }))
        {
            await unknown.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.DecisionInvalid);
        }

        using (var noReason = await api.PostAsJsonAsync($"/api/v1/organizations/{id}/verification", new { decision = "rejected" }))
        {
            await noReason.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.ReasonRequired);
        }

        using (var rejected = await api.PostAsJsonAsync($"/api/v1/organizations/{id}/verification", new { decision = "rejected", reason = "Құжаттар толық емес" }))
        {
            Assert.Equal("rejected", (await rejected.JsonAsync()).GetProperty("status").GetString());
        }

        Assert.Equal(OrganizationStatus.Rejected, (await Offices.StoredAsync(app, id)).Status);
    }

    [Fact]
    public async Task A_call_centre_operator_may_not_decide()
    {
        var (_, email, _) = await Offices.StaffAsync(app, Offices.Almaty, FrontOfficeStaff.Operator);
        var (id, _, _) = await Offices.OrganizationAsync(app, Offices.Almaty);
        using var api = app.Client(accessToken: await Api.TokenAsync(app, email));

        using var response = await api.PostAsJsonAsync($"/api/v1/organizations/{id}/verification", new { decision = "verified" });

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(OrganizationStatus.Pending, (await Offices.StoredAsync(app, id)).Status);
    }
}

[Collection(Sqlite.Name)]
public sealed class ModerationTestsOnSqlite(SqliteApp app) : ModerationTests(app);

[Collection(Postgres.Name)]
public sealed class ModerationTestsOnPostgres(PostgresApp app) : ModerationTests(app);
