using Birge.Tests.Infrastructure;
using Birge.Web.Domain;

namespace Birge.Tests.Features.CallOuts;

/// <summary>Test data of call-outs: a team of the readiness register with its members (and certificates), stored directly.</summary>
public static class CallOuts
{
    /// <summary>Few other tests use these regions, so counts stay the tests' own.</summary>
    public const string Mangystau = "470000000";
    public const string Atyrau = "230000000";
    public const string NorthKazakhstan = "590000000";
    public const string Jetisu = "330000000";
    public const string WestKazakhstan = "270000000";

    public static async Task<Team> NewTeamAsync(this BirgeApp app, string region, IEnumerable<Guid> members, bool standby = false, params string[] certificates)
    {
        var team = new Team { RegionKato = region, Name = "Құтқарушылар " + Guid.NewGuid().ToString("N")[..6], Kind = "rescue", Standby = standby, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
        var ids = members.ToList();
        await app.Db(async db =>
        {
            db.Teams.Add(team);
            db.TeamMembers.AddRange(ids.Select(id => new TeamMember { TeamId = team.Id, AccountId = id, Role = "member", JoinedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow }));
            db.VolunteerCertificates.AddRange(ids.SelectMany(id => certificates.Select(code => new VolunteerCertificate
            {
                AccountId = id,
                Code = code,
                ExpiresOn = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(1),
                CreatedAt = DateTime.UtcNow,
                UpdatedAt = DateTime.UtcNow,
            })));
            return await db.SaveChangesAsync();
        });
        return team;
    }

    /// <summary>A body of <c>POST /api/v1/call-outs</c> for the region, starting in three hours, answers within two.</summary>
    public static Dictionary<string, object?> Body(string region, int needed = 3) => new()
    {
        ["title"] = "Су тасқыны: қап толтыру",
        ["description"] = "Жағалауды қорғау үшін құм қаптарын толтыру керек.",
        ["regionKato"] = region,
        ["needed"] = needed,
        ["place"] = "Ақтау, 14-шағынаудан, мектеп алаңы",
        ["startsAt"] = DateTime.UtcNow.AddHours(3),
        ["answerBy"] = DateTime.UtcNow.AddHours(2),
    };
}
