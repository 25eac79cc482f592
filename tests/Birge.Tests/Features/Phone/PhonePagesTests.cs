using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Birge.Tests.Features.Attendance;
using Birge.Tests.Features.CallOuts;
using Birge.Tests.Features.Organizations;
using Birge.Tests.Infrastructure;
using Birge.Tests.Localization;
using Birge.Web.Domain;
using Birge.Web.Features.Admin;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Tests.Features.Phone;

/// <summary>
/// The phone-first pages as plain HTML: the menu that folds without JavaScript, the search's filters, map links, the
/// audit log in words, and the door screen without the site menu and with who has arrived.
/// </summary>
public abstract partial class PhonePagesTests(BirgeApp app) : IDisposable
{
    public void Dispose()
    {
        app.Clock.Reset();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task The_header_has_a_menu_switch_that_works_without_javascript_and_keeps_the_nav_and_the_bell()
    {
        var volunteer = await app.NewPerson().Speaking("ru").SignedIn();

        var home = await volunteer.Pages.GetPageAsync("/");

        var toggle = home.Find("input#menu-toggle[type=checkbox]");
        var label = home.Find("label[for=menu-toggle]");
        Assert.Equal(Html.Text("Phone_Menu", Cultures.Russian), label.TextContent.Replace("☰", "", StringComparison.Ordinal).Trim());
        Assert.NotNull(toggle.ParentElement!.QuerySelector("label[for=menu-toggle]"));
        Assert.NotNull(home.QuerySelector("#site-nav.site-nav a[href='/my/shifts']"));
        Assert.Equal("0", home.Find(".bar-inbox").GetAttribute("data-unread"));
        Assert.NotNull(home.QuerySelector(".language button[name=culture]"));
        Assert.NotNull(home.QuerySelector("script[src^='/js/site-menu.js']"));
    }

    [Fact]
    public async Task The_search_folds_its_filters_opens_them_on_a_mistake_and_offers_near_me()
    {
        var browser = app.Browser("en");

        var plain = await browser.GetPageAsync("/opportunities");
        var mistaken = await browser.GetPageAsync("/opportunities?from=not-a-date");

        var filters = plain.Find("details#filters");
        Assert.False(filters.HasAttribute("open"));
        Assert.Equal(Html.Text("Phone_Filters", Cultures.English), filters.QuerySelector("summary")!.TextContent.Trim());
        Assert.NotNull(filters.QuerySelector("#lat"));
        Assert.NotNull(plain.QuerySelector("form[role=search] > .field #q"));
        Assert.NotNull(plain.QuerySelector("form[role=search] > details#filters"));
        Assert.Equal(Html.Text("Phone_NearMe", Cultures.English), plain.Find("button#near-me").TextContent.Trim());
        Assert.True(plain.Find("button#near-me").HasAttribute("hidden"));
        Assert.True(mistaken.Find("details#filters").HasAttribute("open"));
        Assert.NotNull(mistaken.FieldError("from"));
    }

    [Fact]
    public async Task A_place_on_an_opportunity_links_to_the_phones_map_app_and_to_openstreetmap()
    {
        var coordinator = await app.NewPerson().SignedIn();
        var organizationId = (await app.NewOrganization().Named("Жасыл " + Orgs.UniqueWord()).Direction(Duty.Ecology).CoordinatedBy(coordinator.Id)).Id;
        var opportunity = await app.NewOpportunity(organizationId).Titled(new LocalizedText("Саябақ", "Парк", null))
            .Starting(DateTime.UtcNow.AddDays(3)).Until(DateTime.UtcNow.AddDays(3).AddHours(2)).Seats(5).Directions(Duty.Ecology)
            .At("Алматы, Абай даңғылы").Near(43.2389, 76.8897);

        var page = await app.Browser("kk").GetPageAsync($"/opportunities/{opportunity.OpportunityId}");

        var links = page.QuerySelectorAll("#place .map-link a");
        Assert.Equal(
            ["geo:43.2389,76.8897", "https://www.openstreetmap.org/?mlat=43.2389&mlon=76.8897#map=17/43.2389/76.8897"],
            links.Select(a => a.GetAttribute("href")!).ToArray());
        Assert.Equal(Html.Text("Phone_Map_App", Cultures.Kazakh), links[0].TextContent.Trim());
        Assert.Equal(Html.Text("Phone_Map_Web", Cultures.Kazakh), links[1].TextContent.Trim());
    }

    [Fact]
    public async Task The_audit_page_shows_no_binding_message_and_names_people_and_actions_in_words()
    {
        var admin = await app.NewPerson().Named("Әкімші " + Surname()).Admin().SignedIn().WithToken();
        var personName = "Ботагөз " + Surname();
        var person = await app.NewPerson().Named(personName);
        using (var assigned = await admin.Api.PostAsJsonAsync($"/api/v1/front-offices/{CallOuts.CallOuts.Jetisu}/staff", new { accountId = person.Id, role = "staff" }))
        {
            Assert.True(assigned.IsSuccessStatusCode);
        }

        var volunteer = await app.NewPerson().WithToken();
        using (var refused = await volunteer.Api.PostAsJsonAsync($"/api/v1/front-offices/{CallOuts.CallOuts.Jetisu}/staff", new { accountId = volunteer.Id, role = "staff" }))
        {
            Assert.False(refused.IsSuccessStatusCode);
        }

        var plain = await admin.Pages.GetPageAsync("/admin/audit");
        var mine = await admin.Pages.GetPageAsync("/admin/audit?Input.Actor=" + Uri.EscapeDataString(admin.Email));
        var denied = await admin.Pages.GetPageAsync("/admin/audit?Input.Outcome=denied&Input.Region=" + CallOuts.CallOuts.Jetisu);

        Assert.Null(plain.QuerySelector(".error-summary"));
        Assert.Empty(plain.QuerySelectorAll(".error"));
        Assert.DoesNotContain("/Admin/Audit", plain.Body!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.NotEmpty(plain.QuerySelectorAll("#audit tr.audit-entry"));
        var row = Assert.Single(mine.QuerySelectorAll("#audit tr.audit-entry"));
        Assert.Equal("staff.assigned", row.GetAttribute("data-action"));
        Assert.StartsWith(Html.Text("Phone_Audit_staff_assigned", Cultures.Kazakh), row.QuerySelector(".audit-action")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.StartsWith($"{Html.Text("Phone_AuditTarget_account", Cultures.Kazakh)}: {personName}", row.QuerySelector(".audit-target")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains(await app.Db(db => db.Accounts.Where(a => a.Id == admin.Id).Select(a => a.FullName!).SingleAsync()), row.TextContent, StringComparison.Ordinal);
        var refusal = denied.QuerySelectorAll("#audit tr.audit-entry").First(r => r.GetAttribute("data-action")!.StartsWith("POST /api/v1/front-offices/", StringComparison.Ordinal));
        Assert.StartsWith(Html.Text("Phone_Audit_Route", Cultures.Kazakh, refusal.GetAttribute("data-action")!), refusal.QuerySelector(".audit-action")!.TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_action_code_recorded_anywhere_has_words_in_kazakh_russian_and_english()
    {
        var codes = RecordedActionCodes();

        Assert.Contains("staff.assigned", codes);
        Assert.Contains("organization.verified", codes);
        Assert.Contains("help_request.read", codes);
        foreach (var language in ResourceFiles.Languages)
        {
            var texts = ResourceFiles.Texts(language);
            var missing = codes.Where(c => !texts.TryGetValue(AuditNames.ActionKey(c), out var text) || string.IsNullOrWhiteSpace(text)).ToList();
            Assert.True(missing.Count == 0, $"{language}: no words for {string.Join(", ", missing)}");
        }
    }

    [Fact]
    public async Task The_door_screen_has_no_site_menu_keeps_the_code_on_one_line_and_lists_who_has_arrived()
    {
        var now = Duty.Now();
        app.Clock.Set(now);
        var coordinator = await app.NewPerson().Speaking("en").SignedIn();
        var first = await app.NewPerson().Named("Айгерім Нұрланова");
        var second = await app.NewPerson().Named("Бауыржан Серікұлы");
        var organizationId = (await app.NewOrganization().Named("Жасыл " + Orgs.UniqueWord()).Direction(Duty.Ecology).CoordinatedBy(coordinator.Id)).Id;
        var shift = (await app.NewOpportunity(organizationId).Titled(new LocalizedText("Саябақты тазалау", "Уборка парка", null)).Starting(now.AddMinutes(10)).Until(now.AddHours(3)).Seats(20).Directions(Duty.Ecology)).Shift;
        await app.AcceptAsync(shift.Id, first.Id);
        await app.AcceptAsync(shift.Id, second.Id);

        var empty = await coordinator.Pages.GetPageAsync($"/shifts/{shift.Id}/checkin-code");
        await app.AttendAsync(shift.Id, first.Id, now.AddMinutes(-2), null);
        await app.AttendAsync(shift.Id, second.Id, now.AddMinutes(-1), null);
        var screen = await coordinator.Pages.GetPageAsync($"/shifts/{shift.Id}/checkin-code");

        Assert.Equal(Html.Text("Phone_Arrived_None", Cultures.English), empty.Find("#checkin-live #arrivals-none").TextContent.Trim());
        Assert.Null(screen.QuerySelector(".site-nav"));
        Assert.Null(screen.QuerySelector("#menu-toggle"));
        Assert.Null(screen.QuerySelector(".site-footer"));
        Assert.NotNull(screen.QuerySelector("#checkin-code.checkin-code"));
        Assert.Equal("2 / 2", screen.Find("#checkin-counts dd").TextContent.Trim());
        Assert.Equal(
            [Spaces().Replace($"Б. С. {Time(now.AddMinutes(-1), Cultures.English)}", " "), Spaces().Replace($"А. Н. {Time(now.AddMinutes(-2), Cultures.English)}", " ")],
            screen.QuerySelectorAll("#checkin-live #arrivals li").Select(li => Spaces().Replace(li.TextContent.Trim(), " ")).ToArray());
        Assert.DoesNotContain("Нұрланова", screen.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_call_outs_door_screen_has_no_site_menu_and_lists_who_has_arrived()
    {
        var region = CallOuts.CallOuts.Jetisu;
        var staff = await app.NewPerson().Staff(region).SignedIn().WithToken();
        var member = await app.NewPerson().Named("Дана Әлиқызы").WithToken();
        var team = await app.NewTeamAsync(region, [member.Id]);
        var body = CallOuts.CallOuts.Body(region, needed: 1);
        body["teamIds"] = new[] { team.Id };
        using var sent = await staff.Api.PostAsJsonAsync("/api/v1/call-outs", body);
        var id = (await sent.JsonAsync()).GetProperty("id").GetGuid();
        var callOut = await app.Db(db => db.CallOuts.AsNoTracking().SingleAsync(c => c.Id == id));
        var arrivedAt = callOut.StartsAt.AddMinutes(-15);
        await app.Db(db => db.CallOutRecipients.Where(r => r.CallOutId == id && r.AccountId == member.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.CheckedInAt, arrivedAt)));
        app.Clock.Set(callOut.StartsAt.AddMinutes(-10));

        var screen = await staff.Pages.GetPageAsync($"/front-office/{region}/call-outs/{id}/checkin");

        Assert.Null(screen.QuerySelector(".site-nav"));
        Assert.Null(screen.QuerySelector(".site-header"));
        Assert.NotNull(screen.QuerySelector("#checkin-code"));
        var arrived = Assert.Single(screen.QuerySelectorAll("#arrivals li"));
        Assert.Equal(Spaces().Replace($"Д. Ә. {Time(arrivedAt, Cultures.Kazakh)}", " "), Spaces().Replace(arrived.TextContent.Trim(), " "));
    }

    /// <summary>
    /// Every action code in the web project's source: the literal codes ("hours.confirmed", in Record calls and in
    /// constants) and the organisation's decisions, recorded as "organization.{status}".
    /// </summary>
    private static SortedSet<string> RecordedActionCodes()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Birge.slnx")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        var codes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root.FullName, "src", "Birge.Web"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            foreach (Match match in Code().Matches(File.ReadAllText(file)))
            {
                // Not audit actions: the cookies' names, a telemetry tag and file names (datapackage.json).
                if (match.Groups[1].Value is not ("birge" or "url") && match.Groups[2].Value is not ("json" or "csv" or "pdf"))
                {
                    codes.Add(match.Groups[1].Value + "." + match.Groups[2].Value);
                }
            }
        }

        foreach (var status in Enum.GetValues<OrganizationStatus>())
        {
            codes.Add("organization." + status.ToString().ToLowerInvariant());
        }

        return codes;
    }

    [GeneratedRegex("\"([a-z]+(?:_[a-z]+)*)\\.([a-z]+(?:_[a-z]+)*)\"")]
    private static partial Regex Code();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    private static string Time(DateTime utc, System.Globalization.CultureInfo culture) => KazakhstanTime.FromUtc(utc).ToString("t", culture);

    /// <summary>A surname never used before, in letters only (a name may not hold digits).</summary>
    private static string Surname() =>
        "Т" + new string([.. Guid.NewGuid().ToByteArray().Take(8).Select(b => Letters[b % Letters.Length])]);

    private const string Letters = "абвгдежзиклмнопрстуфхшыәіңғүұқө";
}

[Collection(Sqlite.Name)]
public sealed class PhonePagesTestsOnSqlite(SqliteApp app) : PhonePagesTests(app);

[Collection(Postgres.Name)]
public sealed class PhonePagesTestsOnPostgres(PostgresApp app) : PhonePagesTests(app);
