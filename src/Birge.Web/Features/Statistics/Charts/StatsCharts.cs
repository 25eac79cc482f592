using Birge.Web.Features.Statistics.Map;

namespace Birge.Web.Features.Statistics.Charts;

/// <summary>A region's bubble on the map: at its centre, its area in proportion to <see cref="Value"/> (null: suppressed).</summary>
public sealed record MapBubble(double Latitude, double Longitude, double? Value, string Label, bool Selected);

/// <summary>A bar or a point of a line: its value (null: not shown) and the words written beside it.</summary>
public sealed record ChartValue(string Label, double? Value, string Shown);

/// <summary>
/// The statistics' pictures as <see cref="ChartScene"/>s, drawn about as wide as a phone (360 points) so their words
/// stay readable there, and scaled up on a wide screen: the map of Kazakhstan with a bubble per region, bars by
/// direction and a line by month. The words (title, description, labels) come in the reader's language.
/// </summary>
public static class StatsCharts
{
    public const double Width = 360;

    /// <summary>The width a report draws at: scaled to an A4 page's text, the words come out at about three quarters of their size.</summary>
    public const double PrintWidth = 660;
    private const string Ink = "#1f2933";
    private const string Muted = "#4d5a67";
    private const string Brand = "#0b6e6e";
    private const string Selected = "#f2b632";
    private const string Land = "#e3ece9";
    private const string Grid = "#d5dde4";
    private const string Track = "#eef2f5";
    private const string Bubble = "#3f8f89";

    /// <summary>
    /// Kazakhstan's outline (Natural Earth, <see cref="KazakhstanOutline"/>) in an equirectangular projection, its
    /// longitudes shrunk by the cosine of the middle latitude, and a bubble per region whose area is in proportion to its
    /// value; the largest first so that small ones stay on top. The selected region is drawn in the accent colour.
    /// </summary>
    public static ChartScene Map(IReadOnlyList<MapBubble> bubbles, string title, string description)
    {
        const double pad = 14, largest = 24, size = 10;
        var lons = KazakhstanOutline.Rings.SelectMany(r => r.Where((_, i) => i % 2 == 0)).ToList();
        var lats = KazakhstanOutline.Rings.SelectMany(r => r.Where((_, i) => i % 2 == 1)).ToList();
        var (west, east, south, north) = (lons.Min(), lons.Max(), lats.Min(), lats.Max());
        var squeeze = Math.Cos((south + north) / 2 * Math.PI / 180);
        var scale = (Width - 2 * pad) / ((east - west) * squeeze);
        var height = (north - south) * scale + 2 * pad;
        ChartPoint At(double latitude, double longitude) => new(pad + (longitude - west) * squeeze * scale, pad + (north - latitude) * scale);

        var shapes = new List<ChartShape>
        {
            new ChartArea([.. KazakhstanOutline.Rings.Select(r => (IReadOnlyList<ChartPoint>)[.. Enumerable.Range(0, r.Length / 2).Select(i => At(r[2 * i + 1], r[2 * i]))])], Land, "#7b9a90", 1),
        };
        var top = bubbles.Max(b => b.Value ?? 0);
        double Radius(MapBubble b) => b.Value is not { } v ? 2.5 : top <= 0 || v <= 0 ? 1.5 : Math.Max(2.5, largest * Math.Sqrt(v / top));

        var placed = new List<(double X, double Y, double W, double H)>();
        var ordered = bubbles.OrderByDescending(b => b.Selected ? -1 : b.Value ?? 0).ToList();
        foreach (var bubble in ordered)
        {
            var at = At(bubble.Latitude, bubble.Longitude);
            var radius = Radius(bubble);
            shapes.Add(bubble.Selected
                ? new ChartDot(at.X, at.Y, radius, Selected, Ink, 1.5)
                : new ChartDot(at.X, at.Y, radius, bubble.Value is null ? "#ffffff" : Bubble, bubble.Value is null ? Brand : "#ffffff", 0.8));
        }

        // Labels after the bubbles, each where it overlaps no other label: right, left, above or below its bubble.
        foreach (var bubble in ordered.OrderByDescending(b => b.Selected).ThenByDescending(b => b.Value ?? 0))
        {
            var at = At(bubble.Latitude, bubble.Longitude);
            var radius = Radius(bubble);
            var width = bubble.Label.Length * size * 0.58;
            (double X, double Y, ChartAnchor Anchor, double Left)[] spots =
            [
                (at.X + radius + 2, at.Y + size * 0.35, ChartAnchor.Start, at.X + radius + 2),
                (at.X - radius - 2, at.Y + size * 0.35, ChartAnchor.End, at.X - radius - 2 - width),
                (at.X, at.Y - radius - 2, ChartAnchor.Middle, at.X - width / 2),
                (at.X, at.Y + radius + size, ChartAnchor.Middle, at.X - width / 2),
            ];
            var spot = spots.FirstOrDefault(s => s.Left >= 0 && s.Left + width <= Width && !placed.Any(p => Overlap(p, (s.Left, s.Y - size, width, size))));
            if (spot == default)
            {
                continue;
            }

            placed.Add((spot.Left, spot.Y - size, width, size));
            shapes.Add(new ChartText(spot.X, spot.Y, bubble.Label, size, spot.Anchor, bubble.Selected, Ink));
        }

        return new ChartScene(Width, Math.Ceiling(height), title, description, shapes);
    }

