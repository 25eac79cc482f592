using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace Birge.Web.Features.Pictures;

/// <summary>Demo organisations get a logo drawn at seed time (coloured initials), so a newcomer sees pictures.</summary>
public static class DemoLogos
{
    private static readonly SKColor[] Colours = [new(0x0b, 0x6e, 0x6e), new(0x8a, 0x3f, 0xa0), new(0xc2, 0x5a, 0x12), new(0x1f, 0x5f, 0xa8), new(0x2e, 0x7d, 0x32)];

    public static async Task SeedAsync(BirgeDb db, DateTime now, CancellationToken cancellationToken)
    {
        var organizations = await db.Organizations.AsNoTracking().Where(o => o.Status == OrganizationStatus.Verified)
            .OrderBy(o => o.Name).Take(Colours.Length)
            .Select(o => new { o.Id, o.Name, Owner = o.Members.Where(m => m.Role == OrganizationMember.Owner).Select(m => m.AccountId).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        foreach (var (o, i) in organizations.Select((o, i) => (o, i)))
        {
            var picture = new Picture { Subject = PictureSubject.OrganizationLogo, OwnerId = o.Id };
            var name = PictureOf.Logo(o.Id, o.Name);
            picture.Replace(Draw(name.Initials, Colours[i]), new LocalizedText($"{o.Name} логотипі", $"Логотип «{o.Name}»", $"Logo of {o.Name}"), o.Owner, now);
            db.Pictures.Add(picture);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public static EncodedPicture Draw(string initials, SKColor colour)
    {
        const int size = 256;
        using var bitmap = new SKBitmap(size, size, SKColorType.Rgba8888, SKAlphaType.Premul);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Transparent);
            using var background = new SKPaint { Color = colour, IsAntialias = true };
            canvas.DrawRoundRect(new SKRect(0, 0, size, size), 48, 48, background);
            // The embedded DejaVu font has every Kazakh letter; a server may have no fonts of its own.
            using var stream = typeof(PdfFonts).Assembly.GetManifestResourceStream("Birge.Web.Infrastructure.Fonts.DejaVuSans-Bold.ttf")!;
            using var typeface = SKTypeface.FromStream(stream);
            using var font = new SKFont(typeface, 104);
            using var ink = new SKPaint { Color = SKColors.White, IsAntialias = true };
            var width = font.MeasureText(initials);
            var metrics = font.Metrics;
            canvas.DrawText(initials, (size - width) / 2, (size - metrics.Ascent - metrics.Descent) / 2, SKTextAlign.Left, font, ink);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Webp, 90);
        return new EncodedPicture(data.ToArray(), "image/webp", size, size);
    }
}
