using Birge.Web.Domain;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Birge.Web.Features.Statistics.OpenData;

/// <summary>Error codes of the open data: the <c>code</c> of a refusal and the key <c>Error_{code}</c> of its message.</summary>
[ErrorCodeGroup]
public static class OpenDataErrors
{
    /// <summary>No table of that name and format (<c>volunteers.csv</c>, <c>call_outs.json</c>…).</summary>
    [HttpStatus(Status404NotFound)] public const string ResourceUnknown = "open_data_resource_unknown";

    /// <summary>No snapshot of that date was published (or none yet at all).</summary>
    [HttpStatus(Status404NotFound)] public const string SnapshotUnknown = "open_data_snapshot_unknown";
}
