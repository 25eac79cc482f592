using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Features.Accounts;
using Birge.Web.Features.Applications;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Readiness;

/// <summary>What a team is made of, as the office writes it; checked by <see cref="TeamRoster"/>.</summary>
public sealed record TeamInput(string? RegionKato, string? Name, string? Kind, string? Equipment, DateOnly? LastDrillOn, bool Standby);

/// <summary>A certificate a member holds, as the office gives it.</summary>
public sealed record CertificateInput(string? Code, DateOnly? ExpiresOn);

/// <summary>
/// The readiness register (M10): a region's permanent teams, their adult members and each member's certificates. The
/// callers check that the person acting is staff of the team's region (the route's scope or, for a new team, the page
/// or endpoint); here the rules of the register itself.
/// </summary>
public sealed class TeamRoster(BirgeDb db, AccountLookup accounts, AuditLog audit, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> Roles = ["leader", "deputy", "member"];

    /// <summary>The states a member may be put in (the office), or put themselves in (available, unavailable).</summary>
    public static readonly IReadOnlyList<MemberState> States = Enum.GetValues<MemberState>();

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Today in Kazakhstan: drills, ages and expiry dates are days there.</summary>
    public DateOnly Today => DateOnly.FromDateTime(KazakhstanTime.FromUtc(Now));

    public async Task<Outcome<Team>> CreateAsync(TeamInput input, Guid actor, CancellationToken cancellationToken)
    {
        if (await CheckAsync(input, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var team = new Team
        {
            RegionKato = input.RegionKato!,
            Name = input.Name!.Trim(),
            Kind = input.Kind!,
            Equipment = Clean(input.Equipment),
            LastDrillOn = input.LastDrillOn,
            Standby = input.Standby,
            CreatedAt = Now,
            CreatedBy = actor,
            UpdatedAt = Now,
        };
        db.Teams.Add(team);
        audit.Record("team.created", "team", team.Id.ToString(), team.RegionKato, $"kind={team.Kind}");
        await db.SaveChangesAsync(cancellationToken);
        return team;
    }

    /// <summary>Changes the team's name, kind, equipment, last drill and standby flag; its region stays.</summary>
    public async Task<Outcome<Team>> EditAsync(Guid teamId, TeamInput input, CancellationToken cancellationToken)
    {
        var team = await db.Teams.FirstOrDefaultAsync(t => t.Id == teamId, cancellationToken);
        if (team is null)
        {
            return Outcome.Refused(ReadinessErrors.TeamNotFound);
        }

        if (await CheckAsync(input with { RegionKato = team.RegionKato }, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        team.Name = input.Name!.Trim();
        team.Kind = input.Kind!;
        team.Equipment = Clean(input.Equipment);
        team.LastDrillOn = input.LastDrillOn;
        team.Standby = input.Standby;
        team.UpdatedAt = Now;
        await db.SaveChangesAsync(cancellationToken);
        return team;
    }

    /// <summary>Finds the account by e-mail or phone (any common spelling) and adds it; the field refused is "contact".</summary>
    public async Task<Outcome<TeamMember>> AddByContactAsync(Guid teamId, string? contact, string? role, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(contact))
        {
            return Outcome.Invalid("contact", ErrorCodes.ContactRequired);
        }

        var account = await accounts.FindByLoginAsync(contact, cancellationToken);
        return account is null
            ? Outcome.Invalid("contact", ReadinessErrors.AccountUnknown)
            : await AddAsync(teamId, account.Id, role, [], cancellationToken, accountField: "contact");
    }

    /// <summary>
    /// Adds an active adult account to the team as available, with its certificates if given. Someone under 18, or with
    /// no birth date to tell, cannot join; someone already in the team is a conflict. Nothing is stored on a refusal.
    /// </summary>
    public async Task<Outcome<TeamMember>> AddAsync(
        Guid teamId,
        Guid accountId,
        string? role,
        IReadOnlyList<CertificateInput> certificates,
        CancellationToken cancellationToken,
        string accountField = "accountId",
        string prefix = "")
    {
        accountField = prefix + accountField;
        var team = await db.Teams.AsNoTracking().FirstOrDefaultAsync(t => t.Id == teamId, cancellationToken);
        if (team is null)
        {
            return Outcome.Refused(ReadinessErrors.TeamNotFound);
        }

        var account = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == accountId && a.Status == AccountStatus.Active, cancellationToken);
        if (account is null)
        {
            return Outcome.Invalid(accountField, ReadinessErrors.AccountUnknown);
        }

        if (account.Age(Today) is not { } age)
        {
            return Outcome.Invalid(accountField, ReadinessErrors.BirthDateUnknown);
        }

        if (age < Account.AdultAge)
        {
            return Outcome.Invalid([new FieldError(accountField, ApplicationErrors.AgeRestricted, "Team_Error_Under18")]);
        }

        var errors = new List<FieldError>();
        if (RoleError(role) is { } roleError)
        {
            errors.Add(new FieldError(prefix + "role", roleError));
        }

        for (var i = 0; i < certificates.Count; i++)
        {
            errors.AddRange(CertificateErrors(certificates[i], $"{prefix}certificates[{i}]."));
        }

        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }

        if (await db.TeamMembers.AnyAsync(m => m.TeamId == teamId && m.AccountId == accountId, cancellationToken))
        {
            return Outcome.Refused(ReadinessErrors.AlreadyMember, accountField);
        }

        var member = new TeamMember { TeamId = teamId, AccountId = accountId, Role = role!.Trim(), State = MemberState.Available, JoinedAt = Now, UpdatedAt = Now };
        db.TeamMembers.Add(member);
        foreach (var certificate in certificates.DistinctBy(c => c.Code))
        {
            await PutCertificateAsync(accountId, certificate, cancellationToken);
        }

        audit.Record("team.member_added", "team", teamId.ToString(), team.RegionKato);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Someone added the same person at the same moment: the key decided.
            db.ChangeTracker.Clear();
            if (await db.TeamMembers.AsNoTracking().AnyAsync(m => m.TeamId == teamId && m.AccountId == accountId, CancellationToken.None))
            {
                return Outcome.Refused(ReadinessErrors.AlreadyMember, accountField);
            }

            throw;
        }

        return member;
    }

    /// <summary>The office changes a member's state and role.</summary>
    public async Task<Outcome> ChangeAsync(Guid teamId, Guid accountId, string? state, string? role, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        if (ParseState(state) is null)
        {
            errors.Add(new FieldError("state", ReadinessErrors.StateInvalid));
        }

        if (role is not null && RoleError(role) is { } roleError)
        {
            errors.Add(new FieldError("role", roleError));
        }

        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }

        var member = await db.TeamMembers.FirstOrDefaultAsync(m => m.TeamId == teamId && m.AccountId == accountId, cancellationToken);
        if (member is null)
        {
            return Outcome.Refused(ReadinessErrors.NotMember);
        }

        member.State = ParseState(state)!.Value;
        if (role is not null)
        {
            member.Role = role.Trim();
        }

        member.UpdatedAt = Now;
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done;
    }

    /// <summary>A member says whether they can be called now: available or unavailable (committed elsewhere is the office's to set).</summary>
    public async Task<Outcome> SetOwnStateAsync(Guid teamId, Guid accountId, string? state, CancellationToken cancellationToken)
    {
        if (ParseState(state) is not { } parsed || parsed == MemberState.Committed)
        {
            return Outcome.Invalid("state", ReadinessErrors.StateInvalid);
        }

        var now = Now;
        var changed = await db.TeamMembers.Where(m => m.TeamId == teamId && m.AccountId == accountId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.State, parsed).SetProperty(m => m.UpdatedAt, now), cancellationToken);
        return changed == 1 ? Outcome.Done : Outcome.Refused(ReadinessErrors.NotMember);
    }

    public async Task<Outcome> RemoveAsync(Guid teamId, Guid accountId, CancellationToken cancellationToken)
    {
        var member = await db.TeamMembers.FirstOrDefaultAsync(m => m.TeamId == teamId && m.AccountId == accountId, cancellationToken);
        if (member is null)
        {
            return Outcome.Refused(ReadinessErrors.NotMember);
        }

        var region = await db.Teams.Where(t => t.Id == teamId).Select(t => t.RegionKato).FirstAsync(cancellationToken);
        db.TeamMembers.Remove(member);
        audit.Record("team.member_removed", "team", teamId.ToString(), region);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done;
    }

    /// <summary>Adds or replaces a member's certificate of that code; a new expiry date means a new notice before it.</summary>
    public async Task<Outcome> PutCertificateAsync(Guid teamId, Guid accountId, CertificateInput input, CancellationToken cancellationToken)
    {
        if (CertificateErrors(input, "").ToList() is { Count: > 0 } errors)
        {
            return Outcome.Invalid(errors);
        }

        if (!await db.TeamMembers.AnyAsync(m => m.TeamId == teamId && m.AccountId == accountId, cancellationToken))
        {
            return Outcome.Refused(ReadinessErrors.NotMember);
        }

        await PutCertificateAsync(accountId, input, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same certificate added at the same moment by someone else: theirs stands, set the date on it.
            db.ChangeTracker.Clear();
            await PutCertificateAsync(accountId, input, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        return Outcome.Done;
    }

    public async Task<Outcome> RemoveCertificateAsync(Guid teamId, Guid accountId, Guid certificateId, CancellationToken cancellationToken)
    {
        if (!await db.TeamMembers.AnyAsync(m => m.TeamId == teamId && m.AccountId == accountId, cancellationToken))
        {
            return Outcome.Refused(ReadinessErrors.NotMember);
        }

        var removed = await db.VolunteerCertificates.Where(c => c.Id == certificateId && c.AccountId == accountId).ExecuteDeleteAsync(cancellationToken);
        return removed == 1 ? Outcome.Done : Outcome.Refused(ReadinessErrors.CertificateNotFound);
    }

    public static MemberState? ParseState(string? state) =>
        States.Select(s => (MemberState?)s).FirstOrDefault(s => string.Equals(s.ToString(), state, StringComparison.OrdinalIgnoreCase)
            || (s == MemberState.Committed && string.Equals(state, "committed_elsewhere", StringComparison.OrdinalIgnoreCase)));

    /// <summary>The state as the API names it.</summary>
    public static string ApiName(MemberState state) => state.ToString().ToLowerInvariant();

    /// <summary>A role's name in the page's language: the three known ones translated, free text as written.</summary>
    public static string RoleKey(string role) => Roles.Contains(role) ? "TeamRole_" + role : "";

    private async Task PutCertificateAsync(Guid accountId, CertificateInput input, CancellationToken cancellationToken)
    {
        var existing = await db.VolunteerCertificates.FirstOrDefaultAsync(c => c.AccountId == accountId && c.Code == input.Code, cancellationToken);
        if (existing is null)
        {
            db.VolunteerCertificates.Add(new VolunteerCertificate { AccountId = accountId, Code = input.Code!, ExpiresOn = input.ExpiresOn!.Value, CreatedAt = Now, UpdatedAt = Now });
        }
        else if (existing.ExpiresOn != input.ExpiresOn)
        {
            existing.ExpiresOn = input.ExpiresOn!.Value;
            existing.ExpiryNoticeSentAt = null;
            existing.UpdatedAt = Now;
        }
    }

    private IEnumerable<FieldError> CertificateErrors(CertificateInput input, string prefix)
    {
        if (input.Code is null || !VolunteerCertificate.Codes.Contains(input.Code))
        {
            yield return new FieldError(prefix + "code", ReadinessErrors.CertificateInvalid);
        }

        if (input.ExpiresOn is not { } expires)
        {
            yield return new FieldError(prefix + "expiresOn", ErrorCodes.ValueInvalid);
        }
        else if (expires < Today)
        {
            yield return new FieldError(prefix + "expiresOn", ReadinessErrors.CertificateExpired);
        }
    }

    private async Task<Refusal?> CheckAsync(TeamInput input, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        if (input.RegionKato is null || !await db.Regions.AnyAsync(r => r.Kato == input.RegionKato, cancellationToken))
        {
            errors.Add(new FieldError("regionKato", ErrorCodes.RegionInvalid));
        }

        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Trim().Length > Team.MaxNameLength)
        {
            errors.Add(new FieldError("name", ReadinessErrors.NameInvalid));
        }

        if (input.Kind is null || !Team.Kinds.Contains(input.Kind))
        {
            errors.Add(new FieldError("kind", ReadinessErrors.KindInvalid));
        }

        if (input.Equipment?.Trim().Length > Team.MaxEquipmentLength)
        {
            errors.Add(new FieldError("equipment", ErrorCodes.TooLong));
        }

        if (input.LastDrillOn > Today)
        {
            errors.Add(new FieldError("lastDrillOn", ReadinessErrors.DrillInFuture));
        }

        return errors.Count > 0 ? Outcome.Invalid(errors) : null;
    }

    private static string? RoleError(string? role) =>
        string.IsNullOrWhiteSpace(role) || role.Trim().Length > TeamMember.MaxRoleLength ? ReadinessErrors.RoleInvalid : null;

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
