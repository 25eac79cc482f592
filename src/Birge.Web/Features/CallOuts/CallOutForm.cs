using System.Globalization;
using Birge.Web.Localization;

namespace Birge.Web.Features.CallOuts;

/// <summary>The "new call-out" form: times as the browser's datetime-local in Kazakhstan time, the number as typed.</summary>
public sealed class CallOutForm
{
    public const string LocalFormat = "yyyy-MM-dd'T'HH:mm";

    public string? Title { get; set; }

    public string? Description { get; set; }

    public string? Place { get; set; }

    public string? StartsAt { get; set; }

    public string? EndsAt { get; set; }

    public string? AnswerBy { get; set; }

    public string? NextWaveAt { get; set; }

    public string? Needed { get; set; }

    public List<Guid> TeamIds { get; set; } = [];

    public List<string> Certificates { get; set; } = [];

    public List<string> NeighbouringRegions { get; set; } = [];

    public CallOutInput ToInput(string regionKato) => new()
    {
        Title = Title,
        Description = Description,
        Place = Place,
        RegionKato = regionKato,
        StartsAt = Utc(StartsAt),
        EndsAt = Utc(EndsAt),
        AnswerBy = Utc(AnswerBy),
        NextWaveAt = Utc(NextWaveAt),
        Needed = int.TryParse(Needed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var needed) ? needed : 0,
        TeamIds = TeamIds,
        Certificates = Certificates,
        NeighbouringRegions = NeighbouringRegions,
    };

    public static string Local(DateTime utc) => KazakhstanTime.FromUtc(utc).ToString(LocalFormat, CultureInfo.InvariantCulture);

    private static DateTime? Utc(string? value) =>
        DateTime.TryParseExact(value?.Trim(), LocalFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), KazakhstanTime.Zone)
            : null;
}
