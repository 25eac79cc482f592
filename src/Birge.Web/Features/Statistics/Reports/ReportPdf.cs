using Birge.Web.Domain;
using Birge.Web.Features.Statistics.Charts;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Birge.Web.Features.Statistics.Reports;

/// <summary>
/// A report as an A4 PDF in its own language: the title (the region and the month, or "Volunteers in numbers" for the
/// country's half-year), the key figures, the bars by direction and the line by month with the same numbers as tables,
/// and for the country the regions. Counts of people from 1 to 4 read "fewer than 5", as on the dashboard.
/// </summary>
public static class ReportPdf
{
    private const double Left = 50;
    private const double Top = 50;
    private const double Bottom = 60;
    private const double RowHeight = 16;

    private static readonly XColor Brand = XColor.FromArgb(0x0b, 0x6e, 0x6e);

    public static byte[] Render(ReportContent content)
    {
        PdfFonts.Install();
        var report = content.Report;
        var figures = content.Figures;
        var culture = Cultures.FromLanguage(report.Language);
        string T(string key) => Cultures.Text(key, culture);
        string N(long value) => value.ToString("N0", culture);
        string People(long? value) => value is { } v ? N(v) : T("Reports_FewerThanFive");
        string Hours(long minutes) => Durations.Format((int)Math.Min(minutes, int.MaxValue), culture);

        // In a table or beside a bar, under a heading that says "hours": the number of hours, as the dashboard shows it.
        string HoursOnly(long minutes) => Dashboard.StatsTable.Hours(minutes).ToString("#,0.#", culture);
        string Direction(string code) => content.Directions.GetValueOrDefault(code, code);

        var national = report.Kind == Report.SemiAnnual;
        var title = national ? T("Reports_Pdf_InNumbers") : $"{content.Place} — {report.From.ToString("Y", culture)}";
        var period = $"{figures.Query.From.ToString("d", culture)} — {figures.Query.To.ToString("d", culture)}";

        using var document = new PdfDocument();
        document.Info.Title = title;
        document.Info.Creator = T("Brand");
        using var flow = new Flow(document);

        // The title.
        var g = flow.Graphics;
        g.DrawRectangle(new XSolidBrush(Brand), 0, 0, flow.Width + (2 * Left), 12);
        g.DrawString(T("Brand"), Font(22, bold: true), new XSolidBrush(Brand), Left, flow.Y + 10);
        g.DrawString(national ? T("Reports_Pdf_SemiAnnual") : T("Reports_Pdf_Monthly"), Font(9), XBrushes.DimGray, Left, flow.Y + 26);
        flow.Y += 60;
        flow.Y += flow.Paragraph(title, Font(18, bold: true), XBrushes.Black);
        flow.Y += flow.Paragraph(national ? $"{content.Place}, {period}" : period, Font(11), XBrushes.Black) + 2;
        flow.Y += flow.Paragraph(string.Format(culture, T("Reports_Pdf_Made"), content.MadeAt.ToString("g", culture)), Font(8), XBrushes.DimGray);
        flow.Y += flow.Paragraph(T("Reports_Pdf_Source") + " " + T("Reports_Pdf_Suppressed"), Font(8), XBrushes.DimGray) + 10;

        // The key figures.
        flow.Heading(T("Reports_Pdf_Totals"));
        flow.Table(
            [(T("Reports_Column_Figure"), 0.7, false), (T("Reports_Column_Value"), 0.3, true)],
            [
                [T("Reports_Figure_Volunteers"), People(figures.Volunteers)],
                [T("Reports_Figure_SilverVolunteers"), People(figures.SilverVolunteers)],
                [T("Reports_Figure_Organizations"), N(figures.Organizations)],
                [T("Reports_Figure_Opportunities"), N(figures.Opportunities)],
                [T("Reports_Figure_Seats"), N(figures.Seats)],
                [T("Reports_Figure_SeatsTaken"), N(figures.SeatsTaken)],
                [T("Reports_Figure_ConfirmedHours"), Hours(figures.ConfirmedMinutes)],
                [T("Reports_Figure_HelpRequestsOpened"), N(figures.HelpRequestsOpened)],
                [T("Reports_Figure_HelpRequestsClosed"), N(figures.HelpRequestsClosed)],
                [T("Reports_Figure_CallOutsSent"), N(figures.CallOutsSent)],
                [T("Reports_Figure_CallOutsAnswered"), People(figures.CallOutsAnswered)],
            ]);

        // By direction: the bars of confirmed hours, and the table.
        var directions = figures.ByDirection.OrderByDescending(d => d.ConfirmedMinutes).ThenBy(d => Direction(d.Direction), StringComparer.Create(culture, true)).ToList();
        var bars = StatsCharts.Bars(
            [.. directions.Select(d => new ChartValue(Direction(d.Direction), d.ConfirmedMinutes, HoursOnly(d.ConfirmedMinutes)))],
            T("Reports_Pdf_ByDirection"),
            T("Reports_Pdf_ByDirection_Description"),
            T("Reports_Pdf_None"),
            StatsCharts.PrintWidth);
        flow.Heading(T("Reports_Pdf_ByDirection"), bars);
        flow.Chart(bars);
        if (directions.Count > 0)
        {
            flow.Table(
                [(T("Reports_Column_Direction"), 0.4, false), (T("Reports_Column_Opportunities"), 0.2, true), (T("Reports_Column_Seats"), 0.15, true), (T("Reports_Column_Hours"), 0.25, true)],
                [.. directions.Select(d => new[] { Direction(d.Direction), N(d.Opportunities), N(d.Seats), HoursOnly(d.ConfirmedMinutes) })]);
        }

        // By month: the line of confirmed hours, and the table.
        var trend = content.Trend;
        var line = StatsCharts.Line(
            [.. trend.ByMonth.Select(m => new ChartValue(m.Month.ToString("MMM yyyy", culture), Dashboard.StatsTable.Hours(m.ConfirmedMinutes), HoursOnly(m.ConfirmedMinutes)))],
            v => v.ToString("#,0", culture),
            T("Reports_Pdf_ByMonth"),
            T("Reports_Pdf_ByMonth_Description"),
            StatsCharts.PrintWidth);
        flow.Heading(national ? T("Reports_Pdf_ByMonth") : string.Format(culture, T("Reports_Pdf_SixMonths"), report.From.ToString("Y", culture)), line);
        flow.Chart(line);
        flow.Table(
            [(T("Reports_Column_Month"), 0.25, false), (T("Reports_Column_Volunteers"), 0.15, true), (T("Reports_Column_Active"), 0.15, true), (T("Reports_Column_Opportunities"), 0.15, true), (T("Reports_Column_Hours"), 0.15, true), (T("Reports_Column_HelpClosed"), 0.15, true)],
            [.. trend.ByMonth.Select(m => new[] { m.Month.ToString("Y", culture), People(m.Volunteers), People(m.ActiveVolunteers), N(m.Opportunities), HoursOnly(m.ConfirmedMinutes), N(m.HelpRequestsClosed) })]);

        // The country's regions.
        if (report.IsNational)
        {
            flow.Heading(T("Reports_Pdf_ByRegion"));
            flow.Table(
                [(T("Reports_Column_Region"), 0.3, false), (T("Reports_Column_Volunteers"), 0.14, true), (T("Reports_Column_Organizations"), 0.14, true), (T("Reports_Column_Opportunities"), 0.14, true), (T("Reports_Column_Hours"), 0.14, true), (T("Reports_Column_HelpClosed"), 0.14, true)],
                [.. figures.ByRegion
                    .Select(r => (Name: content.Regions.GetValueOrDefault(r.RegionKato, r.RegionKato), Row: r))
                    .OrderBy(r => r.Name, StringComparer.Create(culture, true))
                    .Select(r => new[] { r.Name, People(r.Row.Volunteers), N(r.Row.Organizations), N(r.Row.Opportunities), HoursOnly(r.Row.ConfirmedMinutes), N(r.Row.HelpRequestsClosed) })]);
        }

        flow.Footers(page => string.Format(culture, T("Reports_Pdf_Page"), page, document.PageCount) + " · " + title);
        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    private static XFont Font(double size, bool bold = false) => new(PdfFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);

    /// <summary>Text, tables and charts down the pages, a new A4 page when the next one does not fit.</summary>
    private sealed class Flow : IDisposable
    {
        private readonly PdfDocument document;
        private readonly XFont body = Font(9);
        private readonly XFont bold = Font(9, bold: true);

        public Flow(PdfDocument document)
        {
            this.document = document;
            Graphics = NewPage();
        }

        public XGraphics Graphics { get; private set; }

        public double Y { get; set; } = Top;

        public double Width => document.Pages[0].Width.Point - (2 * Left);

        private double End => document.Pages[0].Height.Point - Bottom;

        /// <summary>Writes the text, wrapped to the page's width; returns the height it took.</summary>
        public double Paragraph(string text, XFont font, XBrush brush)
        {
            var height = font.Size * 1.35;
            var used = 0.0;
            foreach (var line in Wrap(text, font, Width))
            {
                Graphics.DrawString(line, font, brush, Left, Y + used + font.Size);
                used += height;
            }

            return used;
        }

        /// <summary>A heading, on a new page when what follows it (a chart, else a few rows) would not fit below it.</summary>
        public void Heading(string text, ChartScene? chart = null)
        {
            Room(28 + (chart is null ? RowHeight * 4 : (chart.Height * Width / chart.Width) + 8));
            Y += 8;
            Graphics.DrawString(text, Font(12, bold: true), new XSolidBrush(Brand), Left, Y + 12);
            Y += 20;
        }

        public void Chart(ChartScene scene)
        {
            Room(scene.Height);
            Y += PdfChart.Paint(Graphics, scene, Left, Y, Width) + 8;
        }

        /// <summary>A table: its header, then its rows; columns share the width by their fractions, numbers to the right.</summary>
        public void Table(IReadOnlyList<(string Header, double Share, bool Right)> columns, IReadOnlyList<string[]> rows)
        {
            Room(RowHeight * Math.Min(rows.Count + 2, 5));
            Header(columns);
            foreach (var row in rows)
            {
                if (Room(RowHeight))
                {
                    Header(columns);
                }

                Row(columns, row, body);
                Graphics.DrawLine(new XPen(XColors.LightGray, 0.4), Left, Y - 4, Left + Width, Y - 4);
            }

            Y += 6;
        }

        /// <summary>Writes each page's foot line once every page is there.</summary>
        public void Footers(Func<int, string> text)
        {
            Graphics.Dispose();
            for (var i = 0; i < document.PageCount; i++)
            {
                using var g = XGraphics.FromPdfPage(document.Pages[i], XGraphicsPdfPageOptions.Append);
                g.DrawString(text(i + 1), Font(8), XBrushes.DimGray, Left, document.Pages[i].Height.Point - (Bottom / 2));
            }
        }

        public void Dispose() => Graphics.Dispose();

        /// <summary>The column headings, each wrapped to its column's width on up to two lines, then a rule.</summary>
        private void Header(IReadOnlyList<(string Header, double Share, bool Right)> columns)
        {
            // Two lines at most (the rest of the words end the second, cut to fit), set on the last line like the numbers.
            var lines = columns.Select(c => Wrap(c.Header, bold, (c.Share * Width) - 6).ToList())
                .Select(l => l.Count > 2 ? [l[0], string.Join(' ', l.Skip(1))] : l)
                .ToList();
            var count = lines.Max(l => l.Count);
            var padded = lines.Select(l => Enumerable.Repeat("", count - l.Count).Concat(l).ToArray()).ToList();
            for (var n = 0; n < count; n++)
            {
                Row(columns, [.. padded.Select(l => l[n])], bold);
            }

            Graphics.DrawLine(new XPen(Brand, 0.8), Left, Y - 4, Left + Width, Y - 4);
        }

        private void Row(IReadOnlyList<(string Header, double Share, bool Right)> columns, string[] cells, XFont font)
        {
            var x = Left;
            for (var i = 0; i < columns.Count; i++)
            {
                var width = columns[i].Share * Width;
                var cell = Graphics.Fit(cells[i], font, width - 6);
                if (columns[i].Right)
                {
                    Graphics.DrawString(cell, font, XBrushes.Black, new XRect(x, Y, width, RowHeight), XStringFormats.TopRight);
                }
                else
                {
                    Graphics.DrawString(cell, font, XBrushes.Black, new XRect(x, Y, width, RowHeight), XStringFormats.TopLeft);
                }

                x += width;
            }

            Y += RowHeight;
        }

        /// <summary>A new page when <paramref name="height"/> does not fit below; true when one was begun.</summary>
        private bool Room(double height)
        {
            if (Y + height <= End)
            {
                return false;
            }

            Graphics.Dispose();
            Graphics = NewPage();
            Y = Top;
            return true;
        }

        private XGraphics NewPage()
        {
            var page = document.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            return XGraphics.FromPdfPage(page);
        }

        private IEnumerable<string> Wrap(string text, XFont font, double width)
        {
            var line = "";
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var longer = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && Graphics.MeasureString(longer, font).Width > width)
                {
                    yield return line;
                    line = word;
                }
                else
                {
                    line = longer;
                }
            }

            if (line.Length > 0)
            {
                yield return line;
            }
        }
    }
}
