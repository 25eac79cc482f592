using System.Linq.Expressions;
using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Accounts;

/// <summary>
/// Nobody keeps another person's e-mail or phone. A contact not confirmed within <see cref="RemoveAfter"/> of signing
/// up (for a child, of the parent's consent) is released: an account with no confirmed contact is removed the way a
/// person deletes their own (<see cref="PersonalData.EraseAsync"/>: personal fields erased, consent withdrawn,
/// applications cancelled so their seats go to others); an account that confirmed its other contact only loses the
/// unconfirmed one. At <see cref="RemindAfter"/> the unconfirmed contact gets its confirmation link again with the
/// deadline, and nothing is released sooner than <see cref="Notice"/> after that reminder. Accounts waiting for a
/// parent's consent are left alone.
/// A reminder is claimed with a conditional UPDATE of <see cref="Account.ConfirmationReminderSentAt"/> in the same
/// transaction as its messages, a removal with a conditional UPDATE of the account's concurrency stamp, so several
/// app nodes never both send or both remove. A periodic job (<c>Jobs:UnconfirmedAccounts</c>, every hour); tests
/// call <see cref="PeriodicJob{TRun}.RunOnceAsync"/>.
/// </summary>
public sealed class UnconfirmedAccounts(IServiceScopeFactory scopes, TimeProvider clock, JobServices services)
    : PeriodicJob<UnconfirmedRun>("UnconfirmedAccounts", TimeSpan.FromHours(1), services)
{
    public static readonly TimeSpan RemindAfter = TimeSpan.FromDays(5);

    public static readonly TimeSpan RemoveAfter = TimeSpan.FromDays(7);

    /// <summary>The least time between the reminder and the release.</summary>
    public static readonly TimeSpan Notice = TimeSpan.FromDays(2);

    private const int BatchSize = 50;

    /// <summary>Sends the reminders that are due, then releases what is past its deadline.</summary>
    protected override async Task<UnconfirmedRun> RunAsync(CancellationToken cancellationToken)
    {
        var reminded = await RemindAsync(cancellationToken);
        var (removed, released) = await ReleaseAsync(cancellationToken);
        return new UnconfirmedRun(reminded, removed, released);
    }

    private async Task<int> RemindAsync(CancellationToken cancellationToken)
    {
        var reminded = 0;
        while (true)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<BirgeDb>();
            var confirmation = scope.ServiceProvider.GetRequiredService<ContactConfirmation>();
            var now = clock.GetUtcNow().UtcDateTime;
            var due = await db.Accounts.AsNoTracking()
                .Where(HasUnconfirmedContact)
                .Where(a => a.ConfirmationReminderSentAt == null)
                .Where(StartedBefore(db, now - RemindAfter))
                .OrderBy(a => a.CreatedAt)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            foreach (var account in due)
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var claimed = await db.Accounts
                    .Where(a => a.Id == account.Id && a.ConfirmationReminderSentAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.ConfirmationReminderSentAt, now), cancellationToken);
                if (claimed == 0)
                {
                    // Another node reminded them.
                    continue;
                }

                await confirmation.RemindAsync(account);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                reminded++;
            }

            if (due.Count < BatchSize)
            {
                return reminded;
            }
        }
    }

    private async Task<(int Removed, int Released)> ReleaseAsync(CancellationToken cancellationToken)
    {
        var (removed, released) = (0, 0);
        while (true)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var noticeGiven = now - Notice;
            List<Candidate> due;
            using (var scope = scopes.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<BirgeDb>();
                due = await db.Accounts.AsNoTracking()
                    .Where(HasUnconfirmedContact)
                    .Where(a => a.ConfirmationReminderSentAt != null && a.ConfirmationReminderSentAt <= noticeGiven)
                    .Where(StartedBefore(db, now - RemoveAfter))
                    .OrderBy(a => a.CreatedAt)
                    .Take(BatchSize)
                    .Select(a => new Candidate(a.Id, a.ConcurrencyStamp, a.EmailConfirmed, a.PhoneConfirmed))
                    .ToListAsync(cancellationToken);
            }

            var done = 0;
            foreach (var candidate in due)
            {
                if (!candidate.EmailConfirmed && !candidate.PhoneConfirmed)
                {
                    if (await RemoveAsync(candidate, cancellationToken))
                    {
                        removed++;
                        done++;
                    }
                }
                else if (await ReleaseContactAsync(candidate, cancellationToken))
                {
                    released++;
                    done++;
                }
            }

            // A batch in which nothing could be done (another node took it all) ends the run rather than spin.
            if (due.Count < BatchSize || done == 0)
            {
                return (removed, released);
            }
        }
    }

    /// <summary>Removes an account without any confirmed contact, unless it changed since it was read.</summary>
    private async Task<bool> RemoveAsync(Candidate candidate, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BirgeDb>();
        var claimed = await db.Accounts
            .Where(a => a.Id == candidate.Id && a.ConcurrencyStamp == candidate.ConcurrencyStamp
                && a.Status == AccountStatus.Active && !a.EmailConfirmed && !a.PhoneConfirmed)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.ConcurrencyStamp, Guid.NewGuid().ToString("N")), cancellationToken);
        if (claimed == 0)
        {
            // Confirmed a moment ago, or another node is removing it.
            return false;
        }

        var account = await db.Accounts.FirstAsync(a => a.Id == candidate.Id, cancellationToken);
        scope.ServiceProvider.GetRequiredService<AuditLog>()
            .Record("account.removed_unconfirmed", "account", account.Id.ToString(), account.RegionKato);
        await scope.ServiceProvider.GetRequiredService<PersonalData>().EraseAsync(account, cancellationToken);
        return true;
    }

    /// <summary>Drops the unconfirmed contact of an account that confirmed its other one.</summary>
    private async Task<bool> ReleaseContactAsync(Candidate candidate, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BirgeDb>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var released = candidate.PhoneConfirmed
            ? await db.Accounts
                .Where(a => a.Id == candidate.Id && a.PhoneConfirmed && !a.EmailConfirmed && a.Email != null)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Email, (string?)null).SetProperty(a => a.NormalizedEmail, (string?)null), cancellationToken)
            : await db.Accounts
                .Where(a => a.Id == candidate.Id && a.EmailConfirmed && !a.PhoneConfirmed && a.Phone != null)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Phone, (string?)null), cancellationToken);
        if (released == 0)
        {
            return false;
        }

        var region = await db.Accounts.Where(a => a.Id == candidate.Id).Select(a => a.RegionKato).FirstAsync(cancellationToken);
        scope.ServiceProvider.GetRequiredService<AuditLog>()
            .Record("account.contact_released", "account", candidate.Id.ToString(), region, candidate.PhoneConfirmed ? "email" : "phone");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static readonly Expression<Func<Account, bool>> HasUnconfirmedContact = a =>
        a.Status == AccountStatus.Active && ((a.Email != null && !a.EmailConfirmed) || (a.Phone != null && !a.PhoneConfirmed));

    /// <summary>The account's week began at sign-up, or for a child at the parent's consent, before <paramref name="moment"/>.</summary>
    private static Expression<Func<Account, bool>> StartedBefore(BirgeDb db, DateTime moment) => a =>
        (db.ParentConsents.Where(p => p.ChildAccountId == a.Id).Max(p => p.ConfirmedAt) ?? a.CreatedAt) <= moment;

    private sealed record Candidate(Guid Id, string ConcurrencyStamp, bool EmailConfirmed, bool PhoneConfirmed);
}

/// <summary>What one run did: reminders sent, accounts removed, contacts released from otherwise confirmed accounts.</summary>
public readonly record struct UnconfirmedRun(int Reminded, int Removed, int Released);
