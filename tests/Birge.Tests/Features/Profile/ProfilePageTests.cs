using System.Globalization;
using System.Net;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Tests.Features.Profile;

/// <summary>The volunteer profile page (M2): one form, every field optional, Post/Redirect/Get.</summary>
public abstract class ProfilePageTests(BirgeApp app)
{
    private const string AccessibilityText = "Көру қабілетім нашар: ірі қаріп керек.";
    private const string AboutText = "Алматыда тұрамын, балаларға\r\nматематикадан сабақ беремін.";

    [Fact]
    public async Task A_volunteer_saves_a_full_profile_and_reads_it_back()
    {
        var person = await app.NewPerson().SignedIn();
        var directions = await app.Db(db => db.Directions.OrderBy(d => d.SortOrder).Take(2).ToListAsync());
        var ticked = new[]
        {
            "Input_Languages_kk", "Input_Languages_ru", "Input_Skills_first_aid", "Input_Skills_it",
            $"Input_Directions_{directions[0].Code}", $"Input_Directions_{directions[1].Code}",
            "Input_Availability_sat-morning", "Input_Availability_sun-evening",
            "Input_ShowContactsToOrganisers", "Input_ShowProfileToOrganisers",
        };
        var page = await person.Pages.GetPageAsync("/profile");
        Assert.Equal(
            directions[0].Name.Resolve(Cultures.Kazakh),
            page.Find($"label[for=Input_Directions_{directions[0].Code}]").TextContent.Trim());

        using var response = await ProfileForm.PostAsync(
            person.Pages,
            page,
            new Dictionary<string, string>
            {
                ["Input.City"] = "  Қаскелең ",
                ["Input.OtherSkills"] = "Домбыра",
                ["Input.AccessibilityNeeds"] = AccessibilityText,
                ["Input.About"] = AboutText,
            },
            ticked);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/profile", response.Location());
        var again = await person.Pages.GetPageAsync("/profile");
        Assert.Equal(Html.Text("Profile_Saved", Cultures.Kazakh), again.Find(".notice--success").TextContent.Trim());
        Assert.Equal("Қаскелең", again.Value("Input_City"));
        Assert.Equal("Домбыра", again.Find("#Input_OtherSkills").TextContent);
        Assert.Equal(AccessibilityText, again.Find("#Input_AccessibilityNeeds").TextContent);
        Assert.Equal(AboutText.Replace("\r\n", "\n", StringComparison.Ordinal), again.Find("#Input_About").TextContent);
        Assert.Equal(ticked.ToHashSet(), ProfileForm.Ticked(again));

        var stored = await StoredAsync(person.Email);
        Assert.NotNull(stored);
        Assert.Equal("Қаскелең", stored.City);
        Assert.Equal(["kk", "ru"], stored.Languages);
        Assert.Equal(["first_aid", "it"], stored.Skills);
        Assert.Equal("Домбыра", stored.OtherSkills);
        Assert.Equal([directions[0].Code, directions[1].Code], stored.Directions);
        Assert.Equal(["sat-morning", "sun-evening"], stored.Availability);
        Assert.Equal(AccessibilityText, stored.AccessibilityNeeds);
        Assert.Equal("Алматыда тұрамын, балаларға\nматематикадан сабақ беремін.", stored.About);
        Assert.True(stored.ShowContactsToOrganisers);
        Assert.False(stored.ShowAgeToOrganisers);
        Assert.True(stored.ShowProfileToOrganisers);
    }

