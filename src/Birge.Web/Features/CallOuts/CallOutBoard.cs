using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.CallOuts;

/// <summary>Counts of a wave or a region: asked, coming (selected), standby, can't, no answer.</summary>
public sealed record CallOutCounts(int Sent, int Coming, int Standby, int Cannot, int NoAnswer);

public sealed record WaveCounts(int Wave, CallOutCounts Counts);

public sealed record RegionCounts(string RegionKato, CallOutCounts Counts);

/// <summary>One person on the roster (or in reserve): name, team, phone for staff to call, check-in state, hours.</summary>
public sealed record RosterPerson(Guid AccountId, string? Name, string? Team, string? Phone, CallOutReply Reply, DateTime? RepliedAt, DateTime? CheckedInAt, DateTime? CheckedOutAt, Guid? HoursEntryId);

/// <summary>The live board of a call-out.</summary>
public sealed record CallOutBoardView(CallOut CallOut, CallOutCounts Total, int Delivered, IReadOnlyList<WaveCounts> Waves, IReadOnlyList<RegionCounts> Regions, IReadOnlyList<RosterPerson> Roster, IReadOnlyList<RosterPerson> Standby);

/// <summary>
/// What the office sees of a call-out, read in three queries: the counts by wave, region and reply, and the roster with
/// the reserve. "Sent" counts the recipients (each was queued a message in the same transaction); "delivered" counts
/// their SMS the gateway reported delivered, found by the waves' idempotency keys (<see cref="CallOutDispatch.Key"/>).
/// </summary>
public sealed class CallOutBoard(BirgeDb db, TimeProvider clock, Outbox outbox, AuditLog audit)
{
    public async Task<CallOutBoardView?> ReadAsync(Guid callOutId, CancellationToken cancellationToken)
    {
        var callOut = await db.CallOuts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == callOutId, cancellationToken);
        if (callOut is null)
        {
            return null;
        }

        var groups = await db.CallOutRecipients.AsNoTracking().Where(r => r.CallOutId == callOutId)
            .GroupBy(r => new { r.Wave, r.RegionKato, r.Reply })
            .Select(g => new Group(g.Key.Wave, g.Key.RegionKato, g.Key.Reply, g.Count()))
            .ToListAsync(cancellationToken);
        var people = await (from r in db.CallOutRecipients.AsNoTracking()
                            where r.CallOutId == callOutId && (r.Reply == CallOutReply.Selected || r.Reply == CallOutReply.Standby)
                            join a in db.Accounts.AsNoTracking() on r.AccountId equals a.Id
                            orderby r.RepliedAt
                            select new RosterPerson(
                                r.AccountId,
                                a.FullName,
                                (from m in db.TeamMembers
                                 join t in db.Teams on m.TeamId equals t.Id
                                 where m.AccountId == r.AccountId
                                 orderby t.Name
                                 select t.Name).FirstOrDefault(),
                                a.Phone,
                                r.Reply!.Value,
                                r.RepliedAt,
                                r.CheckedInAt,
                                r.CheckedOutAt,
                                r.HoursEntryId)).ToListAsync(cancellationToken);

        var asked = await db.CallOutRecipients.AsNoTracking().Where(r => r.CallOutId == callOutId)
            .Select(r => new { r.Wave, r.AccountId }).ToListAsync(cancellationToken);
        var smsKeys = asked.Select(r => CallOutDispatch.Key(callOutId, r.Wave, r.AccountId) + ":sms").ToList();
        var delivered = await db.OutboxMessages.AsNoTracking().Where(m => smsKeys.Contains(m.IdempotencyKey!)).Where(DeliveryStatus.IsDelivered)
            .CountAsync(cancellationToken);

        return new CallOutBoardView(
            callOut,
            Sum(groups),
            delivered,
            [.. groups.GroupBy(g => g.Wave).OrderBy(w => w.Key).Select(w => new WaveCounts(w.Key, Sum(w)))],
            [.. groups.GroupBy(g => g.RegionKato).OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => new RegionCounts(r.Key, Sum(r)))],
            [.. people.Where(p => p.Reply == CallOutReply.Selected)],
            [.. people.Where(p => p.Reply == CallOutReply.Standby)]);
    }

    private sealed record Group(int Wave, string RegionKato, CallOutReply? Reply, int Count);

    private static CallOutCounts Sum(IEnumerable<Group> rows)
    {
        var list = rows.ToList();
        int Of(CallOutReply? reply) => list.Where(g => g.Reply == reply).Sum(g => g.Count);
        return new CallOutCounts(list.Sum(g => g.Count), Of(CallOutReply.Selected), Of(CallOutReply.Standby), Of(CallOutReply.Declined), Of(null) + Of(CallOutReply.NotNeeded));
    }

    /// <summary>Closes (enough are on their way, or it is over) or cancels an open or filled call-out; a cancellation tells those selected.</summary>
    public async Task<Outcome> EndAsync(Guid callOutId, bool cancel, Guid staffId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var status = cancel ? CallOutStatus.Cancelled : CallOutStatus.Closed;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ended = await db.CallOuts.Where(c => c.Id == callOutId && (c.Status == CallOutStatus.Open || c.Status == CallOutStatus.Filled))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, status).SetProperty(c => c.ClosedAt, now).SetProperty(c => c.NextWaveAt, (DateTime?)null), cancellationToken);
        if (ended != 1)
        {
            return Outcome.Refused(await db.CallOuts.AnyAsync(c => c.Id == callOutId, cancellationToken) ? CallOutErrors.NotOpen : ErrorCodes.NotFound);
        }

        var callOut = await db.CallOuts.AsNoTracking().FirstAsync(c => c.Id == callOutId, cancellationToken);
        if (cancel)
        {
            var selected = await db.CallOutRecipients.Where(r => r.CallOutId == callOutId && r.Reply == CallOutReply.Selected)
                .Join(db.Accounts, r => r.AccountId, a => a.Id, (r, a) => a).AsNoTracking().ToListAsync(cancellationToken);
            var message = new CallOutMessages.CallOutCancelled(callOut.Title, callOut.StartsAt, outbox.Link($"/call-outs/{callOutId}"));
            await outbox.ToAccountsAsync(selected, _ => message, a => $"callout:{callOutId}:cancelled:{a.Id}", cancellationToken);
        }

        audit.Record(cancel ? "call_out.cancel" : "call_out.close", "call_out", callOutId.ToString(), callOut.RegionKato, staffId.ToString());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome.Done;
    }
}
