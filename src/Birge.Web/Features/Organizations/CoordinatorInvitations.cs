using System.Globalization;
using System.Security.Cryptography;
using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Features.Accounts;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Organizations;

/// <summary>
/// The owner invites someone by e-mail or phone to coordinate for the organisation. The link goes by the channel the
/// owner used (e-mail or SMS), in the invitee's language, and works once, only for an account with that contact. A
/// contact without an account gets an invitation to join Birge (in the owner's language) and can accept once signed
/// up with it; the owner's answer is the same either way, so inviting does not tell who has an account.
/// </summary>
public sealed class CoordinatorInvitations(BirgeDb db, UserManager<Account> users, Outbox outbox, AuditLog audit, TimeProvider clock)
{
    public async Task<Outcome<OrganizationInvitation>> InviteAsync(Organization organization, string? email, string? phone, Guid invitedBy, CancellationToken cancellationToken)
    {
        email = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        phone = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();
        var errors = new List<FieldError>();
        if (email is null && phone is null)
        {
            errors.Add(new FieldError("email", ErrorCodes.ContactRequired));
        }
        else if (email is not null && phone is not null)
        {
            // One person at a time: the link must go to one address.
            errors.Add(new FieldError("phone", ErrorCodes.ValueInvalid, "Error_invitation_one_contact"));
        }
        else if (email is not null && !SignUp.IsEmail(email))
        {
            errors.Add(new FieldError("email", ErrorCodes.EmailInvalid));
        }
        else if (phone is not null && PhoneNumber.Check(phone) is { } phoneError)
        {
            errors.Add(new FieldError("phone", phoneError));
        }

        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }

        var field = email is not null ? "email" : "phone";
        var normalizedEmail = email is null ? null : users.NormalizeEmail(email);
        var phoneValue = phone is not null && PhoneNumber.TryParse(phone, out var parsed) ? parsed!.Value : null;
        var invitee = await db.Accounts.AsNoTracking()
            .Where(a => a.Status == AccountStatus.Active
                && ((normalizedEmail != null && a.NormalizedEmail == normalizedEmail) || (phoneValue != null && a.Phone == phoneValue)))
            .FirstOrDefaultAsync(cancellationToken);
        if (invitee is not null
            && await db.OrganizationMembers.AnyAsync(m => m.OrganizationId == organization.Id && m.AccountId == invitee.Id, cancellationToken))
        {
            return Outcome.Invalid(field, OrganizationErrors.AlreadyMember);
        }

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var invitation = new OrganizationInvitation
        {
            OrganizationId = organization.Id,
            Email = normalizedEmail is null ? null : invitee?.Email ?? email,
            Phone = phoneValue,
            TokenHash = SignUp.Hash(token),
            InvitedBy = invitedBy,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.OrganizationInvitations.Add(invitation);
        var link = outbox.Link("/invitations/accept?token=" + token);
        if (invitee is not null)
        {
            Send(invitation, Cultures.FromLanguage(invitee.Language), new OrganizationMessages.OrganizationInvitation(invitee.FullName ?? "", organization.Name, link));
        }
        else
        {
            var language = await db.Accounts.Where(a => a.Id == invitedBy).Select(a => a.Language).FirstOrDefaultAsync(cancellationToken);
            Send(invitation, Cultures.FromLanguage(language), new OrganizationMessages.OrganizationInvitationJoin(organization.Name, outbox.Link("/account/signup"), link));
        }

        audit.Record("organization.coordinator_invited", "organization", organization.Id.ToString(), organization.RegionKato);
        await db.SaveChangesAsync(cancellationToken);
        return invitation;
    }

