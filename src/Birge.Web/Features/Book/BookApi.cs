using System.Globalization;
using System.Security.Claims;
using Birge.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Birge.Web.Features.Book;

/// <summary>The volunteer book and certificates: one's own hours and certificates, and the public check of a code.</summary>
public static class BookApi
{
    public static IEndpointRouteBuilder MapBookApi(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/v1/me").WithTags("Volunteer book").RequireAuthorization(Policies.Account);
        me.MapGet("/hours", HoursAsync)
            .WithSummary("The caller's confirmed hours (only confirmed hours count), oldest first; each entry's id is the one to dispute")
            .WithName("listMyHours");
        me.MapPost("/certificates", IssueAsync)
            .WithSummary("Issues a signed certificate of every confirmed hour, or an extract for from–to, in kk, ru or en; 422 no_hours without hours")
            .WithName("issueCertificate").ProducesProblems(StatusCodes.Status422UnprocessableEntity);
        me.MapGet("/certificates", ListAsync)
            .WithSummary("The caller's certificates, newest first")
            .WithName("listMyCertificates");
        me.MapGet("/certificates/{code}/pdf", PdfAsync)
            .WithSummary("The PDF of one of the caller's certificates")
            .WithName("getCertificatePdf").Produces<Stream>(StatusCodes.Status200OK, "application/pdf");

        app.MapGet("/api/v1/certificates/{code}", CheckAsync).WithTags("Volunteer book").AllowAnonymous().RequireRateLimiting(RateLimits.Verify)
            .WithSummary("Public check of a certificate code: 404 certificate_not_found when unknown or altered; valid false with revokedAt when revoked")
            .WithName("checkCertificate");
        return app;
    }

    public static string VerifyUrl(IConfiguration configuration, string code) =>
        (configuration["Birge:PublicUrl"] ?? "http://localhost:5080").TrimEnd('/') + "/verify/" + code;

    private static async Task<Ok<HoursResponse>> HoursAsync(ClaimsPrincipal user, VolunteerBook book, CancellationToken cancellationToken)
    {
        var entries = await book.EntriesAsync(Scopes.AccountId(user)!.Value, null, null, cancellationToken);
        return TypedResults.Ok(new HoursResponse(
            entries.Sum(e => e.Minutes),
            [.. entries.Select(e => new HoursItem(e.Id, e.OpportunityId, e.Title.Resolve(), e.OrganizationId, e.Organization.Resolve(), e.DirectionCode, e.Date, e.Minutes, e.ConfirmedBy, e.ConfirmedAt))]));
    }

    private static async Task<Results<Created<IssuedCertificate>, ProblemHttpResult>> IssueAsync(
        IssueRequest request, ClaimsPrincipal user, VolunteerBook book, IConfiguration configuration, ApiProblems problems, CancellationToken cancellationToken)
    {
        var language = string.IsNullOrWhiteSpace(request.Language) ? CultureInfo.CurrentUICulture.TwoLetterISOLanguageName : request.Language.Trim().ToLowerInvariant();
        var result = await book.IssueAsync(Scopes.AccountId(user)!.Value, request.From, request.To, language, cancellationToken);
        if (result.Value is not { } certificate)
        {
            return problems.Refusal(result);
        }

        var code = certificate.Code;
        var url = $"/api/v1/me/certificates/{code}/pdf";
        return TypedResults.Created(url, new IssuedCertificate(code, url, VerifyUrl(configuration, code)));
    }

    private static async Task<Ok<CertificatePage>> ListAsync(ClaimsPrincipal user, VolunteerBook book, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var all = await book.CertificatesAsync(Scopes.AccountId(user)!.Value, cancellationToken);
        var size = Math.Clamp(pageSize ?? 20, 1, 100);
        var number = Math.Clamp(page ?? 1, 1, 100_000);
        return TypedResults.Ok(new CertificatePage(
            [.. all.Skip((number - 1) * size).Take(size).Select(c => new CertificateItem(
                c.Code, c.Language, c.From, c.To, c.FirstDay, c.LastDay, c.TotalMinutes, c.IssuedAt, !c.IsRevoked, c.RevokedAt, $"/api/v1/me/certificates/{c.Code}/pdf"))],
            all.Count,
            number,
            size));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PdfAsync(
        string code, ClaimsPrincipal user, VolunteerBook book, IConfiguration configuration, ApiProblems problems, CancellationToken cancellationToken)
    {
        // Someone else's code answers as an unknown one: the holder alone downloads their certificate.
        var certificate = await book.OwnAsync(Scopes.AccountId(user)!.Value, code, cancellationToken);
        if (certificate is null)
        {
            return problems.Refusal(BookErrors.CertificateNotFound);
        }

        return TypedResults.File(await book.PdfAsync(certificate, VerifyUrl(configuration, certificate.Code), cancellationToken), "application/pdf", $"birge-{certificate.Code}.pdf");
    }

    private static async Task<Results<Ok<CertificateVerification>, ProblemHttpResult>> CheckAsync(
        string code, VolunteerBook book, ApiProblems problems, CancellationToken cancellationToken)
    {
        var check = await book.CheckAsync(code, cancellationToken);
        if (check.Certificate is not { } c)
        {
            return problems.Refusal(BookErrors.CertificateNotFound);
        }

        return TypedResults.Ok(new CertificateVerification(
            check.Status == CertificateStatus.Genuine,
            CertificateCode.Format(c.Code),
            c.HolderName.Length > 0 ? VolunteerBook.Mask(c.HolderName) : null,
            c.TotalMinutes,
            new CertificatePeriod(c.From ?? c.FirstDay, c.To ?? c.LastDay),
            c.IssuedAt,
            check.RevokedAt));
    }
}

/// <summary>One confirmed entry of the book; its id is the one POST /api/v1/me/hours/{hoursEntryId}/dispute takes.</summary>
/// <param name="OpportunityId">Null for help given on a help request (its <c>opportunity</c> reads "Help request: …").</param>
/// <param name="ConfirmedBy">The coordinator or operator who confirmed it; null when the person helped confirmed it themselves.</param>
public sealed record HoursItem(
    Guid Id,
    Guid? OpportunityId,
    string Opportunity,
    Guid? OrganizationId,
    string Organization,
    string Direction,
    DateOnly Date,
    int Minutes,
    Guid? ConfirmedBy,
    DateTime ConfirmedAt);

public sealed record HoursResponse(int TotalMinutes, IReadOnlyList<HoursItem> Entries);

public sealed record IssueRequest(DateOnly? From = null, DateOnly? To = null, string? Language = null);

public sealed record IssuedCertificate(string Code, string Url, string VerifyUrl);

public sealed record CertificateItem(
    string Code,
    string Language,
    DateOnly? From,
    DateOnly? To,
    DateOnly FirstDay,
    DateOnly LastDay,
    int TotalMinutes,
    DateTime IssuedAt,
    bool Valid,
    DateTime? RevokedAt,
    string Url);

public sealed record CertificatePage(IReadOnlyList<CertificateItem> Items, int Total, int Page, int PageSize);

public sealed record CertificatePeriod(DateOnly From, DateOnly To);

public sealed record CertificateVerification(
    bool Valid,
    string Code,
    string? Holder,
    int TotalMinutes,
    CertificatePeriod Period,
    DateTime IssuedAt,
    DateTime? RevokedAt);