    [Fact]
    public async Task The_week_is_an_accessible_table_and_availability_round_trips()
    {
        var person = await app.NewPerson().SignedIn();
        var page = await person.Pages.GetPageAsync("/profile");
        var table = page.Find("#Input_Availability table");
        Assert.Equal(3, table.QuerySelectorAll("thead th[scope=col]").Length - 1);
        Assert.Equal(7, table.QuerySelectorAll("tbody th[scope=row]").Length);
        Assert.Equal(21, table.QuerySelectorAll("input[type=checkbox][name='Input.Availability']").Length);
        var label = page.Find("label[for=Input_Availability_mon-evening]");
        Assert.Contains("visually-hidden", label.ClassName, StringComparison.Ordinal);
        Assert.Equal(
            $"{Html.Text("Weekday_mon", Cultures.Kazakh)}, {Html.Text("DayPart_evening", Cultures.Kazakh)}",
            label.TextContent.Trim());

        var first = await ProfileForm.SaveAsync(
            person.Pages, tickedIds: ["Input_Availability_mon-evening", "Input_Availability_wed-afternoon", "Input_Availability_sat-morning"]);
        Assert.Equal(["mon-evening", "wed-afternoon", "sat-morning"], (await StoredAsync(person.Email))!.Availability);
        Assert.Equal(
            ["Input_Availability_mon-evening", "Input_Availability_sat-morning", "Input_Availability_wed-afternoon"],
            ProfileForm.Ticked(first).Where(id => id.StartsWith("Input_Availability_", StringComparison.Ordinal)).Order(StringComparer.Ordinal));

        var kept = ProfileForm.Ticked(first);
        kept.Remove("Input_Availability_wed-afternoon");
        kept.Add("Input_Availability_sun-evening");
        await ProfileForm.SaveAsync(person.Pages, tickedIds: kept);
        Assert.Equal(["mon-evening", "sat-morning", "sun-evening"], (await StoredAsync(person.Email))!.Availability);
    }

