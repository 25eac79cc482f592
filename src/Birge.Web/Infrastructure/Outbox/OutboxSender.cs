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
    private const int BatchSize = 20;

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

    /// <summary>Sends one batch; returns how many messages it handled.</summary>
    public async Task<int> SendBatchAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BirgeDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = db.Provider == DatabaseProvider.Postgres
            ? db.OutboxMessages.FromSql(
                $"""SELECT * FROM "OutboxMessages" WHERE "SentAt" IS NULL AND "NextAttemptAt" <= {now} ORDER BY "NextAttemptAt" LIMIT {BatchSize} FOR UPDATE SKIP LOCKED""")
            : db.OutboxMessages.Where(m => m.SentAt == null && m.NextAttemptAt <= now).OrderBy(m => m.NextAttemptAt).Take(BatchSize);
        var batch = await due.ToListAsync(cancellationToken);
        foreach (var message in batch)
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
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return batch.Count;
    }
}
