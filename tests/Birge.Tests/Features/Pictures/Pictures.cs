using System.Net.Http.Headers;
using System.Text;
using Birge.Tests.Infrastructure;
using SkiaSharp;

namespace Birge.Tests.Features.Pictures;

/// <summary>Pictures made for the tests, and uploads as a browser and an API client send them.</summary>
public static class Pictures
{
    /// <summary>A marker that sits in the JPEG's EXIF next to its GPS tag.</summary>
    public const string GpsMarker = "BIRGE-GPS-43.2389N-76.8897E";

    public static byte[] Png(int width, int height) => Draw(width, height, SKEncodedImageFormat.Png);

    public static byte[] Webp(int width, int height) => Draw(width, height, SKEncodedImageFormat.Webp);

    /// <summary>A JPEG with an EXIF block (APP1) holding a GPS tag (GPSInfo → GPSLatitudeRef "N") and <see cref="GpsMarker"/>.</summary>
    public static byte[] JpegWithGps(int width, int height)
    {
        var jpeg = Draw(width, height, SKEncodedImageFormat.Jpeg);
        var marker = Encoding.ASCII.GetBytes(GpsMarker + "\0");
        var tiff = new List<byte>();
        void U16(int v) => tiff.AddRange([(byte)v, (byte)(v >> 8)]);
        void U32(int v) => tiff.AddRange([(byte)v, (byte)(v >> 8), (byte)(v >> 16), (byte)(v >> 24)]);

        // Little-endian TIFF: IFD0 at 8 with ImageDescription (the marker) and GPSInfo; the GPS IFD after it.
        tiff.AddRange("II"u8.ToArray());
        U16(42);
        U32(8);
        const int ifd0 = 8, ifd0Size = 2 + (2 * 12) + 4;
        const int gpsIfd = ifd0 + ifd0Size, gpsIfdSize = 2 + 12 + 4;
        const int markerAt = gpsIfd + gpsIfdSize;
        U16(2);
        U16(0x010E); U16(2); U32(marker.Length); U32(markerAt); // ImageDescription, ASCII
        U16(0x8825); U16(4); U32(1); U32(gpsIfd); // GPSInfo, LONG
        U32(0);
        U16(1);
        U16(0x0001); U16(2); U32(2); tiff.AddRange([(byte)'N', 0, 0, 0]); // GPSLatitudeRef "N"
        U32(0);
        tiff.AddRange(marker);

        var exif = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        var length = exif.Length + 2;
        var app1 = new byte[] { 0xFF, 0xE1, (byte)(length >> 8), (byte)length }.Concat(exif);
        return [.. jpeg.Take(2), .. app1, .. jpeg.Skip(2)];
    }

    /// <summary>A PNG that says it is 30,000 × 30,000 pixels (900 megapixels, 3.6 GB decoded), in a few hundred bytes.</summary>
    public static byte[] DecompressionBomb()
    {
        var png = Png(16, 16);
        // The IHDR chunk starts at 8 (length, "IHDR"), its width and height at 16 and 20, its CRC at 29.
        var bomb = (byte[])png.Clone();
        WriteBigEndian(bomb, 16, 30_000);
        WriteBigEndian(bomb, 20, 30_000);
        WriteBigEndian(bomb, 29, (int)Crc32(bomb.AsSpan(12, 17)));
        return bomb;
    }

    /// <summary>Posts the picture form of <paramref name="url"/> with a file, as a browser does (multipart, antiforgery token).</summary>
    public static async Task<HttpResponseMessage> UploadOnPageAsync(
        HttpClient pages, string url, byte[] file, string fileName, string contentType, string? altKk, string? altRu = null, string? altEn = null)
    {
        var page = await pages.GetPageAsync(url);
        var token = page.QuerySelector("#picture-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(altKk ?? ""), "Input.AltKk" },
            { new StringContent(altRu ?? ""), "Input.AltRu" },
            { new StringContent(altEn ?? ""), "Input.AltEn" },
        };
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        content.Add(part, "Input.File", fileName);
        return await pages.PostAsync(url, content);
    }

    /// <summary>PUT of a picture to the API (multipart: file, altKk, altRu, altEn).</summary>
    public static async Task<HttpResponseMessage> PutAsync(HttpClient api, string url, byte[] file, string fileName, string contentType, string? altKk, string? altRu = null)
    {
        using var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        content.Add(part, "file", fileName);
        if (altKk is not null)
        {
            content.Add(new StringContent(altKk), "altKk");
        }

        if (altRu is not null)
        {
            content.Add(new StringContent(altRu), "altRu");
        }

        return await api.PutAsync(url, content);
    }

    public static (int Width, int Height, SKEncodedImageFormat Format) Decode(byte[] bytes)
    {
        using var codec = SKCodec.Create(SKData.CreateCopy(bytes)) ?? throw new InvalidOperationException("Not a picture.");
        return (codec.Info.Width, codec.Info.Height, codec.EncodedFormat);
    }

    public static bool Contains(byte[] haystack, string needle) => haystack.AsSpan().IndexOf(Encoding.ASCII.GetBytes(needle)) >= 0;

    private static byte[] Draw(int width, int height, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(0x0b, 0x6e, 0x6e));
            using var paint = new SKPaint { Color = SKColors.Orange };
            canvas.DrawCircle(width / 2f, height / 2f, Math.Min(width, height) / 3f, paint);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }

    private static void WriteBigEndian(byte[] target, int at, int value)
    {
        target[at] = (byte)(value >> 24);
        target[at + 1] = (byte)(value >> 16);
        target[at + 2] = (byte)(value >> 8);
        target[at + 3] = (byte)value;
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
