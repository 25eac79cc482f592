using Birge.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Infrastructure;

/// <summary>
/// Delivers due outbox messages (<c>Jobs:Outbox</c>, every 2 seconds), batch after batch until none is due, then
/// counts what still waits for the <c>birge.outbox.depth</c> gauge. One node at a time runs it (see
/// <see cref="PeriodicJob{TRun}"/>); on PostgreSQL each batch is also taken with FOR UPDATE SKIP LOCKED, so a message
/// is never sent twice even by a node that lost its lock mid-run.
/// </summary>
public sealed class OutboxSender(
    IServiceScopeFactory scopes,
    IMessageSender sender,
    TimeProvider clock,
    ILogger<OutboxSender> logger,
    JobServices services) : PeriodicJob<int>("Outbox", TimeSpan.FromSeconds(2), services)
{
    private const int BatchSize = 50;

    /// <summary>Sends every due message; returns how many it handled (sent or failed).</summary>
    protected override async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var handled = 0;
        int batch;
        do
        {
            batch = await SendBatchAsync(cancellationToken);
            handled += batch;
        }
        while (batch == BatchSize);

        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BirgeDb>();
        Metrics.OutboxDepthCounted(await db.OutboxMessages.LongCountAsync(m => m.SentAt == null, cancellationToken));
        return handled;
    }

    /// <summary>How long a sender holds the messages it took (<c>Outbox:LeaseSeconds</c>, 120).</summary>
    public TimeSpan Lease { get; } = TimeSpan.FromSeconds(services.Configuration.GetValue("Outbox:LeaseSeconds", 120));

    /// <summary>
    /// Sends one batch; returns how many messages it handled. The batch is taken first, in a short transaction of its
    /// own (FOR UPDATE SKIP LOCKED on PostgreSQL, then a lease written only where no live lease is), so staff see the
    /// messages as "sending" and no other node takes them; the batch then goes out
    /// <see cref="Parallelism"/> at a time, each outcome recorded on its own, and only while the lease is still this
    /// sender's.
    /// </summary>
    public async Task<int> SendBatchAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BirgeDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        var lease = now + Lease;
        List<Guid> taken;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var due = db.Provider == DatabaseProvider.Postgres
                ? db.Database.SqlQuery<Guid>(
                    $"""SELECT "Id" AS "Value" FROM "OutboxMessages" WHERE "SentAt" IS NULL AND "NextAttemptAt" <= {now} AND ("SendingUntil" IS NULL OR "SendingUntil" <= {now}) ORDER BY "NextAttemptAt" LIMIT {BatchSize} FOR UPDATE SKIP LOCKED""")
                : db.OutboxMessages.Where(m => m.SentAt == null && m.NextAttemptAt <= now && (m.SendingUntil == null || m.SendingUntil <= now))
                    .OrderBy(m => m.NextAttemptAt).Select(m => m.Id).Take(BatchSize);
            var ids = await due.ToListAsync(cancellationToken);
            await db.OutboxMessages
                .Where(m => ids.Contains(m.Id) && m.SentAt == null && (m.SendingUntil == null || m.SendingUntil <= now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.SendingUntil, lease), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            taken = await db.OutboxMessages.AsNoTracking()
                .Where(m => ids.Contains(m.Id) && m.SendingUntil == lease)
                .Select(m => m.Id).ToListAsync(cancellationToken);
        }

        var batch = await db.OutboxMessages.AsNoTracking().Where(m => taken.Contains(m.Id)).OrderBy(m => m.NextAttemptAt).ToListAsync(cancellationToken);
        // A gateway answers in milliseconds but a round trip each, one after another, capped the rate near 400/s:
        // several at once, each outcome recorded by its own context as soon as it is known.
        await Parallel.ForEachAsync(
            batch,
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (message, token) => await SendAsync(message, lease, token));
        return batch.Count;
    }

    /// <summary>How many messages of a batch go to the gateways at once (<c>Outbox:Parallelism</c>, 8).</summary>
    public int Parallelism { get; } = Math.Max(1, services.Configuration.GetValue("Outbox:Parallelism", 8));

    private async Task SendAsync(OutboxMessage message, DateTime lease, CancellationToken cancellationToken)
    {
        try
        {
            var gatewayId = await sender.SendAsync(message, cancellationToken);
            message.MarkSent(clock.GetUtcNow().UtcDateTime);
            message.GatewayId = gatewayId;
        }
        catch (PermanentDeliveryException ex)
        {
            logger.LogWarning("Outbox message {MessageId} was refused for good on attempt {Attempt}", message.Id, message.Attempts + 1);
            message.MarkFailedPermanently(clock.GetUtcNow().UtcDateTime, ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The recipient is personal data: log the message id only.
            logger.LogWarning("Outbox message {MessageId} failed on attempt {Attempt}: {Error}", message.Id, message.Attempts + 1, ex.GetType().Name);
            message.MarkFailed(clock.GetUtcNow().UtcDateTime, ex.Message);
        }

        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BirgeDb>();
        var recorded = await db.OutboxMessages
            .Where(m => m.Id == message.Id && m.SendingUntil == lease)
            .ExecuteUpdateAsync(
                s => s.SetProperty(m => m.Attempts, message.Attempts)
                    .SetProperty(m => m.SentAt, message.SentAt)
                    .SetProperty(m => m.FailedAt, message.FailedAt)
                    .SetProperty(m => m.LastError, message.LastError)
                    .SetProperty(m => m.NextAttemptAt, message.NextAttemptAt)
                    .SetProperty(m => m.GatewayId, message.GatewayId)
                    .SetProperty(m => m.SendingUntil, (DateTime?)null),
                CancellationToken.None);
        if (recorded == 0)
        {
            logger.LogWarning("Outbox message {MessageId} outlived its sender's lease; another sender has it now", message.Id);
        }
    }
}
