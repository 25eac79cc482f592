using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.CallOuts;

/// <summary>
/// The next waves of call-outs (<c>Jobs:CallOutWaves</c>, every minute): an open call-out whose next wave is due, still
/// short of people and before its answer-by time, asks the region's standby teams (wave 2), then the neighbouring
/// regions' teams (wave 3), each person once. The wave is taken by a conditional update on <see cref="CallOut.Wave"/>,
/// so two nodes never send one twice; the next one is due half-way to answer-by again, or never when none is left.
/// </summary>
public sealed class CallOutWaves(IServiceScopeFactory scopes, TimeProvider clock, JobServices services)
    : PeriodicJob<int>("CallOutWaves", TimeSpan.FromMinutes(1), services)
{
    public const int LastWave = 3;

    /// <summary>Sends the waves that are due; returns how many waves went out.</summary>
    protected override async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BirgeDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.CallOuts.AsNoTracking()
            .Where(c => c.Status == CallOutStatus.Open && c.NextWaveAt != null && c.NextWaveAt <= now)
            .Select(c => c.Id)
            .ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var id in due)
        {
            using var waveScope = scopes.CreateScope();
            if (await SendNextAsync(waveScope.ServiceProvider, id, now, cancellationToken))
            {
                sent++;
            }
        }

        return sent;
    }

    private static async Task<bool> SendNextAsync(IServiceProvider provider, Guid id, DateTime now, CancellationToken cancellationToken)
    {
        var db = provider.GetRequiredService<BirgeDb>();
        var dispatch = provider.GetRequiredService<CallOutDispatch>();
        var callOut = await db.CallOuts.AsNoTracking().FirstAsync(c => c.Id == id, cancellationToken);
        var wave = callOut.Wave + 1;
        if (wave == LastWave && callOut.NeighbouringRegions.Count == 0)
        {
            wave++;
        }

        var due = db.CallOuts.Where(c => c.Id == id && c.Wave == callOut.Wave && c.Status == CallOutStatus.Open && c.NextWaveAt != null && c.NextWaveAt <= now);
        if (wave > LastWave || now >= callOut.AnswerBy)
        {
            // Nothing left to ask, or past answer-by: no more waves.
            await due.ExecuteUpdateAsync(s => s.SetProperty(c => c.NextWaveAt, (DateTime?)null), cancellationToken);
            return false;
        }

        var last = wave == LastWave || callOut.NeighbouringRegions.Count == 0;
        DateTime? next = last ? null : now + ((callOut.AnswerBy - now) / 2);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var taken = await due.ExecuteUpdateAsync(s => s.SetProperty(c => c.Wave, wave).SetProperty(c => c.NextWaveAt, next), cancellationToken);
        if (taken != 1)
        {
            return false;
        }

        await dispatch.AddWaveAsync(callOut, wave, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
