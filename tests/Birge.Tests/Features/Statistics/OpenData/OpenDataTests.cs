using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Features.Statistics;
using Birge.Web.Features.Statistics.OpenData;
using Json.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Birge.Tests.Features.Statistics.OpenData;

/// <summary>
/// The open data (api.md, "Open data"): the data package validates against the Frictionless profiles and every file
/// against its schema; a dated file keeps its bytes after more data and another snapshot; a count of 3 people is empty,
/// and so is the cell that would give it away; an unknown table or date is a 404 problem; the page explains it all.
/// </summary>
public abstract partial class OpenDataTests(BirgeApp app)
{
    private const string Jetisu = "330000000";

    private static readonly Lazy<(JsonSchema Package, JsonSchema Tabular, JsonSchema Table)> Profiles = new(() =>
        (Profile("data-package.json"), Profile("tabular-data-package.json"), Profile("table-schema.json")));

    [Fact]
    public async Task The_data_package_validates_against_the_frictionless_profiles_and_every_file_against_its_schema()
    {
        await ForgetAsync();
        await app.NewPerson().With("regionKato", Jetisu);
        var organization = await app.NewOrganization().InRegion(Jetisu);
        await app.NewOpportunity(organization.Id).InRegion(Jetisu).Directions("ecology").Starting(DateTime.UtcNow.AddDays(-3)).Seats(10, takenAlready: 3);
        await app.Services.GetRequiredService<StatsSnapshots>().RunOnceAsync(CancellationToken.None);
        Assert.True(await PublishAsync() > 0);
        using var anonymous = app.Client();

        using var response = await anonymous.GetAsync("/open-data/datapackage.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var package = await response.JsonAsync();
        AssertValid(Profiles.Value.Package, package);
        AssertValid(Profiles.Value.Tabular, package);
        Assert.Equal(OpenDataPackage.LicenceName, package.GetProperty("licenses")[0].GetProperty("name").GetString());
        var resources = package.GetProperty("resources").EnumerateArray().ToList();
        Assert.Equal(OpenDataTables.All.Count * 2, resources.Count);
        var through = await app.Db(db => db.StatsSnapshots.MaxAsync(s => s.Through));
        foreach (var resource in resources)
        {
            var schema = resource.GetProperty("schema");
            AssertValid(Profiles.Value.Table, schema);
            var path = resource.GetProperty("path").GetString()!;
            Assert.StartsWith($"{through:yyyy-MM-dd}/", path);
            var fields = schema.GetProperty("fields").EnumerateArray()
                .Select(f => (Name: f.GetProperty("name").GetString()!, Type: f.GetProperty("type").GetString()!)).ToList();
            Assert.All(schema.GetProperty("primaryKey").EnumerateArray(), k => Assert.Contains(k.GetString(), fields.Select(f => f.Name)));

            using var file = await anonymous.GetAsync("/open-data/" + path);
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            Assert.Equal(OpenDataApi.DatedCache, file.Headers.CacheControl?.ToString());
            var text = await file.Content.ReadAsStringAsync();
            if (resource.GetProperty("format").GetString() == "csv")
            {
                Assert.Equal("text/csv", file.Content.Headers.ContentType?.MediaType);
                AssertCsvFits(text, fields);
            }
            else
            {
                Assert.Equal("application/json", file.Content.Headers.ContentType?.MediaType);
                AssertJsonFits(text, fields);
            }

            // The latest address serves the same bytes, for a short while.
            using var latest = await anonymous.GetAsync("/open-data/" + path[(path.IndexOf('/') + 1)..]);
            Assert.Equal(text, await latest.Content.ReadAsStringAsync());
            Assert.Equal(OpenDataApi.LatestCache, latest.Headers.CacheControl?.ToString());
        }

        // The seats of the shift three days ago are in the file, under its direction and in "all" (the opportunity
        // itself was published today, after the snapshot).
        var opportunities = Csv(await anonymous.GetStringAsync("/open-data/opportunities.csv"));
        Assert.Contains(opportunities, r => r[1] == Jetisu && r[2] == "ecology" && long.Parse(r[4]) >= 10);
        Assert.Contains(opportunities, r => r[1] == Jetisu && r[2] == OpenDataTables.AllDirections && long.Parse(r[4]) >= 10);

        // A client that has the file is told it has not changed.
        using var first = await anonymous.GetAsync("/open-data/volunteers.csv");
        using var again = new HttpRequestMessage(HttpMethod.Get, "/open-data/volunteers.csv");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var notModified = await anonymous.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        await ForgetAsync();
    }

    [Fact]
    public async Task A_dated_file_is_byte_identical_after_more_data_and_another_snapshot()
    {
        await ForgetAsync();
        try
        {
            var now = DateTime.UtcNow;
            app.Clock.Set(now.AddDays(-1));
            await app.NewPerson().With("regionKato", Jetisu);
            await app.Services.GetRequiredService<StatsSnapshots>().RunOnceAsync(CancellationToken.None);
            await PublishAsync();
            var first = await app.Db(db => db.StatsSnapshots.MaxAsync(s => s.Through));
            using var anonymous = app.Client();
            var before = await FilesAsync(anonymous, first);

            // More happens on the first snapshot's last day and after; the next day's snapshot recounts those days.
            for (var i = 0; i < 6; i++)
            {
                await app.NewPerson().With("regionKato", Jetisu);
            }

            await app.Db(db => db.Accounts.Where(a => a.CreatedAt >= now.AddMinutes(-1))
                .ExecuteUpdateAsync(a => a.SetProperty(x => x.CreatedAt, x => x.CreatedAt.AddDays(-1))));
            app.Clock.Set(now);
            await app.Services.GetRequiredService<StatsSnapshots>().RunOnceAsync(CancellationToken.None);
            Assert.True(await PublishAsync() > 0);
            Assert.Equal(0, await PublishAsync());
            var second = await app.Db(db => db.StatsSnapshots.MaxAsync(s => s.Through));
            Assert.Equal(first.AddDays(1), second);

            Assert.Equal(before, await FilesAsync(anonymous, first));
            Assert.NotEqual(before["volunteers.csv"], await anonymous.GetStringAsync("/open-data/volunteers.csv"));
            Assert.Equal(await anonymous.GetStringAsync($"/open-data/{second:yyyy-MM-dd}/volunteers.csv"), await anonymous.GetStringAsync("/open-data/volunteers.csv"));
        }
        finally
        {
            app.Clock.Reset();
            await ForgetAsync();
        }
    }

    [Fact]
    public async Task A_cell_of_three_people_is_empty_and_its_secondary_partner_too()
    {
        await ForgetAsync();
        var day = new DateOnly(2021, 3, 10);
        await app.Db(async db =>
        {
            db.StatsSnapshots.Add(new StatsSnapshot { Through = new DateOnly(2021, 3, 31), MadeAt = DateTime.UtcNow });
            db.AddFigures(
                Figure(day, StatMetric.VolunteersRegistered, 3),
                Figure(day, StatMetric.VolunteersLeft, 7),
                Figure(day, StatMetric.CallOutsSent, 2),
                Figure(day, StatMetric.CallOutRecipients, 40),
                Figure(day, StatMetric.CallOutReplies, 20),
                Figure(day, StatMetric.CallOutReplies, 3, "selected"),
                Figure(day, StatMetric.CallOutReplies, 5, "standby"),
                Figure(day, StatMetric.CallOutReplies, 12, "not_needed"));
            return await db.SaveChangesAsync();
        });
        await PublishAsync();
        using var anonymous = app.Client();

        var volunteers = Row(Csv(await anonymous.GetStringAsync("/open-data/2021-03-31/volunteers.csv")));
        Assert.Equal(["2021-03", Jetisu, "", "7", "0", "0", "0"], volunteers);
        var callOuts = Row(Csv(await anonymous.GetStringAsync("/open-data/2021-03-31/call_outs.csv")));
        // 3 selected is hidden, and so is 5 standby: with 20 replies and 12 not needed, one alone would show.
        Assert.Equal(["2021-03", Jetisu, "2", "40", "20", "", "", "12", "0"], callOuts);

        var json = JsonDocument.Parse(await anonymous.GetStringAsync("/open-data/2021-03-31/call_outs.json")).RootElement
            .EnumerateArray().Single(r => r.GetProperty("region_kato").GetString() == Jetisu);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("replies_selected").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("replies_standby").ValueKind);
        Assert.Equal(20, json.GetProperty("replies").GetInt64());
        var regions = Csv(await anonymous.GetStringAsync("/open-data/2021-03-31/organizations.csv"));
        Assert.Equal(await app.Db(db => db.Regions.CountAsync()), regions.Count);
        await ForgetAsync();

        string[] Row(List<string[]> rows) => rows.Single(r => r[0] == "2021-03" && r[1] == Jetisu);
    }

