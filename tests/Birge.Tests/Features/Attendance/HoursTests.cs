using System.Net;
using System.Net.Http.Json;
using Birge.Tests.Features.Organizations;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Features.Attendance;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Tests.Features.Attendance;

/// <summary>
/// The coordinator confirms hours from attendance, marks attendance by hand and revokes hours; the volunteer
/// disputes them. Every refusal leaves the hours as they were.
/// </summary>
public abstract class HoursTests(BirgeApp app)
{
    /// <summary>The shift of these tests: yesterday 10:00–14:00 in Almaty (05:00–09:00 UTC).</summary>
    private static readonly DateTime Start = DateTime.UtcNow.Date.AddDays(-1).AddHours(5);

    [Fact]
    public async Task The_coordinator_confirms_one_volunteer_with_adjusted_minutes_and_the_volunteer_is_told()
    {
        var (coordinator, organizationId, shift) = await ShiftAsync();
        var volunteer = await app.NewPerson().SignedIn().WithToken();
        await app.Db(db => db.Accounts.Where(a => a.Id == volunteer.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Language, "ru")));
        await app.AcceptAsync(shift.Id, volunteer.Id);
        await app.AttendAsync(shift.Id, volunteer.Id, Start.AddMinutes(-20), Start.AddMinutes(200));
        var page = await coordinator.Pages.GetPageAsync(HoursPage(shift));
        var row = $"tr[data-volunteer='{volunteer.Id}']";
        Assert.Equal("200", page.Find($"{row} input[name=minutes]").GetAttribute("value"));

