using Birge.Web.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Birge.Tests.Infrastructure;

public abstract class OutboxSenderTests(BirgeApp app)
{
    [Fact]
    public async Task A_queued_message_is_delivered_and_marked_sent()
    {
        var message = await QueueAsync();

        await app.Services.GetRequiredService<OutboxSender>().SendBatchAsync(CancellationToken.None);

        var stored = await app.Db(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == message.Id));
        Assert.NotNull(stored.SentAt);
        Assert.Null(stored.FailedAt);
        Assert.Equal(1, stored.Attempts);
        var file = Assert.Single(FilesFor(message));
        var text = await File.ReadAllTextAsync(file);
        Assert.Contains(message.Recipient, text, StringComparison.Ordinal);
        Assert.Contains(message.Subject, text, StringComparison.Ordinal);
        Assert.Contains(message.Body, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sent_message_is_not_sent_again()
    {
        var message = await QueueAsync();
        var sender = app.Services.GetRequiredService<OutboxSender>();
        await sender.SendBatchAsync(CancellationToken.None);
        var file = Assert.Single(FilesFor(message));
        File.Delete(file);

        await sender.SendBatchAsync(CancellationToken.None);

        Assert.Empty(FilesFor(message));
        Assert.Equal(1, (await app.Db(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == message.Id))).Attempts);
    }

    [Fact]
    public async Task A_failed_delivery_is_retried_later_and_given_up_after_the_last_attempt()
    {
        await using var failing = app.WithWebHostBuilder(b => b.ConfigureTestServices(
            s => s.AddSingleton<IMessageSender, FailingSender>()));
        var sender = failing.Services.GetRequiredService<OutboxSender>();
        var message = await QueueAsync();

        await sender.SendBatchAsync(CancellationToken.None);

        var afterFirst = await app.Db(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == message.Id));
        Assert.Equal(1, afterFirst.Attempts);
        Assert.Null(afterFirst.SentAt);
        Assert.Null(afterFirst.FailedAt);
        Assert.True(afterFirst.NextAttemptAt > DateTime.UtcNow, "The next attempt is in the future.");
        Assert.Contains(FailingSender.Error, afterFirst.LastError, StringComparison.Ordinal);
        Assert.Empty(FilesFor(message));

        // The retry is due again, and it is the last one allowed.
        await app.Db(async db =>
        {
            var due = await db.OutboxMessages.SingleAsync(m => m.Id == message.Id);
            due.Attempts = OutboxMessage.MaxAttempts - 1;
            due.NextAttemptAt = message.NextAttemptAt;
            return await db.SaveChangesAsync();
        });

        await sender.SendBatchAsync(CancellationToken.None);

        var givenUp = await app.Db(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == message.Id));
        Assert.Equal(OutboxMessage.MaxAttempts, givenUp.Attempts);
        Assert.NotNull(givenUp.FailedAt);
        Assert.NotNull(givenUp.LastError);

        // Given up means never tried again.
        await sender.SendBatchAsync(CancellationToken.None);
        Assert.Equal(OutboxMessage.MaxAttempts, (await app.Db(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == message.Id))).Attempts);
    }

    [Fact]
    public async Task A_message_being_sent_shows_as_sending_and_no_other_sender_takes_it_until_its_lease_runs_out()
    {
        var message = await QueueAsync();
        var gateway = new HeldSender();
        await using var slowNode = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IMessageSender>(gateway)));
        var sending = slowNode.Services.GetRequiredService<OutboxSender>().SendBatchAsync(CancellationToken.None);
        await gateway.Holding.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var held = await app.Db(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == message.Id));
        Assert.Equal(DeliveryState.Sending, DeliveryStatus.Of(held, DateTime.UtcNow));
        await app.Services.GetRequiredService<OutboxSender>().SendBatchAsync(CancellationToken.None);
        Assert.Empty(FilesFor(message));

        gateway.Release.SetResult();
        await sending;
        var sent = await app.Db(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == message.Id));
        Assert.Equal((DeliveryState.Sent, 1, (DateTime?)null), (DeliveryStatus.Of(sent, DateTime.UtcNow), sent.Attempts, sent.SendingUntil));
        Assert.Equal(1, gateway.Calls.Count(id => id == message.Id));

        // A sender that died holding a message lets its lease lapse; then another one sends it.
        var orphan = await QueueAsync();
        await app.Db(db => db.OutboxMessages.Where(m => m.Id == orphan.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.SendingUntil, DateTime.UtcNow.AddMinutes(1))));
        await app.Services.GetRequiredService<OutboxSender>().SendBatchAsync(CancellationToken.None);
        Assert.Empty(FilesFor(orphan));
        await app.Db(db => db.OutboxMessages.Where(m => m.Id == orphan.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.SendingUntil, DateTime.UtcNow.AddSeconds(-1))));
        await app.Services.GetRequiredService<OutboxSender>().SendBatchAsync(CancellationToken.None);
        Assert.Single(FilesFor(orphan));
    }

    [Fact]
    public void Retries_back_off_and_stop_at_the_limit()
    {
        var now = new DateTime(2026, 11, 22, 10, 0, 0, DateTimeKind.Utc);
        var message = new OutboxMessage { Recipient = "a@example.com", Subject = "s", Body = "b", CreatedAt = now, NextAttemptAt = now };
        var waits = new List<TimeSpan>();
        for (var i = 1; i < OutboxMessage.MaxAttempts; i++)
        {
            message.MarkFailed(now, "down");
            waits.Add(message.NextAttemptAt - now);
            Assert.Null(message.FailedAt);
        }

        Assert.Equal(waits.Order(), waits);
        Assert.True(waits[^1] > waits[0]);
        message.MarkFailed(now, "down");
        Assert.Equal(now, message.FailedAt);
    }

    private string[] FilesFor(OutboxMessage message) =>
        Directory.Exists(app.OutboxDirectory) ? Directory.GetFiles(app.OutboxDirectory, $"*{message.Id:N}*") : [];

    /// <summary>A message due long ago, so it is first in the next batch whatever else is queued.</summary>
    private async Task<OutboxMessage> QueueAsync()
    {
        var past = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(Random.Shared.Next(0, 1000));
        var message = new OutboxMessage
        {
            Channel = OutboxChannel.Email,
            Recipient = People.NewEmail(),
            Subject = "Birge test",
            Body = "Сәлем! Hello " + Guid.NewGuid().ToString("N"),
            CreatedAt = past,
            NextAttemptAt = past,
        };
        await app.Db(async db =>
        {
            db.OutboxMessages.Add(message);
            return await db.SaveChangesAsync();
        });
        return message;
    }

    /// <summary>A gateway that holds the first message until the test lets it go.</summary>
    private sealed class HeldSender : IMessageSender
    {
        public TaskCompletionSource Holding { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public System.Collections.Concurrent.ConcurrentQueue<Guid> Calls { get; } = [];

        public async Task<string?> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            Calls.Enqueue(message.Id);
            Holding.TrySetResult();
            await Release.Task;
            return null;
        }
    }

    private sealed class FailingSender : IMessageSender
    {
        public const string Error = "The SMTP server is down";

        public Task<string?> SendAsync(OutboxMessage message, CancellationToken cancellationToken) =>
            throw new InvalidOperationException(Error);
    }
}

[Collection(Sqlite.Name)]
public sealed class OutboxSenderTestsOnSqlite(SqliteApp app) : OutboxSenderTests(app);

[Collection(Postgres.Name)]
public sealed class OutboxSenderTestsOnPostgres(PostgresApp app) : OutboxSenderTests(app);
