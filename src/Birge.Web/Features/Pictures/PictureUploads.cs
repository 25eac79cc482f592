using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Pictures;

/// <summary>What a picture is of: its name (for the page and the placeholder), region (for the audit) and manage page.</summary>
public sealed record PictureOwner(PictureSubject Subject, Guid Id, string Name, string RegionKato, string ManageUrl);

/// <summary>Uploading, replacing and removing the logo of an organisation or the photo of an opportunity.</summary>
public sealed class PictureUploads(BirgeDb db, AuditLog audit, TimeProvider clock)
{
    /// <summary>The organisation or opportunity, or null when there is none.</summary>
    public async Task<PictureOwner?> OwnerAsync(PictureSubject subject, Guid id, CancellationToken cancellationToken)
    {
        if (subject == PictureSubject.OrganizationLogo)
        {
            return await db.Organizations.AsNoTracking().Where(o => o.Id == id)
                .Select(o => new PictureOwner(subject, o.Id, o.Name, o.RegionKato, $"/organizations/{o.Id}/manage"))
                .FirstOrDefaultAsync(cancellationToken);
        }

        var opportunity = await db.Opportunities.AsNoTracking().Where(o => o.Id == id)
            .Select(o => new { o.Id, o.Title, o.RegionKato }).FirstOrDefaultAsync(cancellationToken);
        return opportunity is null
            ? null
            : new PictureOwner(subject, opportunity.Id, opportunity.Title.Resolve(), opportunity.RegionKato, $"/opportunities/{opportunity.Id}/manage");
    }

    public Task<Picture?> CurrentAsync(PictureSubject subject, Guid ownerId, CancellationToken cancellationToken) =>
        db.Pictures.AsNoTracking().FirstOrDefaultAsync(p => p.Subject == subject && p.OwnerId == ownerId, cancellationToken);

    /// <summary>Checks the alt text and the file, then stores the re-encoded picture as the owner's one current picture.</summary>
    public async Task<Outcome<Picture>> UploadAsync(PictureOwner owner, Upload upload, LocalizedText alt, Guid uploadedBy, CancellationToken cancellationToken)
    {
        alt = new LocalizedText(Clean(alt.Kk), Clean(alt.Ru), Clean(alt.En));
        var errors = new List<FieldError>();
        var encoded = PictureEncoder.Encode(upload, Picture.MaxSide(owner.Subject));
        errors.AddRange(encoded.Errors);
        if (alt.Kk is null)
        {
            errors.Add(new FieldError("altKk", PictureErrors.AltRequired));
        }

        foreach (var language in LocalizedText.Languages)
        {
            if (alt[language]?.Length > Picture.MaxAltLength)
            {
                errors.Add(new FieldError("alt" + char.ToUpperInvariant(language[0]) + language[1..], ErrorCodes.TooLong));
            }
        }

        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var picture = await db.Pictures.FirstOrDefaultAsync(p => p.Subject == owner.Subject && p.OwnerId == owner.Id, cancellationToken);
        var isNew = picture is null;
        if (picture is null)
        {
            picture = new Picture { Subject = owner.Subject, OwnerId = owner.Id };
            db.Pictures.Add(picture);
        }

        picture.Replace(encoded.Value!, alt, uploadedBy, now);
        audit.Record("picture.upload", AuditTarget(owner.Subject), owner.Id.ToString(), owner.RegionKato, $"{picture.Width}x{picture.Height} {picture.Version}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (isNew)
        {
            // Another upload stored the first picture a moment ago (the unique index): this one replaces it.
            db.Entry(picture).State = EntityState.Detached;
            picture = await db.Pictures.FirstAsync(p => p.Subject == owner.Subject && p.OwnerId == owner.Id, cancellationToken);
            picture.Replace(encoded.Value!, alt, uploadedBy, now);
            await db.SaveChangesAsync(cancellationToken);
        }

        return picture;
    }

    /// <summary>Removes the owner's picture; false when there was none.</summary>
    public async Task<bool> RemoveAsync(PictureOwner owner, CancellationToken cancellationToken)
    {
        var picture = await db.Pictures.FirstOrDefaultAsync(p => p.Subject == owner.Subject && p.OwnerId == owner.Id, cancellationToken);
        if (picture is null)
        {
            return false;
        }

        db.Pictures.Remove(picture);
        audit.Record("picture.remove", AuditTarget(owner.Subject), owner.Id.ToString(), owner.RegionKato);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Removed by another request at the same moment: gone either way.
            return false;
        }

        return true;
    }

    private static string AuditTarget(PictureSubject subject) => subject == PictureSubject.OrganizationLogo ? "organization" : "opportunity";

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
