using PdfSharp.Fonts;

namespace Birge.Web.Infrastructure;

/// <summary>
/// The one typeface of Birge's PDFs: DejaVu Sans (free licence, in <c>Infrastructure/Fonts</c> with its licence),
/// embedded in the program so Kazakh letters (ә ғ қ ң ө ұ ү һ і) print the same on every server, whatever fonts it has.
/// </summary>
public sealed class PdfFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";

    private static readonly object Gate = new();
    private static bool installed;

    /// <summary>PDFsharp keeps one font resolver for the whole process; this installs ours once.</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (!installed)
            {
                GlobalFontSettings.FontResolver = new PdfFonts();
                installed = true;
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "DejaVuSans-Bold" : "DejaVuSans");

    public byte[]? GetFont(string faceName)
    {
        using var stream = typeof(PdfFonts).Assembly.GetManifestResourceStream($"Birge.Web.Infrastructure.Fonts.{faceName}.ttf")
            ?? throw new InvalidOperationException($"The font {faceName} is not embedded in the program.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
