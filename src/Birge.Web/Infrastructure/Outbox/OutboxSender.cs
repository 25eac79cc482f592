using Birge.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Infrastructure;

/// <summary>
/// Delivers due outbox messages. On PostgreSQL each batch is taken with FOR UPDATE SKIP LOCKED, so any number of
/// web nodes can run this and every message goes out once.
/// </summary>
public sealed class OutboxSender(
    IServiceScopeFactory scopes,
    IMessageSender sender,
    TimeProvider clock,
    IConfiguration configuration,
    ILogger<OutboxSender> logger) : BackgroundService
{
    private const int BatchSize = 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(configuration.GetValue("Outbox:IntervalSeconds", 2.0));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await SendBatchAsync(stoppingToken) == BatchSize)
                {
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "The outbox could not send a batch.");
            }

            await Task.Delay(interval, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
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
                await sender.SendAsync(message, cancellationToken);
                message.MarkSent(clock.GetUtcNow().UtcDateTime);
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
