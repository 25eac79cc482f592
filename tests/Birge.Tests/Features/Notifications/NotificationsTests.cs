using System.Net;
using System.Net.Http.Json;
using Birge.Tests.Infrastructure;
using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Features.Applications;
using Birge.Web.Features.Opportunities;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Birge.Tests.Features.Notifications;

/// <summary>
/// A message to a person goes by the channels they chose (else the kind's defaults; critical ones always by all), waits
/// out the quiet hours by e-mail and SMS, is queued once under its key, lands in the inbox with a local link, and its
/// delivery is reported back by the gateway.
/// </summary>
public abstract class NotificationsTests(BirgeApp app)
{
    [Fact]
    public async Task A_message_to_an_account_is_a_notice_in_its_inbox_and_an_email_by_default_with_a_local_link()
    {
        var person = await app.NewPerson().Speaking("ru").WithToken();
        await SendAsync(person.Id, new ApplicationMessages.ApplicationAccepted("Әсел", new LocalizedText("Саябақ", "Парк", null), DateTime.UtcNow.AddDays(2), "http://localhost/my/shifts"));

        var notice = await app.Db(db => db.Notifications.SingleAsync(n => n.AccountId == person.Id));
        Assert.Equal(NotificationKinds.Applications, notice.Kind);
        Assert.Equal("/my/shifts", notice.Link);
        Assert.Contains("Парк", notice.Body, StringComparison.Ordinal);
        var copies = await app.Db(db => db.OutboxMessages.Where(m => m.NotificationId == notice.Id).ToListAsync());
        var email = Assert.Single(copies);
        Assert.Equal(OutboxChannel.Email, email.Channel);
        Assert.Equal(person.Email, email.Recipient);

        using var list = await person.Api.GetAsync("/api/v1/me/notifications?unread=true");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var body = await list.JsonAsync();
        Assert.Equal(1, body.GetProperty("unread").GetInt32());
        Assert.Equal(1, body.GetProperty("total").GetInt32());
        var item = body.GetProperty("items")[0];
        Assert.Equal(notice.Id, item.GetProperty("id").GetGuid());
        Assert.Equal("applications", item.GetProperty("kind").GetString());
        Assert.Equal("/my/shifts", item.GetProperty("link").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, item.GetProperty("readAt").ValueKind);

        var stranger = await app.NewPerson().WithToken();
        using var notTheirs = await stranger.Api.PostAsync($"/api/v1/me/notifications/{notice.Id}/read", null);
        Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
        Assert.Null(await app.Db(db => db.Notifications.Where(n => n.Id == notice.Id).Select(n => n.ReadAt).SingleAsync()));

        using var read = await person.Api.PostAsync($"/api/v1/me/notifications/{notice.Id}/read", null);
        Assert.Equal(HttpStatusCode.NoContent, read.StatusCode);
        using var after = await person.Api.GetAsync("/api/v1/me/notifications?unread=true");
        Assert.Equal(0, (await after.JsonAsync()).GetProperty("unread").GetInt32());
    }

    [Fact]
    public async Task Email_off_for_reminders_leaves_the_reminder_in_the_inbox_only_but_a_cancelled_shift_still_goes_by_every_channel()
    {
        var shift = await app.NewOpportunity().Seats(2).Starting(DateTime.UtcNow.AddHours(20));
        var volunteer = await app.NewPerson().WithToken().OnShift(shift.ShiftId);
        var phone = "+7707" + Random.Shared.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await app.Db(db => db.Accounts.Where(a => a.Id == volunteer.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Phone, phone)));

