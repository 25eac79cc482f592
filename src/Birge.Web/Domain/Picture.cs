namespace Birge.Web.Domain;

/// <summary>What a picture shows: an organisation's logo or an opportunity's photo.</summary>
public enum PictureSubject
{
    OrganizationLogo,
    OpportunityPhoto,
}

/// <summary>
/// The one current picture of an organisation (its logo) or an opportunity (its photo). What is kept is only pixels,
/// re-encoded from the upload (no EXIF, no GPS, no comments); replacing it keeps the row and changes
/// <see cref="Version"/>, so the picture's address changes and browsers may cache each address for ever.
/// </summary>
public sealed class Picture
{
    /// <summary>Uploads larger than this are refused before they are decoded.</summary>
    public const int MaxUploadBytes = 5 * 1024 * 1024;

    /// <summary>More pixels than this is a decompression bomb, not a photo (a 48-megapixel phone camera has fewer).</summary>
    public const long MaxSourcePixels = 50_000_000;

    public const int MaxAltLength = 200;

    public Guid Id { get; init; } = Guid.NewGuid();

    public PictureSubject Subject { get; init; }

    /// <summary>The organisation or the opportunity the picture is of.</summary>
    public Guid OwnerId { get; init; }

    public byte[] Bytes { get; private set; } = [];

    public string ContentType { get; private set; } = "";

    public int Width { get; private set; }

    public int Height { get; private set; }

    /// <summary>The start of the bytes' SHA-256, in the address: a new upload is a new address.</summary>
    public string Version { get; private set; } = "";

    public LocalizedText Alt { get; private set; } = new(null, null, null);

    public Guid UploadedBy { get; private set; }

    public DateTime UploadedAt { get; private set; }

    /// <summary>The longest side a picture is stored at: logos are shown small, photos across a phone or a card.</summary>
    public static int MaxSide(PictureSubject subject) => subject == PictureSubject.OrganizationLogo ? 400 : 1200;

    public string Url => $"/pictures/{Id}/{Version}";

    public void Replace(EncodedPicture picture, LocalizedText alt, Guid uploadedBy, DateTime now)
    {
        Bytes = picture.Bytes;
        ContentType = picture.ContentType;
        Width = picture.Width;
        Height = picture.Height;
        Version = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(picture.Bytes))[..16];
        Alt = alt;
        UploadedBy = uploadedBy;
        UploadedAt = now;
    }
}

/// <summary>Pixels re-encoded for the web, with their size.</summary>
public sealed record EncodedPicture(byte[] Bytes, string ContentType, int Width, int Height);
