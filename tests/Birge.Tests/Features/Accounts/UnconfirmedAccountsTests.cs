using System.Net;
using System.Net.Http.Json;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Features.Accounts;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Birge.Tests.Features.Accounts;

/// <summary>
/// Nobody keeps someone else's e-mail or phone: a contact not confirmed within 7 days is released (the account removed
/// when it has no confirmed contact), after a reminder to that contact two days before; organisers see which
/// contacts are not confirmed. The job runs here by hand, as a node would.
/// </summary>
public abstract class UnconfirmedAccountsTests(BirgeApp app)
{
    [Fact]
    public async Task At_day_five_the_unconfirmed_contact_is_reminded_once_with_its_confirmation_link_even_with_two_nodes()
    {
        var person = await app.NewPerson();
        await AgeAsync(person.Id, days: 5.1);

        var runs = await Task.WhenAll(Job().RunOnceAsync(CancellationToken.None), Job().RunOnceAsync(CancellationToken.None));
        await Job().RunOnceAsync(CancellationToken.None);

        var reminders = await app.Db(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.Recipient == person.Email && m.Subject == Cultures.Text("Message_ConfirmReminder_Subject", Cultures.Kazakh))
            .ToListAsync());
        var reminder = Assert.Single(reminders);
        Assert.Contains("http://localhost/account/confirm?", reminder.Body, StringComparison.Ordinal);
        var stored = await StoredAsync(person.Id);
        Assert.Equal(AccountStatus.Active, stored.Status);
        Assert.NotNull(stored.ConfirmationReminderSentAt);
        Assert.True(runs.Sum(r => r.Reminded) >= 1);

