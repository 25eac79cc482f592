using System.Globalization;
using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Book;

/// <summary>
/// One confirmed stretch of volunteering as the book, the API and the certificate show it: a shift's time (with its
/// opportunity and organisation), or help given on a help request ("Help request: groceries", with the region's front
/// office, or Birge, as the organisation; <see cref="OpportunityId"/> and <see cref="OrganizationId"/> are null then).
/// </summary>
public sealed record BookEntry(
    Guid Id,
    Guid? OpportunityId,
    LocalizedText Title,
    Guid? OrganizationId,
    LocalizedText Organization,
    string DirectionCode,
    DateOnly Date,
    int Minutes,
    Guid? ConfirmedBy,
    DateTime ConfirmedAt,
    HoursStatus Status,
    Guid? HelpRequestId = null);

/// <summary>A line of totals: a year, a direction or an organisation, and its minutes.</summary>
public sealed record BookTotal(string Name, int Minutes);

public enum CertificateStatus
{
    Genuine,
    NotGenuine,
    Revoked,
}

/// <summary>What verification found; <see cref="Typo"/> when the check character shows a mistyped code.</summary>
public sealed record CertificateCheck(CertificateStatus Status, Certificate? Certificate, DateTime? RevokedAt, bool Typo)
{
    public static readonly CertificateCheck NotGenuine = new(CertificateStatus.NotGenuine, null, null, false);
}

/// <summary>
/// The volunteer book (M8): every confirmed hour of a volunteer, certificates and extracts issued from them, and the
/// public check of a certificate. Only <see cref="HoursStatus.Confirmed"/> entries count.
/// </summary>
public sealed class VolunteerBook(BirgeDb db, CertificateSigner signer, TimeProvider clock)
{
    /// <summary>The volunteer's confirmed entries, oldest first, within the period when one is given.</summary>
    public async Task<List<BookEntry>> EntriesAsync(Guid volunteerId, DateOnly? from, DateOnly? to, CancellationToken cancellationToken) =>
        await EntriesAsync(db.HoursEntries.Where(h => h.VolunteerId == volunteerId && h.Status == HoursStatus.Confirmed
                && (from == null || h.Date >= from) && (to == null || h.Date <= to)), cancellationToken);

    /// <summary>The entries a certificate counted, whatever became of them since.</summary>
    public async Task<List<BookEntry>> EntriesOfAsync(Certificate certificate, CancellationToken cancellationToken)
    {
        var ids = certificate.Entries.Select(e => e.HoursEntryId).ToList();
        return await EntriesAsync(db.HoursEntries.Where(h => ids.Contains(h.Id)), cancellationToken);
    }

    /// <summary>The certificate's PDF, with the entries it counted.</summary>
    public async Task<byte[]> PdfAsync(Certificate certificate, string verifyUrl, CancellationToken cancellationToken) =>
        CertificatePdf.Render(certificate, await EntriesOfAsync(certificate, cancellationToken), verifyUrl);

    /// <summary>Direction codes with their names in the three languages.</summary>
    public async Task<Dictionary<string, LocalizedText>> DirectionNamesAsync(CancellationToken cancellationToken) =>
        await db.Directions.AsNoTracking().ToDictionaryAsync(d => d.Code, d => d.Name, cancellationToken);

    public static IReadOnlyList<BookTotal> ByYear(IEnumerable<BookEntry> entries) =>
        [.. entries.GroupBy(e => e.Date.Year).OrderByDescending(g => g.Key)
            .Select(g => new BookTotal(g.Key.ToString(CultureInfo.InvariantCulture), g.Sum(e => e.Minutes)))];

    public static IReadOnlyList<BookTotal> ByOrganization(IEnumerable<BookEntry> entries, CultureInfo culture) =>
        [.. entries.GroupBy(e => e.Organization.Resolve(culture)).Select(g => new BookTotal(g.Key, g.Sum(e => e.Minutes)))
            .OrderByDescending(t => t.Minutes).ThenBy(t => t.Name, StringComparer.Ordinal)];

    public static IReadOnlyList<BookTotal> ByDirection(IEnumerable<BookEntry> entries, IReadOnlyDictionary<string, LocalizedText> names, CultureInfo culture) =>
        [.. entries.GroupBy(e => e.DirectionCode)
            .Select(g => new BookTotal(names.TryGetValue(g.Key, out var name) ? name.Resolve(culture) : g.Key, g.Sum(e => e.Minutes)))
            .OrderByDescending(t => t.Minutes).ThenBy(t => t.Name, StringComparer.Ordinal)];

