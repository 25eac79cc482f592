using Birge.Web.Domain;
using Birge.Web.Features.HelpRequests;

namespace Birge.Tests.Domain;

public sealed class HelpRequestTests
{
    private static readonly DateTime Now = new(2026, 12, 3, 6, 0, 0, DateTimeKind.Utc);
    private static readonly SlaTargets Sla = new();
    private static readonly Guid Volunteer = Guid.NewGuid();
    private static readonly Guid Operator = Guid.NewGuid();

    private static HelpRequest Asked(HelpUrgency urgency = HelpUrgency.Normal) => new()
    {
        TrackingCode = TrackingCode.New(),
        Category = "groceries",
        Description = "Бабушке нужны продукты и лекарства",
        RegionKato = "750000000",
        Language = "ru",
        ConsentVersion = "2026-11",
        Phone = "+77011234567",
        RequesterName = "Айгерім",
        Address = "Абая 1, кв. 2",
        Latitude = 43.238949,
        Longitude = 76.889709,
        Urgency = urgency,
        CreatedAt = Now,
    };

    private static HelpRequest Queued(HelpUrgency urgency = HelpUrgency.Normal)
    {
        var request = Asked(urgency);
        request.Queue(Now, Sla);
        return request;
    }

    [Fact]
    public void The_right_sms_code_queues_the_request_with_its_sla_clock()
    {
        var request = Asked(HelpUrgency.Critical);
        var code = request.NewPhoneCode(Now);

        Assert.Equal(HelpRequestStatus.Unconfirmed, request.Status);
        Assert.Null(request.ConfirmPhone(code, Now.AddMinutes(3), Sla));

        Assert.Equal(HelpRequestStatus.New, request.Status);
        Assert.Equal(Now.AddMinutes(3).AddHours(1), request.ClaimDueAt);
        Assert.Equal(Now.AddMinutes(3).AddHours(4), request.DoneDueAt);
        Assert.Null(request.PhoneCodeHash);
    }

    [Fact]
    public void A_wrong_stale_or_guessed_code_does_not_queue_it()
    {
        var request = Asked();
        var code = request.NewPhoneCode(Now);
        var wrong = code == "000000" ? "000001" : "000000";

        Assert.Equal(HelpRequestErrors.PhoneCodeWrong, request.ConfirmPhone(wrong, Now, Sla));
        Assert.Equal(HelpRequestErrors.PhoneCodeWrong, request.ConfirmPhone("12", Now, Sla));
        Assert.Equal(HelpRequestErrors.PhoneCodeExpired, request.ConfirmPhone(code, Now + HelpRequest.PhoneCodeLifetime, Sla));
        Assert.Equal(HelpRequestStatus.Unconfirmed, request.Status);

        for (var i = 0; i < HelpRequest.MaxPhoneCodeAttempts; i++)
        {
            request.ConfirmPhone(wrong, Now, Sla);
        }

        Assert.Equal(HelpRequestErrors.PhoneCodeTooManyAttempts, request.ConfirmPhone(code, Now, Sla));
        Assert.Equal(HelpRequestStatus.Unconfirmed, request.Status);

        // A new code starts over.
        var again = request.NewPhoneCode(Now);
        Assert.Null(request.ConfirmPhone(again, Now, Sla));
        Assert.Equal(HelpRequestStatus.New, request.Status);
    }

    [Fact]
    public void Waiting_for_the_citizen_pauses_the_clock_and_a_new_urgency_keeps_the_pause()
    {
        var request = Queued(HelpUrgency.Normal);
        Assert.False(request.IsOverdue(Now.AddHours(23)));
        Assert.True(request.IsOverdue(Now.AddHours(24)));

        request.WaitForCitizen(Now.AddHours(1));
        Assert.False(request.IsOverdue(Now.AddHours(30)));
        request.StopWaiting(Now.AddHours(3));

        Assert.Equal(Now.AddHours(26), request.ClaimDueAt);
        Assert.Equal(Now.AddHours(74), request.DoneDueAt);

        request.Triage(HelpUrgency.High, Now.AddHours(3), Sla);
        Assert.Equal(Now.AddHours(6), request.ClaimDueAt);
        Assert.Equal(Now.AddHours(26), request.DoneDueAt);
        Assert.True(request.IsOverdue(Now.AddHours(6)));
    }

    [Fact]
    public void Only_the_claimant_releases_or_completes_it()
    {
        var request = Queued();
        request.Claimed(Volunteer, Now, TimeSpan.FromHours(4));
        Assert.Equal(Now.AddHours(4), request.ClaimExpiresAt);
        Assert.Equal(request.DoneDueAt, request.NextDueAt);

        var stranger = Guid.NewGuid();
        Assert.Equal(HelpRequestErrors.NotClaimant, request.Release(stranger, Now));
        Assert.Equal(HelpRequestErrors.NotClaimant, request.Complete(stranger, null, 30, Now));
        Assert.Equal(HelpRequestErrors.MinutesInvalid, request.Complete(Volunteer, null, 0, Now));
        Assert.Equal(HelpRequestErrors.MinutesInvalid, request.Complete(Volunteer, null, HelpRequest.MaxMinutes + 1, Now));
        Assert.Equal(HelpRequestStatus.Claimed, request.Status);

        Assert.Null(request.Release(Volunteer, Now));
        Assert.Equal(HelpRequestStatus.Open, request.Status);
        Assert.Null(request.ClaimedBy);
        Assert.True(request.IsQueued);
    }

