using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using Birge.Tests.Features.Organizations;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Tests.Features.Opportunities;

/// <summary>The coordinator's pages (new, edit, manage, the organisation's list) and the public opportunity page.</summary>
public abstract class OpportunityPagesTests(BirgeApp app)
{
    private static readonly string Day = DateTime.UtcNow.Date.AddDays(10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_coordinator_writes_a_draft_through_the_form_in_kazakhstan_time()
    {
        var coordinator = await app.NewPerson().SignedIn().WithToken().OwningAnOrganization();
        var word = Orgs.UniqueWord();

        using var response = await SubmitNewAsync(coordinator, Form(word));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await app.Db(db => db.Opportunities.Include(o => o.Shifts).AsNoTracking().SingleAsync(o => o.OrganizationId == coordinator.OrganizationId));
        Assert.Equal($"/opportunities/{stored.Id}/manage", response.Location());
        Assert.Equal(OpportunityStatus.Draft, stored.Status);
        Assert.Equal(OpportunityKind.Event, stored.Kind);
        Assert.Equal("Ағаш отырғызу " + word, stored.Title.Kk);
        Assert.Null(stored.Title.Ru);
        Assert.Equal(["ecology"], stored.Directions);
        Assert.Equal(43.25, stored.Latitude);
        Assert.Equal(76.95, stored.Longitude);
        Assert.Equal(12, stored.MinAge);
        Assert.True(stored.AutoAccept);
        var shift = Assert.Single(stored.Shifts);
        var local = DateTime.ParseExact(Day, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal(local.AddHours(10 - 5), shift.StartsAt);
        Assert.Equal(local.AddHours(13 - 5), shift.EndsAt);
        Assert.Equal(8, shift.Capacity);
        Assert.Equal(new LocalizedText("Отырғызу", null, null), shift.Role);
        Assert.Contains(word.ToLowerInvariant(), stored.SearchText, StringComparison.Ordinal);

        var manage = await coordinator.Pages.GetPageAsync(response.Location());
        Assert.Equal("draft", manage.Find("#status").GetAttribute("data-status"));
        Assert.NotNull(manage.QuerySelector("#publish-form"));
        Assert.NotNull(manage.QuerySelector($"a[href='/shifts/{shift.Id}/roster']"));
        Assert.NotNull(manage.QuerySelector($"a[href='/shifts/{shift.Id}/checkin-code']"));
        Assert.NotNull(manage.QuerySelector($"a[href='/shifts/{shift.Id}/hours']"));
        var list = await coordinator.Pages.GetPageAsync($"/organizations/{coordinator.OrganizationId}/opportunities");
        Assert.NotNull(list.QuerySelector($"a[href='/opportunities/{stored.Id}/manage']"));
        var organization = await coordinator.Pages.GetPageAsync($"/organizations/{coordinator.OrganizationId}/manage");
        Assert.NotNull(organization.QuerySelector($"a[href='/organizations/{coordinator.OrganizationId}/opportunities']"));
    }

    [Fact]
    public async Task A_shift_s_role_written_in_kazakh_and_russian_reads_in_the_reader_s_language_and_falls_back_like_the_title()
    {
        var coordinator = await app.NewPerson().SignedIn().WithToken().OwningAnOrganization();
        var word = Orgs.UniqueWord();
        var form = Form(word);
        form["Input.TitleRu"] = "Посадка деревьев " + word;
        form["Input.Shifts[0].RoleKk"] = "Көшет отырғызушы";
        form["Input.Shifts[0].RoleRu"] = "Сажает саженцы";

        using var response = await SubmitNewAsync(coordinator, form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await app.Db(db => db.Opportunities.Include(o => o.Shifts).AsNoTracking().SingleAsync(o => o.OrganizationId == coordinator.OrganizationId));
        var shift = Assert.Single(stored.Shifts);
        Assert.Equal(new LocalizedText("Көшет отырғызушы", "Сажает саженцы", null), shift.Role);
        var manage = await coordinator.Pages.GetPageAsync(response.Location());
        Assert.Contains("Көшет отырғызушы", manage.Find($"#shift-{shift.Id}").TextContent, StringComparison.Ordinal);
        using (var published = await coordinator.Pages.SubmitAsync(manage, "#publish-form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        }

        // An English reader finds neither in English: both fall back to Kazakh, the title's first language.
        foreach (var (language, title, role) in new[]
        {
            ("kk", "Ағаш отырғызу " + word, "Көшет отырғызушы"),
            ("ru", "Посадка деревьев " + word, "Сажает саженцы"),
            ("en", "Ағаш отырғызу " + word, "Көшет отырғызушы"),
        })
        {
            var page = await app.Browser(language).GetPageAsync($"/opportunities/{stored.Id}");
            Assert.Equal(title, page.Find("h1").TextContent);
            Assert.Equal(role, page.Find($"#shift-{shift.Id} .shift-role").TextContent);
            var reader = await app.NewPerson().Speaking(language).SignedIn();
            var apply = await reader.Pages.GetPageAsync($"/shifts/{shift.Id}/apply");
            Assert.Equal(role, apply.Find("#apply-role").TextContent);
        }

        // The edit form gives each language its own box, labelled in the coordinator's language.
        var edit = await coordinator.Pages.GetPageAsync($"/opportunities/{stored.Id}/edit");
        Assert.Equal("Көшет отырғызушы", edit.Value("Input_Shifts_0__RoleKk"));
        Assert.Equal("Сажает саженцы", edit.Value("Input_Shifts_0__RoleRu"));
        Assert.True(string.IsNullOrEmpty(edit.Value("Input_Shifts_0__RoleEn")));
        Assert.Equal(Html.Text("Opp_Field_InRu", Cultures.Kazakh), edit.Find("label[for=Input_Shifts_0__RoleRu]").TextContent.Trim());
        Assert.Equal(Html.Text("Opp_Field_Role", Cultures.Kazakh), edit.Find("fieldset.shift-row .shift-role legend").TextContent.Trim());
    }

    [Fact]
    public async Task A_role_too_long_in_any_language_comes_back_by_the_role_with_the_form_filled()
    {
        var coordinator = await app.NewPerson().SignedIn().WithToken().OwningAnOrganization();
        var form = Form(Orgs.UniqueWord());
        form["Input.Shifts[0].RoleRu"] = new string('ж', Shift.MaxRoleLength + 1);

        using var response = await SubmitNewAsync(coordinator, form);

        var page = await RefusedAsync(response);
        Assert.Equal(Html.Text("Error_too_long", Cultures.Kazakh), page.FieldError("Input_Shifts_0__RoleKk"));
        Assert.Equal("Отырғызу", page.Value("Input_Shifts_0__RoleKk"));
        Assert.Equal(Shift.MaxRoleLength + 1, page.Value("Input_Shifts_0__RoleRu")!.Length);
        Assert.False(await app.Db(db => db.Opportunities.AnyAsync(o => o.OrganizationId == coordinator.OrganizationId)));
    }

    [Fact]
    public async Task Another_shift_row_is_added_without_javascript_and_nothing_is_stored()
    {
        var coordinator = await app.NewPerson().SignedIn().WithToken().OwningAnOrganization();
        var page = await coordinator.Pages.GetPageAsync(NewUrl(coordinator));
        Assert.Equal(3, page.QuerySelectorAll("fieldset.shift-row").Length);
        var form = Form(Orgs.UniqueWord());
        form["addShift"] = "1";

        using var response = await SubmitNewAsync(coordinator, form);

        var again = await RefusedAsync(response);
        Assert.Equal(4, again.QuerySelectorAll("fieldset.shift-row").Length);
        Assert.Equal($"{Day}T10:00", again.Value("Input_Shifts_0__StartsAt"));
        Assert.Equal(form["Input.TitleKk"], again.Value("Input_TitleKk"));
        Assert.Null(again.QuerySelector(".error-summary"));
        Assert.False(await app.Db(db => db.Opportunities.AnyAsync(o => o.OrganizationId == coordinator.OrganizationId)));
    }

    [Fact]
    public async Task Mistakes_come_back_next_to_their_fields_with_the_form_filled_and_nothing_is_stored()
    {
        var coordinator = await app.NewPerson().Speaking("ru").SignedIn().WithToken().OwningAnOrganization();
        var form = Form(Orgs.UniqueWord());
        form["Input.TitleKk"] = "";
        form["Input.Shifts[0].EndsAt"] = $"{Day}T09:00";
        form["Input.Shifts[1].Capacity"] = "много";
        form["Input.Shifts[1].StartsAt"] = $"{Day}T15:00";
        form["Input.Latitude"] = "сорок";

        using var response = await SubmitNewAsync(coordinator, form, tickEcology: false);

        var page = await RefusedAsync(response);
        Assert.Equal(Html.Text("Error_title_required", Cultures.Russian), page.FieldError("Input_TitleKk"));
        Assert.Equal(Html.Text("Error_directions_required", Cultures.Russian), page.FieldError("Input_Directions"));
        Assert.Equal(Html.Text("Error_shift_times_invalid", Cultures.Russian), page.FieldError("Input_Shifts_0__EndsAt"));
        Assert.Equal(Html.Text("Error_capacity_invalid", Cultures.Russian), page.FieldError("Input_Shifts_1__Capacity"));
        Assert.Equal(Html.Text("Error_coordinates_invalid", Cultures.Russian), page.FieldError("Input_Latitude"));
        Assert.Equal(form["Input.Address"], page.Value("Input_Address"));
        Assert.Equal("много", page.Value("Input_Shifts_1__Capacity"));
        Assert.Equal($"{Day}T10:00", page.Value("Input_Shifts_0__StartsAt"));
        Assert.Equal("Описание", page.GetElementById("Input_DescriptionRu")!.TextContent);
        Assert.False(await app.Db(db => db.Opportunities.AnyAsync(o => o.OrganizationId == coordinator.OrganizationId)));
    }

    [Fact]
    public async Task A_weekly_shift_is_one_row_with_its_repeats_and_a_bad_count_is_refused()
    {
        var coordinator = await app.NewPerson().SignedIn().WithToken().OwningAnOrganization();
        var refusedForm = Form(Orgs.UniqueWord());
        refusedForm["Input.Shifts[0].RepeatWeekly"] = "60";

        using var refused = await SubmitNewAsync(coordinator, refusedForm);

        var page = await RefusedAsync(refused);
        Assert.Equal(Html.Text("Error_repeat_invalid", Cultures.Kazakh), page.FieldError("Input_Shifts_0__RepeatWeekly"));
        Assert.Equal("60", page.Value("Input_Shifts_0__RepeatWeekly"));
        Assert.False(await app.Db(db => db.Opportunities.AnyAsync(o => o.OrganizationId == coordinator.OrganizationId)));

        var form = Form(Orgs.UniqueWord());
        form["Input.Shifts[0].RepeatWeekly"] = "3";
        using var saved = await SubmitNewAsync(coordinator, form);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = await app.Db(db => db.Opportunities.Include(o => o.Shifts).AsNoTracking().SingleAsync(o => o.OrganizationId == coordinator.OrganizationId));
        var local = DateTime.ParseExact(Day, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal(
            Enumerable.Range(0, 4).Select(week => (local.AddDays(7 * week).AddHours(5), local.AddDays(7 * week).AddHours(8), 8)),
            stored.Shifts.OrderBy(s => s.StartsAt).Select(s => (s.StartsAt, s.EndsAt, s.Capacity)));
        Assert.Equal(local.AddDays(21).AddHours(8), stored.EndsAt);
    }

    [Fact]
    public async Task Shifts_far_ahead_or_long_ago_are_refused_next_to_their_fields_with_the_form_filled()
    {
        var coordinator = await app.NewPerson().Speaking("ru").SignedIn().WithToken().OwningAnOrganization();
        var form = Form(Orgs.UniqueWord());
        form["Input.Shifts[0].StartsAt"] = "9999-12-30T10:00";
        form["Input.Shifts[0].EndsAt"] = "9999-12-30T13:00";
        form["Input.Shifts[0].RepeatWeekly"] = "52";
        form["Input.Shifts[1].StartsAt"] = "0001-01-01T00:00";
        form["Input.Shifts[1].EndsAt"] = "0001-01-01T10:00";
        form["Input.Shifts[1].Capacity"] = "3";

        using var response = await SubmitNewAsync(coordinator, form);

        var page = await RefusedAsync(response);
        Assert.Equal(Html.Text("Error_shift_too_far", Cultures.Russian), page.FieldError("Input_Shifts_0__StartsAt"));
        Assert.Equal("9999-12-30T10:00", page.Value("Input_Shifts_0__StartsAt"));
        Assert.Equal("52", page.Value("Input_Shifts_0__RepeatWeekly"));
        Assert.Equal(Html.Text("Error_shift_in_past", Cultures.Russian), page.FieldError("Input_Shifts_1__StartsAt"));
        Assert.Equal("0001-01-01T00:00", page.Value("Input_Shifts_1__StartsAt"));
        Assert.False(await app.Db(db => db.Opportunities.AnyAsync(o => o.OrganizationId == coordinator.OrganizationId)));
    }

    [Fact]
    public async Task Another_organisation_cannot_open_or_post_the_pages_and_nothing_changes()
    {
        var owner = await app.NewPerson().SignedIn().WithToken().OwningAnOrganization();
        var (id, _) = await Opps.CreateAsync(app, owner.Token, Opps.Body(owner.OrganizationId));
        var stranger = await app.NewPerson().SignedIn().WithToken().OwningAnOrganization();
        var ownForm = await stranger.Pages.GetPageAsync(NewUrl(stranger));

        foreach (var url in new[] { NewUrl(owner), $"/organizations/{owner.OrganizationId}/opportunities", $"/opportunities/{id}/edit", $"/opportunities/{id}/manage" })
        {
            using var get = await stranger.Pages.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, get.StatusCode);
            Assert.StartsWith("http://localhost/error/403", get.Location(), StringComparison.Ordinal);
        }

        using var post = await stranger.Pages.SubmitAsync(ownForm, "main form", Form("чужой"), NewUrl(owner));
        using var cancel = await stranger.Pages.SubmitAsync(ownForm, "main form", new Dictionary<string, string> { ["Reason"] = "чужой" }, $"/opportunities/{id}/manage?handler=Cancel");

        Assert.StartsWith("http://localhost/error/403", post.Location(), StringComparison.Ordinal);
        Assert.StartsWith("http://localhost/error/403", cancel.Location(), StringComparison.Ordinal);
        var stored = await app.Db(db => db.Opportunities.AsNoTracking().Where(o => o.OrganizationId == owner.OrganizationId).ToListAsync());
        Assert.Equal(OpportunityStatus.Draft, Assert.Single(stored).Status);
    }

    [Fact]
    public async Task Publishing_waits_for_verification_then_the_public_page_shows_the_shifts_to_everyone()
    {
        var coordinator = await app.NewPerson().SignedIn().WithToken().OwningAnOrganization(verified: false);
        var body = Opps.Body(coordinator.OrganizationId);
        body["directions"] = new[] { "ecology", Direction.Emergency };
        body["minAge"] = null;
        var (id, shifts) = await Opps.CreateAsync(app, coordinator.Token, body);
        var manage = await coordinator.Pages.GetPageAsync($"/opportunities/{id}/manage");
        Assert.Null(manage.QuerySelector("#publish-form"));
        Assert.Contains(Html.Text("Error_organization_not_verified", Cultures.Kazakh), manage.Body!.TextContent, StringComparison.Ordinal);
        using var anonymousDraft = await app.Browser().GetAsync($"/opportunities/{id}");
        Assert.Equal(HttpStatusCode.NotFound, anonymousDraft.StatusCode);
        var memberDraft = await coordinator.Pages.GetPageAsync($"/opportunities/{id}");
        Assert.Null(memberDraft.QuerySelector($"a[href='/shifts/{shifts[0]}/apply']"));

        await Orgs.VerifyAsync(app, coordinator.OrganizationId);
        manage = await coordinator.Pages.GetPageAsync($"/opportunities/{id}/manage");
        using var published = await coordinator.Pages.SubmitAsync(manage, "#publish-form");

        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Equal(OpportunityStatus.Published, await app.Db(db => db.Opportunities.Where(o => o.Id == id).Select(o => o.Status).SingleAsync()));
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(a => a.Action == "opportunity.published" && a.TargetId == id.ToString())));
        var page = await app.Browser("ru").GetPageAsync($"/opportunities/{id}");
        Assert.Equal("Уборка парка", page.Find("h1").TextContent);
        Assert.Equal("Қолғап береміз.", page.Find(".opp-description").TextContent.Trim());
        Assert.Contains(Html.Text("Opp_MinAgeValue", Cultures.Russian, 18), page.Find("#min-age").TextContent, StringComparison.Ordinal);
        Assert.Equal("geo:43.2389,76.8897", page.Find("#place a").GetAttribute("href"));
        var first = page.Find($"#shift-{shifts[0]}");
        Assert.Contains("10:00", first.TextContent, StringComparison.Ordinal);
        Assert.Contains("тазалау", first.TextContent, StringComparison.Ordinal);
        Assert.Contains(Html.Text("Opp_SeatsLeft_many", Cultures.Russian, "10"), first.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector($"a[href='/shifts/{shifts[0]}/apply']"));
    }

    [Fact]
    public async Task Cancelling_on_the_manage_page_tells_applicants_and_the_public_page_says_so()
    {
        var coordinator = await app.NewPerson().SignedIn().WithToken().OwningAnOrganization();
        var (id, shifts) = await Opps.CreateAsync(app, coordinator.Token, Opps.Body(coordinator.OrganizationId));
        using (var publish = await app.Client(accessToken: coordinator.Token).PostAsync($"/api/v1/opportunities/{id}/publish", null))
        {
            Assert.Equal(HttpStatusCode.OK, publish.StatusCode);
        }

        var applicant = await app.NewPerson().OnShift(shifts[0]);
        var manage = await coordinator.Pages.GetPageAsync($"/opportunities/{id}/manage");

        using var refused = await coordinator.Pages.SubmitAsync(manage, "#cancel-form", new Dictionary<string, string> { ["Reason"] = "" });
        var again = await RefusedAsync(refused);
        Assert.Equal(Html.Text("Error_reason_required", Cultures.Kazakh), again.FieldError("Reason"));
        using var cancelled = await coordinator.Pages.SubmitAsync(again, "#cancel-form", new Dictionary<string, string> { ["Reason"] = "Боран" });

        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Equal(ApplicationStatus.Cancelled, await app.Db(db => db.Applications.Where(a => a.VolunteerId == applicant.Id).Select(a => a.Status).SingleAsync()));
        Assert.Equal(0, await app.Db(db => db.Shifts.Where(s => s.Id == shifts[0]).Select(s => s.Taken).SingleAsync()));
        var subject = Html.Text("Message_OpportunityCancelled_Subject", Cultures.Kazakh);
        var message = await app.Db(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Recipient == applicant.Email && m.Subject == subject));
        Assert.Contains("Боран", message.Body, StringComparison.Ordinal);
        Assert.Contains($"/opportunities/{id}", message.Body, StringComparison.Ordinal);
        var page = await app.Browser().GetPageAsync($"/opportunities/{id}");
        Assert.Contains("Боран", page.Find(".opp-cancelled").TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("a[href$='/apply']"));
    }

    [Fact]
    public async Task The_edit_form_keeps_a_shift_someone_applied_to()
    {
        var coordinator = await app.NewPerson().Speaking("en").SignedIn().WithToken().OwningAnOrganization();
        var (id, shifts) = await Opps.CreateAsync(app, coordinator.Token, Opps.Body(coordinator.OrganizationId));
        await app.NewPerson().OnShift(shifts[0], ApplicationStatus.Pending);
        var edit = await coordinator.Pages.GetPageAsync($"/opportunities/{id}/edit");
        Assert.Equal(3, edit.QuerySelectorAll("fieldset.shift-row").Length);
        ((IHtmlInputElement)edit.GetElementById("Input_Shifts_0__Remove")!).IsChecked = true;

        using var refused = await coordinator.Pages.SubmitAsync(edit, "main form", new Dictionary<string, string> { ["Input.TitleEn"] = "Park clean-up" }, $"/opportunities/{id}/edit");

        var page = await RefusedAsync(refused);
        Assert.Equal(Html.Text("Error_shift_has_applicants", Cultures.English), page.FieldError("Input_Shifts"));
        Assert.Equal("Park clean-up", page.Value("Input_TitleEn"));
        var stored = await app.Db(db => db.Opportunities.Include(o => o.Shifts).AsNoTracking().SingleAsync(o => o.Id == id));
        Assert.Equal(2, stored.Shifts.Count);
        Assert.Null(stored.Title.En);

        ((IHtmlInputElement)page.GetElementById("Input_Shifts_0__Remove")!).IsChecked = false;
        ((IHtmlInputElement)page.GetElementById("Input_Shifts_1__Remove")!).IsChecked = true;
        using var saved = await coordinator.Pages.SubmitAsync(page, "main form", null, $"/opportunities/{id}/edit");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        stored = await app.Db(db => db.Opportunities.Include(o => o.Shifts).AsNoTracking().SingleAsync(o => o.Id == id));
        Assert.Equal(shifts[0], Assert.Single(stored.Shifts).Id);
        Assert.Equal("Park clean-up", stored.Title.En);
        Assert.Contains("park clean-up", stored.SearchText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_home_page_leads_to_the_search()
    {
        var home = await app.Browser().GetPageAsync("/");

        Assert.NotNull(home.QuerySelector("main a[href='/opportunities']"));
    }

    private static string NewUrl(TestPerson coordinator) => $"/organizations/{coordinator.OrganizationId}/opportunities/new";

    private static Dictionary<string, string> Form(string word) => new()
    {
        ["Input.TitleKk"] = "Ағаш отырғызу " + word,
        ["Input.DescriptionRu"] = "Описание",
        ["Input.Address"] = "Алматы, Әл-Фараби даңғылы",
        ["Input.Latitude"] = "43,25",
        ["Input.Longitude"] = "76.95",
        ["Input.MinAge"] = "12",
        ["Input.Shifts[0].StartsAt"] = $"{Day}T10:00",
        ["Input.Shifts[0].EndsAt"] = $"{Day}T13:00",
        ["Input.Shifts[0].Capacity"] = "8",
        ["Input.Shifts[0].RoleKk"] = "Отырғызу",
    };

    private static async Task<HttpResponseMessage> SubmitNewAsync(TestPerson coordinator, Dictionary<string, string> form, bool tickEcology = true)
    {
        var page = await coordinator.Pages.GetPageAsync(NewUrl(coordinator));
        if (tickEcology)
        {
            ((IHtmlInputElement)page.GetElementById("Input_Directions_ecology")!).IsChecked = true;
        }

        return await coordinator.Pages.SubmitAsync(page, "main form", form, NewUrl(coordinator));
    }

    private static async Task<IHtmlDocument> RefusedAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await Html.ParseAsync(response);
        }
    }
}

[Collection(Sqlite.Name)]
public sealed class OpportunityPagesTestsOnSqlite(SqliteApp app) : OpportunityPagesTests(app);

[Collection(Postgres.Name)]
public sealed class OpportunityPagesTestsOnPostgres(PostgresApp app) : OpportunityPagesTests(app);
