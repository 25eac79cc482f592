using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Birge.Web.Data;
using Birge.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Birge.Web.Features.Statistics.OpenData;

/// <summary>
/// The open data (api.md, "Open data"), public: <c>/open-data/{table}.csv|json</c> is the latest published snapshot's
/// file, <c>/open-data/{date}/{table}.csv|json</c> the file of the snapshot of that date, byte for byte the same forever
/// (cached for a year); <c>datapackage.json</c> at either place describes them. The latest ones are cached 5 minutes.
/// Every file carries an ETag, and a request with it gets 304.
/// </summary>
public static class OpenDataApi
{
    public const string DatedCache = "public, max-age=31536000, immutable";
    public const string LatestCache = "public, max-age=300";
    public const string PackageFile = "datapackage.json";

    public static IEndpointRouteBuilder MapOpenDataApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/open-data").AllowAnonymous().WithTags("Open data");
        group.MapGet("/" + PackageFile, (HttpContext http, BirgeDb db, IConfiguration configuration, ApiProblems problems, CancellationToken ct) =>
                ServeAsync(http, db, configuration, problems, null, PackageFile, ct))
            .WithSummary("The Frictionless Data Package of the latest snapshot: every table, its columns and the licence (CC BY 4.0)")
            .WithName("getOpenDataPackage")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblems(StatusCodes.Status404NotFound);
        group.MapGet("/{file}", (string file, HttpContext http, BirgeDb db, IConfiguration configuration, ApiProblems problems, CancellationToken ct) =>
                ServeAsync(http, db, configuration, problems, null, file, ct))
            .WithSummary("A table of the latest snapshot: volunteers, organizations, opportunities, help_requests or call_outs, as .csv or .json")
            .WithName("getOpenDataFile")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblems(StatusCodes.Status404NotFound);
        group.MapGet("/{date}/{file}", (string date, string file, HttpContext http, BirgeDb db, IConfiguration configuration, ApiProblems problems, CancellationToken ct) =>
                ServeAsync(http, db, configuration, problems, date, file, ct))
            .WithSummary("A table (or datapackage.json) of the snapshot of a date (2026-12-03), the same bytes forever")
            .WithName("getOpenDataDatedFile")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblems(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>The dates of the published snapshots, the latest first.</summary>
    public static async Task<IReadOnlyList<DateOnly>> PublishedAsync(BirgeDb db, CancellationToken cancellationToken) =>
        await db.Set<OpenDataFile>().Select(f => f.SnapshotDate).Distinct().OrderByDescending(d => d).ToListAsync(cancellationToken);

    private static async Task<IResult> ServeAsync(
        HttpContext http, BirgeDb db, IConfiguration configuration, ApiProblems problems, string? date, string file, CancellationToken cancellationToken)
    {
        var (resource, format) = Split(file);
        var isPackage = file == PackageFile;
        if (!isPackage && (OpenDataTables.Named(resource) is null || !OpenDataFormats.All.Contains(format)))
        {
            return problems.Refusal(OpenDataErrors.ResourceUnknown);
        }

        DateOnly? snapshot = date is null
            ? await db.Set<OpenDataFile>().MaxAsync(f => (DateOnly?)f.SnapshotDate, cancellationToken)
            : DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
        if (snapshot is not { } through)
        {
            return problems.Refusal(OpenDataErrors.SnapshotUnknown);
        }

        string? content;
        if (isPackage)
        {
            var madeAt = await db.Set<OpenDataFile>().Where(f => f.SnapshotDate == through).MinAsync(f => (DateTime?)f.MadeAt, cancellationToken);
            var publicUrl = (configuration["Birge:PublicUrl"] ?? "http://localhost:5080").TrimEnd('/');
            content = madeAt is { } made
                ? OpenDataPackage.Write(through, made, date is null ? through.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "/" : "", publicUrl)
                : null;
        }
        else
        {
            content = await db.Set<OpenDataFile>().AsNoTracking()
                .Where(f => f.SnapshotDate == through && f.Resource == resource && f.Format == format)
                .Select(f => f.Content).FirstOrDefaultAsync(cancellationToken);
        }

        if (content is null)
        {
            return problems.Refusal(OpenDataErrors.SnapshotUnknown);
        }

        var bytes = Encoding.UTF8.GetBytes(content);
        http.Response.Headers.CacheControl = date is null ? LatestCache : DatedCache;
        var tag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..32]}\"");
        return TypedResults.File(bytes, (isPackage ? "application/json" : OpenDataFormats.MediaType(format)) + "; charset=utf-8", entityTag: tag);
    }

    private static (string Resource, string Format) Split(string file)
    {
        var dot = file.LastIndexOf('.');
        return dot < 0 ? (file, "") : (file[..dot], file[(dot + 1)..]);
    }
}
