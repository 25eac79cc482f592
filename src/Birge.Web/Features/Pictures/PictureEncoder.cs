using Birge.Web.Domain;
using SkiaSharp;

namespace Birge.Web.Features.Pictures;

/// <summary>
/// Turns an upload into pixels for the web: the format is read from the content (never the name or the declared
/// type), huge declared dimensions are refused before anything is decoded, the picture is turned upright, shrunk to
/// the subject's longest side and re-encoded as WebP, so nothing of the file but its pixels is kept (no EXIF, GPS).
/// </summary>
public static class PictureEncoder
{
    private const int Quality = 82;

    private static readonly SKEncodedImageFormat[] Accepted = [SKEncodedImageFormat.Jpeg, SKEncodedImageFormat.Png, SKEncodedImageFormat.Webp];

    public static Outcome<EncodedPicture> Encode(Upload upload, int maxSide)
    {
        if (upload.Length > Picture.MaxUploadBytes)
        {
            return Outcome.Invalid("file", PictureErrors.TooLarge);
        }

        if (upload.Bytes.Length == 0)
        {
            return Outcome.Invalid("file", PictureErrors.FileRequired);
        }

        using var data = SKData.CreateCopy(upload.Bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null || !Accepted.Contains(codec.EncodedFormat))
        {
            return Outcome.Invalid("file", PictureErrors.TypeInvalid);
        }

        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0 || (long)info.Width * info.Height > Picture.MaxSourcePixels)
        {
            return Outcome.Invalid("file", PictureErrors.DimensionsTooLarge);
        }

        // A large JPEG is decoded straight at 1/2, 1/4 or 1/8 of its size where that is still big enough: less memory.
        var size = codec.GetScaledDimensions((float)Math.Min(1.0, (double)maxSide / Math.Max(info.Width, info.Height)));
        using var decoded = SKBitmap.Decode(codec, new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        if (decoded is null)
        {
            return Outcome.Invalid("file", PictureErrors.TypeInvalid);
        }

        using var upright = Upright(decoded, codec.EncodedOrigin);
        var scale = Math.Min(1.0, (double)maxSide / Math.Max(upright.Width, upright.Height));
        var width = Math.Max(1, (int)Math.Round(upright.Width * scale));
        var height = Math.Max(1, (int)Math.Round(upright.Height * scale));
        using var resized = width == upright.Width && height == upright.Height
            ? upright.Copy()
            : upright.Resize(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul), new SKSamplingOptions(SKCubicResampler.Mitchell));
        using var image = SKImage.FromBitmap(resized);
        using var encoded = image.Encode(SKEncodedImageFormat.Webp, Quality);
        return new EncodedPicture(encoded.ToArray(), "image/webp", width, height);
    }

    /// <summary>Phones store photos sideways with an EXIF orientation; the EXIF goes, so the turn is applied to the pixels.</summary>
    private static SKBitmap Upright(SKBitmap source, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft or SKEncodedOrigin.Default)
        {
            return source.Copy();
        }

        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var result = new SKBitmap(swap ? source.Height : source.Width, swap ? source.Width : source.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var canvas = new SKCanvas(result);
        float w = source.Width, h = source.Height;
        var matrix = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
            SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
            _ => SKMatrix.Identity,
        };
        canvas.SetMatrix(matrix);
        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, 0, 0, SKSamplingOptions.Default);
        return result;
    }
}