    /// <summary>
    /// Issues a certificate of every confirmed hour, or an extract of a period, in kk, ru or en: signed, with a new
    /// code, listing the entries it counted. Refused without hours in the period; asked again for the same hours,
    /// period and language, it gives the certificate already issued.
    /// </summary>
    public async Task<Outcome<Certificate>> IssueAsync(Guid holderId, DateOnly? from, DateOnly? to, string? language, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        if (language is null || !Cultures.Languages.Contains(language))
        {
            errors.Add(new FieldError("language", ErrorCodes.LanguageInvalid));
        }

        errors.AddRange(DateWindow.Check(from, to, clock.GetUtcNow().UtcDateTime));
        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }

        var holder = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == holderId && a.Status == AccountStatus.Active, cancellationToken);
        var entries = await db.HoursEntries.AsNoTracking()
            .Where(h => h.VolunteerId == holderId && h.Status == HoursStatus.Confirmed
                && (from == null || h.Date >= from) && (to == null || h.Date <= to))
            .Select(h => new { h.Id, h.Date, h.Minutes })
            .ToListAsync(cancellationToken);
        if (holder is null || entries.Count == 0)
        {
            return Outcome.Invalid("from", BookErrors.NoHours);
        }

        // The form sent twice, or the same certificate asked for again: the one already issued says the same.
        var totalMinutes = entries.Sum(e => e.Minutes);
        var counted = entries.Select(e => e.Id).Order().ToList();
        var same = await db.Certificates.AsNoTracking().Include(c => c.Entries)
            .Where(c => c.HolderId == holderId && c.RevokedAt == null && c.Language == language && c.From == from && c.To == to && c.TotalMinutes == totalMinutes)
            .ToListAsync(cancellationToken);
        if (same.FirstOrDefault(c => c.HolderName == (holder.FullName ?? "") && c.Entries.Select(e => e.HoursEntryId).Order().SequenceEqual(counted)) is { } issued)
        {
            return issued;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        for (var attempt = 0; ; attempt++)
        {
            var certificate = new Certificate
            {
                Code = CertificateCode.New(),
                HolderId = holderId,
                HolderName = holder.FullName ?? "",
                Language = language!,
                From = from,
                To = to,
                FirstDay = entries.Min(e => e.Date),
                LastDay = entries.Max(e => e.Date),
                TotalMinutes = totalMinutes,
                IssuedAt = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc),
                Entries = [.. entries.Select(e => new CertificateEntry { HoursEntryId = e.Id })],
            };
            certificate.Signature = signer.Sign(certificate);
            db.Certificates.Add(certificate);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return certificate;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // 55 random bits: a code taken already is all but impossible, and the unique index would say so.
                db.ChangeTracker.Clear();
            }
        }
    }

    public async Task<List<Certificate>> CertificatesAsync(Guid holderId, CancellationToken cancellationToken) =>
        await db.Certificates.AsNoTracking().Where(c => c.HolderId == holderId)
            .OrderByDescending(c => c.IssuedAt)
            .ToListAsync(cancellationToken);

    /// <summary>The holder's own certificate by its code; null for a code that is not theirs.</summary>
    public async Task<Certificate?> OwnAsync(Guid holderId, string? input, CancellationToken cancellationToken) =>
        CertificateCode.Parse(input, out var code) == CodeCheck.Valid
            ? await db.Certificates.AsNoTracking().Include(c => c.Entries)
                .FirstOrDefaultAsync(c => c.Code == code && c.HolderId == holderId, cancellationToken)
            : null;

    /// <summary>
    /// The public check: an unknown or mistyped code, or a record whose signature no longer matches, is not genuine;
    /// a certificate revoked (or counting hours revoked since) says so.
    /// </summary>
    public async Task<CertificateCheck> CheckAsync(string? input, CancellationToken cancellationToken)
    {
        var parsed = CertificateCode.Parse(input, out var code);
        if (parsed != CodeCheck.Valid)
        {
            return CertificateCheck.NotGenuine with { Typo = parsed == CodeCheck.Typo };
        }

        var certificate = await db.Certificates.AsNoTracking().Include(c => c.Entries)
            .FirstOrDefaultAsync(c => c.Code == code, cancellationToken);
        if (certificate is null)
        {
            return CertificateCheck.NotGenuine;
        }

        if (certificate.RevokedAt is { } revokedAt)
        {
            return new CertificateCheck(CertificateStatus.Revoked, certificate, revokedAt, false);
        }

        if (!signer.IsGenuine(certificate))
        {
            return CertificateCheck.NotGenuine;
        }

        var ids = certificate.Entries.Select(e => e.HoursEntryId).ToList();
        var hoursRevokedAt = await db.HoursEntries.AsNoTracking()
            .Where(h => ids.Contains(h.Id) && h.Status != HoursStatus.Confirmed)
            .Select(h => h.RevokedAt ?? h.ConfirmedAt)
            .OrderBy(t => t)
            .Select(t => (DateTime?)t)
            .FirstOrDefaultAsync(cancellationToken);
        return hoursRevokedAt is null
            ? new CertificateCheck(CertificateStatus.Genuine, certificate, null, false)
            : new CertificateCheck(CertificateStatus.Revoked, certificate, hoursRevokedAt, false);
    }

    /// <summary>
    /// Revokes (in the caller's <c>SaveChanges</c>) every certificate that counted one of these entries: the hours
    /// feature calls it when it revokes hours. Verification also treats such certificates as revoked on its own.
    /// Returns how many it revoked.
    /// </summary>
    public async Task<int> RevokeCountingAsync(IReadOnlyCollection<Guid> hoursEntryIds, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var certificates = await db.Certificates
            .Where(c => c.RevokedAt == null && db.CertificateEntries.Any(e => e.CertificateId == c.Id && hoursEntryIds.Contains(e.HoursEntryId)))
            .ToListAsync(cancellationToken);
        foreach (var certificate in certificates)
        {
            certificate.RevokedAt = now;
        }

        return certificates.Count;
    }

    /// <summary>The holder's name as a stranger may see it: "Айгерим Бекова" → "А***м Б.".</summary>
    public static string Mask(string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0)
        {
            return "***";
        }

        var first = words[0];
        var masked = first.Length >= 3 ? $"{first[0]}***{first[^1]}" : $"{first[0]}***";
        return string.Join(' ', [masked, .. words.Skip(1).Where(w => char.IsLetter(w[0])).Select(w => $"{w[0]}.")]);
    }

    private async Task<List<BookEntry>> EntriesAsync(IQueryable<HoursEntry> hours, CancellationToken cancellationToken)
    {
        var shifts = await (
            from h in hours.AsNoTracking()
            join o in db.Opportunities on h.OpportunityId equals o.Id
            join g in db.Organizations on h.OrganizationId equals g.Id
            select new { Entry = h, Title = new LocalizedText(o.Title.Kk, o.Title.Ru, o.Title.En), g.Name })
            .ToListAsync(cancellationToken);
        var help = await (
            from h in hours.AsNoTracking()
            join r in db.HelpRequests on h.HelpRequestId equals r.Id
            join f in db.FrontOffices on r.RegionKato equals f.Kato into offices
            from f in offices.DefaultIfEmpty()
            select new { Entry = h, r.Category, Kk = f == null ? null : f.Name.Kk, Ru = f == null ? null : f.Name.Ru, En = f == null ? null : f.Name.En })
            .ToListAsync(cancellationToken);
        var callOuts = await (
            from h in hours.AsNoTracking()
            join c in db.CallOuts on h.CallOutId equals c.Id
            join f in db.FrontOffices on c.RegionKato equals f.Kato into offices
            from f in offices.DefaultIfEmpty()
            select new { Entry = h, c.Title, Kk = f == null ? null : f.Name.Kk, Ru = f == null ? null : f.Name.Ru, En = f == null ? null : f.Name.En })
            .ToListAsync(cancellationToken);
        return
        [
            .. shifts.Select(s => Entry(s.Entry, s.Title, new LocalizedText(s.Name, s.Name, s.Name)))
                .Concat(callOuts.Select(c => Entry(
                    c.Entry,
                    CallOutTitle(c.Title),
                    c.Kk is null && c.Ru is null && c.En is null ? Cultures.Texts("Brand") : new LocalizedText(c.Kk, c.Ru, c.En))))
                .Concat(help.Select(h => Entry(
                    h.Entry,
                    HelpTitle(h.Category),
                    h.Kk is null && h.Ru is null && h.En is null ? Cultures.Texts("Brand") : new LocalizedText(h.Kk, h.Ru, h.En))))
                .OrderBy(e => e.Date).ThenBy(e => e.StartsAt)
                .Select(e => e.Book),
        ];
    }

    /// <summary>"Call-out: Flood, sandbags" in the three languages.</summary>
    private static LocalizedText CallOutTitle(string title)
    {
        string In(CultureInfo culture) => string.Format(culture, Cultures.Text("CallOut_BookTitle", culture), title);
        return new LocalizedText(In(Cultures.Kazakh), In(Cultures.Russian), In(Cultures.English));
    }

    /// <summary>"Help request: groceries and medicine" in the three languages.</summary>
    private static LocalizedText HelpTitle(string category)
    {
        string In(CultureInfo culture) => string.Format(
            culture, Cultures.Text("HelpCallback_BookTitle", culture), Cultures.Text("HelpCategory_" + category, culture));
        return new LocalizedText(In(Cultures.Kazakh), In(Cultures.Russian), In(Cultures.English));
    }

    private static (DateOnly Date, DateTime StartsAt, BookEntry Book) Entry(HoursEntry h, LocalizedText title, LocalizedText organization) =>
        (h.Date, h.StartsAt, new BookEntry(
            h.Id, h.OpportunityId, title, h.OrganizationId, organization, h.DirectionCode, h.Date, h.Minutes, h.ConfirmedBy, h.ConfirmedAt, h.Status, h.HelpRequestId));
}