    [Theory]
    [InlineData("/open-data/nothing.csv", OpenDataErrors.ResourceUnknown)]
    [InlineData("/open-data/volunteers.xml", OpenDataErrors.ResourceUnknown)]
    [InlineData("/open-data/volunteers", OpenDataErrors.ResourceUnknown)]
    [InlineData("/open-data/1999-01-01/volunteers.csv", OpenDataErrors.SnapshotUnknown)]
    [InlineData("/open-data/2026-13-45/volunteers.csv", OpenDataErrors.SnapshotUnknown)]
    [InlineData("/open-data/latest/datapackage.json", OpenDataErrors.SnapshotUnknown)]
    [InlineData("/open-data/2026-12-01/secrets.json", OpenDataErrors.ResourceUnknown)]
    public async Task An_unknown_table_or_date_is_a_404_problem_with_a_code(string url, string code)
    {
        using var russian = app.Client("ru");

        using var response = await russian.GetAsync(url);

        var problem = await response.AssertProblemAsync(HttpStatusCode.NotFound, code);
        Assert.Matches("[а-яА-Я]", problem.GetProperty("title").GetString()!);
    }

    [Fact]
    public async Task The_page_says_what_each_table_holds_with_its_columns_links_licence_and_methodology()
    {
        await ForgetAsync();
        using var empty = app.Client("en");
        var before = await Html.ParseAsync(await empty.GetAsync("/open-data"));
        Assert.NotNull(before.QuerySelector("#not-yet"));
        await app.Db(async db =>
        {
            db.StatsSnapshots.Add(new StatsSnapshot { Through = new DateOnly(2021, 3, 31), MadeAt = DateTime.UtcNow });
            db.AddFigures(Figure(new DateOnly(2021, 3, 10), StatMetric.OrganizationsVerified, 1));
            return await db.SaveChangesAsync();
        });
        await PublishAsync();

        foreach (var (language, pattern) in new[] { ("kk", "[әғқңөұүһі]"), ("ru", "[а-яА-Я]"), ("en", "Methodology") })
        {
            using var client = app.Client(language);
            using var response = await client.GetAsync("/open-data");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await Html.ParseAsync(response);
            Assert.Matches(pattern, page.QuerySelector("#methodology")!.TextContent + page.QuerySelector("h1")!.TextContent + page.Body!.TextContent);
            Assert.Empty(page.QuerySelectorAll("script[src*='open-data'], script:not([src])"));
            foreach (var table in OpenDataTables.All)
            {
                var section = page.QuerySelector($"#table-{table.Name}")!;
                Assert.Equal(table.Columns.Select(c => c.Name), section.QuerySelectorAll("tbody th code").Select(c => c.TextContent));
                var links = section.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList();
                Assert.Contains($"/open-data/{table.Name}.csv", links);
                Assert.Contains($"/open-data/2021-03-31/{table.Name}.json", links);
            }

            Assert.Contains(page.QuerySelectorAll("a[rel=license]"), a => a.GetAttribute("href") == OpenDataPackage.LicencePath);
            Assert.Contains("CC BY 4.0", page.QuerySelector("#attribution")!.TextContent);
            Assert.Contains(page.QuerySelectorAll("footer a"), a => a.GetAttribute("href") == "/open-data");
        }

        await ForgetAsync();
    }

