using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using Birge.Tests.Features.Organizations;
using Birge.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Birge.Tests.Infrastructure;

/// <summary>
/// The one way tests make their data. People sign up through the API, so the app's own rules make them, and sign in
/// through the login form (<see cref="PersonBuilder.SignedIn"/>) or the token endpoint (<see cref="PersonBuilder.WithToken"/>)
/// when the test acts as them. Organisations, opportunities with their shift, applications, attendance and hours are
/// stored straight in the database, as the feature that owns them stores them. Names, contacts and numbers are unique
/// to the test that made them, so a test finds exactly its own data.
/// </summary>
/// <example><code>
/// var coordinator = await app.NewPerson().Speaking("ru").SignedIn().OwningAnOrganization();
/// var shift = await app.NewOpportunity(coordinator.OrganizationId).Seats(1).ApprovingEachVolunteer();
/// var volunteer = await app.NewPerson().WithToken();
/// await app.ApplyAsync(shift.ShiftId, volunteer.Id);
/// </code></example>
public static class TestData
{
    public static PersonBuilder NewPerson(this BirgeApp app) => new(app);

    public static OrganizationBuilder NewOrganization(this BirgeApp app) => new(app);

    /// <summary>A published opportunity with one shift, of the organisation given or of a new verified one.</summary>
    public static OpportunityBuilder NewOpportunity(this BirgeApp app, Guid? organizationId = null) => new(app, organizationId);

    /// <summary>Confirmed hours of a volunteer, each on an opportunity and shift of its own unless one is given.</summary>
    public static HoursBuilder NewHours(this BirgeApp app, Guid volunteerId, Guid organizationId) => new(app, volunteerId, organizationId);

    /// <summary>Volunteers stored directly, for tests that need many: no password, they act through the use case.</summary>
    public static async Task<List<Account>> NewVolunteersAsync(this BirgeApp app, int count, string language = "kk")
    {
        var people = Enumerable.Range(0, count).Select(_ =>
        {
            var email = People.NewEmail();
            return new Account
            {
                Email = email,
                NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true,
                FullName = "Ерікті " + Orgs.UniqueWord(),
                BirthDate = new DateOnly(1998, 4, 1),
                BirthYear = 1998,
                RegionKato = People.AlmatyCity,
                Language = language,
                CreatedAt = DateTime.UtcNow,
            };
        }).ToList();
        await app.Db(async db =>
        {
            db.Accounts.AddRange(people);
            return await db.SaveChangesAsync();
        });
        return people;
    }

    /// <summary>Applications as the applications feature stores them; an accepted one holds a seat.</summary>
    public static async Task ApplyAsync(this BirgeApp app, Guid shiftId, Guid volunteerId, ApplicationStatus status = ApplicationStatus.Accepted) =>
        await app.Db(async db =>
        {
            db.Applications.Add(new Application { ShiftId = shiftId, VolunteerId = volunteerId, Status = status, AppliedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow });
            if (status == ApplicationStatus.Accepted)
            {
                var shift = await db.Shifts.SingleAsync(s => s.Id == shiftId);
                shift.Taken++;
            }

            return await db.SaveChangesAsync();
        });

    /// <summary>Accepted volunteers, each holding a seat.</summary>
    public static async Task AcceptAsync(this BirgeApp app, Guid shiftId, params Guid[] volunteerIds)
    {
        foreach (var volunteerId in volunteerIds)
        {
            await app.ApplyAsync(shiftId, volunteerId);
        }
    }

    /// <summary>Attendance as a scan (or the coordinator) would have recorded it.</summary>
    public static async Task AttendAsync(this BirgeApp app, Guid shiftId, Guid volunteerId, DateTime checkedInAt, DateTime? checkedOutAt) =>
        await app.Db(async db =>
        {
            db.Attendances.Add(new Attendance { ShiftId = shiftId, VolunteerId = volunteerId, CheckedInAt = checkedInAt, CheckedOutAt = checkedOutAt });
            return await db.SaveChangesAsync();
        });

