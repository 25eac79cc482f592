using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Birge.Tests.Features.Organizations;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Features.Opportunities;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Tests.Features.Opportunities;

/// <summary>Writing, publishing, reading and cancelling opportunities through <c>/api/v1/opportunities</c>.</summary>
public abstract class OpportunitiesApiTests(BirgeApp app)
{
    [Fact]
    public async Task A_coordinator_creates_a_draft_with_its_shifts()
    {
        var coordinator = await app.NewPerson().SignedIn().WithToken().OwningAnOrganization();
        using var client = app.Client(accessToken: coordinator.Token);

        using var response = await client.PostAsJsonAsync("/api/v1/opportunities", Opps.Body(coordinator.OrganizationId));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.JsonAsync();
        var id = json.GetProperty("id").GetGuid();
        Assert.Equal("draft", json.GetProperty("status").GetString());
        Assert.Equal($"/api/v1/opportunities/{id}", response.Headers.Location?.OriginalString);
        var shiftIds = json.GetProperty("shifts").EnumerateArray().Select(s => s.GetProperty("id").GetGuid()).ToList();
        var stored = await app.Db(db => db.Opportunities.Include(o => o.Shifts).AsNoTracking().SingleAsync(o => o.Id == id));
        Assert.Equal(OpportunityStatus.Draft, stored.Status);
        Assert.Equal(coordinator.OrganizationId, stored.OrganizationId);
        Assert.Equal(coordinator.Id, stored.CreatedBy);
        Assert.Equal(["ecology"], stored.Directions);
        Assert.Equal("Уборка парка", stored.Title.Ru);
        Assert.Null(stored.Title.En);
        Assert.Equal(14, stored.MinAge);
        Assert.Equal(shiftIds.Order(), stored.Shifts.Select(s => s.Id).Order());
        var first = stored.Shifts.OrderBy(s => s.StartsAt).First();
        Assert.Equal(DateTime.UtcNow.Date.AddDays(7).AddHours(5), first.StartsAt);
        Assert.Equal(first.StartsAt, stored.StartsAt);
        Assert.Equal(stored.Shifts.Max(s => s.EndsAt), stored.EndsAt);
        // A plain-string role is in the title's first language (here Kazakh).
        Assert.Equal(new LocalizedText("тазалау", null, null), first.Role);
        Assert.Contains("саябақты тазалау", stored.SearchText, StringComparison.Ordinal);
        Assert.Contains("gloves", stored.SearchText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_role_is_a_plain_string_in_the_title_s_language_or_an_object_like_the_title_and_reads_in_the_request_s_language()
    {
        var coordinator = await app.NewPerson().SignedIn().WithToken().OwningAnOrganization();
        var body = Opps.Body(coordinator.OrganizationId);
        body["title"] = new { ru = "Уборка парка", en = "Park clean-up" };
        body["shifts"] = new object[]
        {
            new { startsAt = Opps.WeekAhead(10), endsAt = Opps.WeekAhead(13), capacity = 10, role = "уборщик" },
            new { startsAt = Opps.WeekAhead(14), endsAt = Opps.WeekAhead(17), capacity = 5, role = new { kk = "Тазалаушы", ru = "Уборщик" } },
            new { startsAt = Opps.WeekAhead(18), endsAt = Opps.WeekAhead(19), capacity = 5 },
        };

        var (id, shifts) = await Opps.CreateAsync(app, coordinator.Token, body);

        var stored = await app.Db(db => db.Shifts.AsNoTracking().Where(s => s.OpportunityId == id).ToDictionaryAsync(s => s.Id, s => s.Role));
        Assert.Equal(new LocalizedText(null, "уборщик", null), stored[shifts[0]]);
        Assert.Equal(new LocalizedText("Тазалаушы", "Уборщик", null), stored[shifts[1]]);
        Assert.True(stored[shifts[2]].IsEmpty);
        foreach (var (language, title, second) in new[] { ("kk", "Уборка парка", "Тазалаушы"), ("ru", "Уборка парка", "Уборщик"), ("en", "Park clean-up", "Тазалаушы") })
        {
            using var client = app.Client(language, coordinator.Token);
            using var response = await client.GetAsync($"/api/v1/opportunities/{id}");
            var json = await response.JsonAsync();
            Assert.Equal(title, json.GetProperty("title").GetString());
            var read = json.GetProperty("shifts").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetGuid());
            Assert.Equal("уборщик", read[shifts[0]].GetProperty("role").GetString());
            Assert.Equal(second, read[shifts[1]].GetProperty("role").GetString());
            Assert.Equal(JsonValueKind.Null, read[shifts[2]].GetProperty("role").ValueKind);
            Assert.Equal("Уборщик", read[shifts[1]].GetProperty("roles").GetProperty("ru").GetString());
            Assert.False(read[shifts[1]].GetProperty("roles").TryGetProperty("en", out _));
        }

        // Any other shape cannot be read, and nothing is stored.
        body["shifts"] = new object[] { new { startsAt = Opps.WeekAhead(10), endsAt = Opps.WeekAhead(13), capacity = 10, role = 7 } };
        using var refused = await app.Client(accessToken: coordinator.Token).PostAsJsonAsync("/api/v1/opportunities", body);
        await refused.AssertProblemAsync(HttpStatusCode.BadRequest, "bad_request");
        body["shifts"] = new object[] { new { startsAt = Opps.WeekAhead(10), endsAt = Opps.WeekAhead(13), capacity = 10, role = new { ru = new string('ж', Shift.MaxRoleLength + 1) } } };
        using var tooLong = await app.Client(accessToken: coordinator.Token).PostAsJsonAsync("/api/v1/opportunities", body);
        await tooLong.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.TooLong);
        Assert.Equal(1, await app.Db(db => db.Opportunities.CountAsync(o => o.OrganizationId == coordinator.OrganizationId)));
    }

