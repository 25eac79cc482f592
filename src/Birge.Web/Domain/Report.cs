namespace Birge.Web.Domain;

/// <summary>
/// A generated report (M17): a region's monthly report or the national semi-annual "Volunteers in numbers", as a PDF in
/// one language, made from the statistics (the same numbers as the dashboard). Queued by the schedule (no
/// <see cref="RequestedBy"/>) or by staff, then made by the <c>Reports</c> job, which shows its <see cref="Progress"/>.
/// </summary>
public sealed class Report
{
    public const string Monthly = "monthly";
    public const string SemiAnnual = "semiannual";

    public const string Queued = "queued";
    public const string Making = "making";
    public const string Ready = "ready";
    public const string Failed = "failed";

    public static readonly IReadOnlyList<string> Kinds = [Monthly, SemiAnnual];

    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary><see cref="Monthly"/> or <see cref="SemiAnnual"/>.</summary>
    public required string Kind { get; init; }

    /// <summary>The region's KATO code, or <see cref="FrontOffice.NationalKato"/> for the country.</summary>
    public required string RegionKato { get; init; }

    /// <summary>The first day of the period (a month's or a half-year's first day).</summary>
    public DateOnly From { get; init; }

    /// <summary>The last day of the period, included.</summary>
    public DateOnly To { get; init; }

    /// <summary>kk, ru or en.</summary>
    public required string Language { get; init; }

    public string Status { get; set; } = Queued;

    /// <summary>0 to 100 while it is made.</summary>
    public int Progress { get; set; }

    /// <summary>The PDF, once <see cref="Ready"/>.</summary>
    public byte[]? Pdf { get; set; }

    /// <summary>The staff member who asked for it; null when the schedule queued it.</summary>
    public Guid? RequestedBy { get; init; }

    public DateTime CreatedAt { get; init; }

    /// <summary>When a node took it to make (a report left "making" long after this was abandoned and is queued again).</summary>
    public DateTime? StartedAt { get; set; }

    public DateTime? ReadyAt { get; set; }

    public bool IsNational => RegionKato == FrontOffice.NationalKato;

    public bool IsPending => Status is Queued or Making;
}