        using var off = await volunteer.Api.PutAsJsonAsync("/api/v1/me/notification-preferences", new
        {
            items = new[] { new { kind = "reminders", inApp = true, email = false, sms = false } },
        });
        Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        var saved = await off.JsonAsync();
        var reminders = saved.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("kind").GetString() == "reminders");
        Assert.False(reminders.GetProperty("email").GetBoolean());
        Assert.True(saved.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("kind").GetString() == "call_outs").GetProperty("critical").GetBoolean());

        await app.Services.GetRequiredService<Reminders>().RunOnceAsync(CancellationToken.None);

        var reminder = await app.Db(db => db.Notifications.SingleAsync(n => n.AccountId == volunteer.Id && n.Type == nameof(ApplicationMessages.ShiftReminder)));
        Assert.Equal("/my/shifts", reminder.Link);
        Assert.Equal(0, await app.Db(db => db.OutboxMessages.CountAsync(m => m.NotificationId == reminder.Id)));
        Assert.Equal(0, await app.Db(db => db.OutboxMessages.CountAsync(m => (m.Recipient == volunteer.Email || m.Recipient == phone) && m.NotificationId != null)));

        // Critical: switching it off is refused, and it goes by in-app, e-mail and SMS whatever was chosen.
        using var refused = await volunteer.Api.PutAsJsonAsync("/api/v1/me/notification-preferences", new
        {
            items = new[] { new { kind = "shift_cancelled", inApp = true, email = false, sms = true } },
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("notification_critical", (await refused.JsonAsync()).GetProperty("code").GetString());
        using var unknown = await volunteer.Api.PutAsJsonAsync("/api/v1/me/notification-preferences", new
        {
            items = new[] { new { kind = "horoscopes", inApp = true, email = false, sms = false } },
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Equal("notification_kind_unknown", (await unknown.JsonAsync()).GetProperty("code").GetString());
        await app.Db(async db =>
        {
            db.NotificationPreferences.Add(new NotificationPreference { AccountId = volunteer.Id, Kind = NotificationKinds.ShiftCancelled });
            return await db.SaveChangesAsync();
        });

        await SendAsync(volunteer.Id, new OpportunityMessages.OpportunityCancelled(new LocalizedText("Саябақ", null, null), "Дауыл", "http://localhost/opportunities/1"));

        var cancelled = await app.Db(db => db.Notifications.SingleAsync(n => n.AccountId == volunteer.Id && n.Kind == NotificationKinds.ShiftCancelled));
        Assert.True(cancelled.Critical);
        var channels = await app.Db(db => db.OutboxMessages.Where(m => m.NotificationId == cancelled.Id).Select(m => m.Channel).ToListAsync());
        Assert.Equal([OutboxChannel.Email, OutboxChannel.Sms], channels.Order());
    }

    [Fact]
    public async Task At_night_email_and_sms_wait_until_08_00_but_the_notice_and_critical_messages_do_not()
    {
        var person = await app.NewPerson().WithToken();
        var night = KazakhstanTime.ToUtc(new DateTime(2026, 12, 3, 23, 15, 0));
        app.Clock.Set(night);
        try
        {
            await SendAsync(person.Id, new ApplicationMessages.ApplicationDeclined("Әсел", new LocalizedText("Саябақ", null, null), night.AddDays(3), "http://localhost/my/shifts"));
            await SendAsync(person.Id, new OpportunityMessages.OpportunityCancelled(new LocalizedText("Саябақ", null, null), "Су тасқыны", "http://localhost/opportunities/1"));
        }
        finally
        {
            app.Clock.Reset();
        }

        var emails = await app.Db(db => db.OutboxMessages.Where(m => m.Recipient == person.Email && m.NotificationId != null)
            .Join(db.Notifications, m => m.NotificationId, n => n.Id, (m, n) => new { n.Kind, m.NextAttemptAt }).ToListAsync());
        Assert.Equal(KazakhstanTime.ToUtc(new DateTime(2026, 12, 4, 8, 0, 0)), emails.Single(e => e.Kind == NotificationKinds.Applications).NextAttemptAt);
        Assert.Equal(night, emails.Single(e => e.Kind == NotificationKinds.ShiftCancelled).NextAttemptAt);
        Assert.Equal(2, await app.Db(db => db.Notifications.CountAsync(n => n.AccountId == person.Id && n.CreatedAt == night)));
        Assert.Equal(night, Outbox.AfterQuietHours(KazakhstanTime.ToUtc(new DateTime(2026, 12, 3, 21, 59, 0))).AddMinutes(76));
        Assert.Equal(KazakhstanTime.ToUtc(new DateTime(2026, 12, 3, 8, 0, 0)), Outbox.AfterQuietHours(KazakhstanTime.ToUtc(new DateTime(2026, 12, 3, 7, 59, 0))));
    }

    [Fact]
    public async Task The_same_key_twice_queues_nothing_new_and_losing_the_race_keeps_the_change_it_announced()
    {
        var person = await app.NewPerson().WithToken();
        var key = "test:" + Guid.NewGuid().ToString("N");
        var message = new ApplicationMessages.ApplicationPromoted("Әсел", new LocalizedText("Саябақ", null, null), DateTime.UtcNow.AddDays(2), "http://localhost/my/shifts");
        await SendAsync(person.Id, message, key);
        await SendAsync(person.Id, message, key);
        Assert.Equal(1, await app.Db(db => db.Notifications.CountAsync(n => n.AccountId == person.Id)));
        Assert.Equal(1, await app.Db(db => db.OutboxMessages.CountAsync(m => m.Recipient == person.Email && m.NotificationId != null)));

        // Two nodes each find nothing under a new key; the first saves; the second's save still keeps its own change.
        var raced = "race:" + Guid.NewGuid().ToString("N");
        using var first = app.Services.CreateScope();
        using var second = app.Services.CreateScope();
        var db1 = first.ServiceProvider.GetRequiredService<BirgeDb>();
        var db2 = second.ServiceProvider.GetRequiredService<BirgeDb>();
        var account1 = await db1.Accounts.SingleAsync(a => a.Id == person.Id);
        var account2 = await db2.Accounts.SingleAsync(a => a.Id == person.Id);
        await first.ServiceProvider.GetRequiredService<Outbox>().ToAccountAsync(account1, message, raced, CancellationToken.None);
        await second.ServiceProvider.GetRequiredService<Outbox>().ToAccountAsync(account2, message, raced, CancellationToken.None);
        await db1.SaveChangesAsync();
        account2.FullName = "Әсел Нұрланқызы";
        await db2.SaveChangesAsync();

        Assert.Equal("Әсел Нұрланқызы", await app.Db(db => db.Accounts.Where(a => a.Id == person.Id).Select(a => a.FullName).SingleAsync()));
        Assert.Equal(2, await app.Db(db => db.Notifications.CountAsync(n => n.AccountId == person.Id)));
        Assert.Equal(1, await app.Db(db => db.OutboxMessages.CountAsync(m => m.IdempotencyKey == raced + ":email")));
    }

    [Fact]
    public async Task Thousands_written_at_once_read_back_as_queued_and_two_nodes_sending_the_same_keys_queue_them_once()
    {
        var people = await app.NewVolunteersAsync(3, language: "ru");
        var key = Guid.NewGuid().ToString("N");
        var message = new Web.Features.CallOuts.CallOutMessages.CallOutSent("Су тасқыны", "Атырау, Абай көшесі 1", DateTime.UtcNow.AddHours(3), "K7QM", "http://localhost/call-outs/x");
        async Task SendAsync()
        {
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<BirgeDb>();
            var accounts = await db.Accounts.AsNoTracking().Where(a => people.Select(p => p.Id).Contains(a.Id)).ToListAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await scope.ServiceProvider.GetRequiredService<Outbox>().ToAccountsNowAsync(accounts, _ => message, a => $"bulk:{key}:{a.Id}", CancellationToken.None);
            await transaction.CommitAsync();
        }

        await Task.WhenAll(SendAsync(), SendAsync());

        var ids = people.Select(p => p.Id).ToList();
        var notices = await app.Db(db => db.Notifications.Where(n => ids.Contains(n.AccountId)).ToListAsync());
        Assert.Equal(ids.Order(), notices.Select(n => n.AccountId).Order());
        Assert.All(notices, n => Assert.Equal(NotificationKinds.CallOuts, n.Kind));
        Assert.All(notices, n => Assert.True(n.Critical));
        Assert.All(notices, n => Assert.Null(n.ReadAt));
        Assert.All(notices, n => Assert.Equal("/call-outs/x", n.Link));
        Assert.All(notices, n => Assert.Contains("Су тасқыны", n.Body, StringComparison.Ordinal));
        var emails = people.Select(p => p.Email).ToList();
        var mailed = await app.Db(db => db.OutboxMessages.Where(m => m.IdempotencyKey!.StartsWith("bulk:" + key)).ToListAsync());
        Assert.Equal(emails.Order(), mailed.Select(m => m.Recipient).Order());
        Assert.All(mailed, m => Assert.Equal(OutboxChannel.Email, m.Channel));
        Assert.All(mailed, m => Assert.Null(m.SentAt));
        Assert.All(mailed, m => Assert.Contains(m.NotificationId, notices.Select(n => (Guid?)n.Id)));
        // Due now (a critical kind waits out no night), so the sender picks them up on its next run.
        Assert.Equal(mailed.Count, await app.Db(db => db.OutboxMessages.CountAsync(m => m.IdempotencyKey!.StartsWith("bulk:" + key) && m.SentAt == null && m.NextAttemptAt <= DateTime.UtcNow)));
    }

    [Fact]
    public async Task Many_people_are_told_at_once_by_their_own_preferences()
    {
        var people = await app.NewVolunteersAsync(4, language: "en");
        await app.Db(async db =>
        {
            db.NotificationPreferences.Add(new NotificationPreference { AccountId = people[0].Id, Kind = NotificationKinds.HelpRequests, InApp = false, Email = true });
            db.NotificationPreferences.Add(new NotificationPreference { AccountId = people[1].Id, Kind = NotificationKinds.HelpRequests, InApp = true, Email = false });
            return await db.SaveChangesAsync();
        });
        var key = Guid.NewGuid().ToString("N");
        using (var scope = app.Services.CreateScope())
        {
            var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
            await outbox.ToAccountsAsync(
                people,
                _ => new Web.Features.HelpRequests.HelpRequestMessages.HelpOffered(new LocalizedText("Азық-түлік", null, "Groceries"), new LocalizedText("Алмалы", null, null), "http://localhost/help-requests"),
                p => $"offer:{key}:{p.Id}",
                CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<BirgeDb>().SaveChangesAsync();
        }

        var ids = people.Select(p => p.Id).ToList();
        var notices = await app.Db(db => db.Notifications.Where(n => ids.Contains(n.AccountId)).Select(n => n.AccountId).ToListAsync());
        Assert.Equal(ids.Skip(1).Order(), notices.Order());
        var emails = people.Select(p => p.Email).ToList();
        var mailed = await app.Db(db => db.OutboxMessages.Where(m => emails.Contains(m.Recipient) && m.IdempotencyKey!.StartsWith("offer:" + key)).Select(m => m.Recipient).ToListAsync());
        Assert.Equal(new[] { people[0].Email, people[2].Email, people[3].Email }.Order(), mailed.Order());
    }

    [Fact]
    public async Task The_inbox_page_marks_unread_opens_a_notice_to_its_link_and_never_redirects_elsewhere()
    {
        var person = await app.NewPerson().Speaking("en").SignedIn();
        await SendAsync(person.Id, new ApplicationMessages.ApplicationAccepted("Aset", new LocalizedText("Саябақ", null, "Park clean-up"), DateTime.UtcNow.AddDays(2), "http://localhost/my/shifts"));
        var evil = new Notification { AccountId = person.Id, Kind = NotificationKinds.Hours, Type = "Test", Title = "Odd link", Body = "b", Link = "//evil.example/x", CreatedAt = DateTime.UtcNow.AddMinutes(-5) };
        await app.Db(async db =>
        {
            db.Notifications.Add(evil);
            return await db.SaveChangesAsync();
        });

        var home = await person.Pages.GetPageAsync("/opportunities");
        Assert.Equal("2", home.Find("#nav-inbox").GetAttribute("data-unread"));
        Assert.Contains(Html.Text("Notifications_Unread_Nav", Cultures.English, 2), home.Find("#nav-inbox").TextContent, StringComparison.Ordinal);

        var page = await person.Pages.GetPageAsync("/notifications");
        var items = page.QuerySelectorAll(".notification");
        Assert.Equal(2, items.Length);
        Assert.Contains("Park clean-up", items[0].TextContent, StringComparison.Ordinal);
        Assert.Contains(Html.Text("Notifications_New", Cultures.English), items[0].TextContent, StringComparison.Ordinal);

        using var opened = await person.Pages.SubmitAsync(page, $".notification[data-id='{items[0].GetAttribute("data-id")}'] form");
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal("/my/shifts", opened.Location());

        using var odd = await person.Pages.SubmitAsync(page, $".notification[data-id='{evil.Id}'] form");
        Assert.Equal(HttpStatusCode.Redirect, odd.StatusCode);
        Assert.Equal("/notifications", odd.Location());

        var after = await person.Pages.GetPageAsync("/notifications");
        Assert.Equal("0", after.Find("#nav-inbox").GetAttribute("data-unread"));
        Assert.All(after.QuerySelectorAll(".notification"), n => Assert.Equal("true", n.GetAttribute("data-read")));

        using var anonymous = app.Browser();
        using var refused = await anonymous.GetAsync("/notifications");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/account/login", refused.Location(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mark_all_read_reads_only_ones_own()
    {
        var person = await app.NewPerson().SignedIn();
        var other = await app.NewPerson().WithToken();
        var message = new ApplicationMessages.ApplicationDeclined("Әсел", new LocalizedText("Саябақ", null, null), DateTime.UtcNow.AddDays(2), "http://localhost/my/shifts");
        await SendAsync(person.Id, message);
        await SendAsync(person.Id, message);
        await SendAsync(other.Id, message);

        var page = await person.Pages.GetPageAsync("/notifications");
        using var done = await person.Pages.SubmitAsync(page, "#read-all");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);

        Assert.Equal(0, await app.Db(db => db.Notifications.CountAsync(n => n.AccountId == person.Id && n.ReadAt == null)));
        Assert.Equal(1, await app.Db(db => db.Notifications.CountAsync(n => n.AccountId == other.Id && n.ReadAt == null)));
    }

    [Fact]
    public async Task The_preferences_page_saves_the_channels_and_shows_critical_kinds_checked_and_fixed()
    {
        var person = await app.NewPerson().Speaking("kk").SignedIn();
        var page = await person.Pages.GetPageAsync("/account/notifications");
        var critical = page.Find("tr[data-kind='call_outs']");
        Assert.All(critical.QuerySelectorAll("input[type=checkbox]"), box => Assert.True(box.HasAttribute("disabled") && box.HasAttribute("checked")));
        Assert.Contains(Html.Text("Notifications_AlwaysSent", Cultures.Kazakh), critical.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.GetElementById("no-phone"));
        var row = page.Find("tr[data-kind='reminders']");
        var emailBox = row.QuerySelectorAll("input[type=checkbox]")[1].GetAttribute("name")!;

        using var saved = await person.Pages.SubmitAsync(page, "#preferences-form", new Dictionary<string, string> { [emailBox] = "" }, "/account/notifications");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var stored = await app.Db(db => db.NotificationPreferences.SingleAsync(p => p.AccountId == person.Id && p.Kind == NotificationKinds.Reminders));
        Assert.True(stored.InApp);
        Assert.False(stored.Email);
        Assert.False(await app.Db(db => db.NotificationPreferences.AnyAsync(p => p.AccountId == person.Id && p.Kind == NotificationKinds.CallOuts)));
        var again = await person.Pages.GetPageAsync("/account/notifications");
        Assert.False(again.Find("tr[data-kind='reminders']").QuerySelectorAll("input[type=checkbox]")[1].HasAttribute("checked"));
        Assert.Contains(Html.Text("Notifications_Saved", Cultures.Kazakh), again.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_preferences_page_saves_what_a_browser_posts_which_leaves_out_the_disabled_boxes_of_critical_kinds()
    {
        var person = await app.NewPerson().Speaking("ru").SignedIn();
        var page = await person.Pages.GetPageAsync("/account/notifications");
        // A browser sends no disabled control: the critical rows' boxes (the first rows of the table) are not posted.
        var posted = page.QuerySelectorAll("#preferences-form input[type=checkbox][disabled]").ToDictionary(box => box.GetAttribute("name")!, _ => "");
        Assert.NotEmpty(posted);
        Assert.Equal("true", page.Find("tr.preference").GetAttribute("data-critical"));
        posted[page.Find("tr[data-kind='reminders']").QuerySelectorAll("input[type=checkbox]")[1].GetAttribute("name")!] = "";

        using var saved = await person.Pages.SubmitAsync(page, "#preferences-form", posted, "/account/notifications");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var stored = await app.Db(db => db.NotificationPreferences.SingleAsync(p => p.AccountId == person.Id && p.Kind == NotificationKinds.Reminders));
        Assert.Equal((true, false), (stored.InApp, stored.Email));
        Assert.False(await app.Db(db => db.NotificationPreferences.AnyAsync(p => p.AccountId == person.Id && p.Kind == NotificationKinds.CallOuts)));
        var again = await person.Pages.GetPageAsync("/account/notifications");
        Assert.False(again.Find("tr[data-kind='reminders']").QuerySelectorAll("input[type=checkbox]")[1].HasAttribute("checked"));
        Assert.True(again.Find("tr[data-kind='applications']").QuerySelectorAll("input[type=checkbox]")[1].HasAttribute("checked"));
    }

    [Fact]
    public async Task The_admin_sees_deliveries_with_recipients_masked_and_a_volunteer_may_not()
    {
        var person = await app.NewPerson().WithToken();
        await SendAsync(person.Id, new ApplicationMessages.ApplicationAccepted("Әсел", new LocalizedText("Саябақ", null, null), DateTime.UtcNow.AddDays(2), "http://localhost/my/shifts"));
        var message = await app.Db(db => db.OutboxMessages.SingleAsync(m => m.Recipient == person.Email && m.NotificationId != null));

        var admin = await app.NewPerson().Admin().Speaking("ru").SignedIn();
        // The latest are everyone's (other tests' too when the whole suite runs): the admin finds this person's by address.
        var latest = await admin.Pages.GetPageAsync("/admin/deliveries");
        using var found = await admin.Pages.SubmitAsync(latest, "#find-recipient", new Dictionary<string, string> { ["Recipient"] = person.Email! }, "/admin/deliveries");
        var page = await Html.ParseAsync(found);
        var row = page.Find($"tr.delivery[data-id='{message.Id}']");
        Assert.All(page.QuerySelectorAll("tr.delivery"), r => Assert.Contains(person.Email[0] + "***@", r.TextContent, StringComparison.Ordinal));
        Assert.Contains(person.Email[0] + "***@example.com", row.TextContent, StringComparison.Ordinal);
        // The table shows it masked (the search box keeps what the admin typed).
        Assert.DoesNotContain(person.Email, page.Find("#deliveries").InnerHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(person.Email, latest.Body!.InnerHtml, StringComparison.Ordinal);
        Assert.Contains(Html.Text("Notifications_Kind_applications", Cultures.Russian), row.TextContent, StringComparison.Ordinal);

        var volunteer = await app.NewPerson().SignedIn();
        using var refused = await volunteer.Pages.GetAsync("/admin/deliveries");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/error/403", refused.Location(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_delivery_report_needs_the_gateway_secret_and_marks_the_message_delivered()
    {
        var person = await app.NewPerson().WithToken();
        var phone = "+7707" + Random.Shared.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await app.Db(db => db.Accounts.Where(a => a.Id == person.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Phone, phone)));
        await SendAsync(person.Id, new OpportunityMessages.OpportunityCancelled(new LocalizedText("Саябақ", null, null), "Дауыл", "http://localhost/opportunities/1"));
        var gatewayId = "gw-" + Guid.NewGuid().ToString("N");
        await app.Db(db => db.OutboxMessages.Where(m => m.Recipient == phone).ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, DateTime.UtcNow).SetProperty(m => m.GatewayId, gatewayId)));

        using var noSecretConfigured = await app.Client().PostAsJsonAsync("/api/v1/sms/delivery", new { id = gatewayId, status = "delivered" });
        Assert.Equal(HttpStatusCode.Unauthorized, noSecretConfigured.StatusCode);

        await using var gateway = app.WithWebHostBuilder(b => b.UseSetting("Sms:InboundSecret", "s3cret-of-the-gateway"));
        using var client = gateway.CreateClient();
        using var wrong = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sms/delivery") { Content = JsonContent.Create(new { id = gatewayId, status = "delivered" }) };
        wrong.Headers.Add("X-Gateway-Secret", "guess");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(wrong)).StatusCode);
        Assert.Null(await app.Db(db => db.OutboxMessages.Where(m => m.GatewayId == gatewayId).Select(m => m.DeliveredAt).SingleAsync()));

        using var garbage = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sms/delivery") { Content = JsonContent.Create(new { id = gatewayId, status = "maybe" }) };
        garbage.Headers.Add("X-Gateway-Secret", "s3cret-of-the-gateway");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await client.SendAsync(garbage)).StatusCode);

        using var report = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sms/delivery") { Content = JsonContent.Create(new { id = gatewayId, status = "delivered" }) };
        report.Headers.Add("X-Gateway-Secret", "s3cret-of-the-gateway");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(report)).StatusCode);

        var delivered = await app.Db(db => db.OutboxMessages.SingleAsync(m => m.GatewayId == gatewayId));
        Assert.NotNull(delivered.DeliveredAt);
        Assert.Equal(DeliveryState.Delivered, DeliveryStatus.Of(delivered, DateTime.UtcNow));

        using var list = await person.Api.GetAsync("/api/v1/me/notifications");
        var channels = (await list.JsonAsync()).GetProperty("items")[0].GetProperty("channels").EnumerateArray()
            .ToDictionary(c => c.GetProperty("channel").GetString()!, c => c.GetProperty("status").GetString());
        Assert.Equal("delivered", channels["sms"]);
        Assert.Equal("queued", channels["email"]);
    }

    private async Task SendAsync(Guid accountId, Message message, string? key = null)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BirgeDb>();
        var account = await db.Accounts.SingleAsync(a => a.Id == accountId);
        await scope.ServiceProvider.GetRequiredService<Outbox>().ToAccountAsync(account, message, key, CancellationToken.None);
        await db.SaveChangesAsync();
    }
}

[Collection(Sqlite.Name)]
public sealed class NotificationsTestsOnSqlite(SqliteApp app) : NotificationsTests(app);

[Collection(Postgres.Name)]
public sealed class NotificationsTestsOnPostgres(PostgresApp app) : NotificationsTests(app);
