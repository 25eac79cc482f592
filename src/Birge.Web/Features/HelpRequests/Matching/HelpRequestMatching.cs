using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.HelpRequests.Matching;

/// <summary>
/// Volunteers to suggest for one request, best first, each with the reasons an operator reads.
/// <para>
/// Distance: volunteers have no stored point, so nearness is what they told us: their region (the SQL filter) and
/// their city (<see cref="VolunteerProfile.City"/> against the request's locality). The points of opportunities they
/// once attended were left out on purpose: they say where someone went once, not where they live, and reading them
/// would join attendance for every candidate at national scale.
/// </para>
/// <para>
/// Scale: the database narrows to the request's region (indexed), active and confirmed accounts, adults where needed,
/// and not the requester's own phone, and returns at most <see cref="CandidateLimit"/> of them, the same city first
/// and the rest from a random point of the id order (so the same few are not always the ones looked at). Only that
/// bounded set is ranked in memory, with two more queries (tasks in 30 days, active claims) over its ids.
/// </para>
/// </summary>
public sealed class HelpRequestMatching(BirgeDb db, HelpRequestClaims claims, TimeProvider clock)
{
    public const int CandidateLimit = 200;

    public static readonly TimeSpan FairnessWindow = TimeSpan.FromDays(30);

    /// <summary>What each category asks of a volunteer: skill codes of <see cref="Catalogues.Skills"/> and direction codes of the seed.</summary>
    public static readonly IReadOnlyDictionary<string, (string[] Skills, string[] Directions)> Fits = new Dictionary<string, (string[], string[])>
    {
        ["groceries"] = (["driving", "logistics", "cooking"], ["social"]),
        ["household"] = (["construction", "gardening", "elderly_care"], ["social"]),
        ["transport"] = (["driving"], ["social", "inclusion"]),
        ["company"] = (["elderly_care", "psychology", "music"], ["social", "mentorship"]),
        ["psychological"] = (["psychology", "medicine"], ["social", "inclusion"]),
        ["disaster"] = (["rescue", "first_aid", "construction", "logistics"], ["emergency"]),
        ["digital"] = (["it", "law", "translation", "teaching"], ["social", "mentorship"]),
        ["other"] = ([], ["social"]),
    };

    // The weights: the same city matters most (someone who can walk over), then the person's language (they asked to
    // be spoken to in it), then fitting skills and being free now; each recent task takes a point off (fairness).
    private const int SameCity = 8;
    private const int SpeaksLanguage = 6;
    private const int HasSkill = 4;
    private const int HasDirection = 2;
    private const int FreeNow = 4;
    private const int FreeToday = 2;
    private const int MaxFairnessPenalty = 6;

    public async Task<IReadOnlyList<HelpSuggestion>> SuggestAsync(HelpRequest request, int limit, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var candidates = await CandidatesAsync(request, now, null, cancellationToken);
        var ids = candidates.Select(c => (Guid?)c.Id).ToList();
        var since = now - FairnessWindow;
        var tasks = await db.HelpRequestEvents.AsNoTracking()
            .Where(e => e.Kind == HelpRequestEvent.Claimed && e.At >= since && ids.Contains(e.ActorId))
            .GroupBy(e => e.ActorId)
            .Select(g => new { Id = g.Key!.Value, Count = g.Count() })
            .ToDictionaryAsync(g => g.Id, g => g.Count, cancellationToken);
        var active = await ActiveClaimsAsync(ids, cancellationToken);
        var offered = await db.HelpRequestOffers.AsNoTracking().Where(o => o.HelpRequestId == request.Id).Select(o => o.VolunteerId).ToListAsync(cancellationToken);
        var directions = await db.Directions.AsNoTracking().ToDictionaryAsync(d => d.Code, d => d.Name, cancellationToken);

        var local = KazakhstanTime.FromUtc(now);
        var day = Day(local.DayOfWeek);
        var part = Part(local.Hour);
        var fit = Fits.TryGetValue(request.Category, out var f) ? f : ([], []);
        var suggestions = new List<HelpSuggestion>();
        var caps = await claims.CapsAsync([.. active.Keys], cancellationToken);
        foreach (var c in candidates)
        {
            var holding = active.GetValueOrDefault(c.Id);
            if (holding > 0 && holding >= caps[c.Id])
            {
                continue;
            }

            var score = 0;
            var reasons = new List<HelpMatchReason>();
            if (SameText(c.City, request.Locality))
            {
                score += SameCity;
                reasons.Add(new("HelpMatch_Reason_SameCity", []));
            }

            if (c.Languages.Contains(request.Language))
            {
                score += SpeaksLanguage;
                reasons.Add(new("HelpMatch_Reason_Speaks_" + request.Language, []));
            }

            if (fit.Skills.FirstOrDefault(c.Skills.Contains) is { } skill)
            {
                score += HasSkill;
                reasons.Add(new("HelpMatch_Reason_Skill", [new ResourceKey("Skill_" + skill)]));
            }

            if (fit.Directions.FirstOrDefault(c.Directions.Contains) is { } direction && directions.TryGetValue(direction, out var directionName))
            {
                score += HasDirection;
                reasons.Add(new("HelpMatch_Reason_Direction", [directionName]));
            }

            if (part is not null && c.Availability.Contains(WeeklySlots.Key(day, part)))
            {
                score += FreeNow;
                reasons.Add(new("HelpMatch_Reason_FreeNow", [new ResourceKey("Weekday_" + day), new ResourceKey("DayPart_" + part)]));
            }
            else if (WeeklySlots.Parts.FirstOrDefault(p => c.Availability.Contains(WeeklySlots.Key(day, p))) is { } freePart)
            {
                score += FreeToday;
                reasons.Add(new("HelpMatch_Reason_FreeToday", [new ResourceKey("Weekday_" + day), new ResourceKey("DayPart_" + freePart)]));
            }

            var recent = tasks.GetValueOrDefault(c.Id);
            score -= Math.Min(recent, MaxFairnessPenalty);
            reasons.Add(recent == 0 ? new("HelpMatch_Reason_NoTasks", []) : new("HelpMatch_Reason_Tasks", [recent]));
            if (holding > 0)
            {
                reasons.Add(new("HelpMatch_Reason_Holding", [holding]));
            }

            suggestions.Add(new HelpSuggestion(c.Id, c.FullName ?? "—", c.City, score, recent, holding, offered.Contains(c.Id), reasons));
        }

        return [.. suggestions
            .OrderByDescending(s => s.Score)
            .ThenBy(s => s.RecentTasks)
            .ThenBy(s => s.ActiveClaims)
            .ThenBy(s => s.VolunteerId)
            .Take(limit)];
    }

