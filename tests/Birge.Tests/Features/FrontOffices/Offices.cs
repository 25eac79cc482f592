using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Tests.Features.FrontOffices;

/// <summary>The front offices tests use, and what their decisions stored and sent.</summary>
public static class Offices
{
    public const string Almaty = People.AlmatyCity;
    public const string Astana = "710000000";
    public const string Shymkent = "790000000";
    public const string Karaganda = "350000000";

    /// <summary>A long organisation name in quotes, as legal names are written, unique to the test.</summary>
    public static string OrganizationName() => $"«Жарқын болашақ» қоғамдық бірлестігі {Guid.NewGuid():N}"[..60];

    public static async Task<Organization> StoredAsync(BirgeApp app, Guid id) =>
        await app.Db(db => db.Organizations.AsNoTracking().SingleAsync(o => o.Id == id));

    /// <summary>What the front office's decisions sent to a (Kazakh-speaking) owner, leaving out the sign-up's confirmation.</summary>
    public static async Task<List<OutboxMessage>> DecisionMessagesAsync(BirgeApp app, string recipient)
    {
        string[] subjects =
        [
            .. new[] { "Verified", "Rejected", "Suspended" }.Select(t => Html.Text($"Message_Organization{t}_Subject", Cultures.Kazakh)),
        ];
        return await app.Db(db => db.OutboxMessages.AsNoTracking().Where(m => m.Recipient == recipient && subjects.Contains(m.Subject)).ToListAsync());
    }

    /// <summary>The absolute path a refused page redirects to.</summary>
    public static string RedirectPath(HttpResponseMessage response) =>
        new Uri(new Uri("http://localhost"), response.Location()).AbsolutePath;
}
