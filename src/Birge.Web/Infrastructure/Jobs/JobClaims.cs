using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Birge.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Infrastructure;

/// <summary>
/// "This job runs here now, nowhere else." On PostgreSQL a session advisory lock held on a connection of its own for
/// the length of the run: a second node's <c>pg_try_advisory_lock</c> fails and it skips its turn, and a node that
/// dies drops its connection and with it the lock. SQLite is a single node, so a guard in the process does the same.
/// No table is needed either way.
/// </summary>
public sealed class JobClaims(IServiceScopeFactory scopes)
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> LocalGuards = new(StringComparer.Ordinal);

    /// <summary>The claim, to dispose when the run ends; null when the job is running elsewhere.</summary>
    public async Task<IAsyncDisposable?> TryTakeAsync(string job, CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BirgeDb>();
        try
        {
            if (db.Provider == DatabaseProvider.Postgres)
            {
                var key = LockKey(job);
                await db.Database.OpenConnectionAsync(cancellationToken);
                if (await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_lock({key}) AS \"Value\"").SingleAsync(cancellationToken))
                {
                    return new Claim(async () =>
                    {
                        try
                        {
                            // Not the run's token: a cancelled run still lets go of its lock.
                            await db.Database.SqlQuery<bool>($"SELECT pg_advisory_unlock({key}) AS \"Value\"").SingleAsync(CancellationToken.None);
                        }
                        finally
                        {
                            // Closing the connection would release the lock too.
                            await scope.DisposeAsync();
                        }
                    });
                }
            }
            else
            {
                // Per database file, so two apps in one process (the tests) do not share a guard.
                var guard = LocalGuards.GetOrAdd(job + "|" + db.Database.GetConnectionString(), _ => new SemaphoreSlim(1, 1));
                if (await guard.WaitAsync(TimeSpan.Zero, cancellationToken))
                {
                    await scope.DisposeAsync();
                    return new Claim(() =>
                    {
                        guard.Release();
                        return ValueTask.CompletedTask;
                    });
                }
            }
        }
        catch
        {
            await scope.DisposeAsync();
            throw;
        }

        await scope.DisposeAsync();
        return null;
    }

    /// <summary>A stable 64-bit key per job name (advisory locks are numbers).</summary>
    public static long LockKey(string job) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("birge.job." + job)), 0);

    private sealed class Claim(Func<ValueTask> release) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => release();
    }
}