        // The link in the reminder confirms the e-mail.
        var link = await Messages.LinkAsync(app, person.Email, "/account/confirm?");
        var browser = app.Browser();
        using var confirmed = await browser.SubmitAsync(await browser.GetPageAsync(link), "main form", pageUrl: link);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.True((await StoredAsync(person.Id)).EmailConfirmed);
    }

    [Fact]
    public async Task After_seven_days_an_account_without_a_confirmed_contact_is_removed_its_seat_freed_and_its_address_released()
    {
        var shift = await app.NewOpportunity().Seats(5);
        var person = await app.NewPerson();
        using (var volunteer = app.Client(accessToken: await Api.TokenAsync(app, person.Email)))
        using (var applied = await volunteer.PostAsync($"/api/v1/shifts/{shift.ShiftId}/applications", null))
        {
            Assert.Equal(HttpStatusCode.Created, applied.StatusCode);
        }

        await AgeAsync(person.Id, days: 7.1, remindedDaysAgo: 2.1);

        var run = await Job().RunOnceAsync(CancellationToken.None);

        Assert.True(run.Removed >= 1);
        var stored = await StoredAsync(person.Id);
        Assert.Equal(AccountStatus.Deleted, stored.Status);
        Assert.Null(stored.Email);
        Assert.Null(stored.FullName);
        Assert.Null(stored.PasswordHash);
        Assert.False(await app.Db(db => db.Applications.AnyAsync(a => a.VolunteerId == person.Id && a.Status != ApplicationStatus.Cancelled)));
        Assert.Equal(0, await app.Db(db => db.Shifts.Where(s => s.Id == shift.ShiftId).Select(s => s.Taken).SingleAsync()));
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(e => e.Action == "account.removed_unconfirmed" && e.TargetId == person.Id.ToString())));

        // The address is free again for its owner.
        using var client = app.Client();
        using var again = await client.PostAsJsonAsync("/api/v1/accounts", Api.AdultAccount(person.Email));
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
    }

    [Fact]
    public async Task Nobody_is_removed_without_two_days_notice_even_when_the_account_is_older()
    {
        var person = await app.NewPerson();
        await AgeAsync(person.Id, days: 30);

        await Job().RunOnceAsync(CancellationToken.None);

        Assert.Equal(AccountStatus.Active, (await StoredAsync(person.Id)).Status);
        Assert.True(await app.Db(db => db.OutboxMessages.AnyAsync(m => m.Recipient == person.Email && m.Subject == Cultures.Text("Message_ConfirmReminder_Subject", Cultures.Kazakh))));

        await AgeAsync(person.Id, days: 30, remindedDaysAgo: 1.9);
        await Job().RunOnceAsync(CancellationToken.None);
        Assert.Equal(AccountStatus.Active, (await StoredAsync(person.Id)).Status);

        await AgeAsync(person.Id, days: 30, remindedDaysAgo: 2.1);
        await Job().RunOnceAsync(CancellationToken.None);
        Assert.Equal(AccountStatus.Deleted, (await StoredAsync(person.Id)).Status);
    }

    [Fact]
    public async Task A_confirmed_account_a_child_waiting_for_a_parent_and_a_new_account_stay()
    {
        var confirmed = await app.NewPerson();
        await app.Db(db => db.Accounts.Where(a => a.Id == confirmed.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.EmailConfirmed, true)));
        var child = await app.NewPerson().With("birthDate", DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-12).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).With("parentConsent", new { name = "Сәуле Ахметова", email = People.NewEmail() });
        var newPerson = await app.NewPerson();
        foreach (var id in new[] { confirmed.Id, child.Id })
        {
            await AgeAsync(id, days: 8, remindedDaysAgo: 3);
        }

        await AgeAsync(newPerson.Id, days: 4);

        await Job().RunOnceAsync(CancellationToken.None);

        Assert.Equal(AccountStatus.Active, (await StoredAsync(confirmed.Id)).Status);
        Assert.Equal(AccountStatus.AwaitingParentConsent, (await StoredAsync(child.Id)).Status);
        Assert.NotNull((await StoredAsync(child.Id)).Email);
        Assert.Equal(AccountStatus.Active, (await StoredAsync(newPerson.Id)).Status);
        Assert.Null((await StoredAsync(newPerson.Id)).ConfirmationReminderSentAt);
        Assert.False(await app.Db(db => db.OutboxMessages.AnyAsync(m => m.Recipient == newPerson.Email && m.Subject == Cultures.Text("Message_ConfirmReminder_Subject", Cultures.Kazakh))));
    }

    [Fact]
    public async Task An_unconfirmed_phone_next_to_a_confirmed_email_is_released_and_the_account_stays()
    {
        var typed = People.NewPhone();
        var person = await app.NewPerson().With("phone", typed);
        var phone = "+7" + new string(typed.Where(char.IsAsciiDigit).ToArray())[1..];
        await app.Db(db => db.Accounts.Where(a => a.Id == person.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.EmailConfirmed, true)));
        await AgeAsync(person.Id, days: 7.1, remindedDaysAgo: 2.1);

        var run = await Job().RunOnceAsync(CancellationToken.None);

        Assert.True(run.Released >= 1);
        var stored = await StoredAsync(person.Id);
        Assert.Equal(AccountStatus.Active, stored.Status);
        Assert.Equal(person.Email, stored.Email);
        Assert.Null(stored.Phone);

        // The number is free for its owner.
        var owner = Api.AdultAccount();
        owner["phone"] = typed;
        using var client = app.Client();
        using var again = await client.PostAsJsonAsync("/api/v1/accounts", owner);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(phone, await app.Db(db => db.Accounts.Where(a => a.Email == (string)owner["email"]!).Select(a => a.Phone).SingleAsync()));
    }

    [Fact]
    public async Task The_roster_marks_contacts_that_are_not_confirmed()
    {
        var shift = await app.NewOpportunity().Seats(5);
        var coordinator = await app.NewPerson().Speaking("en").SignedIn();
        await app.AddCoordinatorAsync(shift.OrganizationId, coordinator.Id);
        var unconfirmed = await SharingVolunteerAsync(confirmed: false);
        var confirmed = await SharingVolunteerAsync(confirmed: true);
        foreach (var token in new[] { unconfirmed.Token, confirmed.Token })
        {
            using var client = app.Client(accessToken: token);
            using var applied = await client.PostAsync($"/api/v1/shifts/{shift.ShiftId}/applications", null);
            Assert.Equal(HttpStatusCode.Created, applied.StatusCode);
        }

        var page = await coordinator.Pages.GetPageAsync($"/shifts/{shift.ShiftId}/roster");

        var mark = Html.Text("Account_NotConfirmed", Cultures.English);
        var rows = page.QuerySelectorAll("#roster-accepted tbody tr").ToList();
        var unconfirmedRow = Assert.Single(rows, r => r.TextContent.Contains(unconfirmed.Email, StringComparison.Ordinal));
        var confirmedRow = Assert.Single(rows, r => r.TextContent.Contains(confirmed.Email, StringComparison.Ordinal));
        Assert.Contains(mark, unconfirmedRow.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(mark, confirmedRow.TextContent, StringComparison.Ordinal);

        using var api = app.Client(accessToken: await Api.TokenAsync(app, coordinator.Email));
        var roster = await (await api.GetAsync($"/api/v1/shifts/{shift.ShiftId}/applications")).JsonAsync();
        var items = roster.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("email").GetString()!, i => i.GetProperty("emailConfirmed").GetBoolean());
        Assert.False(items[unconfirmed.Email]);
        Assert.True(items[confirmed.Email]);
    }

    private UnconfirmedAccounts Job() => app.Services.GetRequiredService<UnconfirmedAccounts>();

    private async Task<Account> StoredAsync(Guid id) => await app.Db(db => db.Accounts.AsNoTracking().SingleAsync(a => a.Id == id));

    /// <summary>Moves the account's creation (and its reminder) into the past, rather than the whole app's clock.</summary>
    private async Task AgeAsync(Guid id, double days, double? remindedDaysAgo = null)
    {
        var now = DateTime.UtcNow;
        DateTime? reminded = remindedDaysAgo is { } ago ? now.AddDays(-ago) : null;
        await app.Db(db => db.Accounts.Where(a => a.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(a => a.CreatedAt, now.AddDays(-days))
            .SetProperty(a => a.ConfirmationReminderSentAt, reminded)));
    }

    private async Task<(Guid Id, string Email, string Token)> SharingVolunteerAsync(bool confirmed)
    {
        var person = await app.NewPerson();
        await app.Db(async db =>
        {
            db.VolunteerProfiles.Add(new VolunteerProfile { AccountId = person.Id, ShowContactsToOrganisers = true, UpdatedAt = DateTime.UtcNow });
            await db.Accounts.Where(a => a.Id == person.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.EmailConfirmed, confirmed));
            return await db.SaveChangesAsync();
        });
        return (person.Id, person.Email, await Api.TokenAsync(app, person.Email));
    }
}

[Collection(Sqlite.Name)]
public sealed class UnconfirmedAccountsTestsOnSqlite(SqliteApp app) : UnconfirmedAccountsTests(app);

[Collection(Postgres.Name)]
public sealed class UnconfirmedAccountsTestsOnPostgres(PostgresApp app) : UnconfirmedAccountsTests(app);
