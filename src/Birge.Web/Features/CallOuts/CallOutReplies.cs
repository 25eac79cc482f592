using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.CallOuts;

public enum CallOutAnswer
{
    Coming,
    Cannot,
}

/// <summary>
/// A recipient's answer, by link, API or SMS. "Coming" takes a seat only through the conditional update
/// <c>Coming = Coming + 1 WHERE Status = 'Open' AND Coming &lt; Needed</c>, so exactly <see cref="CallOut.Needed"/> are
/// selected under any number of parallel replies; the reply that fills it tells everyone not yet answered "thank you,
/// not needed" (once). A selected person who then cannot frees the seat and a filled call-out opens again.
/// </summary>
public sealed class CallOutReplies(BirgeDb db, TimeProvider clock, Outbox outbox)
{
    public static readonly IReadOnlyDictionary<string, CallOutAnswer> Answers = new Dictionary<string, CallOutAnswer>(StringComparer.Ordinal)
    {
        ["coming"] = CallOutAnswer.Coming,
        ["cannot"] = CallOutAnswer.Cannot,
    };

    /// <summary>The API's names of what a reply decided.</summary>
    public static string ApiName(CallOutReply reply) => reply switch
    {
        CallOutReply.Selected => "selected",
        CallOutReply.Standby => "standby",
        CallOutReply.NotNeeded => "not_needed",
        _ => "declined",
    };

    public async Task<Outcome<CallOutReply>> ReplyAsync(Guid callOutId, Guid accountId, CallOutAnswer answer, string via, CancellationToken cancellationToken)
    {
        var recipient = await db.CallOutRecipients.AsNoTracking()
            .Where(r => r.CallOutId == callOutId && r.AccountId == accountId)
            .Select(r => new { r.Reply })
            .FirstOrDefaultAsync(cancellationToken);
        if (recipient is null)
        {
            return Outcome.Refused(CallOutErrors.NotRecipient);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var mine = db.CallOutRecipients.Where(r => r.CallOutId == callOutId && r.AccountId == accountId);
        var callOut = db.CallOuts.Where(c => c.Id == callOutId);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // The call-out's row is locked first by every reply: the reply that fills it then updates the others' rows, and
        // one that took a person's row before the call-out's would deadlock with it (PostgreSQL).
        await callOut.ExecuteUpdateAsync(s => s.SetProperty(c => c.Coming, c => c.Coming), cancellationToken);
        CallOutReply decided;
        if (answer == CallOutAnswer.Coming)
        {
            // The person's own row first: a second "coming" of the same person (even in parallel) takes no second seat.
            var taken = await mine.Where(r => r.Reply == null || r.Reply != CallOutReply.Selected)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Reply, CallOutReply.Selected).SetProperty(r => r.RepliedAt, now).SetProperty(r => r.RepliedBy, via), cancellationToken);
            if (taken == 0)
            {
                return CallOutReply.Selected;
            }

            var seat = await callOut.Where(c => c.Status == CallOutStatus.Open && c.Coming < c.Needed)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Coming, c => c.Coming + 1), cancellationToken);
            if (seat == 1)
            {
                decided = CallOutReply.Selected;
                var filled = await callOut.Where(c => c.Status == CallOutStatus.Open && c.Coming >= c.Needed)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CallOutStatus.Filled).SetProperty(c => c.NextWaveAt, (DateTime?)null), cancellationToken);
                if (filled == 1)
                {
                    await TellNotNeededAsync(callOutId, now, cancellationToken);
                }
            }
            else
            {
                var status = await callOut.Select(c => c.Status).FirstAsync(cancellationToken);
                decided = status == CallOutStatus.Filled ? CallOutReply.Standby : CallOutReply.NotNeeded;
                await mine.ExecuteUpdateAsync(s => s.SetProperty(r => r.Reply, decided), cancellationToken);
            }
        }
        else
        {
            decided = CallOutReply.Declined;
            var freed = await mine.Where(r => r.Reply == CallOutReply.Selected)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Reply, CallOutReply.Declined).SetProperty(r => r.RepliedAt, now).SetProperty(r => r.RepliedBy, via), cancellationToken);
            if (freed == 1)
            {
                // The seat is free again: a filled call-out opens for the next "coming".
                await callOut.Where(c => c.Coming > 0).ExecuteUpdateAsync(s => s.SetProperty(c => c.Coming, c => c.Coming - 1), cancellationToken);
                await callOut.Where(c => c.Status == CallOutStatus.Filled && c.Coming < c.Needed)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CallOutStatus.Open), cancellationToken);
            }
            else
            {
                await mine.Where(r => r.Reply == null || r.Reply != CallOutReply.Declined)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.Reply, CallOutReply.Declined).SetProperty(r => r.RepliedAt, now).SetProperty(r => r.RepliedBy, via), cancellationToken);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return decided;
    }

    /// <summary>Everyone asked who has not answered and was not told yet hears "thank you, not needed" once.</summary>
    private async Task TellNotNeededAsync(Guid callOutId, DateTime now, CancellationToken cancellationToken)
    {
        var title = await db.CallOuts.Where(c => c.Id == callOutId).Select(c => c.Title).FirstAsync(cancellationToken);
        var waiting = db.CallOutRecipients.Where(r => r.CallOutId == callOutId && r.Reply == null && r.NotNeededSentAt == null);
        var people = await waiting.Join(db.Accounts, r => r.AccountId, a => a.Id, (r, a) => a).AsNoTracking().ToListAsync(cancellationToken);
        await waiting.ExecuteUpdateAsync(s => s.SetProperty(r => r.NotNeededSentAt, now), cancellationToken);
        var message = new CallOutMessages.CallOutNotNeeded(title, outbox.Link($"/call-outs/{callOutId}"));
        await outbox.ToAccountsAsync(people, _ => message, a => $"callout:{callOutId}:not-needed:{a.Id}", cancellationToken);
    }
}