    /// <summary>
    /// Horizontal bars, one a row, each with its label above and its number after it; <paramref name="none"/> alone when
    /// there are none. <paramref name="width"/> is the drawing's width in points with the words at their size: a
    /// report draws it wider (<see cref="PrintWidth"/>), so that scaled to its page the words are a print size.
    /// </summary>
    public static ChartScene Bars(IReadOnlyList<ChartValue> bars, string title, string description, string none = "", double width = Width)
    {
        const double row = 38, size = 12, room = 64;
        if (bars.Count == 0)
        {
            return new ChartScene(width, row, title, description, [new ChartText(0, size + 4, none, size, ChartAnchor.Start, false, Muted)]);
        }

        var top = Math.Max(1, bars.Max(b => b.Value ?? 0));
        var shapes = new List<ChartShape>();
        for (var i = 0; i < bars.Count; i++)
        {
            var y = 4 + i * row;
            var length = Math.Max(0, (bars[i].Value ?? 0) / top * (width - room));
            shapes.Add(new ChartText(0, y + size, bars[i].Label, size, ChartAnchor.Start, false, Ink));
            shapes.Add(new ChartBox(0, y + 17, width - room, 14, Track));
            shapes.Add(new ChartBox(0, y + 17, Math.Max(length, 1), 14, Brand));
            shapes.Add(new ChartText(length + 4, y + 28, bars[i].Shown, size, ChartAnchor.Start, true, Ink));
        }

        return new ChartScene(width, Math.Max(row, 4 + bars.Count * row), title, description, shapes);
    }

    /// <summary>
    /// A line by month from zero (or the lowest value, when below) to the highest, with a dot a month; a suppressed
    /// month breaks the line. <paramref name="axis"/> writes the scale's numbers; about six months are named under it.
    /// </summary>
    public static ChartScene Line(IReadOnlyList<ChartValue> points, Func<double, string> axis, string title, string description, double width = Width)
    {
        const double height = 190, left = 56, right = 10, top = 12, bottom = 32, size = 10;
        var values = points.Where(p => p.Value is not null).Select(p => p.Value!.Value).ToList();
        var high = Math.Max(values.Count == 0 ? 1 : values.Max(), 1);
        var low = Math.Min(0, values.Count == 0 ? 0 : values.Min());
        var (plotWidth, plotHeight) = (width - left - right, height - top - bottom);
        double X(int i) => left + (points.Count == 1 ? plotWidth / 2 : i * plotWidth / (points.Count - 1));
        double Y(double v) => top + (high - v) / (high - low) * plotHeight;

        var shapes = new List<ChartShape>();
        foreach (var tick in new[] { low, (low + high) / 2, high }.Distinct())
        {
            shapes.Add(new ChartLine([new(left, Y(tick)), new(width - right, Y(tick))], Grid, 1));
            shapes.Add(new ChartText(left - 4, Y(tick) + size * 0.35, axis(tick), size, ChartAnchor.End, false, Muted));
        }

        var segment = new List<ChartPoint>();
        void Flush()
        {
            if (segment.Count > 1)
            {
                shapes.Add(new ChartLine([.. segment], Brand, 2));
            }

            segment = [];
        }

        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Value is { } v)
            {
                segment.Add(new(X(i), Y(v)));
            }
            else
            {
                Flush();
            }
        }

        Flush();
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Value is { } v)
            {
                shapes.Add(new ChartDot(X(i), Y(v), points.Count > 24 ? 1.5 : 3, Brand));
            }
        }

        var every = Math.Max(1, (int)Math.Ceiling(points.Count / 6.0));
        for (var i = 0; i < points.Count; i += every)
        {
            shapes.Add(new ChartText(X(i), height - bottom + 16, points[i].Label, size, ChartAnchor.Middle, false, Muted));
        }

        return new ChartScene(width, height, title, description, shapes);
    }

    private static bool Overlap((double X, double Y, double W, double H) a, (double X, double Y, double W, double H) b) =>
        a.X < b.X + b.W && b.X < a.X + a.W && a.Y < b.Y + b.H && b.Y < a.Y + a.H;
}