    /// <summary>Of the ids given, those who may not be offered this request (unknown, inactive, too young, the requester, at their cap).</summary>
    public async Task<IReadOnlyList<Guid>> UnsuitableAsync(HelpRequest request, IReadOnlyCollection<Guid> volunteerIds, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var suitable = (await CandidatesAsync(request, now, volunteerIds, cancellationToken)).Select(c => c.Id).ToHashSet();
        var active = await ActiveClaimsAsync([.. suitable.Select(id => (Guid?)id)], cancellationToken);
        var caps = await claims.CapsAsync([.. active.Keys], cancellationToken);
        suitable.ExceptWith(active.Where(a => a.Value >= caps[a.Key]).Select(a => a.Key));

        return [.. volunteerIds.Where(id => !suitable.Contains(id)).Distinct()];
    }

    /// <summary>
    /// The SQL part: the request's region (or the ids given, in any region), active accounts with a confirmed e-mail or
    /// phone, adults for <see cref="HelpCategories.AdultsOnly"/>, never the requester's own phone.
    /// </summary>
    private async Task<List<Candidate>> CandidatesAsync(HelpRequest request, DateTime now, IReadOnlyCollection<Guid>? only, CancellationToken cancellationToken)
    {
        var accounts = db.Accounts.AsNoTracking()
            .Where(a => a.Status == AccountStatus.Active && (a.EmailConfirmed || a.PhoneConfirmed))
            .Where(a => request.Phone == null || a.Phone == null || a.Phone != request.Phone);
        if (HelpCategories.AdultsOnly.Contains(request.Category))
        {
            var bornBy = DateOnly.FromDateTime(KazakhstanTime.FromUtc(now)).AddYears(-Account.AdultAge);
            accounts = accounts.Where(a => a.BirthDate != null && a.BirthDate <= bornBy);
        }

        var profiles = db.VolunteerProfiles.AsNoTracking();
        var withProfiles = (IQueryable<Account> of) =>
            from a in of
            join p in profiles on a.Id equals p.AccountId into found
            from p in found.DefaultIfEmpty()
            select new
            {
                a.Id,
                p.City,
                Candidate = p == null
                    ? new Candidate(a.Id, a.FullName, null, new List<string>(), new List<string>(), new List<string>(), new List<string>())
                    : new Candidate(a.Id, a.FullName, p.City, p.Languages, p.Skills, p.Directions, p.Availability),
            };
        if (only is not null)
        {
            return await withProfiles(accounts.Where(a => only.Contains(a.Id))).Select(x => x.Candidate).ToListAsync(cancellationToken);
        }

        // The same city first, then anyone else of the region, each from a random point of the id order (so the same
        // 200 are not always asked) and wrapping round; every read a short index range scan. The same city: the ids
        // from VolunteerProfiles (City, AccountId), one spelling at a time (a village with three volunteers costs
        // three rows, not a walk through the region), then those accounts by their ids. Kept apart on purpose: joined,
        // PostgreSQL takes the region and the city for independent and plans for 20 rows where there are thousands.
        // The rest of the region by Accounts (RegionKato, Id).
        var inRegion = accounts.Where(a => a.RegionKato == request.RegionKato);
        var rows = new List<Candidate>();
        var cities = CitySpellings(request.Locality);
        var pivot = Guid.NewGuid();
        foreach (var city in cities)
        {
            foreach (var fromPivot in new[] { true, false })
            {
                // Page on while the city has more: some of a page may be left out (too young, another region), and
                // the rest of the region is read only once the city has none left.
                Guid? after = null;
                while (rows.Count < CandidateLimit)
                {
                    var ofCity = profiles.Where(p => p.City == city);
                    ofCity = fromPivot ? ofCity.Where(p => p.AccountId.CompareTo(pivot) >= 0) : ofCity.Where(p => p.AccountId.CompareTo(pivot) < 0);
                    if (after is { } last)
                    {
                        ofCity = ofCity.Where(p => p.AccountId.CompareTo(last) > 0);
                    }

                    var wanted = CandidateLimit - rows.Count;
                    var ids = await ofCity.OrderBy(p => p.AccountId).Select(p => p.AccountId).Take(wanted).ToListAsync(cancellationToken);
                    if (ids.Count > 0)
                    {
                        rows.AddRange(await withProfiles(inRegion.Where(a => ids.Contains(a.Id))).Select(x => x.Candidate).ToListAsync(cancellationToken));
                    }

                    if (ids.Count < wanted)
                    {
                        break;
                    }

                    after = ids[^1];
                }
            }
        }

        if (rows.Count >= CandidateLimit)
        {
            return rows;
        }

        var elsewhere = withProfiles(inRegion).Where(x => x.City == null || !cities.Contains(x.City));
        foreach (var fromPivot in new[] { true, false })
        {
            if (rows.Count >= CandidateLimit)
            {
                break;
            }

            var range = fromPivot ? elsewhere.Where(x => x.Id.CompareTo(pivot) >= 0) : elsewhere.Where(x => x.Id.CompareTo(pivot) < 0);
            rows.AddRange(await range.OrderBy(x => x.Id).Take(CandidateLimit - rows.Count).Select(x => x.Candidate).ToListAsync(cancellationToken));
        }

        return rows;
    }

