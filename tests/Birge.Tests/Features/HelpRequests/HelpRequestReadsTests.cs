using System.Net;
using System.Text.Json;
using Birge.Tests.Features.FrontOffices;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Features.HelpRequests;
using Microsoft.EntityFrameworkCore;

namespace Birge.Tests.Features.HelpRequests;

/// <summary>
/// Reading requests through the API: a volunteer sees open requests near a point, nearest first, without the address,
/// phone or name and with the point rounded; the claimant and the region's operators see everything, and every staff
/// read is audited; an operator of another region reads what any signed-in person reads (the partial record).
/// Requests of this file are around Aktobe, where no other test puts a point.
/// </summary>
public abstract class HelpRequestReadsTests(BirgeApp app)
{
    private const string Aktobe = "150000000";

    private static readonly string[] Personal = ["address", "phone", "name", "description", "trackingCode"];

    [Fact]
    public async Task A_volunteer_sees_open_requests_near_a_point_nearest_first_without_personal_data_and_with_a_rounded_point()
    {
        var (lat, lon) = (50.2000 + (Random.Shared.Next(0, 400) / 1000.0), 57.1000);
        var far = await app.NewHelpRequestAsync(Aktobe, "groceries", "Жаңақоныс", address: "ул. Дальняя 9", latitude: lat + 0.05, longitude: lon);
        var near = await app.NewHelpRequestAsync(Aktobe, "groceries", "Батыс-2", address: "ул. Ближняя 3", latitude: lat + 0.0123, longitude: lon + 0.0047);
        var outside = await app.NewHelpRequestAsync(Aktobe, "groceries", "Қарғалы", latitude: lat + 0.5, longitude: lon);
        var volunteer = await app.NewPerson().WithToken();

        var (status, body, raw) = await GetAsync(volunteer.Token, FormattableString.Invariant($"/api/v1/help-requests?lat={lat:0.0000}&lon={lon:0.0000}&radiusKm=10"));

        Assert.Equal(HttpStatusCode.OK, status);
        var ids = body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
        Assert.True(ids.IndexOf(near.Id) >= 0 && ids.IndexOf(near.Id) < ids.IndexOf(far.Id), "nearest first");
        Assert.DoesNotContain(outside.Id, ids);
        var item = body.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == near.Id);
        Assert.All(Personal, p => Assert.False(item.TryGetProperty(p, out _), p));
        Assert.Equal("Батыс-2", item.GetProperty("district").GetString());
        Assert.Equal(Math.Round(near.Latitude!.Value, 2), item.GetProperty("latitude").GetDouble());
        Assert.Equal(Math.Round(near.Longitude!.Value, 2), item.GetProperty("longitude").GetDouble());
        Assert.InRange(item.GetProperty("distanceKm").GetDouble(), 1.0, 2.0);
        Assert.DoesNotContain("Ближняя", raw, StringComparison.Ordinal);
        Assert.DoesNotContain(near.Phone!, raw, StringComparison.Ordinal);
        Assert.DoesNotContain(near.RequesterName!, raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_that_need_an_adult_are_hidden_from_a_minor()
    {
        var (lat, lon) = (50.7000 + (Random.Shared.Next(0, 200) / 1000.0), 57.3000);
        var groceries = await app.NewHelpRequestAsync(Aktobe, "groceries", latitude: lat, longitude: lon);
        var household = await app.NewHelpRequestAsync(Aktobe, "household", latitude: lat, longitude: lon);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var minor = await app.NewPerson().Born(today.AddYears(-16)).WithToken();
        var adult = await app.NewPerson().WithToken();
        var url = FormattableString.Invariant($"/api/v1/help-requests?lat={lat:0.0000}&lon={lon:0.0000}&radiusKm=1");

        var seenByMinor = Ids((await GetAsync(minor.Token, url)).Body);
        var seenByAdult = Ids((await GetAsync(adult.Token, url)).Body);

        Assert.Contains(groceries.Id, seenByMinor);
        Assert.DoesNotContain(household.Id, seenByMinor);
        Assert.Contains(household.Id, seenByAdult);
    }

    [Theory]
    [InlineData("lat=95&lon=57")]
    [InlineData("lat=50&lon=200")]
    [InlineData("lat=50")]
    [InlineData("lat=NaN&lon=57")]
    [InlineData("lat=50&lon=57&radiusKm=0")]
    [InlineData("lat=50&lon=57&radiusKm=101")]
    public async Task A_bad_point_or_radius_is_refused(string query)
    {
        var volunteer = await app.NewPerson().WithToken();

        var (status, body, _) = await GetAsync(volunteer.Token, "/api/v1/help-requests?" + query);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.True(body.TryGetProperty("errors", out _));
    }

    [Fact]
    public async Task Without_a_point_a_volunteer_sees_open_requests_of_their_own_region()
    {
        var aktobe = await app.NewHelpRequestAsync(Aktobe, "digital");
        var volunteer = await app.NewPerson().With("regionKato", Aktobe).WithToken();

        var (_, body, _) = await GetAsync(volunteer.Token, "/api/v1/help-requests?pageSize=100");

        Assert.Contains(aktobe.Id, Ids(body));
        Assert.All(body.GetProperty("items").EnumerateArray(), i => Assert.Equal(Aktobe, i.GetProperty("regionKato").GetString()));
    }

    [Fact]
    public async Task The_claimant_sees_the_whole_request_and_other_volunteers_the_partial_one()
    {
        var request = await app.NewHelpRequestAsync(Offices.Almaty, "groceries", "Алмалы", address: "ул. Желтоксан 15", latitude: 43.2567, longitude: 76.9286);
        var claimant = await app.NewPerson().WithToken();
        var other = await app.NewPerson().WithToken();
        var url = $"/api/v1/help-requests/{request.Id}";

        var before = await GetAsync(claimant.Token, url);
        Assert.All(Personal, p => Assert.False(before.Body.TryGetProperty(p, out _), p));
        Assert.Equal(43.26, before.Body.GetProperty("latitude").GetDouble());

        using var claimed = await app.Client(accessToken: claimant.Token).PostAsync($"/api/v1/help-requests/{request.Id}/claim", null);
        Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
        var full = await GetAsync(claimant.Token, url);
        var partial = await GetAsync(other.Token, url);

        Assert.Equal("ул. Желтоксан 15", full.Body.GetProperty("address").GetString());
        Assert.Equal(request.Phone, full.Body.GetProperty("phone").GetString());
        Assert.Equal(request.RequesterName, full.Body.GetProperty("name").GetString());
        Assert.Equal(43.2567, full.Body.GetProperty("latitude").GetDouble());
        Assert.DoesNotContain("Желтоксан", partial.Raw, StringComparison.Ordinal);
        Assert.DoesNotContain(request.Phone!, partial.Raw, StringComparison.Ordinal);
        Assert.Equal("claimed", partial.Body.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(other.Token, $"/api/v1/help-requests/{Guid.NewGuid()}")).Status);
    }

