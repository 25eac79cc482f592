using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Features.Accounts;
using Birge.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Organizations;

/// <summary>An organisation's details, from the registration or edit form or from <c>POST /api/v1/organizations</c>.</summary>
public sealed class OrganizationInput
{
    public string? Name { get; set; }

    public string? Bin { get; set; }

    public string? LegalForm { get; set; }

    public string? RegionKato { get; set; }

    public string? Address { get; set; }

    public List<string> Directions { get; set; } = [];

    public string? DescriptionKk { get; set; }

    public string? DescriptionRu { get; set; }

    public string? DescriptionEn { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? Website { get; set; }

    public static OrganizationInput From(Organization organization) => new()
    {
        Name = organization.Name,
        Bin = organization.Bin,
        LegalForm = organization.LegalForm,
        RegionKato = organization.RegionKato,
        Address = organization.Address,
        Directions = [.. organization.Directions],
        DescriptionKk = organization.Description.Kk,
        DescriptionRu = organization.Description.Ru,
        DescriptionEn = organization.Description.En,
        Email = organization.Email,
        Phone = organization.Phone,
        Website = organization.Website,
    };
}

/// <summary>An organisation as saving its details left it: resubmitted after a rejection, or with a change of legal details asked for.</summary>
public sealed record OrganizationSaved(Organization Organization, bool Resubmitted = false, bool ChangeRequested = false);

/// <summary>The details the front office checks against the BIN: name, legal form and region.</summary>
public sealed record LegalDetails(string Name, string LegalForm, string RegionKato)
{
    public static LegalDetails Of(Organization organization) => new(organization.Name, organization.LegalForm, organization.RegionKato);

    public static LegalDetails Of(OrganizationChange change) => new(change.Name, change.LegalForm, change.RegionKato);

    public void ApplyTo(Organization organization)
    {
        organization.Name = Name;
        organization.LegalForm = LegalForm;
        organization.RegionKato = RegionKato;
    }
}

/// <summary>
/// Registers an organisation (pending, with the registrant as its owner) and edits its details; after a rejection,
/// saving the corrected details asks the front office again.
/// </summary>
public sealed class OrganizationRegistration(BirgeDb db, AuditLog audit, TimeProvider clock)
{
    public const int MaxWebsiteLength = 300;

    public async Task<Outcome<Organization>> RegisterAsync(OrganizationInput input, Guid ownerId, CancellationToken cancellationToken)
    {
        var errors = await ValidateAsync(input, withBin: true, cancellationToken);
        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }

        _ = Domain.Bin.TryParse(input.Bin, out var bin);
        if (await db.Organizations.AnyAsync(o => o.Bin == bin!.Value, cancellationToken))
        {
            return BinTaken();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var organization = new Organization
        {
            Bin = bin!.Value,
            Name = "",
            LegalForm = "",
            RegionKato = "",
            CreatedAt = now,
        };
        Apply(organization, input);
        organization.Members.Add(new OrganizationMember
        {
            OrganizationId = organization.Id,
            AccountId = ownerId,
            Role = OrganizationMember.Owner,
            JoinedAt = now,
        });
        db.Organizations.Add(organization);

        // The status has been "pending" since now (the model only sets this time on a decision).
        db.Entry(organization).Property(o => o.StatusChangedAt).CurrentValue = now;
        audit.Record("organization.registered", "organization", organization.Id.ToString(), organization.RegionKato);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two registrations of the same BIN at the same moment: the unique index decides.
            db.ChangeTracker.Clear();
            return BinTaken();
        }

        return organization;
    }

