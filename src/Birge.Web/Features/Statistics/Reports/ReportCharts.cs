using Birge.Web.Features.Statistics.Charts;

namespace Birge.Web.Features.Statistics.Reports;

/// <summary>
/// The reports' charts as <see cref="ChartScene"/>s, as wide as a page's text: bars (one a row, the value at its end)
/// and a line over months (a suppressed month breaks the line). The dashboard may share these once it has its own.
/// </summary>
public static class ReportCharts
{
    public const double Width = 495;

    private const string Bar = "#0b6e6e";
    private const string Axis = "#9aa5b1";
    private const string Ink = "#1f2933";

    /// <summary>One labelled value of a chart; <see cref="Value"/> null where it is not shown (suppressed).</summary>
    public sealed record Item(string Label, double? Value, string Shown);

    public static ChartScene Bars(string title, string description, IReadOnlyList<Item> items, string none)
    {
        const double row = 20;
        const double labels = 170;
        const double values = 70;
        var shapes = new List<ChartShape>();
        if (items.Count == 0)
        {
            shapes.Add(new ChartText(0, 16, none, 10, Fill: Axis));
            return new ChartScene(Width, 24, title, description, shapes);
        }

        var max = Math.Max(1, items.Max(i => i.Value ?? 0));
        var room = Width - labels - values;
        for (var i = 0; i < items.Count; i++)
        {
            var top = i * row;
            var length = (items[i].Value ?? 0) / max * room;
            shapes.Add(new ChartText(labels - 6, top + 14, items[i].Label, 9, ChartAnchor.End, Fill: Ink));
            shapes.Add(new ChartBox(labels, top + 4, Math.Max(length, 0.5), row - 8, Bar));
            shapes.Add(new ChartText(labels + length + 4, top + 14, items[i].Shown, 9, Fill: Ink));
        }

        shapes.Add(new ChartLine([new(labels, 0), new(labels, items.Count * row)], Axis));
        return new ChartScene(Width, (items.Count * row) + 4, title, description, shapes);
    }

    public static ChartScene Line(string title, string description, IReadOnlyList<Item> months)
    {
        const double height = 170;
        const double left = 10;
        const double top = 16;
        const double bottom = 30;
        var plot = height - top - bottom;
        var shapes = new List<ChartShape>
        {
            new ChartLine([new(left, top + plot), new(Width - left, top + plot)], Axis),
        };
        var max = Math.Max(1, months.Max(m => m.Value ?? 0));
        var step = months.Count > 1 ? (Width - (2 * left) - 40) / (months.Count - 1) : 0;
        var segment = new List<ChartPoint>();
        for (var i = 0; i < months.Count; i++)
        {
            var x = months.Count > 1 ? left + 20 + (i * step) : Width / 2;
            shapes.Add(new ChartText(x, height - 10, months[i].Label, 8, ChartAnchor.Middle, Fill: Ink));
            if (months[i].Value is not { } value)
            {
                Close();
                shapes.Add(new ChartText(x, top + plot - 4, months[i].Shown, 8, ChartAnchor.Middle, Fill: Axis));
                continue;
            }

            var y = top + plot - (value / max * plot);
            segment.Add(new(x, y));
            shapes.Add(new ChartDot(x, y, 3, Bar));
            shapes.Add(new ChartText(x, y - 7, months[i].Shown, 8, ChartAnchor.Middle, Fill: Ink));
        }

        Close();
        return new ChartScene(Width, height, title, description, shapes);

        void Close()
        {
            if (segment.Count > 1)
            {
                shapes.Insert(1, new ChartLine([.. segment], Bar, 2));
            }

            segment = [];
        }
    }
}
