using System.Globalization;
using System.Text.RegularExpressions;
using Birge.BrowserTests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Birge.BrowserTests.Infrastructure.Pages;
using static Microsoft.Playwright.Assertions;

namespace Birge.BrowserTests.Journeys;

/// <summary>
/// The organisations issue's "done when", in a real browser on a phone, in each language: a person registers an
/// organisation in Almaty; the Astana front office can neither open nor see it; the Almaty front office verifies it;
/// anyone finds it in the fair by a Kazakh word typed in capitals; the owner invites a coordinator, who accepts; the
/// owner renames it and the Almaty office approves the change.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed partial class OrganizationJourneyTests(BrowserApp app)
{
    private const string Astana = "710000000";

    private static int serial = Random.Shared.Next(10_000, 90_000);

    public static TheoryData<string> Languages => new(Cultures.Languages);

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task An_organisation_is_registered_verified_by_its_region_found_in_the_fair_and_gains_a_coordinator(string language)
    {
        var culture = Cultures.FromLanguage(language);
        var tag = Interlocked.Increment(ref serial).ToString(CultureInfo.InvariantCulture);
        var name = $"«Қамқорлық {tag}» қоғамдық бірлестігі";
        var bin = NewBin();
        var ownerEmail = NewEmail();
        var ownerName = "Әсел Нұрланқызы";

        // 1. The owner signs up and registers the organisation.
        var owner = await PersonAsync(culture);
        await owner.GotoAsync("/");
        await owner.ChooseLanguageAsync(culture);
        await owner.OpenMenuAsync();
        await owner.NavLink("Nav_SignUp", culture).ClickAsync();
        await Expect(owner).ToHaveURLAsync(new Regex("/account/signup$"));
        await owner.Field("Field_Email", culture).FillAsync(ownerEmail);
        await owner.Field("Field_Password", culture).FillAsync(Pages.Password);
        await owner.Field("Field_FullName", culture).FillAsync(ownerName);
        await owner.Field("Field_BirthDate", culture).FillAsync("1988-03-08");
        await owner.Field("Field_Region", culture).SelectOptionAsync(AlmatyCity);
        await owner.GetByLabel(new Regex("^\\s*" + Regex.Escape(T("SignUp_Consent", culture)))).CheckAsync();
        await owner.Button("SignUp_Submit", culture).ClickAsync();
        await Expect(owner).ToHaveURLAsync(new Regex("/account$"));
        await Expect(owner.GetByRole(AriaRole.Status)).ToHaveTextAsync(T("SignUp_Done", culture));

        await owner.MainLink("Org_Mine_Register", culture).ClickAsync();
        await Expect(owner).ToHaveURLAsync(new Regex("/organizations/register$"));
        await Expect(Heading(owner)).ToHaveTextAsync(T("Org_Register_Title", culture));
        await owner.AssertAccessibleAsync($"register an organisation ({language})");
        await owner.Field("Org_Field_Name", culture).FillAsync(name);
        await owner.Field("Org_Field_Bin", culture).FillAsync(bin);
        await owner.Field("Org_Field_LegalForm", culture).SelectOptionAsync("public_association");
        await owner.Field("Field_Region", culture).SelectOptionAsync(AlmatyCity);
        await owner.Field("Org_Field_Address", culture).FillAsync("Алматы, Абай даңғылы, 10");
        await owner.GetByLabel(await DirectionAsync("social", language), new() { Exact = true }).CheckAsync();
        await owner.Field("Org_Field_DescriptionKk", culture).FillAsync("Қарттарға және мүмкіндігі шектеулі жандарға көмек.");
        await owner.Field("Org_Field_Email", culture).FillAsync(ownerEmail);
        await owner.ScreenshotAsync($"org-register-{language}");
        await owner.Button("Org_Register_Submit", culture).ClickAsync();

        await Expect(owner).ToHaveURLAsync(new Regex("/organizations/[0-9a-f-]{36}/manage$"));
        var organizationId = Guid.Parse(new Uri(owner.Url).Segments[2].TrimEnd('/'));
        await Expect(Heading(owner)).ToHaveTextAsync(name);
        await Expect(owner.GetByRole(AriaRole.Status)).ToHaveTextAsync(T("Org_Registered", culture));
        await Expect(StatusBanner(owner)).ToHaveTextAsync(T("Org_Status_pending", culture));
        await owner.AssertAccessibleAsync($"the organisation's page, pending ({language})");
        var reviewPath = $"/front-office/organizations/{organizationId}";

        // 3. (While it waits, so that the queue means something.) Astana's front office can neither open nor see it.
        var astanaEmail = (await app.NewAccountAsync("Мәди Астанаұлы", language)).Email;
        await app.Db(async db =>
        {
            var id = await db.Accounts.Where(a => a.Email == astanaEmail).Select(a => a.Id).SingleAsync();
            db.FrontOfficeStaff.Add(new FrontOfficeStaff { FrontOfficeKato = Astana, AccountId = id, Role = FrontOfficeStaff.Staff, AssignedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        var astana = await PersonAsync(culture);
        await LogInAsync(astana, culture, astanaEmail);
        await astana.OpenMenuAsync();
        await astana.NavLink("Nav_FrontOffice", culture).ClickAsync();
        await Expect(Heading(astana)).ToHaveTextAsync(T("Office_Title", culture));
        await Expect(astana.GetByRole(AriaRole.Main)).Not.ToContainTextAsync(name);
        await Expect(astana.Locator($"#queue tr[data-organization='{organizationId}']")).ToHaveCountAsync(0);
        var refused = await astana.GotoAsync(reviewPath);
        Assert.Equal(403, refused?.Status);
        await Expect(Heading(astana)).ToHaveTextAsync(T("ErrorPage_403_Title", culture));
        await Expect(astana.GetByRole(AriaRole.Main)).Not.ToContainTextAsync(name);

        // 2. The national admin makes a person Almaty's staff; they find the organisation in the queue and verify it.
        var almatyEmail = (await app.NewAccountAsync("Гүлнар Алматова", language)).Email;
        var admin = await PersonAsync(culture);
        await LogInAsync(admin, culture, await AdminAsync(language));
        await admin.OpenMenuAsync();
        await admin.NavLink("Nav_Admin", culture).ClickAsync();
        await Expect(Heading(admin)).ToHaveTextAsync(T("Staff_Title", culture));
        await admin.Field("Field_Login", culture).FillAsync(almatyEmail);
        await admin.Field("Staff_Office", culture).SelectOptionAsync(AlmatyCity);
        await admin.Field("Staff_Role", culture).SelectOptionAsync(FrontOfficeStaff.Staff);
        await admin.Button("Staff_Assign", culture).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync(T("Staff_Assigned", culture));
        await Expect(admin.Locator($"#office-{AlmatyCity}")).ToContainTextAsync(almatyEmail);
        await admin.AssertAccessibleAsync($"front-office staff, after assigning ({language})");
        await admin.MainLink("Audit_Title", culture).ClickAsync();
        await Expect(Heading(admin)).ToHaveTextAsync(T("Audit_Title", culture));
        await Expect(admin.Locator("#audit")).ToContainTextAsync("staff.assigned");
        await admin.AssertAccessibleAsync($"the audit log ({language})");

        var almaty = await PersonAsync(culture);
        await LogInAsync(almaty, culture, almatyEmail);
        await almaty.OpenMenuAsync();
        await almaty.NavLink("Nav_FrontOffice", culture).ClickAsync();
        await Expect(almaty).ToHaveURLAsync(new Regex("/front-office$"));
        await Expect(Heading(almaty)).ToHaveTextAsync(T("Office_Title", culture));
        var queued = almaty.Locator("#queue").GetByRole(AriaRole.Link, new() { Name = name, Exact = true });
        await Expect(queued).ToBeVisibleAsync();
        await almaty.AssertAccessibleAsync($"front-office dashboard ({language})");
        await almaty.ScreenshotAsync($"front-office-{language}");
        await queued.ClickAsync();
        await Expect(almaty).ToHaveURLAsync(new Regex(Regex.Escape(reviewPath) + "$"));
        await Expect(Heading(almaty)).ToHaveTextAsync(string.Format(culture, T("Moderation_Title", culture), name));
        await Expect(almaty.Locator("#status")).ToHaveTextAsync(T("Moderation_Status_pending", culture));
        await almaty.AssertAccessibleAsync($"review of a pending organisation ({language})");
        await almaty.ScreenshotAsync($"review-{language}");
        await almaty.Button("Moderation_Verify", culture).ClickAsync();
        await Expect(almaty.GetByRole(AriaRole.Status)).ToHaveTextAsync(T("Moderation_Done_verified", culture));
        await Expect(almaty.Locator("#status")).ToHaveTextAsync(T("Moderation_Status_verified", culture));

        // Astana still cannot open it once it is verified.
        Assert.Equal(403, (await astana.GotoAsync(reviewPath))?.Status);

        // The owner sees the decision.
        await owner.ReloadAsync();
        await Expect(StatusBanner(owner)).ToHaveTextAsync(T("Org_Status_verified", culture));

        // 4. Anyone finds it in the fair by a Kazakh word typed in capitals, and opens its page.
        var visitor = await PersonAsync(culture);
        await visitor.GotoAsync("/");
        await visitor.ChooseLanguageAsync(culture);
        await visitor.OpenMenuAsync();
        await visitor.NavLink("Nav_Fair", culture).ClickAsync();
        await Expect(Heading(visitor)).ToHaveTextAsync(T("Fair_Title", culture));
        await visitor.GetByLabel(T("Fair_Search", culture), new() { Exact = true }).FillAsync($"ҚАМҚОРЛЫҚ {tag}");
        await visitor.Button("Fair_Find", culture).ClickAsync();
        await Expect(visitor).ToHaveURLAsync(new Regex("[?&]q="));
        await Expect(visitor.Locator(".fair-total")).ToHaveTextAsync(string.Format(culture, T("Fair_Count_one", culture), 1));
        var found = visitor.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = name, Exact = true });
        await Expect(found).ToHaveCountAsync(1);
        await visitor.AssertAccessibleAsync($"the fair with a result ({language})");
        await visitor.ScreenshotAsync($"fair-{language}");
        await found.ClickAsync();
        await Expect(visitor).ToHaveURLAsync(new Regex($"/organizations/{organizationId}$"));
        await Expect(Heading(visitor)).ToHaveTextAsync(name);
        await Expect(visitor.GetByRole(AriaRole.Main)).ToContainTextAsync(bin);
        await visitor.AssertAccessibleAsync($"the organisation's public page ({language})");

        // 5. The owner invites a coordinator by the e-mail of their account.
        var coordinatorName = "Данияр Серікұлы";
        var coordinatorEmail = (await app.NewAccountAsync(coordinatorName, language)).Email;
        await owner.MainLink("Org_Manage_Invite", culture).ClickAsync();
        await Expect(owner).ToHaveURLAsync(new Regex($"/organizations/{organizationId}/invitations$"));
        await Expect(Heading(owner)).ToHaveTextAsync(T("Invitation_Title", culture));
        await owner.Field("Field_Email", culture).FillAsync(coordinatorEmail);
        await owner.Button("Invitation_Send", culture).ClickAsync();
        await Expect(owner.GetByRole(AriaRole.Status)).ToHaveTextAsync(T("Invitation_Sent", culture));
        await Expect(owner.Locator(".org-invitations")).ToContainTextAsync(coordinatorEmail);
        await owner.AssertAccessibleAsync($"invitations, one open ({language})");

        // The coordinator opens the link in the message, logs in on the way, and accepts.
        var body = await app.Db(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.Recipient == coordinatorEmail && m.Body.Contains("/invitations/accept"))
            .Select(m => m.Body)
            .SingleAsync());
        var link = InvitationLink().Match(body);
        Assert.True(link.Success, $"The invitation has no link to {app.BaseUrl}/invitations/accept. Its body:\n{body}");
        Assert.StartsWith(app.BaseUrl, link.Value, StringComparison.Ordinal);

        var coordinator = await PersonAsync(culture);
        await coordinator.GotoAsync(link.Value);
        await Expect(coordinator).ToHaveURLAsync(new Regex("/account/login"));
        await coordinator.ChooseLanguageAsync(culture);
        await coordinator.Field("Field_Login", culture).FillAsync(coordinatorEmail);
        await coordinator.Field("Field_Password", culture).FillAsync(Pages.Password);
        await coordinator.Button("Login_Submit", culture).ClickAsync();
        await Expect(coordinator).ToHaveURLAsync(new Regex("/invitations/accept\\?"));
        await Expect(Heading(coordinator)).ToHaveTextAsync(T("Invitation_Accept_Title", culture));
        await Expect(coordinator.Locator("main .lead")).ToHaveTextAsync(string.Format(culture, T("Invitation_Accept_Lead", culture), name));
        await coordinator.AssertAccessibleAsync($"accept an invitation ({language})");
        await coordinator.Button("Invitation_Accept_Submit", culture).ClickAsync();

        await Expect(coordinator).ToHaveURLAsync(new Regex($"/organizations/{organizationId}/manage$"));
        await Expect(coordinator.GetByRole(AriaRole.Status)).ToHaveTextAsync(T("Invitation_Accepted", culture));
        await Expect(Heading(coordinator)).ToHaveTextAsync(name);
        await Expect(coordinator.Locator(".org-members")).ToContainTextAsync($"{coordinatorName} — {T("Org_Role_coordinator", culture)}");
        await Expect(coordinator.GetByRole(AriaRole.Main)).ToContainTextAsync(T("Org_Manage_OwnerInvites", culture));
        await coordinator.ScreenshotAsync($"coordinator-manage-{language}");

        // 6. The coordinator sees the legal details as text; the owner renames the verified organisation, which waits
        //    for the Almaty office while everyone still sees the verified name; the office approves it.
        await coordinator.MainLink("Org_Manage_Edit", culture).ClickAsync();
        await Expect(coordinator.Locator("#legal-details-owner-only")).ToHaveTextAsync(T("Org_LegalDetails_OwnerOnly", culture));
        await Expect(coordinator.Locator("#Input_Name")).ToHaveTextAsync(name);
        await coordinator.AssertAccessibleAsync($"a coordinator's edit form ({language})");

        var newName = $"«Қамқорлық {tag}» қоры";
        await owner.GotoAsync($"/organizations/{organizationId}/edit");
        await Expect(owner.Locator("#legal-details-hint")).ToHaveTextAsync(T("Org_Edit_LegalDetailsHint", culture));
        await owner.Field("Org_Field_Name", culture).FillAsync(newName);
        await owner.Button("Org_Edit_Submit", culture).ClickAsync();
        await Expect(owner.GetByRole(AriaRole.Status)).ToHaveTextAsync(T("Org_ChangeRequested", culture));
        await Expect(owner.Locator("#pending-change")).ToContainTextAsync(newName);
        await Expect(Heading(owner)).ToHaveTextAsync(name);
        await owner.AssertAccessibleAsync($"the organisation's page with a change waiting ({language})");
        await visitor.ReloadAsync();
        await Expect(Heading(visitor)).ToHaveTextAsync(name);

        await almaty.GotoAsync("/front-office");
        await almaty.Locator("#changes").GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();
        await Expect(Heading(almaty)).ToHaveTextAsync(string.Format(culture, T("Change_Title", culture), name));
        await Expect(almaty.Locator("#proposed")).ToContainTextAsync(newName);
        await almaty.AssertAccessibleAsync($"review of a change of legal details ({language})");
        await almaty.ScreenshotAsync($"change-{language}");
        await almaty.Button("Change_Approve", culture).ClickAsync();
        await Expect(almaty.GetByRole(AriaRole.Status)).ToHaveTextAsync(T("Change_Done_approved", culture));
        await visitor.ReloadAsync();
        await Expect(Heading(visitor)).ToHaveTextAsync(newName);

        foreach (var page in new[] { owner, astana, admin, almaty, visitor, coordinator })
        {
            await page.Context.CloseAsync();
        }
    }

    private static ILocator Heading(IPage page) => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    private static ILocator StatusBanner(IPage page) => page.Locator(".org-status h2");

    /// <summary>A phone whose browser prefers another language than the one the person will choose.</summary>
    private Task<IPage> PersonAsync(CultureInfo culture) =>
        app.NewPageAsync(Cultures.All.First(c => c.TwoLetterISOLanguageName != culture.TwoLetterISOLanguageName));

    private static async Task LogInAsync(IPage page, CultureInfo culture, string email)
    {
        await page.GotoAsync("/");
        await page.ChooseLanguageAsync(culture);
        await page.OpenMenuAsync();
        await page.NavLink("Nav_Login", culture).ClickAsync();
        await page.Field("Field_Login", culture).FillAsync(email);
        await page.Field("Field_Password", culture).FillAsync(Pages.Password);
        await page.Button("Login_Submit", culture).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("//[^/]+/$"));
    }
    /// <summary>A national admin (the role is given on the server, as the command line does); their e-mail.</summary>
    private async Task<string> AdminAsync(string language)
    {
        var email = (await app.NewAccountAsync("Ерлан Әкімов", language)).Email;
        await app.Db(async db =>
        {
            var id = await db.Accounts.Where(a => a.Email == email).Select(a => a.Id).SingleAsync();
            db.AccountRoles.Add(new AccountRole { AccountId = id, Role = AccountRole.Admin });
            return await db.SaveChangesAsync();
        });
        return email;
    }

    private Task<string> DirectionAsync(string code, string language) =>
        app.Db(async db => (await db.Directions.AsNoTracking().SingleAsync(d => d.Code == code)).Name[language]!);
    [GeneratedRegex(@"https?://[^\s""'<>]+/invitations/accept\?token=[A-Za-z0-9_\-]+")]
    private static partial Regex InvitationLink();
}