    [Fact]
    public void Done_waits_for_the_call_back_and_closes_only_when_confirmed()
    {
        var request = Queued();
        request.Claimed(Volunteer, Now, TimeSpan.FromHours(4));
        Assert.Null(request.Complete(Volunteer, "  Принёс продукты  ", 90, Now.AddHours(2)));

        Assert.Equal(HelpRequestStatus.DoneUnconfirmed, request.Status);
        Assert.Equal("Принёс продукты", request.DoneNote);
        Assert.Equal(Volunteer, request.HelperId);
        Assert.Equal(Now.AddHours(2), request.NextCallbackAt);

        Assert.Null(request.CallBack(CallbackOutcome.Confirmed, Operator, Now.AddHours(3), TimeSpan.FromHours(2)));
        Assert.Equal(HelpRequestStatus.Closed, request.Status);
        Assert.Equal(Operator, request.ClosedBy);
        Assert.Equal(HelpRequestErrors.NotDone, request.CallBack(CallbackOutcome.Confirmed, Operator, Now, TimeSpan.Zero));
    }

    [Fact]
    public void Not_done_returns_it_to_the_queue_and_three_unanswered_calls_close_it()
    {
        var notDone = Queued();
        notDone.Claimed(Volunteer, Now, TimeSpan.FromHours(4));
        notDone.Complete(Volunteer, null, 30, Now);
        Assert.Null(notDone.CallBack(CallbackOutcome.NotDone, Operator, Now, TimeSpan.FromHours(2)));
        Assert.Equal(HelpRequestStatus.Open, notDone.Status);
        Assert.Null(notDone.ClaimedBy);

        var silent = Queued();
        silent.Claimed(Volunteer, Now, TimeSpan.FromHours(4));
        silent.Complete(Volunteer, null, 30, Now);
        silent.CallBack(CallbackOutcome.NoAnswer, Operator, Now, TimeSpan.FromHours(2));
        Assert.Equal(Now.AddHours(2), silent.NextCallbackAt);
        silent.CallBack(CallbackOutcome.NoAnswer, Operator, Now.AddHours(2), TimeSpan.FromHours(2));
        Assert.Equal(HelpRequestStatus.DoneUnconfirmed, silent.Status);
        silent.CallBack(CallbackOutcome.NoAnswer, Operator, Now.AddHours(4), TimeSpan.FromHours(2));
        Assert.Equal(HelpRequestStatus.ClosedUnresponsive, silent.Status);
        Assert.Null(silent.NextCallbackAt);
    }

    [Fact]
    public void A_duplicate_points_at_the_original_and_leaves_the_queue()
    {
        var original = Queued();
        var copy = Queued();
        var third = Queued();

        Assert.Equal(HelpRequestErrors.DuplicateInvalid, copy.MarkDuplicateOf(copy, Operator, Now));
        Assert.Null(copy.MarkDuplicateOf(original, Operator, Now));
        Assert.Equal(HelpRequestStatus.Duplicate, copy.Status);
        Assert.Equal(original.Id, copy.DuplicateOfId);

        // A copy of a copy points at the original.
        Assert.Null(third.MarkDuplicateOf(copy, Operator, Now));
        Assert.Equal(original.Id, third.DuplicateOfId);
        Assert.Equal(HelpRequestErrors.NotActive, copy.MarkDuplicateOf(original, Operator, Now));
    }

    [Fact]
    public void Erasing_keeps_what_statistics_count_and_nothing_that_names_the_person()
    {
        var request = Queued();
        request.Claimed(Volunteer, Now, TimeSpan.FromHours(4));
        request.Complete(Volunteer, "Дверь открыла дочь, Айгерім", 30, Now);
        request.CallBack(CallbackOutcome.Confirmed, Operator, Now, TimeSpan.Zero);

        request.Erase(Now.AddDays(90));

        Assert.Null(request.RequesterName);
        Assert.Null(request.Phone);
        Assert.Null(request.Address);
        Assert.Null(request.DoneNote);
        Assert.Equal("", request.Description);
        Assert.Equal(43.24, request.Latitude);
        Assert.Equal(76.89, request.Longitude);
        Assert.Equal("groceries", request.Category);
        Assert.Equal("750000000", request.RegionKato);
        Assert.Equal(HelpRequestStatus.Closed, request.Status);
        Assert.Equal(30, request.DoneMinutes);
    }

    [Fact]
    public void The_person_may_cancel_until_it_is_done_and_confirm_once_it_is()
    {
        var request = Queued();
        Assert.Equal(HelpRequestErrors.NotDone, request.ConfirmByRequester(Now));
        request.Claimed(Volunteer, Now, TimeSpan.FromHours(4));
        request.Complete(Volunteer, null, 30, Now);
        Assert.Equal(HelpRequestErrors.NotActive, request.Cancel(Now));
        Assert.Null(request.ConfirmByRequester(Now));
        Assert.Equal(HelpRequestStatus.Closed, request.Status);

        var other = Queued();
        Assert.Null(other.Cancel(Now));
        Assert.Equal(HelpRequestStatus.Cancelled, other.Status);
    }

    [Fact]
    public void A_tracking_code_is_short_and_catches_a_typo()
    {
        var code = TrackingCode.New();
        Assert.Equal(TrackingCode.Length, code.Length);
        Assert.Equal(9, TrackingCode.Format(code).Length);
        Assert.Equal(CodeCheck.Valid, TrackingCode.Parse(TrackingCode.Format(code).ToLowerInvariant(), out var parsed));
        Assert.Equal(code, parsed);

        var typo = (code[0] == 'A' ? 'B' : 'A') + code[1..];
        Assert.Equal(CodeCheck.Typo, TrackingCode.Parse(typo, out _));
        Assert.Equal(CodeCheck.Malformed, TrackingCode.Parse(code + "X", out _));
    }
}