    private async Task<Dictionary<Guid, int>> ActiveClaimsAsync(List<Guid?> ids, CancellationToken cancellationToken) =>
        await db.HelpRequests.AsNoTracking()
            .Where(r => r.Status == HelpRequestStatus.Claimed && ids.Contains(r.ClaimedBy))
            .GroupBy(r => r.ClaimedBy)
            .Select(g => new { Id = g.Key!.Value, Count = g.Count() })
            .ToDictionaryAsync(g => g.Id, g => g.Count, cancellationToken);

    /// <summary>
    /// How a city is usually typed, for the SQL order (SQLite's lower() knows only ASCII, so Cyrillic cannot be
    /// compared case-insensitively there); the ranking itself compares case-insensitively in memory.
    /// </summary>
    private static List<string> CitySpellings(string? locality)
    {
        if (string.IsNullOrWhiteSpace(locality))
        {
            return [];
        }

        var text = locality.Trim();
        var lower = text.ToLower(Cultures.Russian);
        return [.. new[] { text, lower, text.ToUpper(Cultures.Russian), char.ToUpper(lower[0], Cultures.Russian) + lower[1..] }.Distinct()];
    }

    private static bool SameText(string? a, string? b) =>
        !string.IsNullOrWhiteSpace(a) && !string.IsNullOrWhiteSpace(b) && string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    private static string Day(DayOfWeek day) => WeeklySlots.Days[((int)day + 6) % 7];

    /// <summary>Morning until noon, afternoon until six, evening until eleven; at night nobody is "free now".</summary>
    private static string? Part(int hour) => hour switch
    {
        >= 6 and < 12 => "morning",
        >= 12 and < 18 => "afternoon",
        >= 18 and < 23 => "evening",
        _ => null,
    };

    private sealed record Candidate(
        Guid Id, string? FullName, string? City, List<string> Languages, List<string> Skills, List<string> Directions, List<string> Availability);
}

/// <summary>One suggested volunteer: the score orders them, the reasons explain it to the operator.</summary>
public sealed record HelpSuggestion(
    Guid VolunteerId, string Name, string? City, int Score, int RecentTasks, int ActiveClaims, bool Offered, IReadOnlyList<HelpMatchReason> Reasons);

/// <summary>A translated label: <see cref="Key"/> is a resource (<c>HelpMatch_Reason_*</c>), its arguments resource keys, names or numbers.</summary>
public sealed record HelpMatchReason(string Key, IReadOnlyList<object> Args)
{
    public string Label(System.Globalization.CultureInfo culture) =>
        string.Format(culture, Cultures.Text(Key, culture), [.. Args.Select(a => a switch
        {
            ResourceKey key => Cultures.Text(key.Key, culture),
            LocalizedText text => text.Resolve(culture),
            _ => a,
        })]);
}

public sealed record ResourceKey(string Key);
