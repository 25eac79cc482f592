using System.Security.Claims;
using System.Security.Cryptography;
using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.CallOuts;

/// <summary>What the office asks for: the API's body and the form's fields. Times are UTC.</summary>
public sealed record CallOutInput
{
    public string? Title { get; init; }

    public string? Description { get; init; }

    public string? RegionKato { get; init; }

    public IReadOnlyList<string>? NeighbouringRegions { get; init; }

    public IReadOnlyList<Guid>? TeamIds { get; init; }

    public IReadOnlyList<string>? Certificates { get; init; }

    public int Needed { get; init; }

    public DateTime? AnswerBy { get; init; }

    public string? Place { get; init; }

    public DateTime? StartsAt { get; init; }

    /// <summary>When the work ends; 12 hours after the start unless said.</summary>
    public DateTime? EndsAt { get; init; }

    /// <summary>"If fewer than needed by then, ask the next wave"; half-way to answer-by unless said.</summary>
    public DateTime? NextWaveAt { get; init; }
}

/// <summary>A call-out sent: its id and how many people its first wave reached.</summary>
public sealed record SentCallOut(CallOut CallOut, int Recipients);

/// <summary>
/// Sends a call-out (M10). The recipients of each wave are fixed when it goes out: members of the wave's teams who are
/// available (not unavailable or committed in any team), 18 or older on the start day, with an active account, holding
/// every required certificate valid on the start day, each person once and never twice across waves. Candidates are
/// read in one query and the recipients, their messages and the call-out saved at once, so 10,000 go in seconds.
/// </summary>
public sealed class CallOutDispatch(BirgeDb db, TimeProvider clock, Outbox outbox, Scopes scopes, AuditLog audit)
{
    public const string AuditAction = "call_out.send";

    /// <summary>Letters and digits no one misreads on a phone (no 0/O, 1/I/L, 2/Z, 5/S, 8/B).</summary>
    private const string CodeAlphabet = "ACDEFGHJKMNPQRTUVWXY3479";

    public const int DefaultHours = 12;

    /// <summary>Checks the input and counts whom the first wave would reach, sending nothing.</summary>
    public async Task<Outcome<SentCallOut>> PreviewAsync(CallOutInput input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var checkedInput = await CheckAsync(input, user, cancellationToken);
        if (checkedInput.Value is not { } callOut)
        {
            return checkedInput.Refusal!;
        }

        var count = await CandidatesOf(callOut, 1, TeamsOfWave(callOut, 1)).Select(c => c.Account.Id).Distinct().CountAsync(cancellationToken);
        return new SentCallOut(callOut, count);
    }