    private static DailyFigure Figure(DateOnly day, string metric, long value, string part = "") =>
        new() { Day = day, RegionKato = Jetisu, Metric = metric, Part = part, Value = value };

    private async Task<int> PublishAsync() => await app.Services.GetRequiredService<OpenDataPublishing>().RunOnceAsync(CancellationToken.None);

    private static async Task<Dictionary<string, string>> FilesAsync(HttpClient client, DateOnly date)
    {
        var files = new Dictionary<string, string>();
        foreach (var table in OpenDataTables.All)
        {
            foreach (var format in OpenDataFormats.All)
            {
                var name = OpenDataPackage.FileName(table, format);
                files[name] = await client.GetStringAsync($"/open-data/{date:yyyy-MM-dd}/{name}");
            }
        }

        files["datapackage.json"] = await client.GetStringAsync($"/open-data/{date:yyyy-MM-dd}/datapackage.json");
        return files;
    }

    /// <summary>Our CSV has no quoted cells: codes, months and numbers.</summary>
    private static List<string[]> Csv(string text) =>
        [.. text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(','))];

    private static void AssertCsvFits(string text, List<(string Name, string Type)> fields)
    {
        Assert.EndsWith("\r\n", text);
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', fields.Select(f => f.Name)), lines[0]);
        foreach (var cells in lines.Skip(1).Select(l => l.Split(',')))
        {
            Assert.Equal(fields.Count, cells.Length);
            for (var i = 0; i < cells.Length; i++)
            {
                // "" is the schema's missing value: a suppressed count.
                Assert.True(cells[i] == "" ? fields[i].Type == "integer" : Fits(cells[i], fields[i].Type), $"{fields[i].Name} = {cells[i]}");
            }
        }
    }

    private static void AssertJsonFits(string text, List<(string Name, string Type)> fields)
    {
        foreach (var row in JsonDocument.Parse(text).RootElement.EnumerateArray())
        {
            var values = row.EnumerateObject().ToList();
            Assert.Equal(fields.Select(f => f.Name), values.Select(v => v.Name));
            for (var i = 0; i < values.Count; i++)
            {
                var value = values[i].Value;
                Assert.True(
                    value.ValueKind switch
                    {
                        JsonValueKind.Null => fields[i].Type == "integer",
                        JsonValueKind.Number => fields[i].Type == "integer" && value.TryGetInt64(out var n) && n >= 0,
                        JsonValueKind.String => fields[i].Type != "integer" && Fits(value.GetString()!, fields[i].Type),
                        _ => false,
                    },
                    $"{fields[i].Name} = {value}");
            }
        }
    }

    private static bool Fits(string value, string type) => type switch
    {
        "integer" => long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _),
        "yearmonth" => YearMonth().IsMatch(value),
        "string" => value.Length > 0,
        _ => false,
    };

    [GeneratedRegex(@"^\d{4}-(0[1-9]|1[0-2])$")]
    private static partial Regex YearMonth();

    private static void AssertValid(JsonSchema schema, JsonElement instance)
    {
        var results = schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(results.IsValid, JsonSerializer.Serialize(results));
    }

    /// <summary>A shipped profile; draft-04 is read as draft-07, which the validator knows and where their keywords mean the same.</summary>
    private static JsonSchema Profile(string file)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Features/Statistics/OpenData/Profiles", file))
            .Replace("http://json-schema.org/draft-04/schema#", "http://json-schema.org/draft-07/schema#", StringComparison.Ordinal);
        return JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() }, new Uri("https://birge.test/profiles/" + file));
    }

    /// <summary>The snapshot and the published files are shared by the tests of one database: each test starts and ends with none.</summary>
    private Task<int> ForgetAsync() => app.Db(async db =>
        await db.Set<OpenDataFile>().ExecuteDeleteAsync() + await db.ForgetSnapshotsAsync());
}

[Collection(Sqlite.Name)]
public sealed class OpenDataTestsOnSqlite(SqliteApp app) : OpenDataTests(app);

[Collection(Postgres.Name)]
public sealed class OpenDataTestsOnPostgres(PostgresApp app) : OpenDataTests(app);
