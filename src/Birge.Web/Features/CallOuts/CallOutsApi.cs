using System.Security.Claims;
using Birge.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Birge.Web.Features.CallOuts;

/// <summary>Call-outs (api.md, "Readiness register and call-outs"): send, the board, a recipient's reply, and replies by SMS from the gateway.</summary>
public static class CallOutsApi
{
    public static IEndpointRouteBuilder MapCallOutsApi(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/v1/call-outs").WithTags("Call-outs").RequireAuthorization(Policies.RegionStaff);
        app.MapPost("/api/v1/call-outs", SendAsync).WithTags("Call-outs").RequireAuthorization(Policies.RegionStaff)
            .WithSummary("Sends a call-out to the region's teams (or those given) now; waves to standby teams and neighbouring regions follow when fewer than needed say yes")
            .WithName("sendCallOut")
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status422UnprocessableEntity);
        staff.MapGet("/{callOutId:guid}", BoardAsync)
            .WithSummary("The live board: counts in total and by wave and region, the roster and the reserve")
            .WithName("getCallOut")
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);

        app.MapPost("/api/v1/call-outs/{callOutId:guid}/reply", ReplyAsync).WithTags("Call-outs").RequireAuthorization(Policies.Account)
            .WithSummary("A recipient's answer: coming or cannot")
            .WithName("replyToCallOut")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);
        app.MapPost("/api/v1/sms/inbound", InboundSmsAsync).WithTags("Call-outs").AllowAnonymous().RequireRateLimiting(RateLimits.Verify)
            .WithSummary("The SMS gateway forwards a reply (header X-Gateway-Secret): \"1\" coming or \"2\" cannot, optionally with the call-out's short code")
            .WithName("inboundSms")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    private static async Task<Results<Created<CallOutCreated>, ProblemHttpResult>> SendAsync(
        CallOutInput body, ClaimsPrincipal user, CallOutDispatch dispatch, ApiProblems problems, CancellationToken cancellationToken)
    {
        var sent = await dispatch.SendAsync(body, user, cancellationToken);
        return sent.Value is { } value
            ? TypedResults.Created($"/api/v1/call-outs/{value.CallOut.Id}", new CallOutCreated(value.CallOut.Id, value.Recipients))
            : problems.Refusal(sent);
    }

    private static async Task<Results<Ok<CallOutBoardBody>, ProblemHttpResult>> BoardAsync(
        Guid callOutId, CallOutBoard board, ApiProblems problems, CancellationToken cancellationToken)
    {
        if (await board.ReadAsync(callOutId, cancellationToken) is not { } view)
        {
            return problems.ForStatus(StatusCodes.Status404NotFound);
        }

        var c = view.CallOut;
        return TypedResults.Ok(new CallOutBoardBody(
            c.Id,
            c.Title,
            c.ShortCode,
            c.RegionKato,
            c.Status.ToString().ToLowerInvariant(),
            c.Needed,
            c.Coming,
            view.Total.Cannot,
            view.Total.NoAnswer,
            view.Total.Standby,
            view.Total.Sent,
            view.Delivered,
            c.Wave,
            c.NextWaveAt,
            [.. view.Waves.Select(w => new CountsBody(w.Wave, null, w.Counts.Sent, w.Counts.Coming, w.Counts.Standby, w.Counts.Cannot, w.Counts.NoAnswer))],
            [.. view.Regions.Select(r => new CountsBody(null, r.RegionKato, r.Counts.Sent, r.Counts.Coming, r.Counts.Standby, r.Counts.Cannot, r.Counts.NoAnswer))],
            [.. view.Roster.Select(Person)],
            [.. view.Standby.Select(Person)]));

        static RosterBody Person(RosterPerson p) => new(p.AccountId, p.Name, p.Team, p.Phone, p.CheckedInAt, p.CheckedOutAt, p.HoursEntryId is not null);
    }

    private static async Task<Results<Ok<ReplyResult>, ProblemHttpResult>> ReplyAsync(
        Guid callOutId, ReplyBody body, ClaimsPrincipal user, CallOutReplies replies, ApiProblems problems, CancellationToken cancellationToken)
    {
        if (body.Answer is null || !CallOutReplies.Answers.TryGetValue(body.Answer.Trim(), out var answer))
        {
            return problems.Validation("answer", CallOutErrors.AnswerInvalid);
        }

        var replied = await replies.ReplyAsync(callOutId, Scopes.AccountId(user)!.Value, answer, "api", cancellationToken);
        return replied.Succeeded ? TypedResults.Ok(new ReplyResult(CallOutReplies.ApiName(replied.Value))) : problems.Refusal(replied);
    }

    private static async Task<Results<Ok<ReplyResult>, ProblemHttpResult>> InboundSmsAsync(
        InboundSms body, [FromHeader(Name = GatewaySecret.Header)] string? secret, CallOutSms sms, IConfiguration configuration, ApiProblems problems, CancellationToken cancellationToken)
    {
        if (!GatewaySecret.Matches(secret, configuration))
        {
            return problems.ForStatus(StatusCodes.Status401Unauthorized);
        }

        var replied = await sms.ReceiveAsync(body.From, body.Text, cancellationToken);
        return replied.Succeeded ? TypedResults.Ok(new ReplyResult(CallOutReplies.ApiName(replied.Value))) : problems.Refusal(replied);
    }
}

public sealed record CallOutCreated(Guid Id, int Recipients);

/// <param name="Answer"><c>coming</c> or <c>cannot</c>.</param>
public sealed record ReplyBody(string? Answer);

/// <param name="Status"><c>selected</c>, <c>standby</c>, <c>not_needed</c> or <c>declined</c>.</param>
public sealed record ReplyResult(string Status);

/// <param name="From">The sender's phone number as the gateway gives it.</param>
/// <param name="Text">The SMS: "1" or "2", optionally followed by the short code.</param>
public sealed record InboundSms(string? From, string? Text);

/// <summary>Counts of one wave (<c>wave</c>) or one region (<c>regionKato</c>).</summary>
public sealed record CountsBody(int? Wave, string? RegionKato, int Sent, int Coming, int Standby, int Cannot, int NoAnswer);

public sealed record RosterBody(Guid AccountId, string? Name, string? Team, string? Phone, DateTime? CheckedInAt, DateTime? CheckedOutAt, bool HoursConfirmed);

/// <param name="Sent">Recipients asked (each was queued a message).</param>
/// <param name="Delivered">Recipients whose SMS the gateway reported delivered (POST /api/v1/sms/delivery).</param>
public sealed record CallOutBoardBody(
    Guid Id,
    string Title,
    string ShortCode,
    string RegionKato,
    string Status,
    int Needed,
    int Coming,
    int Cannot,
    int NoAnswer,
    int Standby,
    int Sent,
    int Delivered,
    int Wave,
    DateTime? NextWaveAt,
    IReadOnlyList<CountsBody> Waves,
    IReadOnlyList<CountsBody> Regions,
    IReadOnlyList<RosterBody> Roster,
    IReadOnlyList<RosterBody> Reserve);