        using var confirmed = await coordinator.Pages.SubmitAsync(page, $"{row} form.confirm-form", new Dictionary<string, string> { ["minutes"] = "180" });

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var entry = await app.Db(db => db.HoursEntries.SingleAsync(h => h.ShiftId == shift.Id));
        Assert.Equal((volunteer.Id, 180, HoursStatus.Confirmed, coordinator.Id), (entry.VolunteerId, entry.Minutes, entry.Status, entry.ConfirmedBy));
        Assert.Equal((organizationId, shift.OpportunityId, Duty.Ecology), (entry.OrganizationId, entry.OpportunityId, entry.DirectionCode));
        Assert.Equal(DateOnly.FromDateTime(Start.Date), entry.Date);
        Assert.Equal((Start, Start.AddMinutes(180)), (entry.StartsAt, entry.EndsAt));
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(a => a.Action == "hours.confirmed" && a.TargetId == entry.Id.ToString() && a.ActorId == coordinator.Id)));
        var message = await app.Db(db => db.OutboxMessages.Where(m => m.Recipient == volunteer.Email).OrderByDescending(m => m.CreatedAt).FirstAsync());
        Assert.Equal(Html.Text("Message_HoursConfirmed_Subject", Cultures.Russian), message.Subject);
        Assert.Contains(Durations.Format(180, Cultures.Russian), message.Body, StringComparison.Ordinal);
        Assert.Equal($"/hours/{entry.Id}/dispute", await Messages.LinkAsync(app, volunteer.Email, "/hours/"));
        var after = await coordinator.Pages.GetPageAsync(HoursPage(shift));
        Assert.Null(after.QuerySelector($"{row} form.confirm-form"));
        Assert.NotNull(after.QuerySelector($"{row} form.revoke-form"));
    }

    [Fact]
    public async Task Confirm_all_confirms_everyone_who_attended_with_their_attended_minutes()
    {
        var (coordinator, _, shift) = await ShiftAsync();
        var stayed = await app.NewPerson().SignedIn().WithToken();
        var forgot = await app.NewPerson().SignedIn().WithToken();
        var absent = await app.NewPerson().SignedIn().WithToken();
        await app.AcceptAsync(shift.Id, stayed.Id, forgot.Id, absent.Id);
        await app.AttendAsync(shift.Id, stayed.Id, Start.AddMinutes(30), Start.AddMinutes(150));
        await app.AttendAsync(shift.Id, forgot.Id, Start.AddMinutes(60), null);
        var page = await coordinator.Pages.GetPageAsync(HoursPage(shift));

        using var confirmed = await coordinator.Pages.SubmitAsync(page, "#confirm-all-form");

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var entries = await app.Db(db => db.HoursEntries.Where(h => h.ShiftId == shift.Id).ToDictionaryAsync(h => h.VolunteerId, h => h.Minutes));
        Assert.Equal(120, entries[stayed.Id]);
        Assert.Equal(180, entries[forgot.Id]); // never checked out: from arrival to the shift's end
        Assert.False(entries.ContainsKey(absent.Id));
    }

    [Fact]
    public async Task The_api_confirms_with_attended_minutes_by_default_and_again_changes_nothing()
    {
        var (coordinator, _, shift) = await ShiftAsync();
        var volunteer = await app.NewPerson().SignedIn().WithToken();
        await app.AcceptAsync(shift.Id, volunteer.Id);
        await app.AttendAsync(shift.Id, volunteer.Id, Start.AddMinutes(15), Start.AddMinutes(105));

        using var response = await coordinator.Api.PostAsJsonAsync(HoursApi(shift), new { entries = new[] { new { volunteerId = volunteer.Id } } });
        using var again = await coordinator.Api.PostAsJsonAsync(HoursApi(shift), new { entries = new[] { new { volunteerId = volunteer.Id, minutes = (int?)30 } } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = (await response.JsonAsync()).GetProperty("entries")[0];
        Assert.Equal(90, entry.GetProperty("minutes").GetInt32());
        Assert.Equal("confirmed", entry.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(90, (await again.JsonAsync()).GetProperty("entries")[0].GetProperty("minutes").GetInt32());
        Assert.Equal(90, (await app.Db(db => db.HoursEntries.SingleAsync(h => h.ShiftId == shift.Id))).Minutes);

        using var list = await coordinator.Api.GetAsync(HoursApi(shift));
        var listed = (await list.JsonAsync()).GetProperty("volunteers")[0];
        Assert.Equal(volunteer.Id, listed.GetProperty("volunteerId").GetGuid());
        Assert.Equal(90, listed.GetProperty("attendedMinutes").GetInt32());
        Assert.Equal(90, listed.GetProperty("entry").GetProperty("minutes").GetInt32());
    }

    [Fact]
    public async Task Someone_who_did_not_attend_or_too_many_minutes_are_refused_and_nothing_is_stored()
    {
        var (coordinator, _, shift) = await ShiftAsync();
        var absent = await app.NewPerson().SignedIn().WithToken();
        var present = await app.NewPerson().SignedIn().WithToken();
        await app.AcceptAsync(shift.Id, absent.Id, present.Id);
        await app.AttendAsync(shift.Id, present.Id, Start, Start.AddMinutes(240));

        using var notAttended = await coordinator.Api.PostAsJsonAsync(HoursApi(shift), new { entries = new[] { new { volunteerId = present.Id }, new { volunteerId = absent.Id } } });
        using var tooMany = await coordinator.Api.PostAsJsonAsync(HoursApi(shift), new { entries = new[] { new { volunteerId = present.Id, minutes = 241 } } });
        using var zero = await coordinator.Api.PostAsJsonAsync(HoursApi(shift), new { entries = new[] { new { volunteerId = present.Id, minutes = 0 } } });

        var problem = await notAttended.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, AttendanceErrors.NotAttended);
        Assert.Equal(Html.Text("Error_not_attended", Cultures.Kazakh), problem.GetProperty("errors").GetProperty("entries[1]")[0].GetString());
        await tooMany.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, AttendanceErrors.HoursExceedShift);
        await zero.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, AttendanceErrors.MinutesInvalid);
        Assert.Equal(0, await Duty.EntryCountAsync(app, shift.Id));

        // On the page the refusal names the volunteer and the typed minutes come back.
        var page = await coordinator.Pages.GetPageAsync(HoursPage(shift));
        var row = $"tr[data-volunteer='{present.Id}']";
        using var refused = await coordinator.Pages.SubmitAsync(page, $"{row} form.confirm-form", new Dictionary<string, string> { ["minutes"] = "300" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var shown = await Html.ParseAsync(refused);
        Assert.Contains(Html.Text("Error_hours_exceed_shift", Cultures.Kazakh), shown.Find(".error-summary").TextContent, StringComparison.Ordinal);
        Assert.Equal("300", shown.Find($"{row} input[name=minutes]").GetAttribute("value"));
        Assert.Equal(0, await Duty.EntryCountAsync(app, shift.Id));
    }

    [Fact]
    public async Task A_null_entry_is_a_field_error_and_nothing_is_stored()
    {
        var (coordinator, _, shift) = await ShiftAsync();
        var present = await app.NewPerson().SignedIn().WithToken();
        await app.AcceptAsync(shift.Id, present.Id);
        await app.AttendAsync(shift.Id, present.Id, Start, Start.AddMinutes(240));
        using var client = app.Client("en", await Api.TokenAsync(app, coordinator.Email));

        using var onlyNull = await client.PostAsync(HoursApi(shift), JsonContent.Create(new { entries = new object?[] { null } }));
        using var withNull = await client.PostAsJsonAsync(HoursApi(shift), new { entries = new object?[] { new { volunteerId = present.Id }, null } });

        var problem = await onlyNull.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.ValueInvalid);
        Assert.Equal(Html.Text("Error_value_invalid", Cultures.English), problem.GetProperty("errors").GetProperty("entries[0]")[0].GetString());
        var second = await withNull.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.ValueInvalid);
        Assert.True(second.GetProperty("errors").TryGetProperty("entries[1]", out _));
        Assert.Equal(0, await Duty.EntryCountAsync(app, shift.Id));
    }

    [Fact]
    public async Task Hours_overlapping_another_entry_or_passing_24_hours_a_day_are_refused()
    {
        var (coordinator, organizationId, shift) = await ShiftAsync();
        var volunteer = await app.NewPerson().SignedIn().WithToken();
        await app.AcceptAsync(shift.Id, volunteer.Id);
        await app.AttendAsync(shift.Id, volunteer.Id, Start, Start.AddMinutes(240));

        // Another organisation confirmed 12:00–16:00 the same day.
        var other = await app.NewPerson().SignedIn().WithToken();
        var otherOrganization = (await app.NewOrganization().Named("Жасыл " + Orgs.UniqueWord()).Direction(Duty.Ecology).CoordinatedBy(other.Id)).Id;
        var otherShift = (await app.NewOpportunity(otherOrganization).Titled(new LocalizedText("Саябақты тазалау", "Уборка парка", null)).Starting(Start.AddHours(2)).Until(Start.AddHours(6)).Seats(20).Directions(Duty.Ecology, "social")).Shift;
        await app.NewHours(volunteer.Id, otherOrganization).OnShift(otherShift, Start.AddHours(2)).On(DateOnly.FromDateTime(Start.Date), 240);

        using var overlap = await coordinator.Api.PostAsJsonAsync(HoursApi(shift), new { entries = new[] { new { volunteerId = volunteer.Id } } });

        await overlap.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, AttendanceErrors.HoursOverlap);
        Assert.Equal(0, await Duty.EntryCountAsync(app, shift.Id));

        // A night shift 23:30–03:30 after a day already holding 23 hours: no overlap, but the day would pass 24 hours.
        var dayStart = Start.Date.AddDays(-3).AddHours(-5); // 00:00 in Almaty
        var longDay = (await app.NewOpportunity(otherOrganization).Titled(new LocalizedText("Саябақты тазалау", "Уборка парка", null)).Starting(dayStart.AddMinutes(30)).Until(dayStart.AddMinutes(23 * 60 + 30)).Seats(20).Directions(Duty.Ecology, "social")).Shift;
        await app.NewHours(volunteer.Id, otherOrganization).OnShift(longDay, dayStart.AddMinutes(30)).On(DateOnly.FromDateTime(Start.Date.AddDays(-3)), 23 * 60);
        var night = (await app.NewOpportunity(organizationId).Titled(new LocalizedText("Саябақты тазалау", "Уборка парка", null)).Starting(dayStart.AddMinutes(23 * 60 + 30)).Until(dayStart.AddMinutes(27 * 60 + 30)).Seats(20).Directions(Duty.Ecology, "social")).Shift;
        await app.AcceptAsync(night.Id, volunteer.Id);
        await app.AttendAsync(night.Id, volunteer.Id, night.StartsAt, night.EndsAt);

        using var overDay = await coordinator.Api.PostAsJsonAsync(HoursApi(night), new { entries = new[] { new { volunteerId = volunteer.Id } } });

        await overDay.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, AttendanceErrors.HoursOverDayLimit);
        Assert.Equal(0, await Duty.EntryCountAsync(app, night.Id));

        // An hour fits exactly: 23 + 1 = 24 hours.
        using var fits = await coordinator.Api.PostAsJsonAsync(HoursApi(night), new { entries = new[] { new { volunteerId = volunteer.Id, minutes = 60 } } });
        Assert.Equal(HttpStatusCode.OK, fits.StatusCode);
    }

    [Fact]
    public async Task Two_organisations_confirming_overlapping_hours_at_once_store_only_one()
    {
        var (coordinator, _, shift) = await ShiftAsync();
        var (otherCoordinator, _, otherShift) = await ShiftAsync();
        var volunteer = await app.NewPerson().SignedIn().WithToken();
        foreach (var s in new[] { shift, otherShift })
        {
            await app.AcceptAsync(s.Id, volunteer.Id);
            await app.AttendAsync(s.Id, volunteer.Id, Start, Start.AddMinutes(120));
        }

        var responses = await Task.WhenAll(
            coordinator.Api.PostAsJsonAsync(HoursApi(shift), new { entries = new[] { new { volunteerId = volunteer.Id } } }),
            otherCoordinator.Api.PostAsJsonAsync(HoursApi(otherShift), new { entries = new[] { new { volunteerId = volunteer.Id } } }));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        await responses.Single(r => r.StatusCode != HttpStatusCode.OK).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, AttendanceErrors.HoursOverlap);
        Assert.Equal(1, await app.Db(db => db.HoursEntries.CountAsync(h => h.VolunteerId == volunteer.Id)));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Another_organisations_coordinator_is_refused_and_nothing_changes()
    {
        var (_, _, shift) = await ShiftAsync();
        var volunteer = await app.NewPerson().SignedIn().WithToken();
        await app.AcceptAsync(shift.Id, volunteer.Id);
        await app.AttendAsync(shift.Id, volunteer.Id, Start, Start.AddMinutes(60));
        var intruder = await app.NewPerson().SignedIn().WithToken();
        await app.NewOrganization().Named("Жасыл " + Orgs.UniqueWord()).Direction(Duty.Ecology).CoordinatedBy(intruder.Id);

        using var api = await intruder.Api.PostAsJsonAsync(HoursApi(shift), new { entries = new[] { new { volunteerId = volunteer.Id } } });
        using var list = await intruder.Api.GetAsync(HoursApi(shift));
        using var page = await intruder.Pages.GetAsync(HoursPage(shift));

        await api.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await list.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/error/403", new Uri(new Uri("http://localhost"), page.Location()).AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(0, await Duty.EntryCountAsync(app, shift.Id));
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(a => a.ActorId == intruder.Id && a.Outcome == AuditEntry.Denied)));
    }

    [Fact]
    public async Task The_coordinator_marks_attendance_by_hand_in_Kazakhstan_time()
    {
        var (coordinator, _, shift) = await ShiftAsync();
        var volunteer = await app.NewPerson().SignedIn().WithToken();
        await app.AcceptAsync(shift.Id, volunteer.Id);
        var page = await coordinator.Pages.GetPageAsync(HoursPage(shift));

        using var marked = await coordinator.Pages.SubmitAsync(page, "#mark-form", new Dictionary<string, string>
        {
            ["Mark.VolunteerId"] = volunteer.Id.ToString(),
            ["Mark.CheckedIn"] = HoursModel.Local(Start.AddMinutes(10)),
            ["Mark.CheckedOut"] = HoursModel.Local(Start.AddMinutes(130)),
        });

        Assert.Equal(HttpStatusCode.Redirect, marked.StatusCode);
        var attendance = await app.Db(db => db.Attendances.SingleAsync(a => a.ShiftId == shift.Id));
        Assert.Equal((Start.AddMinutes(10), Start.AddMinutes(130), coordinator.Id), (attendance.CheckedInAt, attendance.CheckedOutAt, attendance.MarkedBy));

        // A checkout before the arrival is refused and the form comes back filled.
        var again = await coordinator.Pages.GetPageAsync(HoursPage(shift));
        using var refused = await coordinator.Pages.SubmitAsync(again, "#mark-form", new Dictionary<string, string>
        {
            ["Mark.VolunteerId"] = volunteer.Id.ToString(),
            ["Mark.CheckedIn"] = HoursModel.Local(Start.AddMinutes(60)),
            ["Mark.CheckedOut"] = HoursModel.Local(Start.AddMinutes(30)),
        });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var shown = await Html.ParseAsync(refused);
        Assert.Equal(Html.Text("Error_shift_times_invalid", Cultures.Kazakh), shown.FieldError("Mark_CheckedOut"));
        Assert.Equal(HoursModel.Local(Start.AddMinutes(30)), shown.Value("Mark_CheckedOut"));
        Assert.Equal(Start.AddMinutes(130), (await app.Db(db => db.Attendances.SingleAsync(a => a.ShiftId == shift.Id))).CheckedOutAt);
    }

    [Fact]
    public async Task Revoking_hours_revokes_every_certificate_that_counted_them()
    {
        var (coordinator, _, shift) = await ShiftAsync();
        var volunteer = await app.NewPerson().SignedIn().WithToken();
        await app.AcceptAsync(shift.Id, volunteer.Id);
        await app.AttendAsync(shift.Id, volunteer.Id, Start, Start.AddMinutes(120));
        using (var confirmed = await coordinator.Api.PostAsJsonAsync(HoursApi(shift), new { entries = new[] { new { volunteerId = volunteer.Id } } }))
        {
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        }

        var entry = await app.Db(db => db.HoursEntries.SingleAsync(h => h.ShiftId == shift.Id));
        var certificate = await CertificateAsync(volunteer.Id, entry);
        var page = await coordinator.Pages.GetPageAsync(HoursPage(shift));
        var form = $"tr[data-volunteer='{volunteer.Id}'] form.revoke-form";

        using var withoutReason = await coordinator.Pages.SubmitAsync(page, form);
        Assert.Equal(HttpStatusCode.OK, withoutReason.StatusCode);
        Assert.Contains(Html.Text("Error_reason_required", Cultures.Kazakh), (await Html.ParseAsync(withoutReason)).Find(".error-summary").TextContent, StringComparison.Ordinal);
        Assert.Equal(HoursStatus.Confirmed, (await app.Db(db => db.HoursEntries.SingleAsync(h => h.Id == entry.Id))).Status);

        using var revoked = await coordinator.Pages.SubmitAsync(page, form, new Dictionary<string, string> { ["reason"] = "Ерікті келмеген" });

        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        var stored = await app.Db(db => db.HoursEntries.SingleAsync(h => h.Id == entry.Id));
        Assert.Equal((HoursStatus.Revoked, "Ерікті келмеген"), (stored.Status, stored.RevokeReason));
        Assert.NotNull(stored.RevokedAt);
        Assert.NotNull((await app.Db(db => db.Certificates.SingleAsync(c => c.Id == certificate))).RevokedAt);
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(a => a.Action == "hours.revoked" && a.TargetId == entry.Id.ToString())));

        // Revoked hours stay revoked: confirming them again is refused.
        using var reconfirm = await coordinator.Api.PostAsJsonAsync(HoursApi(shift), new { entries = new[] { new { volunteerId = volunteer.Id } } });
        await reconfirm.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, AttendanceErrors.HoursRevoked);
        using var twice = await coordinator.Api.PostAsJsonAsync($"{HoursApi(shift)}/{entry.Id}/revoke", new { reason = "again" });
        await twice.AssertProblemAsync(HttpStatusCode.Conflict, AttendanceErrors.HoursRevoked);
    }

    [Fact]
    public async Task A_volunteer_disputes_their_hours_and_the_coordinators_are_told()
    {
        var (coordinator, _, shift) = await ShiftAsync();
        var volunteer = await app.NewPerson().SignedIn().WithToken();
        await app.AcceptAsync(shift.Id, volunteer.Id);
        await app.AttendAsync(shift.Id, volunteer.Id, Start, Start.AddMinutes(240));
        using (var confirmed = await coordinator.Api.PostAsJsonAsync(HoursApi(shift), new { entries = new[] { new { volunteerId = volunteer.Id, minutes = 60 } } }))
        {
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        }

        var entry = await app.Db(db => db.HoursEntries.SingleAsync(h => h.ShiftId == shift.Id));
        var stranger = await app.NewPerson().SignedIn().WithToken();
        using (var notTheirs = await stranger.Pages.GetAsync($"/hours/{entry.Id}/dispute"))
        {
            Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
        }

        var page = await volunteer.Pages.GetPageAsync($"/hours/{entry.Id}/dispute");
        using (var empty = await volunteer.Pages.SubmitAsync(page, "#dispute-form", null, $"/hours/{entry.Id}/dispute"))
        {
            Assert.Equal(Html.Text("Error_reason_required", Cultures.Kazakh), (await Html.ParseAsync(empty)).FieldError("Reason"));
        }

        using var disputed = await volunteer.Pages.SubmitAsync(page, "#dispute-form", new Dictionary<string, string> { ["Reason"] = "Мен төрт сағат болдым" }, $"/hours/{entry.Id}/dispute");

        Assert.Equal(HttpStatusCode.Redirect, disputed.StatusCode);
        var stored = await app.Db(db => db.HoursEntries.SingleAsync(h => h.Id == entry.Id));
        Assert.Equal("Мен төрт сағат болдым", stored.DisputeReason);
        Assert.NotNull(stored.DisputedAt);
        var told = await app.Db(db => db.OutboxMessages.Where(m => m.Recipient == coordinator.Email).Select(m => m.Subject).ToListAsync());
        Assert.Contains(Html.Text("Message_HoursDisputed_Subject", Cultures.Kazakh), told);
        var hours = await coordinator.Pages.GetPageAsync(HoursPage(shift));
        Assert.Contains("Мен төрт сағат болдым", hours.Find($"tr[data-volunteer='{volunteer.Id}'] .dispute").TextContent, StringComparison.Ordinal);

        // Through the API: once only, and only one's own.
        using var again = await volunteer.Api.PostAsJsonAsync($"/api/v1/me/hours/{entry.Id}/dispute", new { reason = "тағы" });
        await again.AssertProblemAsync(HttpStatusCode.Conflict, AttendanceErrors.AlreadyDisputed);
        using var foreign = await stranger.Api.PostAsJsonAsync($"/api/v1/me/hours/{entry.Id}/dispute", new { reason = "мен" });
        await foreign.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task The_data_export_holds_attendance_and_hours()
    {
        var (coordinator, _, shift) = await ShiftAsync();
        var volunteer = await app.NewPerson().SignedIn().WithToken();
        await app.AcceptAsync(shift.Id, volunteer.Id);
        await app.AttendAsync(shift.Id, volunteer.Id, Start, Start.AddMinutes(100));
        using (var confirmed = await coordinator.Api.PostAsJsonAsync(HoursApi(shift), new { entries = new[] { new { volunteerId = volunteer.Id } } }))
        {
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        }

        using var response = await volunteer.Api.GetAsync("/api/v1/me/data");

        var data = await response.JsonAsync();
        Assert.Equal(shift.Id, data.GetProperty("attendance")[0].GetProperty("shiftId").GetGuid());
        Assert.Equal(100, data.GetProperty("hours")[0].GetProperty("minutes").GetInt32());
    }

    private static string HoursPage(Shift shift) => $"/shifts/{shift.Id}/hours";

    private static string HoursApi(Shift shift) => $"/api/v1/shifts/{shift.Id}/hours";

    /// <summary>A coordinator and their organisation's shift of yesterday, 10:00–14:00 in Almaty.</summary>
    private async Task<(TestPerson Coordinator, Guid OrganizationId, Shift Shift)> ShiftAsync()
    {
        var coordinator = await app.NewPerson().SignedIn().WithToken();
        var organizationId = (await app.NewOrganization().Named("Жасыл " + Orgs.UniqueWord()).Direction(Duty.Ecology).CoordinatedBy(coordinator.Id)).Id;
        return (coordinator, organizationId, (await app.NewOpportunity(organizationId).Titled(new LocalizedText("Саябақты тазалау", "Уборка парка", null)).Starting(Start).Until(Start.AddHours(4)).Seats(20).Directions(Duty.Ecology, "social")).Shift);
    }

    /// <summary>A certificate that counted the entry, stored as the certificates feature stores one.</summary>
    private async Task<Guid> CertificateAsync(Guid holderId, HoursEntry entry)
    {
        var certificate = new Certificate
        {
            Code = "T" + Guid.NewGuid().ToString("N")[..11].ToUpperInvariant(),
            HolderId = holderId,
            HolderName = "Айгерім Серікқызы",
            Language = "kk",
            FirstDay = entry.Date,
            LastDay = entry.Date,
            TotalMinutes = entry.Minutes,
            IssuedAt = DateTime.UtcNow,
            Entries = [new CertificateEntry { HoursEntryId = entry.Id }],
        };
        await app.Db(async db =>
        {
            db.Certificates.Add(certificate);
            return await db.SaveChangesAsync();
        });
        return certificate.Id;
    }
}

[Collection(Sqlite.Name)]
public sealed class HoursTestsOnSqlite(SqliteApp app) : HoursTests(app);

[Collection(Postgres.Name)]
public sealed class HoursTestsOnPostgres(PostgresApp app) : HoursTests(app);