    public static TheoryData<string> Languages => ["kk", "ru"];

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task An_unknown_skill_and_a_too_long_about_are_refused_next_to_the_fields(string language)
    {
        var culture = Cultures.FromLanguage(language);
        var person = await app.NewPerson().Speaking(language).SignedIn();
        var page = await person.Pages.GetPageAsync("/profile");
        var about = new string('ә', 1001);

        using var response = await ProfileForm.PostAsync(
            person.Pages,
            page,
            new Dictionary<string, string> { ["Input.City"] = "Талғар", ["Input.About"] = about },
            ["Input_Skills_first_aid", "Input_Languages_kk", "Input_Availability_fri-evening"],
            [new("Input.Skills", "juggling")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var again = await Html.ParseAsync(response);
        Assert.Equal(Html.Text("Error_skill_invalid", culture), again.FieldError("Input_Skills"));
        Assert.Equal(Html.Text("Profile_TooLong_1000", culture), again.FieldError("Input_About"));
        Assert.Equal("true", again.Find("#Input_About").GetAttribute("aria-invalid"));
        Assert.Equal(2, again.QuerySelectorAll(".error-summary li").Length);
        Assert.Equal("Талғар", again.Value("Input_City"));
        Assert.Equal(about, again.Find("#Input_About").TextContent);
        Assert.Equal(
            new HashSet<string> { "Input_Skills_first_aid", "Input_Languages_kk", "Input_Availability_fri-evening" },
            ProfileForm.Ticked(again));
        Assert.Null(await StoredAsync(person.Email));
    }

    [Fact]
    public async Task A_refused_save_leaves_the_stored_profile_as_it_was()
    {
        var person = await app.NewPerson().SignedIn();
        await ProfileForm.SaveAsync(person.Pages, new Dictionary<string, string> { ["Input.City"] = "Есік" }, ["Input_Skills_music"]);
        var page = await person.Pages.GetPageAsync("/profile");

        using var response = await ProfileForm.PostAsync(
            person.Pages, page, new Dictionary<string, string> { ["Input.City"] = new string('a', 101) }, ["Input_Skills_cooking"]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Html.Text("Profile_TooLong_100", Cultures.Kazakh), (await Html.ParseAsync(response)).FieldError("Input_City"));
        var stored = await StoredAsync(person.Email);
        Assert.Equal("Есік", stored!.City);
        Assert.Equal(["music"], stored.Skills);
    }

    [Fact]
    public async Task Privacy_choices_start_from_the_defaults_and_are_stored()
    {
        var person = await app.NewPerson().SignedIn();
        var page = await person.Pages.GetPageAsync("/profile");
        Assert.Equal(
            new HashSet<string> { "Input_ShowAgeToOrganisers", "Input_ShowProfileToOrganisers" },
            ProfileForm.Ticked(page));

        var saved = await ProfileForm.SaveAsync(person.Pages, tickedIds: ["Input_ShowContactsToOrganisers"]);

        Assert.Equal(new HashSet<string> { "Input_ShowContactsToOrganisers" }, ProfileForm.Ticked(saved));
        var stored = await StoredAsync(person.Email);
        Assert.True(stored!.ShowContactsToOrganisers);
        Assert.False(stored.ShowAgeToOrganisers);
        Assert.False(stored.ShowProfileToOrganisers);
    }

    [Theory]
    [InlineData("1960-03-01", true)]
    [InlineData("2000-03-01", false)]
    public async Task The_silver_badge_shows_from_55(string birthDate, bool silver)
    {
        var client = app.Browser("ru");
        var form = People.AdultForm();
        form["Input.BirthDate"] = birthDate;
        var signUp = await client.GetPageAsync("/account/signup");
        using (var response = await client.SubmitAsync(signUp, "main form", form, "/account/signup"))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        var page = await client.GetPageAsync("/profile");

        var badge = page.QuerySelector("main .badge--silver");
        Assert.Equal(silver, badge is not null);
        if (silver)
        {
            Assert.Equal(Html.Text("Account_Silver", Cultures.Russian), badge!.TextContent.Trim());
        }
    }

    [Fact]
    public async Task The_page_needs_a_login_and_the_account_page_links_to_it()
    {
        using (var anonymous = await app.Browser().GetAsync("/profile"))
        {
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
            Assert.Contains("/account/login", anonymous.Location(), StringComparison.Ordinal);
        }

        var person = await app.NewPerson().Speaking("en").SignedIn();
        var account = await person.Pages.GetPageAsync("/account");
        Assert.Equal(Html.Text("Profile_Edit", CultureInfo.GetCultureInfo("en")), account.Find("main a[href='/profile']").TextContent.Trim());
    }

    [Fact]
    public async Task Deleting_the_account_erases_the_profile_texts()
    {
        var person = await app.NewPerson().SignedIn();
        var id = await app.Db(db => db.Accounts.Where(a => a.Email == person.Email).Select(a => a.Id).SingleAsync());
        await ProfileForm.SaveAsync(
            person.Pages,
            new Dictionary<string, string>
            {
                ["Input.City"] = "Қонаев",
                ["Input.OtherSkills"] = "Шахмат",
                ["Input.AccessibilityNeeds"] = AccessibilityText,
                ["Input.About"] = AboutText,
            },
            ["Input_Skills_it", "Input_Languages_ru", "Input_Availability_tue-morning"]);
        var page = await person.Pages.GetPageAsync("/account/delete");

        using var response = await person.Pages.SubmitAsync(
            page, "main form", new Dictionary<string, string> { ["Input.Password"] = People.Password, ["Input.Confirm"] = "on" }, "/account/delete");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await app.Db(db => db.VolunteerProfiles.AsNoTracking().SingleAsync(p => p.AccountId == id));
        Assert.Null(stored.City);
        Assert.Null(stored.OtherSkills);
        Assert.Null(stored.AccessibilityNeeds);
        Assert.Null(stored.About);
        Assert.Empty(stored.Skills);
        Assert.Empty(stored.Languages);
        Assert.Empty(stored.Availability);
    }

    private Task<VolunteerProfile?> StoredAsync(string email) => app.Db(db =>
        db.VolunteerProfiles.AsNoTracking()
            .Where(p => db.Accounts.Any(a => a.Id == p.AccountId && a.Email == email))
            .SingleOrDefaultAsync());
}

[Collection(Sqlite.Name)]
public sealed class ProfilePageTestsOnSqlite(SqliteApp app) : ProfilePageTests(app);

[Collection(Postgres.Name)]
public sealed class ProfilePageTestsOnPostgres(PostgresApp app) : ProfilePageTests(app);
