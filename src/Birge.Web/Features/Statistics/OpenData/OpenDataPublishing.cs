using Birge.Web.Data;
using Birge.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Statistics.OpenData;

/// <summary>
/// The <c>OpenData</c> job (<c>Jobs:OpenData</c>, looked at every 10 minutes, taken once across nodes): every snapshot
/// not yet published gets its files, every table in every format, made from what the snapshot holds and stored in
/// <see cref="OpenDataFile"/> in one transaction. A file is written once (its key is its address, and a second insert
/// of the same key is skipped), so a dated file never changes, whatever happens after. A snapshot published late (the
/// job was off when it was taken, and a later snapshot already recounted its last days) is published with its days as
/// the store holds them then; from then on it too never changes.
/// </summary>
public sealed class OpenDataPublishing(IServiceScopeFactory scopes, TimeProvider clock, JobServices services)
    : PeriodicJob<int>("OpenData", TimeSpan.FromMinutes(10), services)
{
    /// <summary>Publishes what is due; returns how many files were stored.</summary>
    protected override async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BirgeDb>();
        var published = await db.Set<OpenDataFile>().Select(f => f.SnapshotDate).Distinct().ToListAsync(cancellationToken);
        var due = (await db.StatsSnapshots.AsNoTracking().Select(s => s.Through).ToListAsync(cancellationToken))
            .Except(published).Order().ToList();
        if (due.Count == 0)
        {
            return 0;
        }

        var reader = scope.ServiceProvider.GetRequiredService<StatsReader>();
        var regions = await db.Regions.AsNoTracking().Select(r => r.Kato).OrderBy(k => k).ToListAsync(cancellationToken);
        var stored = 0;
        foreach (var through in due)
        {
            var figures = await reader.MonthlyAsync(StatsQuery.Beginning, through, live: false, cancellationToken);
            var rows = OpenDataTables.Rows(figures, regions, through);
            var now = clock.GetUtcNow().UtcDateTime;
            var files = (from table in OpenDataTables.All
                         from format in OpenDataFormats.All
                         select new OpenDataFile
                         {
                             SnapshotDate = through,
                             Resource = table.Name,
                             Format = format,
                             Content = OpenDataFormats.Write(format, table, rows[table.Name]),
                             MadeAt = now,
                         }).ToList();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            stored += await BulkInsert.NewRowsAsync(db, files, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return stored;
    }
}
