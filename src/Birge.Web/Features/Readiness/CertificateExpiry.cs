using Birge.Web.Data;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Readiness;

/// <summary>
/// Certificates running out (<c>Jobs:CertificateExpiry</c>, daily): each holder is told once per expiry date, within
/// <see cref="ReadinessReport.NoticeDays"/> days of it. The notice is stamped by a conditional UPDATE on the row still
/// unstamped with the date it was found with, in the same transaction as the message, so two nodes never tell twice;
/// a certificate replaced with a new date loses its stamp (<see cref="TeamRoster"/>) and is told again before that one.
/// </summary>
public sealed class CertificateExpiry(IServiceScopeFactory scopes, TimeProvider clock, JobServices services)
    : PeriodicJob<int>("CertificateExpiry", TimeSpan.FromDays(1), services)
{
    public const string MyTeamsPath = "/account/teams";

    private const int BatchSize = 200;

    /// <summary>Tells the holders of certificates that are due a notice; returns how many were told.</summary>
    protected override async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var told = 0;
        while (true)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<BirgeDb>();
            var now = clock.GetUtcNow().UtcDateTime;
            var today = DateOnly.FromDateTime(KazakhstanTime.FromUtc(now));
            var until = today.AddDays(ReadinessReport.NoticeDays);
            var due = await db.VolunteerCertificates.AsNoTracking()
                .Where(c => c.ExpiryNoticeSentAt == null && c.ExpiresOn >= today && c.ExpiresOn <= until
                    && db.Accounts.Any(a => a.Id == c.AccountId && a.Status == Domain.AccountStatus.Active))
                .OrderBy(c => c.Id)
                .Take(BatchSize)
                .Select(c => new { c.Id, c.AccountId, c.Code, c.ExpiresOn })
                .ToListAsync(cancellationToken);
            var holderIds = due.Select(c => c.AccountId).Distinct().ToList();
            var holders = await db.Accounts.AsNoTracking().Where(a => holderIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken);
            // Each one found is stamped (here or by another node), so the next batch finds the rest.
            var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
            foreach (var certificate in due)
            {
                if (!holders.TryGetValue(certificate.AccountId, out var holder))
                {
                    continue;
                }

                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var stamped = await db.VolunteerCertificates
                    .Where(c => c.Id == certificate.Id && c.ExpiryNoticeSentAt == null && c.ExpiresOn == certificate.ExpiresOn)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.ExpiryNoticeSentAt, now), cancellationToken);
                if (stamped != 1)
                {
                    continue;
                }

                await outbox.ToAccountAsync(
                    holder,
                    new ReadinessMessages.CertificateExpiring(Cultures.Texts("CertificateKind_" + certificate.Code), certificate.ExpiresOn, outbox.Link(MyTeamsPath)),
                    $"certificate-expiring:{certificate.Id}:{certificate.ExpiresOn:yyyy-MM-dd}",
                    cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                told++;
            }

            if (due.Count < BatchSize)
            {
                return told;
            }
        }
    }
}
