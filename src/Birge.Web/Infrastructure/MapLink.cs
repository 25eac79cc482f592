using System.Globalization;

namespace Birge.Web.Infrastructure;

/// <summary>
/// A place on a map, drawn by _MapLink everywhere a point is shown: a geo: link opens the phone's own map app, and an
/// OpenStreetMap link works on every phone and desktop (iPhones and most desktops have nothing for geo:).
/// The ids let a page keep the one its tests and scripts already look for.
/// </summary>
public sealed record MapLink(double Latitude, double Longitude, string? AppLinkId = null, string? WebLinkId = null)
{
    private string Lat => Latitude.ToString("0.######", CultureInfo.InvariantCulture);

    private string Lon => Longitude.ToString("0.######", CultureInfo.InvariantCulture);

    public string Point => $"{Lat},{Lon}";

    public string Geo => $"geo:{Lat},{Lon}";

    public string Web => $"https://www.openstreetmap.org/?mlat={Lat}&mlon={Lon}#map=17/{Lat}/{Lon}";
}
