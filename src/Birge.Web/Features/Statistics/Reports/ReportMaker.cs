using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Statistics.Reports;

/// <summary>What one run of <see cref="ReportMaker"/> did.</summary>
public readonly record struct ReportRun(int Queued, int Made, int Failed);

/// <summary>
/// The reports' job (<c>Jobs:Reports</c>, every minute, taken once across nodes, and kicked when staff ask for one):
/// on the first of a month (a Kazakhstan day) it queues last month's report of every region in kk, ru and en, and on
/// 1 January and 1 July the country's "Volunteers in numbers" for the half-year before, each once (a unique key on the
/// scheduled ones), or on a day soon after (<see cref="CatchUpDays"/>) when no node ran on the first; then it makes the queued reports one at a time, oldest first. Each is taken by a conditional update
/// (queued → making), so two nodes never make the same one; a report left "making" for
/// <see cref="AbandonedAfter"/> (its node died) is queued again; a failure marks it failed.
/// </summary>
public sealed class ReportMaker(IServiceScopeFactory scopes, TimeProvider clock, IHostApplicationLifetime lifetime, ILogger<ReportMaker> logger, JobServices services)
    : PeriodicJob<ReportRun>("Reports", TimeSpan.FromMinutes(1), services)
{
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(15);

    /// <summary>Makes what was just asked for now rather than at the next tick (when the job runs in this app at all).</summary>
    public void Kick()
    {
        if (!Enabled)
        {
            return;
        }

        _ = Task.Run(
            async () =>
            {
                try
                {
                    await RunOnceAsync(lifetime.ApplicationStopping);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "The reports' job failed when kicked; it runs again at its next turn.");
                }
            },
            CancellationToken.None);
    }

    /// <summary>Queues the scheduled reports due today, then makes every queued one.</summary>
    protected override async Task<ReportRun> RunAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(KazakhstanTime.FromUtc(clock.GetUtcNow().UtcDateTime));
        var queued = await QueueDueAsync(today, cancellationToken);
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BirgeDb>();
        var writer = scope.ServiceProvider.GetRequiredService<ReportWriter>();
        var abandoned = clock.GetUtcNow().UtcDateTime - AbandonedAfter;
        await db.Reports.Where(r => r.Status == Report.Making && r.StartedAt < abandoned)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, Report.Queued).SetProperty(r => r.Progress, 0), cancellationToken);

        var (made, failed) = (0, 0);
        while (await MakeNextAsync(db, writer, cancellationToken) is { } ready)
        {
            if (ready)
            {
                made++;
            }
            else
            {
                failed++;
            }
        }

        return new ReportRun(queued, made, failed);
    }

    /// <summary>The reports the schedule owes on <paramref name="today"/>, queued unless they already are; returns how many were queued.</summary>
    public async Task<int> QueueDueAsync(DateOnly today, CancellationToken cancellationToken)
    {
        if (today.Day - 1 > CatchUpDays)
        {
            return 0;
        }

        for (var attempt = 0; ; attempt++)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<BirgeDb>();
            var due = await DueAsync(db, today, cancellationToken);
            var froms = due.Select(d => d.From).Distinct().ToList();
            var queued = (await db.Reports.AsNoTracking()
                .Where(r => r.RequestedBy == null && froms.Contains(r.From))
                .Select(r => new { r.Kind, r.RegionKato, r.From, r.Language })
                .ToListAsync(cancellationToken))
                .Select(r => (r.Kind, r.RegionKato, r.From, r.Language))
                .ToHashSet();
            var now = clock.GetUtcNow().UtcDateTime;
            // In one order on every node: two nodes inserting the same keys then wait on each other in turn, never in a circle.
            var missing = due.Where(d => !queued.Contains((d.Kind, d.RegionKato, d.From, d.Language)))
                .OrderBy(d => d.Kind).ThenBy(d => d.RegionKato, StringComparer.Ordinal).ThenBy(d => d.From).ThenBy(d => d.Language, StringComparer.Ordinal)
                .ToList();
            db.Reports.AddRange(missing.Select(d => new Report
            {
                Kind = d.Kind,
                RegionKato = d.RegionKato,
                From = d.From,
                To = d.To,
                Language = d.Language,
                CreatedAt = now,
            }));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return missing.Count;
            }
            catch (Exception e) when (attempt < 2 && (e is DbUpdateException || e.InnerException is DbUpdateException))
            {
                // Another node queued them at the same moment (the unique key on the scheduled reports): look again.
            }
        }
    }

    /// <summary>
    /// How many days after the first a node still queues what the schedule owes (<c>Reports:CatchUpDays</c>, 6), so
    /// the month's reports are made even when no node ran on the first.
    /// </summary>
    public int CatchUpDays { get; } = Math.Max(0, services.Configuration.GetValue("Reports:CatchUpDays", 6));

    private static async Task<List<(string Kind, string RegionKato, DateOnly From, DateOnly To, string Language)>> DueAsync(BirgeDb db, DateOnly today, CancellationToken cancellationToken)
    {
        var regions = await db.Regions.AsNoTracking().Select(r => r.Kato).OrderBy(k => k).ToListAsync(cancellationToken);
        var first = new DateOnly(today.Year, today.Month, 1);
        var month = first.AddMonths(-1);
        var due = regions.SelectMany(kato => Cultures.Languages.Select(language => (Report.Monthly, kato, month, first.AddDays(-1), language))).ToList();
        if (first.Month is 1 or 7)
        {
            due.AddRange(Cultures.Languages.Select(language => (Report.SemiAnnual, FrontOffice.NationalKato, first.AddMonths(-6), first.AddDays(-1), language)));
        }

        return due;
    }

    /// <summary>Takes the oldest queued report and makes it: true when made, false when it failed, null when none is left.</summary>
    private async Task<bool?> MakeNextAsync(BirgeDb db, ReportWriter writer, CancellationToken cancellationToken)
    {
        while (true)
        {
            var next = await db.Reports.AsNoTracking().Where(r => r.Status == Report.Queued)
                .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id)
                .FirstOrDefaultAsync(cancellationToken);
            if (next is null)
            {
                return null;
            }

            if (await TakeAsync(db, next.Id, cancellationToken))
            {
                return await MakeAsync(db, writer, next, cancellationToken);
            }
        }
    }

    /// <summary>queued → making, for one node only.</summary>
    public async Task<bool> TakeAsync(BirgeDb db, Guid id, CancellationToken cancellationToken) =>
        await db.Reports.Where(r => r.Id == id && r.Status == Report.Queued)
            .ExecuteUpdateAsync(
                s => s.SetProperty(r => r.Status, Report.Making).SetProperty(r => r.Progress, 10).SetProperty(r => r.StartedAt, clock.GetUtcNow().UtcDateTime),
                cancellationToken) == 1;

    private async Task<bool> MakeAsync(BirgeDb db, ReportWriter writer, Report report, CancellationToken cancellationToken)
    {
        var mine = db.Reports.Where(r => r.Id == report.Id && r.Status == Report.Making);
        try
        {
            var pdf = await writer.WriteAsync(report, percent => mine.ExecuteUpdateAsync(s => s.SetProperty(r => r.Progress, percent), cancellationToken), cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            await mine.ExecuteUpdateAsync(
                s => s.SetProperty(r => r.Status, Report.Ready).SetProperty(r => r.Progress, 100).SetProperty(r => r.Pdf, pdf).SetProperty(r => r.ReadyAt, now),
                cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Report {ReportId} could not be made.", report.Id);
            await mine.ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, Report.Failed), CancellationToken.None);
            return false;
        }
    }
}