    /// <summary>
    /// Saves new details (the BIN never changes). Only the owner changes the legal details (name, legal form, region);
    /// on a verified organisation such a change waits for the front office of the region asked for, and the verified
    /// details stay until it decides. A rejected organisation goes back to the front office.
    /// </summary>
    public async Task<Outcome<OrganizationSaved>> UpdateAsync(Organization organization, OrganizationInput input, Guid actor, bool isOwner, CancellationToken cancellationToken)
    {
        var pending = await PendingChangeAsync(organization.Id, cancellationToken);
        var shown = pending is null ? LegalDetails.Of(organization) : LegalDetails.Of(pending);
        if (!isOwner)
        {
            // A coordinator's form shows the legal details without fields: what it does not send stays as it is.
            var refused = new List<FieldError>();
            Keep("name", input.Name, shown.Name, v => input.Name = v);
            Keep("legalForm", input.LegalForm, shown.LegalForm, v => input.LegalForm = v);
            Keep("regionKato", input.RegionKato, shown.RegionKato, v => input.RegionKato = v);
            if (refused.Count > 0)
            {
                return Outcome.Invalid(refused);
            }

            void Keep(string field, string? given, string current, Action<string> set)
            {
                if (Clean(given) is { } value && value != current)
                {
                    refused.Add(new FieldError(field, OrganizationErrors.LegalDetailsOwnerOnly));
                }

                set(current);
            }
        }

        var errors = await ValidateAsync(input, withBin: false, cancellationToken);
        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var wanted = new LegalDetails(Clean(input.Name)!, Clean(input.LegalForm) ?? "other", Clean(input.RegionKato)!);
        var changeRequested = false;
        if (!organization.LegalDetailsVerified)
        {
            var renamed = organization.Name != wanted.Name;
            wanted.ApplyTo(organization);
            if (renamed)
            {
                await RefreshOpportunitiesAsync(organization, cancellationToken);
            }
        }
        else if (isOwner && wanted != LegalDetails.Of(organization))
        {
            if (pending is null || wanted != LegalDetails.Of(pending))
            {
                pending?.Withdraw(actor, now);
                db.OrganizationChanges.Add(new OrganizationChange
                {
                    OrganizationId = organization.Id,
                    Name = wanted.Name,
                    LegalForm = wanted.LegalForm,
                    RegionKato = wanted.RegionKato,
                    RequestedBy = actor,
                    RequestedAt = now,
                });
                audit.Record("organization.change_requested", "organization", organization.Id.ToString(), wanted.RegionKato);
            }

            changeRequested = true;
        }
        else if (isOwner && pending is not null)
        {
            pending.Withdraw(actor, now);
            audit.Record("organization.change_withdrawn", "organization", organization.Id.ToString(), pending.RegionKato);
        }

        ApplyOtherDetails(organization, input);
        var resubmitted = organization.Status == OrganizationStatus.Rejected && organization.Resubmit(now) is null;
        audit.Record(resubmitted ? "organization.resubmitted" : "organization.updated", "organization", organization.Id.ToString(), organization.RegionKato);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (changeRequested)
        {
            // Two saves at the same moment both asked for a change: the unique index on pending changes kept one.
            db.ChangeTracker.Clear();
            return Outcome.Refused(ErrorCodes.StatusChangeInvalid);
        }

        return new OrganizationSaved(organization, resubmitted, changeRequested);
    }

    /// <summary>The change of legal details waiting for the front office, if any.</summary>
    public Task<OrganizationChange?> PendingChangeAsync(Guid organizationId, CancellationToken cancellationToken) =>
        db.OrganizationChanges.FirstOrDefaultAsync(c => c.OrganizationId == organizationId && c.Status == OrganizationChangeStatus.Pending, cancellationToken);

    /// <summary>The organisation's name is part of its opportunities' search text.</summary>
    public async Task RefreshOpportunitiesAsync(Organization organization, CancellationToken cancellationToken)
    {
        foreach (var opportunity in await db.Opportunities.Where(o => o.OrganizationId == organization.Id).ToListAsync(cancellationToken))
        {
            opportunity.RefreshSearchText(organization.Name);
        }
    }

