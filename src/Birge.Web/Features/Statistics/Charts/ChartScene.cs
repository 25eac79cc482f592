namespace Birge.Web.Features.Statistics.Charts;

/// <summary>
/// A chart as plain shapes in its own coordinates (x to the right, y down, in points), drawn once from the figures and
/// then written out as SVG for the pages (<see cref="SvgChart"/>) or painted into a PDF for the reports. The title and
/// description are the picture's text alternative; every chart also comes with the same numbers as a table.
/// </summary>
public sealed record ChartScene(double Width, double Height, string Title, string Description, IReadOnlyList<ChartShape> Shapes);

/// <summary>Colours are CSS hex colours ("#1b6e4b"); null means none.</summary>
public abstract record ChartShape(string? Fill, string? Stroke, double StrokeWidth);

/// <summary>A bar or a swatch.</summary>
public sealed record ChartBox(double X, double Y, double Width, double Height, string? Fill, string? Stroke = null, double StrokeWidth = 0)
    : ChartShape(Fill, Stroke, StrokeWidth);

/// <summary>A bubble on the map or a point of a line.</summary>
public sealed record ChartDot(double X, double Y, double Radius, string? Fill, string? Stroke = null, double StrokeWidth = 0)
    : ChartShape(Fill, Stroke, StrokeWidth);

/// <summary>An open line through the points (a series over months, an axis, a grid line).</summary>
public sealed record ChartLine(IReadOnlyList<ChartPoint> Points, string Stroke, double StrokeWidth = 1)
    : ChartShape(null, Stroke, StrokeWidth);

/// <summary>Closed rings (a country's or a region's outline), filled and stroked.</summary>
public sealed record ChartArea(IReadOnlyList<IReadOnlyList<ChartPoint>> Rings, string? Fill, string? Stroke = null, double StrokeWidth = 0)
    : ChartShape(Fill, Stroke, StrokeWidth);

/// <summary>A piece of text; <see cref="Y"/> is its baseline.</summary>
public sealed record ChartText(double X, double Y, string Text, double Size, ChartAnchor Anchor = ChartAnchor.Start, bool Bold = false, string Fill = "#1f2933")
    : ChartShape(Fill, null, 0);

public readonly record struct ChartPoint(double X, double Y);

public enum ChartAnchor
{
    Start,
    Middle,
    End,
}
