using System.Globalization;
using System.Net;
using Birge.Tests.Features.FrontOffices;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Features.Readiness;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;
using static Birge.Tests.Features.Readiness.ReadinessData;

namespace Birge.Tests.Features.Readiness;

/// <summary>
/// The readiness register through its real pages: a region's staff create a team, add a member by phone typed another
/// way, change their state and add a certificate; a minor and bad input are refused in the page's language with the
/// form filled and nothing stored; the readiness page counts ready people; only the region's staff get in.
/// </summary>
public abstract class ReadinessPagesTests(BirgeApp app)
{
    private static int CertificateReady(AngleSharp.Html.Dom.IHtmlDocument page, string code) =>
        page.QuerySelector($"#by-certificate tr[data-certificate='{code}'] [data-ready]") is { } cell ? int.Parse(cell.TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture) : 0;

    private static async Task<(int Ready, int FirstAid, int Rescuer)> RegionFiguresAsync(TestPerson staff)
    {
        var page = await staff.Pages.GetPageAsync($"/front-office/{Jetisu}/readiness");
        var ready = int.Parse(System.Text.RegularExpressions.Regex.Match(page.Find("#ready-total").TextContent, @"\d+").Value, System.Globalization.CultureInfo.InvariantCulture);
        return (ready, CertificateReady(page, "first_aid"), CertificateReady(page, "rescuer"));
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Staff_create_a_team_add_a_member_by_phone_written_another_way_change_their_state_and_add_a_certificate()
    {
        var staff = await app.NewPerson().Speaking("ru").Staff(Mangystau).SignedIn();
        var digits = new string(People.NewPhone().Where(char.IsAsciiDigit).ToArray());
        var stored = "+7" + digits[1..];
        var volunteer = await app.NewPerson().Named("Данияр Мұратұлы").With("phone", "8" + digits[1..]);
        var name = "Спасатели Актау " + Guid.NewGuid().ToString("N")[..6];
        var list = await staff.Pages.GetPageAsync($"/front-office/{Mangystau}/teams");

        using var created = await staff.Pages.SubmitAsync(list, "#new-team", new Dictionary<string, string>
        {
            ["Input.Name"] = name,
            ["Input.Kind"] = "rescue",
            ["Input.Equipment"] = "2 лодки, мотопомпа",
            ["Input.LastDrillOn"] = Iso(Today.AddMonths(-2)),
            ["Input.Standby"] = "on",
        });

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var team = await app.Db(db => db.Teams.AsNoTracking().SingleAsync(t => t.Name == name));
        Assert.Equal((Mangystau, "rescue", "2 лодки, мотопомпа", Today.AddMonths(-2), true), (team.RegionKato, team.Kind, team.Equipment, team.LastDrillOn, team.Standby));
        Assert.Equal($"/front-office/{Mangystau}/teams/{team.Id}", created.Location());
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(e => e.Action == "team.created" && e.TargetId == team.Id.ToString() && e.ActorId == staff.Id)));

        var page = await staff.Pages.GetPageAsync(created.Location());
        Assert.Equal(Html.Text("Team_Created", Cultures.Russian), page.Find(".notice").TextContent.Trim());
        var spelled = $"+7 ({stored[2..5]}) {stored[5..8]}-{stored[8..10]}-{stored[10..]}";
        using var added = await staff.Pages.SubmitAsync(page, "#add-member", new Dictionary<string, string> { ["Member.Contact"] = spelled, ["Member.Role"] = "leader" });

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.DoesNotContain(stored[5..], added.RequestMessage!.RequestUri!.ToString(), StringComparison.Ordinal);
        var member = await app.Db(db => db.TeamMembers.AsNoTracking().SingleAsync(m => m.TeamId == team.Id));
        Assert.Equal((volunteer.Id, "leader", MemberState.Available), (member.AccountId, member.Role, member.State));
        page = await staff.Pages.GetPageAsync(added.Location());
        var row = $"#members tr[data-member='{volunteer.Id}']";
        Assert.Equal(Html.Text("TeamRole_leader", Cultures.Russian), page.Find(row + " [data-role]").TextContent.Trim());
        Assert.Equal(Html.Text("MemberState_Available", Cultures.Russian), page.Find(row + " [data-state]").TextContent.Trim());

