using System.Globalization;
using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Statistics.Reports;

/// <summary>"Make a report now": the kind (the national office may ask for a half-year), the month or half-year, the language.</summary>
public sealed class ReportForm
{
    public string? Kind { get; set; } = Report.Monthly;

    /// <summary>2026-11.</summary>
    public string? Month { get; set; }

    /// <summary>2026-1 (January to June) or 2026-2 (July to December).</summary>
    public string? Half { get; set; }

    public string? Language { get; set; }
}

/// <summary>
/// Staff ask for a report of their region (or, at the national office, of the country): it is queued and the
/// <see cref="ReportMaker"/> is kicked to make it now. A month or half-year that has not begun, one before 2020 or a
/// language that is not one of Birge's is refused with the field named, and nothing is queued.
/// </summary>
public sealed class ReportRequests(BirgeDb db, StatsReader reader, ReportMaker maker, TimeProvider clock)
{
    /// <summary>The half-years one may ask for, newest first: "2026-2", "2026-1", … "2020-1".</summary>
    public IEnumerable<string> Halves()
    {
        for (var start = HalfOf(reader.Today); start >= StatsQuery.Beginning; start = start.AddMonths(-6))
        {
            yield return $"{start.Year}-{(start.Month == 1 ? 1 : 2)}";
        }
    }

    /// <summary>The first day of the half-year of <paramref name="day"/>.</summary>
    public static DateOnly HalfOf(DateOnly day) => new(day.Year, day.Month <= 6 ? 1 : 7, 1);

    public async Task<Outcome<Report>> AskAsync(string kato, ReportForm form, Guid by, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var language = form.Language?.Trim();
        if (language is null || !Cultures.Languages.Contains(language))
        {
            errors.Add(new FieldError("language", ErrorCodes.LanguageInvalid));
        }

        var kind = string.IsNullOrWhiteSpace(form.Kind) ? Report.Monthly : form.Kind.Trim();
        DateOnly? from = null;
        if (!Report.Kinds.Contains(kind) || (kind == Report.SemiAnnual && kato != FrontOffice.NationalKato))
        {
            errors.Add(new FieldError("kind", ErrorCodes.ValueInvalid));
        }
        else if (kind == Report.Monthly)
        {
            from = Check("month", Month(form.Month), FirstOfMonth(reader.Today), errors);
        }
        else
        {
            from = Check("half", Half(form.Half), HalfOf(reader.Today), errors);
        }

        if (errors.Count > 0 || from is not { } start)
        {
            return Outcome.Invalid(errors);
        }

        var report = new Report
        {
            Kind = kind,
            RegionKato = kato,
            From = start,
            To = start.AddMonths(kind == Report.Monthly ? 1 : 6).AddDays(-1),
            Language = language!,
            RequestedBy = by,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Reports.Add(report);
        await db.SaveChangesAsync(cancellationToken);
        maker.Kick();
        return report;
    }

    /// <summary>A failed report is queued again; false when it is not failed (any more).</summary>
    public async Task<bool> AgainAsync(Guid id, CancellationToken cancellationToken)
    {
        var queued = await db.Reports.Where(r => r.Id == id && r.Status == Report.Failed)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, Report.Queued).SetProperty(r => r.Progress, 0), cancellationToken) == 1;
        if (queued)
        {
            maker.Kick();
        }

        return queued;
    }

    private static DateOnly? Check(string field, DateOnly? start, DateOnly latest, List<FieldError> errors)
    {
        if (start is not { } day)
        {
            errors.Add(new FieldError(field, ErrorCodes.ValueInvalid, "Error_report_period_invalid"));
        }
        else if (day < StatsQuery.Beginning)
        {
            errors.Add(new FieldError(field, ErrorCodes.DateOutOfRange, "Error_report_period_early"));
        }
        else if (day > latest)
        {
            errors.Add(new FieldError(field, ErrorCodes.DateOutOfRange, "Error_report_period_future"));
        }
        else
        {
            return day;
        }

        return null;
    }

    private static DateOnly? Month(string? value) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month) ? month : null;

    private static DateOnly? Half(string? value)
    {
        var parts = (value ?? "").Trim().Split('-');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1 and <= 9999
            && parts[1] is "1" or "2"
            ? new DateOnly(year, parts[1] == "1" ? 1 : 7, 1)
            : null;
    }

    private static DateOnly FirstOfMonth(DateOnly day) => new(day.Year, day.Month, 1);
}