    /// <summary>Closes an open invitation; the link stops working. False when there is no such open invitation.</summary>
    public async Task<bool> RevokeAsync(Guid organizationId, Guid invitationId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var invitation = await db.OrganizationInvitations
            .FirstOrDefaultAsync(i => i.Id == invitationId && i.OrganizationId == organizationId, cancellationToken);
        if (invitation is null || !invitation.IsOpen(now))
        {
            return false;
        }

        invitation.RevokedAt = now;
        var region = await db.Organizations.Where(o => o.Id == organizationId).Select(o => o.RegionKato).FirstOrDefaultAsync(cancellationToken);
        audit.Record("organization.invitation_revoked", "organization", organizationId.ToString(), region);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public async Task<List<OrganizationInvitation>> OpenAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var invitations = await db.OrganizationInvitations.AsNoTracking()
            .Where(i => i.OrganizationId == organizationId && i.AcceptedAt == null && i.RevokedAt == null)
            .ToListAsync(cancellationToken);
        return [.. invitations.Where(i => i.IsOpen(now)).OrderBy(i => i.CreatedAt)];
    }

    /// <summary>The open invitation behind a link, with its organisation; null for an unknown, used or expired link.</summary>
    public async Task<(OrganizationInvitation Invitation, Organization Organization)?> FindAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            return null;
        }

        var hash = SignUp.Hash(token);
        var invitation = await db.OrganizationInvitations.FirstOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
        if (invitation is null || !invitation.IsOpen(clock.GetUtcNow().UtcDateTime))
        {
            return null;
        }

        var organization = await db.Organizations.FirstOrDefaultAsync(o => o.Id == invitation.OrganizationId, cancellationToken);
        return organization is null ? null : (invitation, organization);
    }

    /// <summary>Why <paramref name="account"/> may not accept, or null: the link is only for the address it was sent to.</summary>
    public async Task<string?> CheckAsync(OrganizationInvitation invitation, Account account, CancellationToken cancellationToken)
    {
        var sameEmail = invitation.Email is not null && account.NormalizedEmail is not null
            && users.NormalizeEmail(invitation.Email) == account.NormalizedEmail;
        var samePhone = invitation.Phone is not null && account.Phone == invitation.Phone;
        if (!account.IsActive || !(sameEmail || samePhone))
        {
            return OrganizationErrors.InvitationInvalid;
        }

        return await db.OrganizationMembers.AnyAsync(m => m.OrganizationId == invitation.OrganizationId && m.AccountId == account.Id, cancellationToken)
            ? OrganizationErrors.AlreadyMember
            : null;
    }

    /// <summary>The invited person becomes a coordinator.</summary>
    public async Task<Outcome> AcceptAsync(OrganizationInvitation invitation, Organization organization, Account account, CancellationToken cancellationToken)
    {
        if (await CheckAsync(invitation, account, cancellationToken) is { } error)
        {
            return Outcome.Refused(error);
        }

        // The link reached the invited address and this account holds it: that proves the address is theirs, as the
        // confirmation link would (a person invited before they signed up need not confirm it separately).
        if (invitation.Email is not null)
        {
            account.EmailConfirmed = true;
        }
        else
        {
            account.PhoneConfirmed = true;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        invitation.AcceptedAt = now;
        invitation.AcceptedBy = account.Id;
        db.OrganizationMembers.Add(new OrganizationMember
        {
            OrganizationId = organization.Id,
            AccountId = account.Id,
            Role = OrganizationMember.Coordinator,
            JoinedAt = now,
        });
        audit.Record("organization.coordinator_joined", "organization", organization.Id.ToString(), organization.RegionKato);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same link accepted twice at the same moment: the member's key decides.
            db.ChangeTracker.Clear();
            return Outcome.Refused(OrganizationErrors.AlreadyMember);
        }

        return Outcome.Done;
    }

    private void Send(OrganizationInvitation invitation, CultureInfo culture, Message message)
    {
        if (invitation.Email is not null)
        {
            outbox.Email(invitation.Email, culture, message);
        }
        else
        {
            outbox.Sms(invitation.Phone!, culture, message);
        }
    }
}
