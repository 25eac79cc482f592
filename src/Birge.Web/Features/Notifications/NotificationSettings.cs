using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Notifications;

/// <summary>A person's channels for each kind of message: what they chose, else the kind's defaults.</summary>
public sealed class NotificationSettings(BirgeDb db, TimeProvider clock)
{
    public async Task<IReadOnlyList<KindChannels>> ReadAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var chosen = await db.NotificationPreferences.AsNoTracking().Where(p => p.AccountId == accountId).ToDictionaryAsync(p => p.Kind, cancellationToken);
        return [.. NotificationKinds.All.Select(k => k.Critical
            ? new KindChannels(k.Code, true, true, true, true)
            : chosen.TryGetValue(k.Code, out var p)
                ? new KindChannels(k.Code, p.InApp, p.Email, p.Sms, false)
                : new KindChannels(k.Code, k.InApp, k.Email, k.Sms, false))];
    }

    /// <summary>
    /// Stores the channels of the kinds given (the others keep theirs). A critical kind cannot lose a channel and an
    /// unknown kind is refused: then nothing is stored.
    /// </summary>
    public async Task<Outcome> SaveAsync(Guid accountId, IReadOnlyList<KindChannels> items, CancellationToken cancellationToken, bool retried = false)
    {
        for (var i = 0; i < items.Count; i++)
        {
            var kind = NotificationKinds.Find(items[i].Kind);
            if (kind is null)
            {
                return Outcome.Invalid($"items[{i}].kind", NotificationErrors.KindUnknown);
            }

            if (kind.Critical && !(items[i].InApp && items[i].Email && items[i].Sms))
            {
                return Outcome.Invalid($"items[{i}].kind", NotificationErrors.Critical);
            }
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var stored = await db.NotificationPreferences.Where(p => p.AccountId == accountId).ToDictionaryAsync(p => p.Kind, cancellationToken);
        foreach (var item in items.Where(i => !NotificationKinds.Find(i.Kind)!.Critical).DistinctBy(i => i.Kind))
        {
            if (!stored.TryGetValue(item.Kind, out var preference))
            {
                preference = new NotificationPreference { AccountId = accountId, Kind = item.Kind };
                db.NotificationPreferences.Add(preference);
            }

            preference.InApp = item.InApp;
            preference.Email = item.Email;
            preference.Sms = item.Sms;
            preference.UpdatedAt = now;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (!retried)
        {
            // The same person saved twice at once and the other added the row first: apply this on top of it.
            db.ChangeTracker.Clear();
            return await SaveAsync(accountId, items, cancellationToken, retried: true);
        }

        return Outcome.Done;
    }
}

/// <param name="Kind">A code of <see cref="NotificationKinds"/>.</param>
/// <param name="Critical">Always sent by every channel; cannot be switched off.</param>
public sealed record KindChannels(string Kind, bool InApp, bool Email, bool Sms, bool Critical = false);