    public async Task<List<FieldError>> ValidateAsync(OrganizationInput input, bool withBin, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var name = Clean(input.Name);
        if (name is null)
        {
            errors.Add(new FieldError("name", OrganizationErrors.NameRequired));
        }
        else if (name.Length > Organization.MaxNameLength)
        {
            errors.Add(new FieldError("name", ErrorCodes.TooLong));
        }

        if (withBin && !Domain.Bin.TryParse(input.Bin, out _))
        {
            errors.Add(new FieldError("bin", OrganizationErrors.BinInvalid));
        }

        if (Clean(input.LegalForm) is { } legalForm && !Catalogues.LegalForms.Contains(legalForm))
        {
            errors.Add(new FieldError("legalForm", OrganizationErrors.LegalFormInvalid));
        }

        var region = Clean(input.RegionKato);
        if (region is null || !await db.Regions.AnyAsync(r => r.Kato == region, cancellationToken))
        {
            errors.Add(new FieldError("regionKato", ErrorCodes.RegionInvalid));
        }

        if (Clean(input.Address) is { Length: > Organization.MaxAddressLength })
        {
            errors.Add(new FieldError("address", ErrorCodes.TooLong));
        }

        var directions = Directions(input);
        if (directions.Count == 0)
        {
            errors.Add(new FieldError("directions", ErrorCodes.DirectionsRequired));
        }
        else
        {
            var known = await db.Directions.Where(d => directions.Contains(d.Code)).CountAsync(cancellationToken);
            if (known != directions.Count)
            {
                errors.Add(new FieldError("directions", ErrorCodes.DirectionInvalid));
            }
        }

        foreach (var (field, text) in new[] { ("descriptionKk", input.DescriptionKk), ("descriptionRu", input.DescriptionRu), ("descriptionEn", input.DescriptionEn) })
        {
            if (Clean(text) is { Length: > Organization.MaxDescriptionLength })
            {
                errors.Add(new FieldError(field, ErrorCodes.TooLong));
            }
        }

        if (Clean(input.Email) is { } email && !SignUp.IsEmail(email))
        {
            errors.Add(new FieldError("email", ErrorCodes.EmailInvalid));
        }

        if (Clean(input.Phone) is { } phone && !PhoneNumber.TryParseAny(phone, out _))
        {
            errors.Add(new FieldError("phone", ErrorCodes.PhoneInvalid));
        }

        if (Clean(input.Website) is { } website && !IsWebsite(website))
        {
            errors.Add(new FieldError("website", OrganizationErrors.WebsiteInvalid));
        }

        return errors;
    }

    public static bool IsWebsite(string text) =>
        text.Length <= MaxWebsiteLength
        && Uri.TryCreate(text, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.Host.Contains('.', StringComparison.Ordinal);

    private static void Apply(Organization organization, OrganizationInput input)
    {
        new LegalDetails(Clean(input.Name)!, Clean(input.LegalForm) ?? "other", Clean(input.RegionKato)!).ApplyTo(organization);
        ApplyOtherDetails(organization, input);
    }

    private static void ApplyOtherDetails(Organization organization, OrganizationInput input)
    {
        organization.Address = Clean(input.Address);
        organization.Directions = Directions(input);
        organization.Description = new LocalizedText(Clean(input.DescriptionKk), Clean(input.DescriptionRu), Clean(input.DescriptionEn));
        organization.Email = Clean(input.Email);
        organization.Phone = PhoneNumber.TryParseAny(input.Phone, out var phone) ? phone!.Value : null;
        organization.Website = Clean(input.Website);
        organization.RefreshSearchText();
    }

    private static List<string> Directions(OrganizationInput input) =>
        [.. input.Directions.Where(d => !string.IsNullOrWhiteSpace(d)).Select(d => d.Trim()).Distinct(StringComparer.Ordinal)];

    private static Refusal BinTaken() => Outcome.Refused(OrganizationErrors.BinExists, "bin");

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