    [Fact]
    public async Task Operators_of_the_region_read_full_rows_and_every_read_is_audited()
    {
        var request = await app.NewHelpRequestAsync(Offices.Almaty, "company", "Медеу", address: "мкр. Самал 2, д. 8");
        var operatorOfAlmaty = await app.NewPerson().Staff(Offices.Almaty, FrontOfficeStaff.Operator).WithToken();

        var one = await GetAsync(operatorOfAlmaty.Token, $"/api/v1/help-requests/{request.Id}");
        var list = await GetAsync(operatorOfAlmaty.Token, $"/api/v1/help-requests?region={Offices.Almaty}&status=new&language=ru&pageSize=100");

        Assert.Equal("мкр. Самал 2, д. 8", one.Body.GetProperty("address").GetString());
        Assert.Equal(request.Phone, one.Body.GetProperty("phone").GetString());
        Assert.Equal(HttpStatusCode.OK, list.Status);
        var row = list.Body.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == request.Id);
        Assert.Equal(request.Phone, row.GetProperty("phone").GetString());
        Assert.All(list.Body.GetProperty("items").EnumerateArray(), i => Assert.Equal("new", i.GetProperty("status").GetString()));
        Assert.Equal(1, await app.Db(db => db.AuditEntries.CountAsync(e =>
            e.ActorId == operatorOfAlmaty.Id && e.Action == HelpRequestReadsApi.ReadAuditAction && e.TargetId == request.Id.ToString())));
        var listed = await app.Db(db => db.AuditEntries.SingleAsync(e => e.ActorId == operatorOfAlmaty.Id && e.Action == HelpRequestReadsApi.ListAuditAction));
        Assert.Contains($"count={list.Body.GetProperty("items").GetArrayLength()}", listed.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_operator_of_Astana_reads_an_Almaty_request_as_anyone_would_and_may_not_list_Almaty()
    {
        var request = await app.NewHelpRequestAsync(Offices.Almaty, "groceries", "Бостандық", address: "ул. Тимирязева 42");
        var astana = await app.NewPerson().Staff(Offices.Astana, FrontOfficeStaff.Operator).WithToken();

        var one = await GetAsync(astana.Token, $"/api/v1/help-requests/{request.Id}");
        var list = await GetAsync(astana.Token, $"/api/v1/help-requests?region={Offices.Almaty}");

        Assert.Equal(HttpStatusCode.OK, one.Status);
        Assert.All(Personal, p => Assert.False(one.Body.TryGetProperty(p, out _), p));
        Assert.Equal(HttpStatusCode.Forbidden, list.Status);
        Assert.Equal(1, await app.Db(db => db.AuditEntries.CountAsync(e => e.ActorId == astana.Id && e.Outcome == AuditEntry.Denied)));
        Assert.Equal(0, await app.Db(db => db.AuditEntries.CountAsync(e => e.ActorId == astana.Id && e.Action == HelpRequestReadsApi.ReadAuditAction)));
    }

    private async Task<(HttpStatusCode Status, JsonElement Body, string Raw)> GetAsync(string token, string url)
    {
        using var response = await app.Client("ru", token).GetAsync(url);
        var raw = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, raw.Length == 0 ? default : JsonDocument.Parse(raw).RootElement.Clone(), raw);
    }

    private static List<Guid> Ids(JsonElement body) => [.. body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];
}

[Collection(Sqlite.Name)]
public sealed class HelpRequestReadsTestsOnSqlite(SqliteApp app) : HelpRequestReadsTests(app);

[Collection(Postgres.Name)]
public sealed class HelpRequestReadsTestsOnPostgres(PostgresApp app) : HelpRequestReadsTests(app);
