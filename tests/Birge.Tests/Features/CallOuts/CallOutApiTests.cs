using System.Net;
using System.Net.Http.Json;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Features.CallOuts;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Birge.Tests.Features.CallOuts;

/// <summary>
/// Sending a call-out through the API: who its first wave reaches, what they are sent, what bad input and another
/// region's office get; replies by the API and by SMS, decided by conditional updates under parallel replies; waves.
/// </summary>
public abstract class CallOutApiTests(BirgeApp app)
{
    private const string GatewaySecret = "test-gateway-secret-7c1f";

    [Fact]
    public async Task A_call_out_reaches_the_available_adult_members_holding_the_certificates_once_each_and_says_how_to_answer()
    {
        var staff = await app.NewPerson().Staff(CallOuts.Mangystau).WithToken();
        var people = await app.NewVolunteersAsync(8, "ru");
        var (ready, alsoInSecondTeam, unavailable, committed, minor, blocked, expired, noCertificate) =
            (people[0], people[1], people[2], people[3], people[4], people[5], people[6], people[7]);
        var phoneOnly = await PhoneOnlyVolunteerAsync();
        var team = await app.NewTeamAsync(CallOuts.Mangystau, [ready.Id, alsoInSecondTeam.Id, unavailable.Id, committed.Id, minor.Id, blocked.Id, expired.Id, phoneOnly.Id], false, "first_aid");
        var second = await app.NewTeamAsync(CallOuts.Mangystau, [alsoInSecondTeam.Id, noCertificate.Id]);
        var elsewhere = await app.NewTeamAsync(CallOuts.Atyrau, [committed.Id]);
        await app.Db(async db =>
        {
            await db.TeamMembers.Where(m => m.AccountId == unavailable.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.State, MemberState.Unavailable));
            await db.TeamMembers.Where(m => m.AccountId == committed.Id && m.TeamId == elsewhere.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.State, MemberState.Committed));
            await db.Accounts.Where(a => a.Id == minor.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.BirthDate, DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-17)));
            await db.Accounts.Where(a => a.Id == blocked.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, AccountStatus.Deleted));
            return await db.VolunteerCertificates.Where(c => c.AccountId == expired.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.ExpiresOn, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1)));
        });

        var body = CallOuts.Body(CallOuts.Mangystau);
        body["teamIds"] = new[] { team.Id, second.Id };
        body["certificates"] = new[] { "first_aid" };
        using var response = await staff.Api.PostAsJsonAsync("/api/v1/call-outs", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.JsonAsync();
        var id = json.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/call-outs/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(3, json.GetProperty("recipients").GetInt32());
        var asked = await app.Db(db => db.CallOutRecipients.Where(r => r.CallOutId == id).Select(r => r.AccountId).ToListAsync());
        Assert.Equal(new[] { ready.Id, alsoInSecondTeam.Id, phoneOnly.Id }.Order(), asked.Order());
        var callOut = await app.Db(db => db.CallOuts.AsNoTracking().SingleAsync(c => c.Id == id));
        Assert.Equal((CallOutStatus.Open, 1, 3, staff.Id), (callOut.Status, callOut.Wave, callOut.Needed, callOut.CreatedBy));
        Assert.Matches("^[ACDEFGHJKMNPQRTUVWXY3479]{4}$", callOut.ShortCode);
        Assert.InRange(callOut.NextWaveAt!.Value, DateTime.UtcNow.AddMinutes(55), DateTime.UtcNow.AddMinutes(61));

        // In their language, once each, with the link; by SMS the reply code.
        var subject = Html.Text("Message_CallOutSent_Subject", Cultures.Russian).Replace("{Title}", "Су тасқыны: қап толтыру", StringComparison.Ordinal);
        Assert.Equal(1, await app.Db(db => db.OutboxMessages.CountAsync(m => m.Recipient == alsoInSecondTeam.Email && m.Subject == subject)));
        var sms = await app.Db(db => db.OutboxMessages.Where(m => m.Recipient == phoneOnly.Phone && m.Channel == Birge.Web.Infrastructure.OutboxChannel.Sms).Select(m => m.Body).SingleAsync());
        Assert.Contains($"1 {callOut.ShortCode}", sms, StringComparison.Ordinal);
        Assert.Contains($"2 {callOut.ShortCode}", sms, StringComparison.Ordinal);
        Assert.Contains($"http://localhost/call-outs/{id}", sms, StringComparison.Ordinal);
        Assert.Contains("Ақтау, 14-шағынаудан", sms, StringComparison.Ordinal);
        Assert.False(await app.Db(db => db.OutboxMessages.AnyAsync(m => (m.Recipient == minor.Email || m.Recipient == unavailable.Email || m.Recipient == committed.Email || m.Recipient == noCertificate.Email) && m.Subject == subject)));
    }

    [Fact]
    public async Task Without_teams_every_team_of_the_region_not_on_standby_is_asked()
    {
        var staff = await app.NewPerson().Staff(CallOuts.NorthKazakhstan).WithToken();
        var people = await app.NewVolunteersAsync(3);
        await app.NewTeamAsync(CallOuts.NorthKazakhstan, [people[0].Id]);
        await app.NewTeamAsync(CallOuts.NorthKazakhstan, [people[1].Id]);
        await app.NewTeamAsync(CallOuts.NorthKazakhstan, [people[2].Id], standby: true);

        using var response = await staff.Api.PostAsJsonAsync("/api/v1/call-outs", CallOuts.Body(CallOuts.NorthKazakhstan));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.JsonAsync()).GetProperty("id").GetGuid();
        var asked = await app.Db(db => db.CallOutRecipients.Where(r => r.CallOutId == id).Select(r => r.AccountId).ToListAsync());
        Assert.Contains(people[0].Id, asked);
        Assert.Contains(people[1].Id, asked);
        Assert.DoesNotContain(people[2].Id, asked);
    }

    [Fact]
    public async Task Bad_input_is_refused_field_by_field_in_the_callers_language_and_nothing_is_sent()
    {
        var staff = await app.NewPerson().Speaking("en").Staff(CallOuts.Mangystau).WithToken();
        var otherRegionTeam = await app.NewTeamAsync(CallOuts.Atyrau, []);
        var before = await app.Db(db => db.CallOuts.CountAsync());
        using var response = await staff.Api.PostAsJsonAsync("/api/v1/call-outs", new Dictionary<string, object?>
        {
            ["title"] = " ",
            ["description"] = new string('x', CallOut.MaxDescriptionLength + 1),
            ["regionKato"] = CallOuts.Mangystau,
            ["neighbouringRegions"] = new[] { "999999999" },
            ["teamIds"] = new[] { otherRegionTeam.Id },
            ["certificates"] = new[] { "wizard" },
            ["needed"] = 0,
            ["place"] = "",
            ["startsAt"] = DateTime.UtcNow.AddHours(-1),
            ["answerBy"] = DateTime.UtcNow.AddMinutes(-5),
        });

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, CallOutErrors.TextRequired);
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "title", "description", "place", "neighbouringRegions", "teamIds", "certificates", "needed", "startsAt", "answerBy" })
        {
            Assert.True(errors.TryGetProperty(field, out _), field);
        }

        Assert.Equal(Html.Text("Error_callout_needed_invalid", Cultures.English), errors.GetProperty("needed")[0].GetString());
        Assert.Equal(Html.Text("Error_callout_certificate_unknown", Cultures.English), errors.GetProperty("certificates")[0].GetString());

        // No region; too many people; answer-by after the start.
        var noRegion = CallOuts.Body(CallOuts.Mangystau, needed: CallOut.MaxNeeded + 1);
        noRegion.Remove("regionKato");
        noRegion["answerBy"] = DateTime.UtcNow.AddHours(4);
        using var second = await staff.Api.PostAsJsonAsync("/api/v1/call-outs", noRegion);
        var secondErrors = (await second.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.RegionInvalid)).GetProperty("errors");
        Assert.True(secondErrors.TryGetProperty("needed", out _));
        Assert.True(secondErrors.TryGetProperty("answerBy", out _));
        Assert.Equal(before, await app.Db(db => db.CallOuts.CountAsync()));
    }

    [Fact]
    public async Task A_regional_office_may_not_call_out_another_region_but_the_national_office_may()
    {
        var almaty = await app.NewPerson().Staff(Birge.Tests.Features.FrontOffices.Offices.Almaty).WithToken();
        var national = await app.NewPerson().Staff(FrontOffice.NationalKato).WithToken();
        var member = (await app.NewVolunteersAsync(1))[0];
        await app.NewTeamAsync(CallOuts.Atyrau, [member.Id]);

        using var refused = await almaty.Api.PostAsJsonAsync("/api/v1/call-outs", CallOuts.Body(CallOuts.Atyrau));
        await refused.AssertProblemAsync(HttpStatusCode.Forbidden, CallOutErrors.OtherRegion);
        Assert.False(await app.Db(db => db.CallOutRecipients.AnyAsync(r => r.AccountId == member.Id)));

        using var sent = await national.Api.PostAsJsonAsync("/api/v1/call-outs", CallOuts.Body(CallOuts.Atyrau));
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        var id = (await sent.JsonAsync()).GetProperty("id").GetGuid();

        // The board is the region's and the national office's: Almaty's staff get 403.
        using var board = await almaty.Api.GetAsync($"/api/v1/call-outs/{id}");
        Assert.Equal(HttpStatusCode.Forbidden, board.StatusCode);
        using var nationalBoard = await national.Api.GetAsync($"/api/v1/call-outs/{id}");
        Assert.Equal(HttpStatusCode.OK, nationalBoard.StatusCode);
    }

    [Fact]
    public async Task Replies_select_until_filled_then_the_rest_are_told_not_needed_once_and_a_change_of_mind_frees_the_seat()
    {
        var staff = await app.NewPerson().Staff(CallOuts.Mangystau).WithToken();
        var members = new List<TestPerson>();
        for (var i = 0; i < 4; i++)
        {
            members.Add(await app.NewPerson().Speaking("ru").WithToken());
        }

        var team = await app.NewTeamAsync(CallOuts.Mangystau, members.Select(m => m.Id));
        var body = CallOuts.Body(CallOuts.Mangystau, needed: 2);
        body["teamIds"] = new[] { team.Id };
        using var sent = await staff.Api.PostAsJsonAsync("/api/v1/call-outs", body);
        var id = (await sent.JsonAsync()).GetProperty("id").GetGuid();
        var (first, second, third, fourth) = (members[0], members[1], members[2], members[3]);

        Assert.Equal("selected", await ReplyAsync(first, id, "coming"));
        Assert.Equal("selected", await ReplyAsync(first, id, "coming"));
        Assert.Equal(1, await ComingAsync(id));
        Assert.Equal("declined", await ReplyAsync(second, id, "cannot"));
        Assert.Equal("selected", await ReplyAsync(third, id, "coming"));
        Assert.Equal((CallOutStatus.Filled, 2), await StateAsync(id));

        // The one who had not answered is told "not needed", once; those who answered are not.
        var notNeeded = Html.Text("Message_CallOutNotNeeded_Subject", Cultures.Russian).Replace("{Title}", "Су тасқыны: қап толтыру", StringComparison.Ordinal);
        Assert.Equal(1, await app.Db(db => db.OutboxMessages.CountAsync(m => m.Recipient == fourth.Email && m.Subject == notNeeded)));
        Assert.False(await app.Db(db => db.OutboxMessages.AnyAsync(m => (m.Recipient == first.Email || m.Recipient == second.Email) && m.Subject == notNeeded)));

        Assert.Equal("standby", await ReplyAsync(fourth, id, "coming"));

        // A change of mind frees the seat and opens it again; the reserve may then take it.
        Assert.Equal("declined", await ReplyAsync(first, id, "cannot"));
        Assert.Equal((CallOutStatus.Open, 1), await StateAsync(id));
        Assert.Equal("selected", await ReplyAsync(fourth, id, "coming"));
        Assert.Equal((CallOutStatus.Filled, 2), await StateAsync(id));
        Assert.Equal(1, await app.Db(db => db.OutboxMessages.CountAsync(m => m.Recipient == fourth.Email && m.Subject == notNeeded)));

        var board = await (await staff.Api.GetAsync($"/api/v1/call-outs/{id}")).JsonAsync();
        Assert.Equal(("filled", 2, 2, 2, 0, 4), (board.GetProperty("status").GetString(), board.GetProperty("needed").GetInt32(), board.GetProperty("coming").GetInt32(),
            board.GetProperty("cannot").GetInt32(), board.GetProperty("noAnswer").GetInt32(), board.GetProperty("sent").GetInt32()));
        Assert.Equal(new[] { third.Id, fourth.Id }.Order(), board.GetProperty("roster").EnumerateArray().Select(r => r.GetProperty("accountId").GetGuid()).Order());
        var wave = Assert.Single(board.GetProperty("waves").EnumerateArray());
        Assert.Equal((1, 4, 2), (wave.GetProperty("wave").GetInt32(), wave.GetProperty("sent").GetInt32(), wave.GetProperty("coming").GetInt32()));

        // Someone not asked, and a bad answer.
        var stranger = await app.NewPerson().WithToken();
        using var notAsked = await stranger.Api.PostAsJsonAsync($"/api/v1/call-outs/{id}/reply", new { answer = "coming" });
        await notAsked.AssertProblemAsync(HttpStatusCode.NotFound, CallOutErrors.NotRecipient);
        using var bad = await second.Api.PostAsJsonAsync($"/api/v1/call-outs/{id}/reply", new { answer = "maybe" });
        await bad.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, CallOutErrors.AnswerInvalid);
        Assert.Equal(2, await ComingAsync(id));
    }

    [Fact]
    public async Task Twenty_parallel_yeses_for_three_places_select_exactly_three_and_the_rest_are_standby()
    {
        var id = await CallOutForAsync(20, needed: 3);
        var people = await app.Db(db => db.CallOutRecipients.Where(r => r.CallOutId == id).Select(r => r.AccountId).ToListAsync());

        var replies = await Task.WhenAll(people.Select(p => ReplyInScopeAsync(id, p, CallOutAnswer.Coming)));

        Assert.Equal(3, replies.Count(r => r == CallOutReply.Selected));
        Assert.Equal(17, replies.Count(r => r == CallOutReply.Standby));
        Assert.Equal((CallOutStatus.Filled, 3), await StateAsync(id));
        Assert.Equal(3, await app.Db(db => db.CallOutRecipients.CountAsync(r => r.CallOutId == id && r.Reply == CallOutReply.Selected)));
    }

    [Fact]
    public async Task Fifty_parallel_replies_of_the_same_people_twice_select_each_once()
    {
        var id = await CallOutForAsync(25, needed: 10);
        var people = await app.Db(db => db.CallOutRecipients.Where(r => r.CallOutId == id).Select(r => r.AccountId).ToListAsync());

        var replies = await Task.WhenAll(people.Concat(people).Select(p => ReplyInScopeAsync(id, p, CallOutAnswer.Coming)));

        Assert.Equal(50, replies.Length);
        Assert.Equal((CallOutStatus.Filled, 10), await StateAsync(id));
        Assert.Equal(10, await app.Db(db => db.CallOutRecipients.CountAsync(r => r.CallOutId == id && r.Reply == CallOutReply.Selected)));
        Assert.Equal(15, await app.Db(db => db.CallOutRecipients.CountAsync(r => r.CallOutId == id && r.Reply == CallOutReply.Standby)));
    }

    [Fact]
    public async Task Replies_by_sms_need_the_gateway_secret_and_garbage_unknown_numbers_and_closed_call_outs_change_nothing()
    {
        app.Services.GetRequiredService<IConfiguration>()["Sms:InboundSecret"] = GatewaySecret;
        var member = await PhoneOnlyVolunteerAsync();
        var other = await PhoneOnlyVolunteerAsync();
        var id = await CallOutForAsync([member.Id, other.Id], needed: 2);
        var code = await app.Db(db => db.CallOuts.Where(c => c.Id == id).Select(c => c.ShortCode).SingleAsync());
        using var gateway = app.Client();

        using (var missing = await gateway.PostAsJsonAsync("/api/v1/sms/inbound", new { from = member.Phone, text = "1" }))
        {
            await missing.AssertProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        }

        using (var wrong = await Sms(gateway, member.Phone!, "1", "not-the-secret"))
        {
            await wrong.AssertProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        }

        using (var garbage = await Sms(gateway, member.Phone!, "yes please"))
        {
            await garbage.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, CallOutErrors.SmsTextInvalid);
        }

        using (var unknown = await Sms(gateway, "+77019998877", "1"))
        {
            await unknown.AssertProblemAsync(HttpStatusCode.NotFound, CallOutErrors.SmsSenderUnknown);
        }

        using (var wrongCode = await Sms(gateway, member.Phone!, "1 ZZZZ"))
        {
            await wrongCode.AssertProblemAsync(HttpStatusCode.NotFound, CallOutErrors.ShortCodeUnknown);
        }

        Assert.Equal(0, await ComingAsync(id));
        var outboxBefore = await app.Db(db => db.OutboxMessages.CountAsync());

        // "1" answers the latest call-out sent to the number; twice changes nothing; the code may be lower-case.
        Assert.Equal("selected", (await (await Sms(gateway, member.Phone!, " 1 ")).JsonAsync()).GetProperty("status").GetString());
        Assert.Equal("selected", (await (await Sms(gateway, member.Phone!, "1 " + code.ToLowerInvariant())).JsonAsync()).GetProperty("status").GetString());
        Assert.Equal(1, await ComingAsync(id));
        Assert.Equal("sms", await app.Db(db => db.CallOutRecipients.Where(r => r.CallOutId == id && r.AccountId == member.Id).Select(r => r.RepliedBy).SingleAsync()));
        Assert.Equal("declined", (await (await Sms(gateway, other.Phone!, "2 " + code)).JsonAsync()).GetProperty("status").GetString());
        Assert.Equal(outboxBefore, await app.Db(db => db.OutboxMessages.CountAsync()));

        // Closed: refused, nothing changes.
        await app.Db(db => db.CallOuts.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CallOutStatus.Closed)));
        using var closed = await Sms(gateway, other.Phone!, "1");
        await closed.AssertProblemAsync(HttpStatusCode.Conflict, CallOutErrors.NotOpen);
        Assert.Equal(CallOutReply.Declined, await app.Db(db => db.CallOutRecipients.Where(r => r.CallOutId == id && r.AccountId == other.Id).Select(r => r.Reply).SingleAsync()));
    }

    [Fact]
    public async Task Short_of_people_by_the_set_time_the_standby_teams_are_asked_then_the_neighbouring_regions_each_person_once()
    {
        var staff = await app.NewPerson().Staff(CallOuts.Mangystau).WithToken();
        var people = await app.NewVolunteersAsync(4);
        var first = await app.NewTeamAsync(CallOuts.Mangystau, [people[0].Id]);
        await app.NewTeamAsync(CallOuts.Mangystau, [people[0].Id, people[1].Id], standby: true);
        await app.NewTeamAsync(CallOuts.Jetisu, [people[2].Id, people[1].Id]);
        await app.NewTeamAsync(CallOuts.NorthKazakhstan, [people[3].Id]);
        var body = CallOuts.Body(CallOuts.Mangystau, needed: 5);
        body["teamIds"] = new[] { first.Id };
        body["neighbouringRegions"] = new[] { CallOuts.Jetisu };
        using var sent = await staff.Api.PostAsJsonAsync("/api/v1/call-outs", body);
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        var id = (await sent.JsonAsync()).GetProperty("id").GetGuid();
        var job = app.Services.GetRequiredService<CallOutWaves>();

        try
        {
            // Not yet due: nothing.
            await job.RunOnceAsync(CancellationToken.None);
            Assert.Equal(1, await WaveAsync(id));

            var callOut = await app.Db(db => db.CallOuts.AsNoTracking().SingleAsync(c => c.Id == id));
            app.Clock.Set(callOut.NextWaveAt!.Value.AddSeconds(1));
            await job.RunOnceAsync(CancellationToken.None);
            await job.RunOnceAsync(CancellationToken.None);
            var afterTwo = await RecipientsAsync(id);
            Assert.Equal([(people[0].Id, 1), (people[1].Id, 2)], afterTwo.OrderBy(r => r.Wave));
            var two = await app.Db(db => db.CallOuts.AsNoTracking().SingleAsync(c => c.Id == id));
            Assert.Equal(2, two.Wave);
            Assert.True(two.NextWaveAt > app.Clock.GetUtcNow().UtcDateTime && two.NextWaveAt < two.AnswerBy);

            app.Clock.Set(two.NextWaveAt!.Value.AddSeconds(1));
            await job.RunOnceAsync(CancellationToken.None);
            var afterThree = await RecipientsAsync(id);
            Assert.Equal([(people[0].Id, 1), (people[1].Id, 2), (people[2].Id, 3)], afterThree.OrderBy(r => r.Wave));
            var three = await app.Db(db => db.CallOuts.AsNoTracking().SingleAsync(c => c.Id == id));
            Assert.Equal((3, (DateTime?)null), (three.Wave, three.NextWaveAt));
            Assert.Equal(CallOuts.Jetisu, await app.Db(db => db.CallOutRecipients.Where(r => r.CallOutId == id && r.AccountId == people[2].Id).Select(r => r.RegionKato).SingleAsync()));

            app.Clock.Set(three.AnswerBy.AddMinutes(1));
            await job.RunOnceAsync(CancellationToken.None);
            Assert.Equal(3, (await RecipientsAsync(id)).Count);
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    private async Task<List<(Guid AccountId, int Wave)>> RecipientsAsync(Guid id)
    {
        var rows = await app.Db(db => db.CallOutRecipients.Where(r => r.CallOutId == id).Select(r => new { r.AccountId, r.Wave }).ToListAsync());
        return [.. rows.Select(r => (r.AccountId, r.Wave))];
    }

    private Task<int> WaveAsync(Guid id) => app.Db(db => db.CallOuts.Where(c => c.Id == id).Select(c => c.Wave).SingleAsync());

    private static Task<HttpResponseMessage> Sms(HttpClient gateway, string from, string text, string secret = GatewaySecret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sms/inbound") { Content = JsonContent.Create(new { from, text }) };
        request.Headers.Add("X-Gateway-Secret", secret);
        return gateway.SendAsync(request);
    }

    private async Task<Account> PhoneOnlyVolunteerAsync()
    {
        var phone = Birge.Web.Domain.PhoneNumber.TryParseAny(People.NewPhone(), out var parsed) ? parsed!.Value : throw new InvalidOperationException("phone");
        var account = new Account
        {
            Phone = phone,
            PhoneConfirmed = true,
            FullName = "Ерікті SMS",
            BirthDate = new DateOnly(1990, 1, 1),
            BirthYear = 1990,
            RegionKato = CallOuts.Mangystau,
            Language = "kk",
            CreatedAt = DateTime.UtcNow,
        };
        await app.Db(db =>
        {
            db.Accounts.Add(account);
            return db.SaveChangesAsync();
        });
        return account;
    }

    private async Task<Guid> CallOutForAsync(int people, int needed) =>
        await CallOutForAsync([.. (await app.NewVolunteersAsync(people)).Select(p => p.Id)], needed);

    private async Task<Guid> CallOutForAsync(IReadOnlyList<Guid> members, int needed)
    {
        var staff = await app.NewPerson().Staff(CallOuts.Mangystau).WithToken();
        var team = await app.NewTeamAsync(CallOuts.Mangystau, members);
        var body = CallOuts.Body(CallOuts.Mangystau, needed);
        body["teamIds"] = new[] { team.Id };
        using var sent = await staff.Api.PostAsJsonAsync("/api/v1/call-outs", body);
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        return (await sent.JsonAsync()).GetProperty("id").GetGuid();
    }

    private async Task<CallOutReply> ReplyInScopeAsync(Guid id, Guid accountId, CallOutAnswer answer)
    {
        await Task.Yield();
        using var scope = app.Services.CreateScope();
        var replied = await scope.ServiceProvider.GetRequiredService<CallOutReplies>().ReplyAsync(id, accountId, answer, "api", CancellationToken.None);
        Assert.True(replied.Succeeded, replied.Error);
        return replied.Value;
    }

    private static async Task<string?> ReplyAsync(TestPerson person, Guid id, string answer)
    {
        using var response = await person.Api.PostAsJsonAsync($"/api/v1/call-outs/{id}/reply", new { answer });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("status").GetString();
    }

    private Task<int> ComingAsync(Guid id) => app.Db(db => db.CallOuts.Where(c => c.Id == id).Select(c => c.Coming).SingleAsync());

    private async Task<(CallOutStatus, int)> StateAsync(Guid id)
    {
        var state = await app.Db(db => db.CallOuts.Where(c => c.Id == id).Select(c => new { c.Status, c.Coming }).SingleAsync());
        return (state.Status, state.Coming);
    }
}

[Collection(Sqlite.Name)]
public sealed class CallOutApiTestsOnSqlite(SqliteApp app) : CallOutApiTests(app);

[Collection(Postgres.Name)]
public sealed class CallOutApiTestsOnPostgres(PostgresApp app) : CallOutApiTests(app);
