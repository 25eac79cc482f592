using Birge.Web.Infrastructure;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.OpenApi;

namespace Birge.Web.Features.Opportunities;

/// <summary>Opportunities and their shifts: written by an organisation, searched by everyone.</summary>
public static class OpportunitiesFeature
{
    public static IServiceCollection AddOpportunities(this IServiceCollection services)
    {
        services.AddScoped<OpportunityEditor>();
        services.AddScoped<OpportunitySearch>();
        services.AddSingleton<SearchResults>();
        services.AddOutputCache();
        services.AddOptions<OutputCacheOptions>().Configure<IConfiguration>(SearchResults.AddPolicy);

        // An opportunity and each of its shifts belong to the organisation that offers it.
        services.AddOrganizationScope("opportunityId", async (db, id, cancellationToken) =>
            await db.Opportunities.AsNoTracking().Where(o => o.Id == id).Select(o => (Guid?)o.OrganizationId).FirstOrDefaultAsync(cancellationToken));
        services.AddOrganizationScope("shiftId", async (db, id, cancellationToken) =>
            await db.Shifts.AsNoTracking().Where(s => s.Id == id)
                .Join(db.Opportunities, s => s.OpportunityId, o => o.Id, (s, o) => (Guid?)o.OrganizationId)
                .FirstOrDefaultAsync(cancellationToken));

        // A shift's role is read by its own converter: the document says what it takes.
        services.Configure<OpenApiOptions>("v1", o => o.AddSchemaTransformer((schema, context, _) =>
        {
            if (context.JsonTypeInfo.Type == typeof(ShiftRoleRequest))
            {
                DescribeRole(schema);
            }

            return Task.CompletedTask;
        }));
        return services;
    }

    private static void DescribeRole(OpenApiSchema schema)
    {
        var text = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = Domain.Shift.MaxRoleLength };
        schema.Type = null;
        schema.Properties = null;
        schema.Description = "What the volunteer does on the shift: {kk, ru, en} like the title, or a plain string, " +
            "taken to be in the title's language (the first of kk, ru, en it is written in). Responses give it in the " +
            "request's language as role, falling back like the title, and each language in roles.";
        schema.OneOf =
        [
            text,
            new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Properties = new Dictionary<string, IOpenApiSchema> { ["kk"] = text, ["ru"] = text, ["en"] = text },
            },
        ];
    }

    public static IEndpointRouteBuilder MapOpportunities(this IEndpointRouteBuilder app) => app.MapOpportunitiesApi();
}
