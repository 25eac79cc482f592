using System.Text.RegularExpressions;
using Birge.Web.Data;
using Birge.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.CallOuts;

/// <summary>
/// Replies by SMS, as the gateway forwards them: "1" (coming) or "2" (cannot), optionally followed by the call-out's
/// short code ("1 K7QM"); without a code it answers the latest running call-out sent to that number. Garbage, an unknown
/// number or a closed call-out is refused with a code and changes nothing (and nothing is sent back).
/// </summary>
public sealed partial class CallOutSms(BirgeDb db, CallOutReplies replies)
{
    public async Task<Outcome<CallOutReply>> ReceiveAsync(string? from, string? text, CancellationToken cancellationToken)
    {
        var match = text is null ? null : Reply().Match(text);
        if (match is not { Success: true })
        {
            return Outcome.Invalid("text", CallOutErrors.SmsTextInvalid);
        }

        if (!PhoneNumber.TryParseAny(from, out var phone) || phone is null)
        {
            return Outcome.Refused(CallOutErrors.SmsSenderUnknown);
        }

        var answer = match.Groups["answer"].Value == "1" ? CallOutAnswer.Coming : CallOutAnswer.Cannot;
        var code = match.Groups["code"].Success ? match.Groups["code"].Value.ToUpperInvariant() : null;
        var sentTo = from r in db.CallOutRecipients.AsNoTracking()
                     where r.Phone == phone.Value
                     join c in db.CallOuts.AsNoTracking() on r.CallOutId equals c.Id
                     orderby r.SentAt descending
                     select new { r.AccountId, c.Id, c.ShortCode, c.Status };
        var candidates = await (code is null ? sentTo : sentTo.Where(x => x.ShortCode == code)).Take(20).ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return Outcome.Refused(code is not null && await sentTo.AnyAsync(cancellationToken) ? CallOutErrors.ShortCodeUnknown : CallOutErrors.SmsSenderUnknown);
        }

        var running = candidates.FirstOrDefault(c => c.Status is CallOutStatus.Open or CallOutStatus.Filled);
        if (running is null)
        {
            return Outcome.Refused(CallOutErrors.NotOpen);
        }

        return await replies.ReplyAsync(running.Id, running.AccountId, answer, "sms", cancellationToken);
    }

    [GeneratedRegex(@"^\s*(?<answer>[12])(?:[\s.,:;-]+(?<code>[A-Za-z0-9]{4}))?\s*$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Reply();
}
