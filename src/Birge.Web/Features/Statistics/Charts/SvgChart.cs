using System.Globalization;
using System.Text;
using System.Xml;

namespace Birge.Web.Features.Statistics.Charts;

/// <summary>
/// Writes a <see cref="ChartScene"/> as an inline SVG: scalable (it fills its container's width and keeps its
/// proportions), with <c>role="img"</c>, a title and a description for screen readers, and nothing but shapes and text.
/// </summary>
public static class SvgChart
{
    public static string Write(ChartScene scene)
    {
        var id = "chart-" + Convert.ToHexString(BitConverter.GetBytes(HashCode.Combine(scene.Title, scene.Description, scene.Shapes.Count))).ToLowerInvariant();
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {N(scene.Width)} {N(scene.Height)}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" class=\"chart\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-t\">{Escape(scene.Title)}</title><desc id=\"{id}-d\">{Escape(scene.Description)}</desc>");
        foreach (var shape in scene.Shapes)
        {
            svg.Append(shape switch
            {
                ChartBox b => $"<rect x=\"{N(b.X)}\" y=\"{N(b.Y)}\" width=\"{N(b.Width)}\" height=\"{N(b.Height)}\"{Paint(b)}/>",
                ChartDot d => $"<circle cx=\"{N(d.X)}\" cy=\"{N(d.Y)}\" r=\"{N(d.Radius)}\"{Paint(d)}/>",
                ChartLine l => $"<polyline points=\"{Points(l.Points)}\" fill=\"none\"{Paint(l)}/>",
                ChartArea a => $"<path d=\"{string.Concat(a.Rings.Select(r => "M" + Points(r) + "Z"))}\" fill-rule=\"evenodd\"{Paint(a)}/>",
                ChartText t => $"<text x=\"{N(t.X)}\" y=\"{N(t.Y)}\" font-size=\"{N(t.Size)}\"{Anchor(t.Anchor)}{(t.Bold ? " font-weight=\"bold\"" : "")} fill=\"{t.Fill}\">{Escape(t.Text)}</text>",
                _ => throw new InvalidOperationException($"No SVG for {shape.GetType().Name}."),
            });
        }

        return svg.Append("</svg>").ToString();
    }

    private static string Paint(ChartShape shape) =>
        $" fill=\"{shape.Fill ?? "none"}\"" + (shape.Stroke is { } stroke ? $" stroke=\"{stroke}\" stroke-width=\"{N(shape.StrokeWidth)}\"" : "");

    private static string Anchor(ChartAnchor anchor) => anchor switch
    {
        ChartAnchor.Middle => " text-anchor=\"middle\"",
        ChartAnchor.End => " text-anchor=\"end\"",
        _ => "",
    };

    private static string Points(IEnumerable<ChartPoint> points) => string.Join(' ', points.Select(p => N(p.X) + "," + N(p.Y)));

    private static string N(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);

    private static string Escape(string text)
    {
        var escaped = new StringBuilder();
        using (var writer = XmlWriter.Create(escaped, new XmlWriterSettings { ConformanceLevel = ConformanceLevel.Fragment }))
        {
            writer.WriteString(text);
        }

        return escaped.ToString();
    }
}
