using System.Globalization;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using QRCoder;

namespace Birge.Web.Features.Book;

/// <summary>
/// The certificate as an A4 PDF in its own language: holder, hours, period, the entries (or, for a long list, the
/// hours by organisation), the code and a QR code that opens the public verification page.
/// </summary>
public static class CertificatePdf
{
    /// <summary>Beyond this many entries the certificate lists hours by organisation instead, so it stays one page.</summary>
    public const int MaxRows = 22;

    private static readonly XColor Brand = XColor.FromArgb(0x0b, 0x6e, 0x6e);

    public static byte[] Render(Certificate certificate, IReadOnlyList<BookEntry> entries, string verifyUrl)
    {
        PdfFonts.Install();
        var culture = Cultures.FromLanguage(certificate.Language);
        string T(string key) => Cultures.Text(key, culture);

        using var document = new PdfDocument();
        document.Info.Title = T("Book_PdfTitle") + " " + CertificateCode.Format(certificate.Code);
        document.Info.Creator = T("Brand");
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        using var g = XGraphics.FromPdfPage(page);
        var heading = new XFont(PdfFonts.Family, 26, XFontStyleEx.Bold);
        var title = new XFont(PdfFonts.Family, 16, XFontStyleEx.Bold);
        var big = new XFont(PdfFonts.Family, 20, XFontStyleEx.Bold);
        var body = new XFont(PdfFonts.Family, 11, XFontStyleEx.Regular);
        var small = new XFont(PdfFonts.Family, 9, XFontStyleEx.Regular);
        var bold = new XFont(PdfFonts.Family, 10, XFontStyleEx.Bold);
        var brand = new XSolidBrush(Brand);
        const double left = 50;
        var right = page.Width.Point - 50;
        var width = right - left;

        g.DrawRectangle(brand, 0, 0, page.Width.Point, 12);
        double y = 60;
        g.DrawString(T("Brand"), heading, brand, left, y);
        g.DrawString(T("Book_PdfTagline"), small, XBrushes.DimGray, left, y + 16);
        y += 55;
        g.DrawString(certificate.From is null && certificate.To is null ? T("Book_PdfTitle") : T("Book_PdfExtractTitle"), title, XBrushes.Black, left, y);
        y += 30;
        g.DrawString(T("Book_PdfHolder"), small, XBrushes.DimGray, left, y);
        g.DrawString(certificate.HolderName, big, XBrushes.Black, left, y + 22);
        y += 52;
        g.DrawString(T("Book_PdfTotal"), small, XBrushes.DimGray, left, y);
        g.DrawString(Durations.Format(certificate.TotalMinutes, culture), big, brand, left, y + 22);
        g.DrawString(T("Book_PdfPeriod"), small, XBrushes.DimGray, left + (width / 2), y);
        g.DrawString(Period(certificate, culture), body, XBrushes.Black, left + (width / 2), y + 20);
        y += 52;

        var rows = entries.Count <= MaxRows
            ? entries.Select(e => (e.Date.ToString("d", culture), e.Organization.Resolve(culture) + " — " + e.Title.Resolve(culture), e.Minutes)).ToList()
            : SummaryRows(entries, culture, T("Book_PdfOthers"));
        g.DrawString(entries.Count <= MaxRows ? T("Book_PdfEntries") : T("Book_PdfByOrganization"), bold, XBrushes.Black, left, y);
        y += 8;
        g.DrawLine(new XPen(Brand, 1), left, y, right, y);
        y += 14;
        foreach (var (date, what, minutes) in rows)
        {
            g.DrawString(date, small, XBrushes.Black, left, y);
            // The date in words ("28 қыркүйек 2026") takes up to about 85 pt at this size.
            g.DrawString(g.Fit(what, small, width - 195), small, XBrushes.Black, left + 95, y);
            g.DrawString(Durations.Format(minutes, culture), small, XBrushes.Black, new XRect(right - 90, y - 9, 90, 12), XStringFormats.TopRight);
            y += 15;
        }

        g.DrawLine(new XPen(XColors.LightGray, 0.5), left, y - 8, right, y - 8);

        // The code, the QR code and how to check it, at the foot of the page.
        const double qrSize = 110;
        var footer = page.Height.Point - 60 - qrSize;
        DrawQr(g, verifyUrl, right - qrSize, footer, qrSize);
        g.DrawString(T("Book_PdfCode"), small, XBrushes.DimGray, left, footer + 12);
        g.DrawString(CertificateCode.Format(certificate.Code), title, XBrushes.Black, left, footer + 34);
        g.DrawString(T("Book_PdfIssued") + " " + KazakhstanTime.FromUtc(certificate.IssuedAt).ToString("d", culture), body, XBrushes.Black, left, footer + 58);
        g.DrawString(T("Book_PdfVerifyAt"), small, XBrushes.DimGray, left, footer + 80);
        g.DrawString(verifyUrl, small, brand, left, footer + 94);
        g.DrawString(T("Book_PdfSigned"), small, XBrushes.DimGray, left, footer + 108);

        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    public static string Period(Certificate c, CultureInfo culture) =>
        $"{(c.From ?? c.FirstDay).ToString("d", culture)} — {(c.To ?? c.LastDay).ToString("d", culture)}";

    private static List<(string, string, int)> SummaryRows(IReadOnlyList<BookEntry> entries, CultureInfo culture, string others)
    {
        var byOrganization = entries.GroupBy(e => e.Organization.Resolve(culture))
            .Select(group => (First: group.Min(e => e.Date), Name: group.Key, Minutes: group.Sum(e => e.Minutes), Count: group.Count()))
            .OrderByDescending(o => o.Minutes)
            .ToList();
        var rows = byOrganization.Take(MaxRows - 1)
            .Select(o => (o.First.ToString("d", culture), $"{o.Name} ({o.Count})", o.Minutes))
            .ToList();
        if (byOrganization.Count >= MaxRows)
        {
            var rest = byOrganization.Skip(MaxRows - 1).ToList();
            rows.Add((rest.Min(o => o.First).ToString("d", culture), $"{others} ({rest.Sum(o => o.Count)})", rest.Sum(o => o.Minutes)));
        }

        return rows;
    }

    private static void DrawQr(XGraphics g, string url, double x, double y, double size)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var module = size / matrix.Count;
        for (var row = 0; row < matrix.Count; row++)
        {
            for (var column = 0; column < matrix[row].Length; column++)
            {
                if (matrix[row][column])
                {
                    // A hair wider than the module, so neighbouring squares leave no white seam when printed.
                    g.DrawRectangle(XBrushes.Black, x + (column * module), y + (row * module), module + 0.2, module + 0.2);
                }
            }
        }
    }
}
