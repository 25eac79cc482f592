using System.Diagnostics;
using System.Net;
using Birge.Tests.Features.Organizations;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;

namespace Birge.Tests.Features.Book;

/// <summary>
/// Confirmed (or revoked) hours stored straight in the database, as the hours feature stores them when a coordinator
/// confirms attendance: one opportunity and shift for each entry.
/// </summary>
public static class Hours
{
    /// <summary>Kazakh capital letters that only a font with Kazakh glyphs prints.</summary>
    public const string KazakhName = "Әсел Қайратқызы Үсенова";

    public static async Task<HoursEntry> AddAsync(
        BirgeApp app,
        Guid volunteerId,
        Guid organizationId,
        DateOnly date,
        int minutes,
        string direction = "ecology",
        HoursStatus status = HoursStatus.Confirmed,
        LocalizedText? title = null)
    {
        var startsAt = date.ToDateTime(new TimeOnly(4, 0), DateTimeKind.Utc);
        var shift = new Shift { StartsAt = startsAt, EndsAt = startsAt.AddMinutes(minutes), Capacity = 10, Taken = 1 };
        var opportunity = new Opportunity
        {
            OrganizationId = organizationId,
            Title = title ?? new LocalizedText("Саябақты тазалау", "Уборка парка", "Park clean-up"),
            Description = new LocalizedText("Сипаттама", null, null),
            RegionKato = People.AlmatyCity,
            Directions = [direction],
            CreatedAt = startsAt.AddDays(-10),
            CreatedBy = Guid.NewGuid(),
            Shifts = [shift],
        };
        opportunity.RefreshSchedule();
        var entry = new HoursEntry
        {
            ShiftId = shift.Id,
            OpportunityId = opportunity.Id,
            OrganizationId = organizationId,
            VolunteerId = volunteerId,
            DirectionCode = direction,
            Date = date,
            StartsAt = startsAt,
            EndsAt = startsAt.AddMinutes(minutes),
            Minutes = minutes,
            Status = status,
            ConfirmedBy = Guid.NewGuid(),
            ConfirmedAt = startsAt.AddDays(1),
            RevokedAt = status == HoursStatus.Revoked ? startsAt.AddDays(2) : null,
        };
        await app.Db(async db =>
        {
            db.Opportunities.Add(opportunity);
            db.HoursEntries.Add(entry);
            return await db.SaveChangesAsync();
        });
        return entry;
    }

    /// <summary>A volunteer with a Kazakh name, signed in on a browser client and holding an API token.</summary>
    public static async Task<Volunteer> VolunteerAsync(BirgeApp app, string? acceptLanguage = null)
    {
        var body = Api.AdultAccount();
        body["fullName"] = KazakhName;
        var (id, email) = await Api.CreateAccountAsync(app, body);
        var browser = app.Browser(acceptLanguage);
        using var login = await Logins.PostAsync(browser, email, People.Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return new Volunteer(id, email, browser, await Api.TokenAsync(app, email));
    }

    /// <summary>The text of a PDF, as poppler's pdftotext reads it.</summary>
    public static async Task<string> PdfTextAsync(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"birge-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-enc", "UTF-8", file, "-"]) { RedirectStandardOutput = true })
                ?? throw new InvalidOperationException("pdftotext did not start (Debian package poppler-utils; test.sh installs it).");
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.Equal(0, process.ExitCode);
            return text;
        }
        finally
        {
            File.Delete(file);
        }
    }

    public static Task<Guid> OrganizationAsync(BirgeApp app, string name) => Orgs.VerifiedAsync(app, name + " " + Orgs.UniqueWord());
}

public sealed record Volunteer(Guid Id, string Email, HttpClient Browser, string Token);
