using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Birge.Tests.Infrastructure;

namespace Birge.Tests.Features.Opportunities;

/// <summary>Opportunities through the API, as a coordinator writes them; <see cref="TestData"/> stores the rest.</summary>
public static class Opps
{
    public const double AlmatyLat = 43.2389;
    public const double AlmatyLon = 76.8897;

    /// <summary>A complete, valid <c>POST /api/v1/opportunities</c> body: one event in Almaty a week ahead.</summary>
    public static Dictionary<string, object?> Body(Guid organizationId, string? word = null) => new()
    {
        ["organizationId"] = organizationId,
        ["kind"] = "event",
        ["title"] = new { kk = "Саябақты тазалау " + (word ?? ""), ru = "Уборка парка" },
        ["description"] = new { kk = "Қолғап береміз.", en = "Gloves provided." },
        ["directions"] = new[] { "ecology" },
        ["regionKato"] = People.AlmatyCity,
        ["address"] = "Алматы, Горький атындағы саябақ",
        ["latitude"] = AlmatyLat,
        ["longitude"] = AlmatyLon,
        ["minAge"] = 14,
        ["shifts"] = new object[]
        {
            new { startsAt = WeekAhead(10), endsAt = WeekAhead(13), capacity = 10, role = "тазалау" },
            new { startsAt = WeekAhead(14), endsAt = WeekAhead(17), capacity = 5 },
        },
    };

    /// <summary>A day a week ahead at the hour, Kazakhstan time, with its offset.</summary>
    public static string WeekAhead(int hour) =>
        new DateTimeOffset(DateTime.SpecifyKind(DateTime.UtcNow.Date.AddDays(7).AddHours(hour), DateTimeKind.Unspecified), TimeSpan.FromHours(5)).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>A shift of a <c>POST /api/v1/opportunities</c> body.</summary>
    public static Dictionary<string, object?> Shift(string startsAt, string endsAt, int capacity = 5, int? repeatWeekly = null) => new()
    {
        ["startsAt"] = startsAt,
        ["endsAt"] = endsAt,
        ["capacity"] = capacity,
        ["repeatWeekly"] = repeatWeekly,
    };

    /// <summary>An instant as the API takes it, with its offset.</summary>
    public static string Iso(DateTimeOffset instant) => instant.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);

    public static async Task<(Guid Id, List<Guid> Shifts)> CreateAsync(BirgeApp app, string token, Dictionary<string, object?> body)
    {
        using var client = app.Client(accessToken: token);
        using var response = await client.PostAsJsonAsync("/api/v1/opportunities", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.JsonAsync();
        return (json.GetProperty("id").GetGuid(), [.. json.GetProperty("shifts").EnumerateArray().Select(s => s.GetProperty("id").GetGuid())]);
    }
}
