using Birge.Web.Data;
using Birge.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Pictures;

/// <summary>
/// What <c>&lt;partial name="_Picture" model="…" /&gt;</c> shows: the picture of <see cref="OwnerId"/>, else an
/// opportunity's organisation's logo, else a placeholder with the initials of <see cref="Name"/>.
/// <see cref="Size"/> is "logo" (a small square), "thumb" (a card's corner) or "photo" (across the page).
/// </summary>
public sealed record PictureOf(PictureSubject Subject, Guid OwnerId, string Name, string Size)
{
    public static PictureOf Logo(Guid organizationId, string name) => new(PictureSubject.OrganizationLogo, organizationId, name, "logo");

    /// <summary>An opportunity's photo across its page.</summary>
    public static PictureOf Photo(Guid opportunityId, string name) => new(PictureSubject.OpportunityPhoto, opportunityId, name, "photo");

    /// <summary>An opportunity's photo on its card in a list.</summary>
    public static PictureOf Card(Guid opportunityId, string name) => new(PictureSubject.OpportunityPhoto, opportunityId, name, "thumb");

    /// <summary>The first letters of the first two words: «Жасыл Алматы» is ЖА.</summary>
    public string Initials => string.Concat(Name.Split(' ', StringSplitOptions.RemoveEmptyEntries)
        .Select(w => w.FirstOrDefault(char.IsLetterOrDigit)).Where(c => c != default).Take(2).Select(char.ToUpperInvariant));
}

/// <summary>A picture as a page shows it (no bytes).</summary>
public sealed record ShownPicture(string Url, int Width, int Height, LocalizedText Alt);

/// <summary>
/// The pictures a page shows, read once per request: a list loads all of its own at once (<see cref="LoadAsync"/>),
/// a single picture is read when it is first asked for.
/// </summary>
public sealed class PictureShelf(BirgeDb db)
{
    private readonly Dictionary<(PictureSubject, Guid), ShownPicture?> known = [];
    private readonly Dictionary<Guid, Guid> organizationOf = [];

    /// <summary>Opportunities' cards: their photos, and their organisations' logos for those without one.</summary>
    public async Task LoadOpportunitiesAsync(IEnumerable<Guid> opportunityIds, CancellationToken cancellationToken = default)
    {
        var ids = opportunityIds.Distinct().ToList();
        await LoadAsync(PictureSubject.OpportunityPhoto, ids, cancellationToken);
        var missing = ids.Where(id => known[(PictureSubject.OpportunityPhoto, id)] is null && !organizationOf.ContainsKey(id)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        foreach (var o in await db.Opportunities.AsNoTracking().Where(o => missing.Contains(o.Id)).Select(o => new { o.Id, o.OrganizationId }).ToListAsync(cancellationToken))
        {
            organizationOf[o.Id] = o.OrganizationId;
        }

        await LoadAsync(PictureSubject.OrganizationLogo, organizationOf.Values, cancellationToken);
    }

    /// <summary>The picture to show and whether it is the organisation's logo standing in for an opportunity's photo.</summary>
    public async Task<(ShownPicture? Picture, bool IsLogo)> ShowAsync(PictureOf of, CancellationToken cancellationToken = default)
    {
        if (of.Subject == PictureSubject.OrganizationLogo)
        {
            return (await FindAsync(of.Subject, of.OwnerId, cancellationToken), true);
        }

        await LoadOpportunitiesAsync([of.OwnerId], cancellationToken);
        if (known[(of.Subject, of.OwnerId)] is { } photo)
        {
            return (photo, false);
        }

        return (organizationOf.TryGetValue(of.OwnerId, out var organizationId) ? await FindAsync(PictureSubject.OrganizationLogo, organizationId, cancellationToken) : null, true);
    }

    public async Task LoadAsync(PictureSubject subject, IEnumerable<Guid> ownerIds, CancellationToken cancellationToken = default)
    {
        var wanted = ownerIds.Distinct().Where(id => !known.ContainsKey((subject, id))).ToList();
        if (wanted.Count == 0)
        {
            return;
        }

        var found = await db.Pictures.AsNoTracking().Where(p => p.Subject == subject && wanted.Contains(p.OwnerId))
            .Select(p => new { p.OwnerId, p.Id, p.Version, p.Width, p.Height, p.Alt.Kk, p.Alt.Ru, p.Alt.En })
            .ToListAsync(cancellationToken);
        foreach (var id in wanted)
        {
            known[(subject, id)] = null;
        }

        foreach (var p in found)
        {
            known[(subject, p.OwnerId)] = new ShownPicture($"/pictures/{p.Id}/{p.Version}", p.Width, p.Height, new LocalizedText(p.Kk, p.Ru, p.En));
        }
    }

    public async Task<ShownPicture?> FindAsync(PictureSubject subject, Guid ownerId, CancellationToken cancellationToken = default)
    {
        if (!known.TryGetValue((subject, ownerId), out var picture))
        {
            await LoadAsync(subject, [ownerId], cancellationToken);
            picture = known[(subject, ownerId)];
        }

        return picture;
    }
}