    /// <summary>Makes an existing account a coordinator, as an accepted invitation would.</summary>
    public static async Task AddCoordinatorAsync(this BirgeApp app, Guid organizationId, Guid accountId) =>
        await app.Db(async db =>
        {
            db.OrganizationMembers.Add(new OrganizationMember { OrganizationId = organizationId, AccountId = accountId, Role = OrganizationMember.Coordinator, JoinedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
}

/// <summary>A person made for a test. The clients and the token exist when the builder was asked for them.</summary>
public sealed class TestPerson(Guid id, string email, HttpClient? pages, string? token, HttpClient api, Guid? organizationId)
{
    public Guid Id { get; } = id;

    public string Email { get; } = email;

    /// <summary>A browser signed in through the login form (cookies kept, redirects not followed).</summary>
    public HttpClient Pages => pages ?? throw new InvalidOperationException("Ask for NewPerson().SignedIn() to get a signed-in browser.");

    public string Token => token ?? throw new InvalidOperationException("Ask for NewPerson().WithToken() to get a bearer token.");

    /// <summary>An API client in the person's language, with their bearer token when there is one.</summary>
    public HttpClient Api { get; } = api;

    /// <summary>The organisation the person owns (<see cref="PersonBuilder.OwningAnOrganization"/>).</summary>
    public Guid OrganizationId => organizationId ?? throw new InvalidOperationException("Ask for NewPerson().OwningAnOrganization().");
}

public sealed class PersonBuilder(BirgeApp app)
{
    private string? language;
    private DateOnly? born;
    private string? fullName;
    private bool admin;
    private (string Kato, string Role)? staff;
    private bool signedIn;
    private bool token;
    private bool? organizationVerified;
    private (Guid ShiftId, ApplicationStatus Status)? application;
    private readonly Dictionary<string, object?> fields = [];

    /// <summary>The Accept-Language of the person's clients, and so the account's language (kk, ru or en).</summary>
    public PersonBuilder Speaking(string? acceptLanguage)
    {
        language = acceptLanguage;
        return this;
    }

    public PersonBuilder Born(DateOnly birthDate)
    {
        born = birthDate;
        return this;
    }

    public PersonBuilder Named(string name)
    {
        fullName = name;
        return this;
    }

    /// <summary>Another field of the sign-up (<c>POST /api/v1/accounts</c>): an IIN, a phone, a parent's consent.</summary>
    public PersonBuilder With(string field, object? value)
    {
        fields[field] = value;
        return this;
    }

    /// <summary>A national admin, the role stored before signing in, so the cookie and the token carry it.</summary>
    public PersonBuilder Admin()
    {
        admin = true;
        return this;
    }

    /// <summary>Works for the office <paramref name="kato"/> (a region's KATO code or "national").</summary>
    public PersonBuilder Staff(string kato, string role = FrontOfficeStaff.Staff)
    {
        staff = (kato, role);
        return this;
    }

    public PersonBuilder SignedIn()
    {
        signedIn = true;
        return this;
    }

    public PersonBuilder WithToken()
    {
        token = true;
        return this;
    }

    /// <summary>Owns a new organisation in Almaty, as registering one makes them; verified by its front office unless said.</summary>
    public PersonBuilder OwningAnOrganization(bool verified = true)
    {
        organizationVerified = verified;
        return this;
    }

    /// <summary>Has applied to the shift, with this status (an accepted volunteer holds a seat).</summary>
    public PersonBuilder OnShift(Guid shiftId, ApplicationStatus status = ApplicationStatus.Accepted)
    {
        application = (shiftId, status);
        return this;
    }

    public TaskAwaiter<TestPerson> GetAwaiter() => CreateAsync().GetAwaiter();

    public async Task<TestPerson> CreateAsync()
    {
        var body = Api.AdultAccount();
        if (born is { } birthDate)
        {
            body["birthDate"] = birthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        if (fullName is not null)
        {
            body["fullName"] = fullName;
        }

        foreach (var (field, value) in fields)
        {
            body[field] = value;
        }

        using var anonymous = app.Client(language);
        using var created = await anonymous.PostAsJsonAsync("/api/v1/accounts", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.JsonAsync()).GetProperty("id").GetGuid();
        var email = (string)body["email"]!;

        if (admin || staff is not null)
        {
            await app.Db(async db =>
            {
                if (admin)
                {
                    db.AccountRoles.Add(new AccountRole { AccountId = id, Role = AccountRole.Admin });
                }

                if (staff is var (kato, role))
                {
                    db.FrontOfficeStaff.Add(new FrontOfficeStaff { FrontOfficeKato = kato, AccountId = id, Role = role, AssignedAt = DateTime.UtcNow });
                }

                return await db.SaveChangesAsync();
            });
        }

        Guid? organizationId = organizationVerified is { } verified
            ? (await app.NewOrganization().OwnedBy(id).WithStatus(verified ? OrganizationStatus.Verified : OrganizationStatus.Pending)).Id
            : null;

        if (application is var (shiftId, status))
        {
            await app.ApplyAsync(shiftId, id, status);
        }

        HttpClient? pages = null;
        if (signedIn)
        {
            pages = app.Browser(language);
            using var login = await Logins.PostAsync(pages, email, People.Password);
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        }

        var bearer = token ? await Api.TokenAsync(app, email) : null;
        return new TestPerson(id, email, pages, bearer, app.Client(language, bearer), organizationId);
    }
}

/// <summary>An organisation stored for a test, and its name.</summary>
public sealed record TestOrganization(Guid Id, string Name);

public sealed class OrganizationBuilder(BirgeApp app)
{
    private readonly List<OrganizationMember> members = [];
    private string name = "Қамқор " + Orgs.UniqueWord();
    private string region = People.AlmatyCity;
    private string direction = "social";
    private LocalizedText description = new("Қарттарға көмек", "Помощь пожилым", null);
    private OrganizationStatus status = OrganizationStatus.Verified;

    public OrganizationBuilder Named(string organizationName)
    {
        name = organizationName;
        return this;
    }

    public OrganizationBuilder InRegion(string kato)
    {
        region = kato;
        return this;
    }

    public OrganizationBuilder Direction(string code)
    {
        direction = code;
        return this;
    }

    public OrganizationBuilder Described(LocalizedText text)
    {
        description = text;
        return this;
    }

    public OrganizationBuilder OwnedBy(Guid accountId) => Member(accountId, OrganizationMember.Owner);

    public OrganizationBuilder CoordinatedBy(Guid accountId) => Member(accountId, OrganizationMember.Coordinator);

    /// <summary>Verified (the default), pending its front office's check, or suspended after verification.</summary>
    public OrganizationBuilder WithStatus(OrganizationStatus organizationStatus)
    {
        status = organizationStatus;
        return this;
    }

    public OrganizationBuilder Pending() => WithStatus(OrganizationStatus.Pending);

    public TaskAwaiter<TestOrganization> GetAwaiter() => CreateAsync().GetAwaiter();

    public async Task<TestOrganization> CreateAsync()
    {
        var organization = new Organization
        {
            Bin = Bins.New(),
            Name = name,
            LegalForm = "public_association",
            RegionKato = region,
            Address = "Абай даңғылы, 10",
            Directions = [direction],
            Description = description,
            Email = People.NewEmail(),
            Phone = "+77011234567",
            CreatedAt = DateTime.UtcNow,
            Members = members,
        };
        organization.RefreshSearchText();
        if (status != OrganizationStatus.Pending)
        {
            Assert.Null(organization.Decide(OrganizationDecision.Verify, null, Guid.NewGuid(), DateTime.UtcNow));
        }

        if (status == OrganizationStatus.Suspended)
        {
            Assert.Null(organization.Decide(OrganizationDecision.Suspend, "Тексеру", Guid.NewGuid(), DateTime.UtcNow));
        }

        await app.Db(async db =>
        {
            db.Organizations.Add(organization);
            return await db.SaveChangesAsync();
        });
        return new TestOrganization(organization.Id, organization.Name);
    }

    private OrganizationBuilder Member(Guid accountId, string role)
    {
        members.Add(new OrganizationMember { AccountId = accountId, Role = role, JoinedAt = DateTime.UtcNow });
        return this;
    }
}

/// <summary>An organisation's opportunity with its one shift, as stored.</summary>
public sealed record TestOpportunity(Guid OrganizationId, Guid OpportunityId, Shift Shift, string Title)
{
    public Guid ShiftId => Shift.Id;
}

public sealed class OpportunityBuilder(BirgeApp app, Guid? organizationId)
{
    private LocalizedText? title;
    private LocalizedText description = new("Сипаттама", null, null);
    private string region = People.AlmatyCity;
    private List<string> directions = ["social"];
    private string? address = "Абай даңғылы, 10, Алматы";
    private (double Lat, double Lon)? point;
    private bool online;
    private DateTime? startsAt;
    private DateTime? endsAt;
    private int capacity = 10;
    private int taken;
    private LocalizedText role = new("Көмекші", "Помощник", null);
    private int minAge;
    private bool autoAccept = true;
    private bool publish = true;
    private string organizationName = "Жасыл Әлем";

    /// <summary>The title in Kazakh only, as a coordinator may write it; by default a unique one in three languages.</summary>
    public OpportunityBuilder Titled(string kazakh) => Titled(new LocalizedText(kazakh, null, null));

    public OpportunityBuilder Titled(LocalizedText text)
    {
        title = text;
        return this;
    }

    public OpportunityBuilder Described(LocalizedText text)
    {
        description = text;
        return this;
    }

    public OpportunityBuilder InRegion(string kato)
    {
        region = kato;
        return this;
    }

    public OpportunityBuilder Directions(params string[] codes)
    {
        directions = [.. codes];
        return this;
    }

    public OpportunityBuilder At(string? place)
    {
        address = place;
        return this;
    }

    public OpportunityBuilder Near(double lat, double lon)
    {
        point = (lat, lon);
        return this;
    }

    public OpportunityBuilder Online()
    {
        online = true;
        return this;
    }

    /// <summary>The shift's start (three days ahead by default); it lasts three hours unless <see cref="Until"/> says.</summary>
    public OpportunityBuilder Starting(DateTime utc)
    {
        startsAt = utc;
        return this;
    }

    public OpportunityBuilder Until(DateTime utc)
    {
        endsAt = utc;
        return this;
    }

    public OpportunityBuilder Seats(int seats, int takenAlready = 0)
    {
        capacity = seats;
        taken = takenAlready;
        return this;
    }

    public OpportunityBuilder ForRole(LocalizedText shiftRole)
    {
        role = shiftRole;
        return this;
    }

    public OpportunityBuilder ForAges(int minimum)
    {
        minAge = minimum;
        return this;
    }

    public OpportunityBuilder ApprovingEachVolunteer()
    {
        autoAccept = false;
        return this;
    }

    public OpportunityBuilder Draft()
    {
        publish = false;
        return this;
    }

    /// <summary>The organisation's name as search reads it with the opportunity.</summary>
    public OpportunityBuilder SearchedAs(string name)
    {
        organizationName = name;
        return this;
    }

    public TaskAwaiter<TestOpportunity> GetAwaiter() => CreateAsync().GetAwaiter();

    public async Task<TestOpportunity> CreateAsync()
    {
        var organization = organizationId ?? (await app.NewOrganization().Named("Жасыл Әлем " + Orgs.UniqueWord())).Id;
        var start = startsAt ?? DateTime.UtcNow.AddDays(3);
        var shift = new Shift { StartsAt = start, EndsAt = endsAt ?? start.AddHours(3), Capacity = capacity, Taken = taken, Role = role };
        var text = title ?? new LocalizedText("Саябақты тазалау " + Orgs.UniqueWord(), "Уборка парка", "Park clean-up");
        var opportunity = new Opportunity
        {
            OrganizationId = organization,
            Kind = OpportunityKind.Event,
            Title = text,
            Description = description,
            RegionKato = region,
            Directions = directions,
            Address = address,
            Latitude = point?.Lat,
            Longitude = point?.Lon,
            Online = online,
            MinAge = minAge,
            AutoAccept = autoAccept,
            CreatedAt = DateTime.UtcNow,
            CreatedBy = Guid.NewGuid(),
            UpdatedAt = DateTime.UtcNow,
            Shifts = [shift],
        };
        opportunity.RefreshSchedule();
        opportunity.RefreshSearchText(organizationName);
        if (publish)
        {
            Assert.Null(opportunity.Publish(organizationVerified: true, DateTime.UtcNow));
        }

        await app.Db(async db =>
        {
            db.Opportunities.Add(opportunity);
            return await db.SaveChangesAsync();
        });
        return new TestOpportunity(organization, opportunity.Id, shift, text.Kk ?? text.Resolve(CultureInfo.InvariantCulture));
    }
}

/// <summary>
/// A confirmed (or revoked) hours entry as the hours feature stores it when a coordinator confirms attendance: on an
/// opportunity and shift of its own at 4:00 UTC of the day, or on a shift given.
/// </summary>
public sealed class HoursBuilder(BirgeApp app, Guid volunteerId, Guid organizationId)
{
    private DateOnly date = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-7);
    private int minutes = 60;
    private string direction = "ecology";
    private HoursStatus status = HoursStatus.Confirmed;
    private LocalizedText? title;
    private Shift? shift;
    private DateTime? startsAt;

    public HoursBuilder On(DateOnly day, int length)
    {
        date = day;
        minutes = length;
        return this;
    }

    public HoursBuilder Direction(string code)
    {
        direction = code;
        return this;
    }

    public HoursBuilder Revoked()
    {
        status = HoursStatus.Revoked;
        return this;
    }

    public HoursBuilder Titled(LocalizedText text)
    {
        title = text;
        return this;
    }

    /// <summary>On an existing shift, from <paramref name="from"/>, for the overlap and daily-limit rules to meet.</summary>
    public HoursBuilder OnShift(Shift existing, DateTime from)
    {
        shift = existing;
        startsAt = from;
        return this;
    }

    public TaskAwaiter<HoursEntry> GetAwaiter() => CreateAsync().GetAwaiter();

    public async Task<HoursEntry> CreateAsync()
    {
        var start = startsAt ?? date.ToDateTime(new TimeOnly(4, 0), DateTimeKind.Utc);
        Opportunity? opportunity = null;
        var on = shift;
        if (on is null)
        {
            on = new Shift { StartsAt = start, EndsAt = start.AddMinutes(minutes), Capacity = 10, Taken = 1 };
            opportunity = new Opportunity
            {
                OrganizationId = organizationId,
                Title = title ?? new LocalizedText("Саябақты тазалау", "Уборка парка", "Park clean-up"),
                Description = new LocalizedText("Сипаттама", null, null),
                RegionKato = People.AlmatyCity,
                Directions = [direction],
                CreatedAt = start.AddDays(-10),
                CreatedBy = Guid.NewGuid(),
                Shifts = [on],
            };
            opportunity.RefreshSchedule();
        }

        var entry = new HoursEntry
        {
            ShiftId = on.Id,
            OpportunityId = opportunity?.Id ?? on.OpportunityId,
            OrganizationId = organizationId,
            VolunteerId = volunteerId,
            DirectionCode = direction,
            Date = date,
            StartsAt = start,
            EndsAt = start.AddMinutes(minutes),
            Minutes = minutes,
            Status = status,
            ConfirmedBy = Guid.NewGuid(),
            ConfirmedAt = shift is null ? start.AddDays(1) : DateTime.UtcNow,
            RevokedAt = status == HoursStatus.Revoked ? start.AddDays(2) : null,
        };
        await app.Db(async db =>
        {
            if (opportunity is not null)
            {
                db.Opportunities.Add(opportunity);
            }

            db.HoursEntries.Add(entry);
            return await db.SaveChangesAsync();
        });
        return entry;
    }
}
