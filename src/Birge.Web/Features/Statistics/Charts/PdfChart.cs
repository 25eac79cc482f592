using System.Globalization;
using Birge.Web.Infrastructure;
using PdfSharp.Drawing;

namespace Birge.Web.Features.Statistics.Charts;

/// <summary>
/// Paints a <see cref="ChartScene"/> into a PDF page with PDFsharp, the same shapes <see cref="SvgChart"/> writes for
/// the pages, scaled to the width it is given (text in Birge's PDF typeface, <see cref="PdfFonts"/>).
/// </summary>
public static class PdfChart
{
    /// <summary>Paints the scene with its top left corner at (<paramref name="x"/>, <paramref name="y"/>); returns the height it took.</summary>
    public static double Paint(XGraphics g, ChartScene scene, double x, double y, double width)
    {
        PdfFonts.Install();
        var scale = width / scene.Width;
        var fonts = new Dictionary<(double, bool), XFont>();
        var state = g.Save();
        g.TranslateTransform(x, y);
        g.ScaleTransform(scale);
        foreach (var shape in scene.Shapes)
        {
            if (shape is not ChartText && Pen(shape) is null && Brush(shape.Fill) is null)
            {
                continue;
            }

            switch (shape)
            {
                case ChartBox b:
                    g.DrawRectangle(Pen(b), Brush(b.Fill), b.X, b.Y, b.Width, b.Height);
                    break;
                case ChartDot d:
                    g.DrawEllipse(Pen(d), Brush(d.Fill), d.X - d.Radius, d.Y - d.Radius, 2 * d.Radius, 2 * d.Radius);
                    break;
                case ChartLine l when l.Points.Count > 1:
                    g.DrawLines(Pen(l)!, [.. l.Points.Select(Point)]);
                    break;
                case ChartArea a:
                    var path = new XGraphicsPath { FillMode = XFillMode.Alternate };
                    foreach (var ring in a.Rings.Where(r => r.Count > 2))
                    {
                        path.StartFigure();
                        path.AddPolygon([.. ring.Select(Point)]);
                        path.CloseFigure();
                    }

                    g.DrawPath(Pen(a), Brush(a.Fill), path);
                    break;
                case ChartText t:
                    var key = (t.Size, t.Bold);
                    if (!fonts.TryGetValue(key, out var font))
                    {
                        font = fonts[key] = new XFont(PdfFonts.Family, t.Size, t.Bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);
                    }

                    var shift = t.Anchor switch
                    {
                        ChartAnchor.Middle => g.MeasureString(t.Text, font).Width / 2,
                        ChartAnchor.End => g.MeasureString(t.Text, font).Width,
                        _ => 0,
                    };
                    g.DrawString(t.Text, font, Brush(t.Fill) ?? XBrushes.Black, t.X - shift, t.Y);
                    break;
            }
        }

        g.Restore(state);
        return scene.Height * scale;
    }

    /// <summary>A CSS hex colour ("#1b6e4b" or "#fff").</summary>
    public static XColor Color(string hex)
    {
        var digits = hex.TrimStart('#');
        if (digits.Length == 3)
        {
            digits = string.Concat(digits.Select(c => new string(c, 2)));
        }

        var rgb = int.Parse(digits, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return XColor.FromArgb((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff);
    }

    private static XPoint Point(ChartPoint p) => new(p.X, p.Y);

    private static XSolidBrush? Brush(string? fill) => fill is null || fill == "none" ? null : new XSolidBrush(Color(fill));

    private static XPen? Pen(ChartShape shape) =>
        shape.Stroke is { } stroke && stroke != "none" && shape.StrokeWidth > 0 ? new XPen(Color(stroke), shape.StrokeWidth) : null;
}