    /// <summary>Sends the call-out's first wave, all in one transaction.</summary>
    public async Task<Outcome<SentCallOut>> SendAsync(CallOutInput input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var checkedInput = await CheckAsync(input, user, cancellationToken);
        if (checkedInput.Value is not { } callOut)
        {
            return checkedInput.Refusal!;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        callOut = await SaveWithUniqueCodeAsync(callOut, cancellationToken);
        var recipients = await AddWaveAsync(callOut, 1, cancellationToken);
        audit.Record(AuditAction, "call_out", callOut.Id.ToString(), callOut.RegionKato, $"needed {callOut.Needed}, wave 1: {recipients}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SentCallOut(callOut, recipients);
    }

    /// <summary>The idempotency key of one wave's message to one person; the board counts what was sent and delivered by it.</summary>
    public static string Key(Guid callOutId, int wave, Guid accountId) => $"callout:{callOutId}:{wave}:{accountId}";

    /// <summary>
    /// Writes the recipients of a wave and their messages, in the caller's transaction: wave 1 the teams asked (or every
    /// team of the region that is not on standby), wave 2 the region's standby teams, wave 3 the neighbouring regions'.
    /// </summary>
    public async Task<int> AddWaveAsync(CallOut callOut, int wave, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var candidates = await CandidatesOf(callOut, wave, TeamsOfWave(callOut, wave)).ToListAsync(cancellationToken);
        var link = outbox.Link($"/call-outs/{callOut.Id}");
        var message = new CallOutMessages.CallOutSent(callOut.Title, callOut.Place, callOut.StartsAt, callOut.ShortCode, link);
        var people = candidates.DistinctBy(c => c.Account.Id).ToList();
        // Ten thousand people are 30,000 rows (recipient, notice, SMS or e-mail): written at once, in the caller's
        // transaction, rather than tracked one by one.
        await BulkInsert.NewRowsAsync(db, [.. people.Select(c => new CallOutRecipient
        {
            CallOutId = callOut.Id,
            AccountId = c.Account.Id,
            Wave = wave,
            RegionKato = c.TeamRegion,
            Phone = c.Account.Phone,
            SentAt = now,
        })], cancellationToken);

        // The one place a call-out is queued, each person's message keyed by the call-out and wave (a critical kind:
        // in-app and every channel, no preferences read).
        await outbox.ToAccountsNowAsync([.. people.Select(c => c.Account)], _ => message, a => CallOutDispatch.Key(callOut.Id, wave, a.Id), cancellationToken);
        return people.Count;
    }

    private IQueryable<Team> TeamsOfWave(CallOut callOut, int wave) => wave switch
    {
        1 when callOut.TeamIds.Count > 0 => db.Teams.Where(t => callOut.TeamIds.Contains(t.Id)),
        1 => db.Teams.Where(t => t.RegionKato == callOut.RegionKato && !t.Standby),
        2 => db.Teams.Where(t => t.RegionKato == callOut.RegionKato && t.Standby),
        _ => db.Teams.Where(t => callOut.NeighbouringRegions.Contains(t.RegionKato)),
    };

    private sealed class Candidate
    {
        public required Account Account { get; init; }

        public required string TeamRegion { get; init; }
    }

    private IQueryable<Candidate> CandidatesOf(CallOut callOut, int wave, IQueryable<Team> teams)
    {
        var day = DateOnly.FromDateTime(KazakhstanTime.FromUtc(callOut.StartsAt));
        var bornBy = day.AddYears(-Account.AdultAge);
        var certificates = callOut.Certificates;
        var required = certificates.Count;
        var id = callOut.Id;
        return from member in db.TeamMembers.AsNoTracking()
               join team in teams on member.TeamId equals team.Id
               join account in db.Accounts.AsNoTracking() on member.AccountId equals account.Id
               where member.State == MemberState.Available
                   && !db.TeamMembers.Any(o => o.AccountId == member.AccountId && o.State != MemberState.Available)
                   && account.Status == AccountStatus.Active
                   && account.BirthDate != null && account.BirthDate <= bornBy
                   && (required == 0 || db.VolunteerCertificates
                       .Where(c => c.AccountId == member.AccountId && certificates.Contains(c.Code) && c.ExpiresOn >= day)
                       .Select(c => c.Code).Distinct().Count() == required)
                   && (wave == 1 || !db.CallOutRecipients.Any(r => r.CallOutId == id && r.AccountId == member.AccountId))
               orderby account.Id
               select new Candidate { Account = account, TeamRegion = team.RegionKato };
    }

    /// <summary>Validates the input and builds the call-out (not stored).</summary>
    private async Task<Outcome<CallOut>> CheckAsync(CallOutInput input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new List<FieldError>();
        var title = Text(errors, "title", input.Title, CallOut.MaxTitleLength);
        var description = Text(errors, "description", input.Description, CallOut.MaxDescriptionLength);
        var place = Text(errors, "place", input.Place, CallOut.MaxPlaceLength);

        var regionKato = input.RegionKato?.Trim();
        var neighbours = (input.NeighbouringRegions ?? []).Select(r => r?.Trim() ?? "").Distinct(StringComparer.Ordinal).ToList();
        var asked = neighbours.Append(regionKato ?? "").Distinct(StringComparer.Ordinal).ToList();
        var known = await db.Regions.AsNoTracking().Where(r => asked.Contains(r.Kato)).Select(r => r.Kato).ToListAsync(cancellationToken);
        if (string.IsNullOrEmpty(regionKato) || !known.Contains(regionKato))
        {
            errors.Add(new FieldError("regionKato", ErrorCodes.RegionInvalid));
        }

        if (neighbours.Any(n => n == regionKato || !known.Contains(n)))
        {
            errors.Add(new FieldError("neighbouringRegions", CallOutErrors.NeighbourInvalid));
        }

        if (input.Needed is < 1 or > CallOut.MaxNeeded)
        {
            errors.Add(new FieldError("needed", CallOutErrors.NeededInvalid));
        }

        var startsAt = Utc(input.StartsAt);
        var answerBy = Utc(input.AnswerBy);
        var endsAt = Utc(input.EndsAt) ?? startsAt?.AddHours(DefaultHours);
        if (startsAt is not { } start || start <= now)
        {
            errors.Add(new FieldError("startsAt", CallOutErrors.StartsAtInvalid));
        }
        else if (endsAt <= start)
        {
            errors.Add(new FieldError("endsAt", ErrorCodes.DateRangeInvalid));
        }

        if (answerBy is not { } by || by <= now || (startsAt is { } s && by > s))
        {
            errors.Add(new FieldError("answerBy", CallOutErrors.AnswerByInvalid));
        }

        var nextWaveAt = Utc(input.NextWaveAt) ?? (answerBy is { } a && a > now ? now + ((a - now) / 2) : null);
        if (nextWaveAt is { } next && (next <= now || next >= answerBy))
        {
            errors.Add(new FieldError("nextWaveAt", CallOutErrors.NextWaveInvalid));
        }

        var certificates = (input.Certificates ?? []).Select(c => c?.Trim() ?? "").Distinct(StringComparer.Ordinal).ToList();
        if (certificates.Any(c => !VolunteerCertificate.Codes.Contains(c)))
        {
            errors.Add(new FieldError("certificates", CallOutErrors.CertificateUnknown));
        }

        var teamIds = (input.TeamIds ?? []).Distinct().ToList();
        if (teamIds.Count > 0)
        {
            var teamsOfRegion = await db.Teams.AsNoTracking().CountAsync(t => teamIds.Contains(t.Id) && t.RegionKato == regionKato, cancellationToken);
            if (teamsOfRegion != teamIds.Count)
            {
                errors.Add(new FieldError("teamIds", CallOutErrors.TeamInvalid));
            }
        }

        // Another region's office may not call out this one (the national office may call any).
        if (regionKato is not null && known.Contains(regionKato) && !await scopes.IsStaffOfRegionAsync(user, regionKato, cancellationToken))
        {
            await audit.RecordDeniedAsync(AuditAction, "region", regionKato, regionKato, cancellationToken);
            return Outcome.Refused(CallOutErrors.OtherRegion, "regionKato");
        }

        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }

        return new CallOut
        {
            ShortCode = NewShortCode(),
            RegionKato = regionKato!,
            NeighbouringRegions = neighbours,
            TeamIds = teamIds,
            Certificates = certificates,
            Title = title!,
            Description = description!,
            Place = place!,
            Needed = input.Needed,
            AnswerBy = answerBy!.Value,
            StartsAt = startsAt!.Value,
            EndsAt = endsAt!.Value,
            Wave = 1,
            NextWaveAt = nextWaveAt,
            CreatedBy = Scopes.AccountId(user)!.Value,
            CreatedAt = now,
        };
    }

    /// <summary>Stores the call-out under a short code no other call-out has: a collision (rare) takes a new code.</summary>
    private async Task<CallOut> SaveWithUniqueCodeAsync(CallOut callOut, CancellationToken cancellationToken)
    {
        var taken = await db.CallOuts.AsNoTracking().AnyAsync(c => c.ShortCode == callOut.ShortCode, cancellationToken);
        var candidate = callOut;
        for (var attempt = 0; ; attempt++)
        {
            if (!taken)
            {
                db.CallOuts.Add(candidate);
                try
                {
                    // Inside the caller's transaction EF Core sets a savepoint, so a failed insert leaves it usable.
                    await db.SaveChangesAsync(cancellationToken);
                    return candidate;
                }
                catch (DbUpdateException) when (attempt < 5)
                {
                    db.Entry(candidate).State = EntityState.Detached;
                }
            }

            candidate = WithCode(callOut, NewShortCode());
            taken = await db.CallOuts.AsNoTracking().AnyAsync(c => c.ShortCode == candidate.ShortCode, cancellationToken);
            if (attempt >= 20)
            {
                throw new InvalidOperationException("No free call-out short code was found.");
            }
        }
    }

    private static CallOut WithCode(CallOut callOut, string code) => new()
    {
        Id = callOut.Id,
        ShortCode = code,
        RegionKato = callOut.RegionKato,
        NeighbouringRegions = callOut.NeighbouringRegions,
        TeamIds = callOut.TeamIds,
        Certificates = callOut.Certificates,
        Title = callOut.Title,
        Description = callOut.Description,
        Place = callOut.Place,
        Needed = callOut.Needed,
        AnswerBy = callOut.AnswerBy,
        StartsAt = callOut.StartsAt,
        EndsAt = callOut.EndsAt,
        Wave = callOut.Wave,
        NextWaveAt = callOut.NextWaveAt,
        CreatedBy = callOut.CreatedBy,
        CreatedAt = callOut.CreatedAt,
        CheckinSecret = callOut.CheckinSecret,
    };

    public static string NewShortCode() => RandomNumberGenerator.GetString(CodeAlphabet, CallOut.ShortCodeLength);

    private static string? Text(List<FieldError> errors, string field, string? value, int max)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            errors.Add(new FieldError(field, CallOutErrors.TextRequired));
            return null;
        }

        if (text.Length > max)
        {
            errors.Add(new FieldError(field, ErrorCodes.TooLong));
        }

        return text;
    }

    /// <summary>The API's times are UTC; one without a zone is read as UTC.</summary>
    private static DateTime? Utc(DateTime? value) => value switch
    {
        null => null,
        { Kind: DateTimeKind.Local } local => local.ToUniversalTime(),
        { } other => DateTime.SpecifyKind(other, DateTimeKind.Utc),
    };
}
