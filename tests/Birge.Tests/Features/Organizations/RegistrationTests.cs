using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Dom;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Features.Organizations;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Tests.Features.Organizations;

/// <summary>Registering an organisation through the real form and the API: stored pending, the registrant its owner.</summary>
public abstract class RegistrationTests(BirgeApp app)
{
    public static TheoryData<string> BadBins => new() { Bins.WithBadChecksum(Bins.Sample), Bins.WithMonth99(), "12345" };

    [Fact]
    public async Task An_organisation_registered_through_the_form_is_pending_with_the_registrant_as_owner()
    {
        var person = await app.NewPerson().SignedIn();
        var name = "Жасыл қала " + Orgs.UniqueWord();

        using var response = await SubmitAsync(person.Pages, Form(name, Bins.Sample));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await app.Db(db => db.Organizations.Include(o => o.Members).AsNoTracking().SingleAsync(o => o.Name == name));
        Assert.Equal($"/organizations/{stored.Id}/manage", response.Location());
        Assert.Equal(OrganizationStatus.Pending, stored.Status);
        Assert.Equal(Bins.Sample, stored.Bin);
        Assert.Equal(People.AlmatyCity, stored.RegionKato);
        Assert.Equal("public_association", stored.LegalForm);
        Assert.Equal(["ecology"], stored.Directions);
        Assert.Equal("Ағаш отырғызамыз", stored.Description.Kk);
        Assert.Equal("https://jasyl.example.kz", stored.Website);
        Assert.Equal("+77011234500", stored.Phone);
        Assert.Contains("ағаш", stored.SearchText, StringComparison.Ordinal);
        var owner = Assert.Single(stored.Members);
        Assert.Equal(person.Id, owner.AccountId);
        Assert.Equal(OrganizationMember.Owner, owner.Role);
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(a => a.Action == "organization.registered" && a.TargetId == stored.Id.ToString())));

        var manage = await person.Pages.GetPageAsync(response.Location());
        Assert.Contains(Html.Text("Org_Status_pending", Cultures.Kazakh), manage.Find(".org-status").TextContent, StringComparison.Ordinal);
        Assert.Contains(Html.Text("Org_StatusText_pending", Cultures.Kazakh), manage.Find(".org-status").TextContent, StringComparison.Ordinal);

        var account = await person.Pages.GetPageAsync("/account");
        Assert.Contains(account.QuerySelectorAll(".my-organizations a"), a => a.GetAttribute("href") == $"/organizations/{stored.Id}/manage");
    }

    [Theory]
    [MemberData(nameof(BadBins))]
    public async Task A_bad_bin_is_refused_next_to_the_field_and_nothing_is_stored(string bin)
    {
        var person = await app.NewPerson().SignedIn();
        var name = "Мейірім " + Orgs.UniqueWord();

        using var response = await SubmitAsync(person.Pages, Form(name, bin));

        var page = await RefusedAsync(response);
        Assert.Equal(Html.Text("Error_bin_invalid", Cultures.Kazakh), page.FieldError("Input_Bin"));
        Assert.Equal(name, page.Value("Input_Name"));
        Assert.Equal(bin, page.Value("Input_Bin"));
        Assert.True(((IHtmlInputElement)page.GetElementById("Input_Directions_ecology")!).IsChecked);
        Assert.Equal("Ағаш отырғызамыз", page.GetElementById("Input_DescriptionKk")!.TextContent);
        Assert.False(await app.Db(db => db.Organizations.AnyAsync(o => o.Name == name)));
    }

    [Fact]
    public async Task A_duplicate_bin_is_refused_on_the_form()
    {
        var person = await app.NewPerson().WithToken();
        var bin = Bins.New();
        await Orgs.RegisterAsync(app, person.Token, Orgs.Body(bin: bin));
        var volunteer = await app.NewPerson().Speaking("ru").SignedIn();
        var name = "Дубликат " + Orgs.UniqueWord();

        using var response = await SubmitAsync(volunteer.Pages, Form(name, bin));

        var page = await RefusedAsync(response);
        Assert.Equal(Html.Text("Error_bin_exists", Cultures.Russian), page.FieldError("Input_Bin"));
        Assert.Equal(name, page.Value("Input_Name"));
        Assert.False(await app.Db(db => db.Organizations.AnyAsync(o => o.Name == name)));
    }

    [Fact]
    public async Task Missing_directions_and_a_bad_website_are_shown_next_to_their_fields()
    {
        var person = await app.NewPerson().Speaking("en").SignedIn();
        var form = Form("Без направлений " + Orgs.UniqueWord(), Bins.New());
        form["Input.Website"] = "ftp://files.example.kz";

        using var response = await SubmitAsync(person.Pages, form, tickEcology: false);

        var page = await RefusedAsync(response);
        Assert.Equal(Html.Text("Error_directions_required", Cultures.English), page.FieldError("Input_Directions"));
        Assert.Equal(Html.Text("Error_website_invalid", Cultures.English), page.FieldError("Input_Website"));
    }

    [Fact]
    public async Task The_api_registers_an_organisation_pending_with_the_caller_as_owner()
    {
        var person = await app.NewPerson().WithToken();
        using var client = app.Client(accessToken: person.Token);

        using var response = await client.PostAsJsonAsync("/api/v1/organizations", Orgs.Body());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.JsonAsync();
        Assert.Equal("pending", json.GetProperty("status").GetString());
        var organizationId = json.GetProperty("id").GetGuid();
        Assert.True(await app.Db(db => db.OrganizationMembers.AnyAsync(m => m.OrganizationId == organizationId && m.AccountId == person.Id && m.Role == OrganizationMember.Owner)));
    }

    [Theory]
    [InlineData("kk")]
    [InlineData("ru")]
    [InlineData("en")]
    public async Task The_api_refuses_a_bad_bin_with_422_in_the_callers_language(string language)
    {
        var person = await app.NewPerson().WithToken();
        using var client = app.Client(language, person.Token);
        var body = Orgs.Body(bin: Bins.WithBadChecksum(Bins.New()));

        using var response = await client.PostAsJsonAsync("/api/v1/organizations", body);

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, OrganizationErrors.BinInvalid);
        var culture = Cultures.FromLanguage(language);
        Assert.Equal(Html.Text("Error_bin_invalid", culture), problem.GetProperty("errors").GetProperty("bin")[0].GetString());
        Assert.False(await app.Db(db => db.Organizations.AnyAsync(o => o.Name == (string)body["name"]!)));
    }

    [Fact]
    public async Task The_api_refuses_a_duplicate_bin_with_409()
    {
        var person = await app.NewPerson().WithToken();
        var bin = Bins.New();
        await Orgs.RegisterAsync(app, person.Token, Orgs.Body(bin: bin));
        using var client = app.Client("en", person.Token);

        using var response = await client.PostAsJsonAsync("/api/v1/organizations", Orgs.Body(bin: bin));

        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict, OrganizationErrors.BinExists);
        Assert.Equal(Html.Text("Error_bin_exists", Cultures.English), problem.GetProperty("title").GetString());
        Assert.Equal(1, await app.Db(db => db.Organizations.CountAsync(o => o.Bin == bin)));
    }

    [Fact]
    public async Task Simultaneous_registrations_of_one_bin_store_one_organisation()
    {
        var person = await app.NewPerson().WithToken();
        var bin = Bins.New();
        using var client = app.Client(accessToken: person.Token);

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.PostAsJsonAsync("/api/v1/organizations", Orgs.Body(bin: bin))));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal(1, await app.Db(db => db.Organizations.CountAsync(o => o.Bin == bin)));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task The_api_refuses_other_bad_fields_with_422()
    {
        var person = await app.NewPerson().WithToken();
        using var client = app.Client(accessToken: person.Token);
        var body = Orgs.Body();
        body["directions"] = Array.Empty<string>();
        body["legalForm"] = "pirates";

        using var response = await client.PostAsJsonAsync("/api/v1/organizations", body);

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, OrganizationErrors.LegalFormInvalid);
        Assert.True(problem.GetProperty("errors").TryGetProperty("directions", out _));
    }

    private static Dictionary<string, string> Form(string name, string bin) => new()
    {
        ["Input.Name"] = name,
        ["Input.Bin"] = bin,
        ["Input.LegalForm"] = "public_association",
        ["Input.RegionKato"] = People.AlmatyCity,
        ["Input.Address"] = "Абай даңғылы, 10",
        ["Input.DescriptionKk"] = "Ағаш отырғызамыз",
        ["Input.DescriptionRu"] = "",
        ["Input.DescriptionEn"] = "We plant trees",
        ["Input.Email"] = "info@jasyl.example.kz",
        ["Input.Phone"] = "8 701 123 45 00",
        ["Input.Website"] = "https://jasyl.example.kz",
    };

    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, Dictionary<string, string> form, bool tickEcology = true)
    {
        var page = await client.GetPageAsync("/organizations/register");
        if (tickEcology)
        {
            ((IHtmlInputElement)page.GetElementById("Input_Directions_ecology")!).IsChecked = true;
        }

        return await client.SubmitAsync(page, "main form", form, "/organizations/register");
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
public sealed class RegistrationTestsOnSqlite(SqliteApp app) : RegistrationTests(app);

[Collection(Postgres.Name)]
public sealed class RegistrationTestsOnPostgres(PostgresApp app) : RegistrationTests(app);