        using var committed = await staff.Pages.SubmitAsync(page, row + " form[data-change-member]", new Dictionary<string, string> { ["state"] = "committed" });
        Assert.Equal(HttpStatusCode.Redirect, committed.StatusCode);
        Assert.Equal(MemberState.Committed, await app.Db(db => db.TeamMembers.Where(m => m.TeamId == team.Id).Select(m => m.State).SingleAsync()));

        page = await staff.Pages.GetPageAsync(committed.Location());
        var expires = Today.AddDays(20);
        using var certified = await staff.Pages.SubmitAsync(page, row + " form[data-add-certificate]", new Dictionary<string, string> { ["code"] = "first_aid", ["expiresOn"] = Iso(expires) });
        Assert.Equal(HttpStatusCode.Redirect, certified.StatusCode);
        var certificate = await app.Db(db => db.VolunteerCertificates.AsNoTracking().SingleAsync(c => c.AccountId == volunteer.Id));
        Assert.Equal(("first_aid", expires), (certificate.Code, certificate.ExpiresOn));

        // Expiring within 30 days is said in words, not only by colour.
        page = await staff.Pages.GetPageAsync(certified.Location());
        var item = page.Find(row + " li[data-certificate='first_aid']");
        Assert.Equal("expiring", item.GetAttribute("data-status"));
        Assert.Contains(Html.Text("Certificate_ExpiresInDays", Cultures.Russian, 20), item.TextContent, StringComparison.Ordinal);
        Assert.Contains(Html.Text("MemberState_Committed", Cultures.Russian), page.Find(row + " [data-state]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_minor_or_someone_without_a_birth_date_is_refused_in_the_pages_language_and_nothing_is_stored()
    {
        var staff = await app.NewPerson().Speaking("kk").Staff(Mangystau).SignedIn();
        var team = await app.NewTeamAsync(Mangystau);
        var minor = await app.NewPerson().Born(Today.AddYears(-17));
        var undated = await app.NewPerson();
        await app.Db(db => db.Accounts.Where(a => a.Id == undated.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.BirthDate, (DateOnly?)null)));
        var url = $"/front-office/{Mangystau}/teams/{team.Id}";

        var page = await staff.Pages.GetPageAsync(url);
        using var refused = await staff.Pages.SubmitAsync(page, "#add-member", new Dictionary<string, string> { ["Member.Contact"] = minor.Email, ["Member.Role"] = "Байланысшы" });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        page = await Html.ParseAsync(refused);
        Assert.Equal(Html.Text("Team_Error_Under18", Cultures.Kazakh), page.FieldError("Member_Contact"));
        Assert.Equal(minor.Email, page.Value("Member_Contact"));
        Assert.Equal("Байланысшы", page.Value("Member_Role"));

        using var noBirthDate = await staff.Pages.SubmitAsync(page, "#add-member", new Dictionary<string, string> { ["Member.Contact"] = undated.Email });
        page = await Html.ParseAsync(noBirthDate);
        Assert.Equal(Html.Text("Error_team_birth_date_unknown", Cultures.Kazakh), page.FieldError("Member_Contact"));

        using var unknown = await staff.Pages.SubmitAsync(page, "#add-member", new Dictionary<string, string> { ["Member.Contact"] = People.NewEmail() });
        page = await Html.ParseAsync(unknown);
        Assert.Equal(Html.Text("Error_team_account_unknown", Cultures.Kazakh), page.FieldError("Member_Contact"));
        Assert.Equal(0, await app.Db(db => db.TeamMembers.CountAsync(m => m.TeamId == team.Id)));
    }

    [Fact]
    public async Task A_team_with_no_name_and_a_drill_in_the_future_comes_back_filled_with_each_error_and_is_not_stored()
    {
        var staff = await app.NewPerson().Speaking("en").Staff(Mangystau).SignedIn();
        var equipment = "Pumps " + Guid.NewGuid().ToString("N");
        var list = await staff.Pages.GetPageAsync($"/front-office/{Mangystau}/teams");

        using var refused = await staff.Pages.SubmitAsync(list, "#new-team", new Dictionary<string, string>
        {
            ["Input.Name"] = "  ",
            ["Input.Kind"] = "pirates",
            ["Input.Equipment"] = equipment,
            ["Input.LastDrillOn"] = Iso(Today.AddDays(3)),
        });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await Html.ParseAsync(refused);
        Assert.Equal(Html.Text("Error_team_name_invalid", Cultures.English), page.FieldError("Input_Name"));
        Assert.Equal(Html.Text("Error_team_kind_invalid", Cultures.English), page.FieldError("Input_Kind"));
        Assert.Equal(Html.Text("Error_team_drill_in_future", Cultures.English), page.FieldError("Input_LastDrillOn"));
        Assert.Equal(equipment, page.Find("#Input_Equipment").TextContent);
        Assert.Equal(Iso(Today.AddDays(3)), page.Value("Input_LastDrillOn"));
        Assert.False(await app.Db(db => db.Teams.AnyAsync(t => t.Equipment == equipment)));
    }

    [Fact]
    public async Task The_readiness_page_counts_ready_adults_by_team_and_certificate_and_lists_what_expires_within_30_days()
    {
        var staff = await app.NewPerson().Speaking("ru").Staff(Jetisu).SignedIn();
        var national = await app.NewPerson().Speaking("ru").Staff(FrontOffice.NationalKato).SignedIn();
        var before = await NationalRowAsync(national);
        // Other tests' teams of Jetisu count too when the whole suite runs: the region's figures are compared with before.
        var region = await RegionFiguresAsync(staff);
        var boats = await app.NewTeamAsync(Jetisu, "rescue", Today.AddMonths(-8), name: "Лодочники " + Guid.NewGuid().ToString("N")[..4]);
        var eco = await app.NewTeamAsync(Jetisu, "eco", Today.AddMonths(-1), standby: true);
        var (both, soon, away) = (await app.NewPerson().Named("Асқар Бекұлы"), await app.NewPerson().Named("Гүлнар Сапарова"), await app.NewPerson());
        await app.AddMemberAsync(boats.Id, both.Id, "leader", new CertificateInput("first_aid", Today.AddDays(200)));
        await app.AddMemberAsync(eco.Id, both.Id);
        await app.AddMemberAsync(boats.Id, soon.Id, "member", new CertificateInput("first_aid", Today.AddDays(10)));
        await app.AddMemberAsync(eco.Id, away.Id, "member", new CertificateInput("rescuer", Today.AddDays(300)));
        await app.Db(async db =>
        {
            // An expired certificate counts for nothing.
            db.VolunteerCertificates.Add(new VolunteerCertificate { AccountId = soon.Id, Code = "rescuer", ExpiresOn = Today.AddDays(-1) });
            await db.TeamMembers.Where(m => m.AccountId == away.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.State, MemberState.Unavailable));
            return await db.SaveChangesAsync();
        });

        var page = await staff.Pages.GetPageAsync($"/front-office/{Jetisu}/readiness");

        Assert.Equal(Html.Text("Readiness_ReadyTotal", Cultures.Russian, region.Ready + 2), page.Find("#ready-total").TextContent.Trim());
        Assert.Equal("2", page.Find($"#by-team tr[data-team='{boats.Id}'] [data-ready]").TextContent.Trim());
        Assert.Equal("1", page.Find($"#by-team tr[data-team='{eco.Id}'] [data-ready]").TextContent.Trim());
        Assert.Equal("2", page.Find($"#by-team tr[data-team='{eco.Id}'] [data-members]").TextContent.Trim());
        Assert.Equal("True", page.Find($"#by-team tr[data-team='{boats.Id}'] [data-drill-overdue]").GetAttribute("data-drill-overdue"));
        Assert.Contains(Html.Text("Team_DrillOverdue", Cultures.Russian), page.Find($"#by-team tr[data-team='{boats.Id}']").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(Html.Text("Team_DrillOverdue", Cultures.Russian), page.Find($"#by-team tr[data-team='{eco.Id}']").TextContent, StringComparison.Ordinal);
        Assert.Equal(region.FirstAid + 2, CertificateReady(page, "first_aid"));
        Assert.Equal(region.Rescuer, CertificateReady(page, "rescuer"));
        var ours = new[] { both.Id.ToString(), soon.Id.ToString(), away.Id.ToString() };
        var expiring = page.QuerySelectorAll("#expiring tbody tr").Where(r => ours.Contains(r.GetAttribute("data-holder"))).ToList();
        var only = Assert.Single(expiring);
        Assert.Equal((soon.Id.ToString(), "first_aid"), (only.GetAttribute("data-holder"), only.GetAttribute("data-certificate")));
        Assert.Contains("Гүлнар Сапарова", only.TextContent, StringComparison.Ordinal);
        Assert.Contains(boats.Name, only.TextContent, StringComparison.Ordinal);

        // The national office sees the region's totals among every region's.
        var after = await NationalRowAsync(national);
        Assert.Equal((before.Teams + 2, before.Members + 3, before.Ready + 2, before.Expiring + 1), after);
    }

    [Fact]
    public async Task Only_the_regions_staff_and_the_national_office_get_in_and_a_volunteer_is_refused()
    {
        var team = await app.NewTeamAsync(Offices.Almaty);
        var volunteer = await app.NewPerson().SignedIn();
        var astana = await app.NewPerson().Staff(Offices.Astana).SignedIn();
        var almaty = await app.NewPerson().Staff(Offices.Almaty).SignedIn();
        var national = await app.NewPerson().Staff(FrontOffice.NationalKato).SignedIn();
        var urls = new[] { $"/front-office/{Offices.Almaty}/teams", $"/front-office/{Offices.Almaty}/teams/{team.Id}", $"/front-office/{Offices.Almaty}/readiness" };

        foreach (var url in urls)
        {
            using var stranger = await app.Browser().GetAsync(url);
            Assert.Equal("/account/login", Offices.RedirectPath(stranger));
            foreach (var refusedPerson in new[] { volunteer, astana })
            {
                using var refused = await refusedPerson.Pages.GetAsync(url);
                Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
                Assert.Equal("/error/403", Offices.RedirectPath(refused));
            }

            await almaty.Pages.GetPageAsync(url);
            await national.Pages.GetPageAsync(url);
        }

        // Astana's staff cannot reach Almaty's team through their own region's address either.
        using var sideways = await astana.Pages.GetAsync($"/front-office/{Offices.Astana}/teams/{team.Id}");
        Assert.Equal("/error/403", Offices.RedirectPath(sideways));
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(e => e.ActorId == astana.Id && e.Outcome == AuditEntry.Denied && e.TargetType == "team" && e.TargetId == team.Id.ToString())));
        using var nationalPage = await almaty.Pages.GetAsync("/front-office/national/readiness");
        Assert.Equal("/error/403", Offices.RedirectPath(nationalPage));
        Assert.Equal(HttpStatusCode.NotFound, (await almaty.Pages.GetAsync($"/front-office/{Offices.Almaty}/teams/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task A_volunteer_sees_their_teams_and_certificates_and_says_they_are_unavailable()
    {
        var volunteer = await app.NewPerson().Speaking("en").SignedIn();
        var team = await app.NewTeamAsync(Atyrau, "medical", name: "Medics " + Guid.NewGuid().ToString("N")[..4]);
        await app.AddMemberAsync(team.Id, volunteer.Id, "deputy", new CertificateInput("medic", Today.AddDays(12)), new CertificateInput("driver", Today.AddDays(400)));

        var profile = await volunteer.Pages.GetPageAsync("/profile");
        Assert.Equal("/account/teams", profile.Find("#my-teams-link").GetAttribute("href"));
        var page = await volunteer.Pages.GetPageAsync("/account/teams");
        var row = $"#my-teams tr[data-team='{team.Id}']";
        Assert.Contains(team.Name, page.Find(row).TextContent, StringComparison.Ordinal);
        Assert.Contains(Html.Text("TeamRole_deputy", Cultures.English), page.Find(row).TextContent, StringComparison.Ordinal);
        Assert.Contains(Html.Text("Certificate_ExpiresInDays", Cultures.English, 12), page.Find("#my-certificates li[data-certificate='medic']").TextContent, StringComparison.Ordinal);
        Assert.Contains(Html.Text("Certificate_ExpiresInDays", Cultures.English, 400), page.Find("#my-certificates li[data-certificate='driver']").TextContent, StringComparison.Ordinal);

        using var unavailable = await volunteer.Pages.SubmitAsync(page, row + " form[data-set-state]");

        Assert.Equal(HttpStatusCode.Redirect, unavailable.StatusCode);
        Assert.Equal(MemberState.Unavailable, await app.Db(db => db.TeamMembers.Where(m => m.TeamId == team.Id).Select(m => m.State).SingleAsync()));
        page = await volunteer.Pages.GetPageAsync("/account/teams");
        Assert.Equal("unavailable", page.Find(row + " [data-state]").GetAttribute("data-state"));
    }

    [Fact]
    public async Task Staff_remove_a_certificate_and_a_member_and_the_removal_is_audited()
    {
        var staff = await app.NewPerson().Speaking("ru").Staff(Mangystau).SignedIn();
        var team = await app.NewTeamAsync(Mangystau);
        var member = await app.NewPerson();
        await app.AddMemberAsync(team.Id, member.Id, "member", new CertificateInput("diver", Today.AddDays(100)));
        var url = $"/front-office/{Mangystau}/teams/{team.Id}";
        var row = $"#members tr[data-member='{member.Id}']";

        var page = await staff.Pages.GetPageAsync(url);
        using var uncertified = await staff.Pages.SubmitAsync(page, row + " li[data-certificate='diver'] form");
        Assert.Equal(HttpStatusCode.Redirect, uncertified.StatusCode);
        Assert.False(await app.Db(db => db.VolunteerCertificates.AnyAsync(c => c.AccountId == member.Id)));

        page = await staff.Pages.GetPageAsync(url);
        using var removed = await staff.Pages.SubmitAsync(page, row + " th form");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.False(await app.Db(db => db.TeamMembers.AnyAsync(m => m.TeamId == team.Id)));
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(e => e.Action == "team.member_removed" && e.TargetId == team.Id.ToString() && e.ActorId == staff.Id)));
        page = await staff.Pages.GetPageAsync(url);
        Assert.Equal(Html.Text("Team_MemberRemoved", Cultures.Russian), page.Find(".notice").TextContent.Trim());
        Assert.NotNull(page.QuerySelector("#no-members"));
    }

    private static async Task<(int Teams, int Members, int Ready, int Expiring)> NationalRowAsync(TestPerson national)
    {
        var page = await national.Pages.GetPageAsync("/front-office/national/readiness");
        int Cell(string name) => int.Parse(page.Find($"#totals tr[data-region='{Jetisu}'] [data-{name}]").TextContent.Trim(), CultureInfo.InvariantCulture);
        return (Cell("teams"), Cell("members"), Cell("ready"), Cell("expiring"));
    }
}

[Collection(Sqlite.Name)]
public sealed class ReadinessPagesTestsOnSqlite(SqliteApp app) : ReadinessPagesTests(app);

[Collection(Postgres.Name)]
public sealed class ReadinessPagesTestsOnPostgres(PostgresApp app) : ReadinessPagesTests(app);