    [Fact]
    public async Task Bad_input_is_422_with_every_field_and_nothing_is_stored()
    {
        var coordinator = await app.NewPerson().SignedIn().WithToken().OwningAnOrganization();
        using var client = app.Client("ru", coordinator.Token);
        var body = Opps.Body(coordinator.OrganizationId);
        body["title"] = new { kk = " " };
        body["directions"] = Array.Empty<string>();
        body["shifts"] = new object[] { new { startsAt = Opps.WeekAhead(12), endsAt = Opps.WeekAhead(10), capacity = 0 } };

        using var response = await client.PostAsJsonAsync("/api/v1/opportunities", body);

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, OpportunityErrors.TitleRequired);
        var errors = problem.GetProperty("errors");
        Assert.Equal(Html.Text("Error_title_required", Cultures.Russian), errors.GetProperty("title")[0].GetString());
        Assert.Equal(Html.Text("Error_directions_required", Cultures.Russian), errors.GetProperty("directions")[0].GetString());
        Assert.Equal(Html.Text("Error_shift_times_invalid", Cultures.Russian), errors.GetProperty("shifts[0].endsAt")[0].GetString());
        Assert.False(await app.Db(db => db.Opportunities.AnyAsync(o => o.OrganizationId == coordinator.OrganizationId)));
    }

    [Fact]
    public async Task Emergency_work_is_for_adults_and_an_opportunity_needs_a_place()
    {
        var coordinator = await app.NewPerson().SignedIn().WithToken().OwningAnOrganization();
        using var client = app.Client(accessToken: coordinator.Token);
        var body = Opps.Body(coordinator.OrganizationId);
        body["directions"] = new[] { Direction.Emergency };
        body["minAge"] = 16;
        body["address"] = null;
        body["latitude"] = null;
        body["longitude"] = null;

        using var refused = await client.PostAsJsonAsync("/api/v1/opportunities", body);

        var errors = (await refused.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, OpportunityErrors.LocationRequired)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("minAge", out _));
        Assert.False(await app.Db(db => db.Opportunities.AnyAsync(o => o.OrganizationId == coordinator.OrganizationId)));

        body["minAge"] = null;
        body["online"] = true;
        var (id, _) = await Opps.CreateAsync(app, coordinator.Token, body);
        using var read = await client.GetAsync($"/api/v1/opportunities/{id}");
        var json = await read.JsonAsync();
        Assert.Equal(18, json.GetProperty("minAge").GetInt32());
        Assert.True(json.GetProperty("online").GetBoolean());
    }

    [Fact]
    public async Task Another_organisations_coordinator_is_refused_and_nothing_changes()
    {
        var owner = await app.NewPerson().SignedIn().WithToken().OwningAnOrganization();
        var (id, _) = await Opps.CreateAsync(app, owner.Token, Opps.Body(owner.OrganizationId));
        var stranger = await app.NewPerson().SignedIn().WithToken().OwningAnOrganization();
        using var client = app.Client(accessToken: stranger.Token);

        using var create = await client.PostAsJsonAsync("/api/v1/opportunities", Opps.Body(owner.OrganizationId));
        using var update = await client.PutAsJsonAsync($"/api/v1/opportunities/{id}", Opps.Body(owner.OrganizationId, "чужой"));
        using var publish = await client.PostAsync($"/api/v1/opportunities/{id}/publish", null);
        using var cancel = await client.PostAsJsonAsync($"/api/v1/opportunities/{id}/cancel", new { reason = "Нет" });

        await create.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await update.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await publish.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await cancel.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(1, await app.Db(db => db.Opportunities.CountAsync(o => o.OrganizationId == owner.OrganizationId)));
        var stored = await app.Db(db => db.Opportunities.AsNoTracking().SingleAsync(o => o.Id == id));
        Assert.Equal(OpportunityStatus.Draft, stored.Status);
        Assert.DoesNotContain("чужой", stored.SearchText, StringComparison.Ordinal);
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(a => a.ActorId == stranger.Id && a.Outcome == AuditEntry.Denied && a.TargetId == owner.OrganizationId.ToString())));
    }

    [Fact]
    public async Task Only_a_verified_organisation_publishes()
    {
        var pending = await app.NewPerson().SignedIn().WithToken().OwningAnOrganization(verified: false);
        var (id, _) = await Opps.CreateAsync(app, pending.Token, Opps.Body(pending.OrganizationId));
        using var client = app.Client(accessToken: pending.Token);

        using var refused = await client.PostAsync($"/api/v1/opportunities/{id}/publish", null);

        await refused.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, OpportunityErrors.OrganizationNotVerified);
        Assert.Equal(OpportunityStatus.Draft, await app.Db(db => db.Opportunities.Where(o => o.Id == id).Select(o => o.Status).SingleAsync()));

        await Orgs.VerifyAsync(app, pending.OrganizationId);
        using var published = await client.PostAsync($"/api/v1/opportunities/{id}/publish", null);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal("published", (await published.JsonAsync()).GetProperty("status").GetString());
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(a => a.Action == "opportunity.published" && a.TargetId == id.ToString() && a.ActorId == pending.Id)));

        using var again = await client.PostAsync($"/api/v1/opportunities/{id}/publish", null);
        await again.AssertProblemAsync(HttpStatusCode.Conflict, ErrorCodes.StatusChangeInvalid);
    }

    [Fact]
    public async Task A_draft_is_hidden_from_everyone_but_its_organisation()
    {
        var coordinator = await app.NewPerson().SignedIn().WithToken().OwningAnOrganization();
        var (id, _) = await Opps.CreateAsync(app, coordinator.Token, Opps.Body(coordinator.OrganizationId));
        var outsider = await app.NewPerson().WithToken();

        using var anonymous = await app.Client().GetAsync($"/api/v1/opportunities/{id}");
        using var stranger = await app.Client(accessToken: outsider.Token).GetAsync($"/api/v1/opportunities/{id}");
        using var member = await app.Client("en", coordinator.Token).GetAsync($"/api/v1/opportunities/{id}");

        await anonymous.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await stranger.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Equal(HttpStatusCode.OK, member.StatusCode);
        var json = await member.JsonAsync();
        Assert.Equal("draft", json.GetProperty("status").GetString());
        Assert.StartsWith("Саябақты тазалау", json.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal("Gloves provided.", json.GetProperty("description").GetString());
        Assert.Equal(2, json.GetProperty("shifts").GetArrayLength());
        Assert.Equal(10, json.GetProperty("shifts")[0].GetProperty("seatsLeft").GetInt32());
    }

    [Fact]
    public async Task Put_changes_the_details_and_shifts_but_never_below_the_seats_taken()
    {
        var coordinator = await app.NewPerson().SignedIn().WithToken().OwningAnOrganization();
        var (id, shifts) = await Opps.CreateAsync(app, coordinator.Token, Opps.Body(coordinator.OrganizationId));
        await app.NewPerson().OnShift(shifts[0]);
        await app.NewPerson().OnShift(shifts[0]);
        using var client = app.Client(accessToken: coordinator.Token);
        var body = Opps.Body(coordinator.OrganizationId, "жаңа");

        body["shifts"] = new object[] { new { id = shifts[0], startsAt = Opps.WeekAhead(10), endsAt = Opps.WeekAhead(13), capacity = 1 } };
        using var belowTaken = await client.PutAsJsonAsync($"/api/v1/opportunities/{id}", body);
        body["shifts"] = new object[] { new { id = shifts[1], startsAt = Opps.WeekAhead(14), endsAt = Opps.WeekAhead(17), capacity = 5 } };
        using var removesApplied = await client.PutAsJsonAsync($"/api/v1/opportunities/{id}", body);

        var errors = (await belowTaken.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, OpportunityErrors.CapacityBelowTaken)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("shifts[0].capacity", out _));
        await removesApplied.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, OpportunityErrors.ShiftHasApplicants);
        var unchanged = await app.Db(db => db.Opportunities.Include(o => o.Shifts).AsNoTracking().SingleAsync(o => o.Id == id));
        Assert.Equal(2, unchanged.Shifts.Count);
        Assert.Equal(10, unchanged.Shifts.Single(s => s.Id == shifts[0]).Capacity);
        Assert.DoesNotContain("жаңа", unchanged.SearchText, StringComparison.Ordinal);

        body["shifts"] = new object[]
        {
            new { id = shifts[0], startsAt = Opps.WeekAhead(9), endsAt = Opps.WeekAhead(13), capacity = 2 },
            new { startsAt = Opps.WeekAhead(18), endsAt = Opps.WeekAhead(20), capacity = 3 },
        };
        using var saved = await client.PutAsJsonAsync($"/api/v1/opportunities/{id}", body);

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var stored = await app.Db(db => db.Opportunities.Include(o => o.Shifts).AsNoTracking().SingleAsync(o => o.Id == id));
        Assert.Equal(2, stored.Shifts.Count);
        Assert.DoesNotContain(stored.Shifts, s => s.Id == shifts[1]);
        Assert.Equal(2, stored.Shifts.Single(s => s.Id == shifts[0]).Capacity);
        Assert.Equal(DateTime.UtcNow.Date.AddDays(7).AddHours(4), stored.StartsAt);
        Assert.Equal(DateTime.UtcNow.Date.AddDays(7).AddHours(15), stored.EndsAt);
        Assert.Contains("жаңа", stored.SearchText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Moving_a_published_shift_tells_its_applicants_the_new_times()
    {
        var coordinator = await app.NewPerson().SignedIn().WithToken().OwningAnOrganization();
        var body = Opps.Body(coordinator.OrganizationId);
        var (id, shifts) = await Opps.CreateAsync(app, coordinator.Token, body);
        using var client = app.Client(accessToken: coordinator.Token);
        using var publish = await client.PostAsync($"/api/v1/opportunities/{id}/publish", null);
        Assert.Equal(HttpStatusCode.OK, publish.StatusCode);
        var moved = await app.NewPerson().Speaking("ru").OnShift(shifts[0]);
        var kept = await app.NewPerson().OnShift(shifts[1]);

        body["shifts"] = new object[]
        {
            new { id = shifts[0], startsAt = Opps.WeekAhead(11), endsAt = Opps.WeekAhead(14), capacity = 10 },
            new { id = shifts[1], startsAt = Opps.WeekAhead(14), endsAt = Opps.WeekAhead(17), capacity = 5 },
        };
        using var saved = await client.PutAsJsonAsync($"/api/v1/opportunities/{id}", body);

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var subjects = Cultures.All.Select(c => Html.Text("Message_ShiftMoved_Subject", c)).ToList();
        var told = await app.Db(db => db.OutboxMessages.AsNoTracking().Where(m => subjects.Contains(m.Subject)).Where(m => m.Recipient == moved.Email || m.Recipient == kept.Email).ToListAsync());
        var message = Assert.Single(told);
        Assert.Equal(moved.Email, message.Recipient);
        Assert.Equal(Html.Text("Message_ShiftMoved_Subject", Cultures.Russian), message.Subject);
        Assert.Contains("11:00", message.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recurring_shift_is_one_entry_with_its_weekly_repeats()
    {
        var coordinator = await app.NewPerson().SignedIn().WithToken().OwningAnOrganization();
        using var client = app.Client(accessToken: coordinator.Token);
        var body = Opps.Body(coordinator.OrganizationId);
        body["shifts"] = new object[] { new { startsAt = Opps.WeekAhead(10), endsAt = Opps.WeekAhead(13), capacity = 4, repeatWeekly = 53 } };
        using var refused = await client.PostAsJsonAsync("/api/v1/opportunities", body);
        var errors = (await refused.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, OpportunityErrors.RepeatInvalid)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("shifts[0].repeatWeekly", out _));
        Assert.False(await app.Db(db => db.Opportunities.AnyAsync(o => o.OrganizationId == coordinator.OrganizationId)));

        body["shifts"] = new object[] { new { startsAt = Opps.WeekAhead(10), endsAt = Opps.WeekAhead(13), capacity = 4, repeatWeekly = 7 } };
        var (id, shifts) = await Opps.CreateAsync(app, coordinator.Token, body);

        Assert.Equal(8, shifts.Count);
        var stored = await app.Db(db => db.Shifts.AsNoTracking().Where(s => s.OpportunityId == id).OrderBy(s => s.StartsAt).ToListAsync());
        Assert.Equal(Enumerable.Range(0, 8).Select(week => stored[0].StartsAt.AddDays(7 * week)), stored.Select(s => s.StartsAt));
        Assert.All(stored, s => Assert.Equal(TimeSpan.FromHours(3), s.EndsAt - s.StartsAt));
    }

    [Fact]
    public async Task Raising_the_seats_of_a_full_shift_accepts_the_first_in_line_and_tells_them()
    {
        var coordinator = await app.NewPerson().SignedIn().WithToken().OwningAnOrganization();
        var body = Opps.Body(coordinator.OrganizationId);
        body["shifts"] = new object[] { new { startsAt = Opps.WeekAhead(10), endsAt = Opps.WeekAhead(13), capacity = 1 } };
        var (id, shifts) = await Opps.CreateAsync(app, coordinator.Token, body);
        using var client = app.Client(accessToken: coordinator.Token);
        using var publish = await client.PostAsync($"/api/v1/opportunities/{id}/publish", null);
        Assert.Equal(HttpStatusCode.OK, publish.StatusCode);
        await app.NewPerson().OnShift(shifts[0]);
        var firstInLine = await app.NewPerson().OnShift(shifts[0], ApplicationStatus.Waitlisted);
        var secondInLine = await app.NewPerson().OnShift(shifts[0], ApplicationStatus.Waitlisted);

        body["shifts"] = new object[] { new { id = shifts[0], startsAt = Opps.WeekAhead(10), endsAt = Opps.WeekAhead(13), capacity = 2 } };
        using var saved = await client.PutAsJsonAsync($"/api/v1/opportunities/{id}", body);

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(2, await app.Db(db => db.Shifts.Where(s => s.Id == shifts[0]).Select(s => s.Taken).SingleAsync()));
        var statuses = await app.Db(db => db.Applications.AsNoTracking().Where(a => a.ShiftId == shifts[0]).ToDictionaryAsync(a => a.VolunteerId, a => a.Status));
        Assert.Equal(ApplicationStatus.Accepted, statuses[firstInLine.Id]);
        Assert.Equal(ApplicationStatus.Waitlisted, statuses[secondInLine.Id]);
        var subject = Html.Text("Message_ApplicationPromoted_Subject", Cultures.Kazakh);
        Assert.True(await app.Db(db => db.OutboxMessages.AnyAsync(m => m.Recipient == firstInLine.Email && m.Subject == subject)));
    }

    [Fact]
    public async Task Cancelling_tells_every_applicant_in_their_language_and_cancels_their_applications()
    {
        var coordinator = await app.NewPerson().SignedIn().WithToken().OwningAnOrganization();
        var (id, shifts) = await Opps.CreateAsync(app, coordinator.Token, Opps.Body(coordinator.OrganizationId));
        using var client = app.Client(accessToken: coordinator.Token);
        using var publish = await client.PostAsync($"/api/v1/opportunities/{id}/publish", null);
        Assert.Equal(HttpStatusCode.OK, publish.StatusCode);
        var accepted = await app.NewPerson().Speaking("ru").OnShift(shifts[0]);
        var waitlisted = await app.NewPerson().Speaking("en").OnShift(shifts[1], ApplicationStatus.Waitlisted);
        var withdrawn = await app.NewPerson().OnShift(shifts[1], ApplicationStatus.Cancelled);

        using var noReason = await client.PostAsJsonAsync($"/api/v1/opportunities/{id}/cancel", new { reason = " " });
        await noReason.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.ReasonRequired);
        Assert.Empty(await CancellationMessagesAsync(accepted.Email));

        using var response = await client.PostAsJsonAsync($"/api/v1/opportunities/{id}/cancel", new { reason = "Дауыл / Буря" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("cancelled", (await response.JsonAsync()).GetProperty("status").GetString());
        var stored = await app.Db(db => db.Opportunities.Include(o => o.Shifts).AsNoTracking().SingleAsync(o => o.Id == id));
        Assert.Equal(OpportunityStatus.Cancelled, stored.Status);
        Assert.Equal("Дауыл / Буря", stored.CancelReason);
        Assert.All(stored.Shifts, s => Assert.Equal(0, s.Taken));
        var statuses = await app.Db(db => db.Applications.AsNoTracking().Where(a => shifts.Contains(a.ShiftId)).ToDictionaryAsync(a => a.VolunteerId, a => a.Status));
        Assert.All(statuses.Values, s => Assert.Equal(ApplicationStatus.Cancelled, s));
        var toAccepted = Assert.Single(await CancellationMessagesAsync(accepted.Email));
        Assert.Equal(Html.Text("Message_OpportunityCancelled_Subject", Cultures.Russian), toAccepted.Subject);
        Assert.Contains("Уборка парка", toAccepted.Body, StringComparison.Ordinal);
        Assert.Contains("Дауыл / Буря", toAccepted.Body, StringComparison.Ordinal);
        var toWaitlisted = Assert.Single(await CancellationMessagesAsync(waitlisted.Email));
        Assert.Equal(Html.Text("Message_OpportunityCancelled_Subject", Cultures.English), toWaitlisted.Subject);
        Assert.Empty(await CancellationMessagesAsync(withdrawn.Email));
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(a => a.Action == "opportunity.cancelled" && a.TargetId == id.ToString())));

        using var again = await client.PostAsJsonAsync($"/api/v1/opportunities/{id}/cancel", new { reason = "Тағы" });
        await again.AssertProblemAsync(HttpStatusCode.Conflict, OpportunityErrors.OpportunityCancelled);
        using var read = await app.Client().GetAsync($"/api/v1/opportunities/{id}");
        var json = await read.JsonAsync();
        Assert.Equal("cancelled", json.GetProperty("status").GetString());
        Assert.Equal(0, json.GetProperty("shifts")[0].GetProperty("seatsLeft").GetInt32());
    }

    [Fact]
    public async Task A_null_shift_is_a_field_error_and_nothing_is_stored()
    {
        var coordinator = await app.NewPerson().SignedIn().WithToken().OwningAnOrganization();
        using var client = app.Client("ru", coordinator.Token);
        var body = Opps.Body(coordinator.OrganizationId);
        body["shifts"] = new object?[] { Opps.Shift(Opps.WeekAhead(10), Opps.WeekAhead(12)), null };

        using var response = await client.PostAsJsonAsync("/api/v1/opportunities", body);

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.ValueInvalid);
        Assert.Equal(Html.Text("Error_value_invalid", Cultures.Russian), problem.GetProperty("errors").GetProperty("shifts[1]")[0].GetString());
        Assert.False(await app.Db(db => db.Opportunities.AnyAsync(o => o.OrganizationId == coordinator.OrganizationId)));
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    public async Task Coordinates_that_are_not_numbers_are_refused_and_nothing_is_stored(string value)
    {
        var coordinator = await app.NewPerson().SignedIn().WithToken().OwningAnOrganization();
        using var client = app.Client("en", coordinator.Token);
        var body = Opps.Body(coordinator.OrganizationId);
        body["latitude"] = value;

        using var response = await client.PostAsJsonAsync("/api/v1/opportunities", body);

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, OpportunityErrors.CoordinatesInvalid);
        Assert.Equal(Html.Text("Error_coordinates_invalid", Cultures.English), problem.GetProperty("errors").GetProperty("latitude")[0].GetString());
        Assert.False(await app.Db(db => db.Opportunities.AnyAsync(o => o.OrganizationId == coordinator.OrganizationId)));
    }

    [Fact]
    public async Task Shifts_start_at_most_two_years_ahead_even_at_the_end_of_time_and_nothing_is_stored()
    {
        var coordinator = await app.NewPerson().SignedIn().WithToken().OwningAnOrganization();
        using var client = app.Client("kk", coordinator.Token);
        var twoYears = DateTimeOffset.UtcNow.AddYears(2);
        var refusals = new (object Shift, string Field)[]
        {
            (Opps.Shift("9999-12-30T10:00:00+05:00", "9999-12-30T13:00:00+05:00", repeatWeekly: 52), "shifts[0].startsAt"),
            (Opps.Shift("9999-12-31T20:00:00+14:00", "9999-12-31T23:59:59+14:00"), "shifts[0].startsAt"),
            (Opps.Shift(Opps.Iso(twoYears.AddDays(2)), Opps.Iso(twoYears.AddDays(2).AddHours(3))), "shifts[0].startsAt"),
            (Opps.Shift(Opps.Iso(twoYears.AddDays(-14)), Opps.Iso(twoYears.AddDays(-14).AddHours(3)), repeatWeekly: 4), "shifts[0].repeatWeekly"),
        };

        foreach (var (shift, field) in refusals)
        {
            var body = Opps.Body(coordinator.OrganizationId);
            body["shifts"] = new[] { shift };
            using var response = await client.PostAsJsonAsync("/api/v1/opportunities", body);
            var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, OpportunityErrors.ShiftTooFar);
            Assert.Equal(Html.Text("Error_shift_too_far", Cultures.Kazakh), problem.GetProperty("errors").GetProperty(field)[0].GetString());
        }

        Assert.False(await app.Db(db => db.Opportunities.AnyAsync(o => o.OrganizationId == coordinator.OrganizationId)));
        var within = Opps.Body(coordinator.OrganizationId);
        within["shifts"] = new[] { Opps.Shift(Opps.Iso(twoYears.AddDays(-2)), Opps.Iso(twoYears.AddDays(-2).AddHours(3))) };
        await Opps.CreateAsync(app, coordinator.Token, within);
    }

    /// <summary>Cancellation notices queued for the address (its sign-up confirmation left out), in any language.</summary>
    private async Task<List<OutboxMessage>> CancellationMessagesAsync(string email)
    {
        var subjects = Cultures.All.Select(c => Html.Text("Message_OpportunityCancelled_Subject", c)).ToList();
        return await app.Db(db => db.OutboxMessages.AsNoTracking().Where(m => m.Recipient == email && subjects.Contains(m.Subject)).ToListAsync());
    }
}

[Collection(Sqlite.Name)]
public sealed class OpportunitiesApiTestsOnSqlite(SqliteApp app) : OpportunitiesApiTests(app);

[Collection(Postgres.Name)]
public sealed class OpportunitiesApiTestsOnPostgres(PostgresApp app) : OpportunitiesApiTests(app);
