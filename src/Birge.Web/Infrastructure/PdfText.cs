using PdfSharp.Drawing;

namespace Birge.Web.Infrastructure;

/// <summary>Text in the PDFs (certificates, reports) that must keep to its width.</summary>
public static class PdfText
{
    /// <summary>The text as it is when it fits in <paramref name="width"/>, else cut with "…" so that it does.</summary>
    public static string Fit(this XGraphics g, string text, XFont font, double width)
    {
        if (g.MeasureString(text, font).Width <= width)
        {
            return text;
        }

        while (text.Length > 1 && g.MeasureString(text + "…", font).Width > width)
        {
            text = text[..^1];
        }

        return text + "…";
    }
}
