using Birge.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Data;

/// <summary>
/// A living platform for a newcomer in Development: volunteers in several regions, a silver volunteer, a child
/// waiting for a parent's consent and a national admin. Every demo account's password is <see cref="Password"/>.
/// </summary>
public static class DemoData
{
    public const string Password = "Birge-2026";
    public const string AdminEmail = "admin@example.com";

    public static async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<BirgeDb>();
        if (!await db.Accounts.AnyAsync(a => a.NormalizedEmail == "ADMIN@EXAMPLE.COM", cancellationToken))
        {
            await SeedPeopleAsync(db, services, cancellationToken);
        }

        if (!await db.Organizations.AnyAsync(cancellationToken))
        {
            await SeedOrganizationsAsync(db, services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, cancellationToken);
        }

        if (!await db.Opportunities.AnyAsync(cancellationToken))
        {
            await SeedOpportunitiesAsync(db, services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, cancellationToken);
        }

        if (!await db.HelpRequests.AnyAsync(cancellationToken))
        {
            await SeedHelpRequestsAsync(db, services, cancellationToken);
        }

        if (!await db.Teams.AnyAsync(cancellationToken))
        {
            await SeedReadinessAsync(db, services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, cancellationToken);
        }

        if (!await db.Pictures.AnyAsync(cancellationToken))
        {
            await Features.Pictures.DemoLogos.SeedAsync(db, services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, cancellationToken);
        }
    }

    /// <summary>
    /// Almaty's readiness register: a rescue team that drilled two months ago and a standby eco team with no drill for
    /// eight months (flagged), a few demo volunteers in each, one committed elsewhere and one unavailable, and Aigerim's
    /// first-aid certificate running out in 20 days, so the register and the readiness page are not empty.
    /// </summary>
    private static async Task SeedReadinessAsync(BirgeDb db, DateTime now, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(Localization.KazakhstanTime.FromUtc(now));
        var emails = new[] { "AIGERIM@EXAMPLE.COM", "ARMAN@EXAMPLE.COM", "EMILY@EXAMPLE.COM", "RAISA@EXAMPLE.COM", "ALMATY.OFFICE@EXAMPLE.COM" };
        var people = await db.Accounts.Where(a => emails.Contains(a.NormalizedEmail!) || a.Phone == "+77011234567").ToListAsync(cancellationToken);
        Guid? Id(string emailOrPhone) => people.FirstOrDefault(a => a.NormalizedEmail == emailOrPhone || a.Phone == emailOrPhone)?.Id;
        if (Id("ALMATY.OFFICE@EXAMPLE.COM") is not { } office || Id("AIGERIM@EXAMPLE.COM") is not { } aigerim)
        {
            return;
        }

        Team NewTeam(string name, string kind, string equipment, DateOnly drill, bool standby)
        {
            var team = new Team { RegionKato = "750000000", Name = name, Kind = kind, Equipment = equipment, LastDrillOn = drill, Standby = standby, CreatedAt = now, CreatedBy = office, UpdatedAt = now };
            db.Teams.Add(team);
            return team;
        }

        void Member(Team team, Guid? account, string role, MemberState state = MemberState.Available)
        {
            if (account is { } id)
            {
                db.TeamMembers.Add(new TeamMember { TeamId = team.Id, AccountId = id, Role = role, State = state, JoinedAt = now, UpdatedAt = now });
            }
        }

        void Certificate(Guid? account, string code, DateOnly expires)
        {
            if (account is { } id)
            {
                db.VolunteerCertificates.Add(new VolunteerCertificate { AccountId = id, Code = code, ExpiresOn = expires, CreatedAt = now, UpdatedAt = now });
            }
        }

        var rescue = NewTeam("Алматы құтқарушылары", "rescue", "2 қайық, мотопомпа, 10 құтқару кеудешесі", today.AddMonths(-2), standby: false);
        var eco = NewTeam("Жасыл Алматы", "eco", "Қолғаптар, қапшықтар, 3 арба", today.AddMonths(-8), standby: true);
        Member(rescue, aigerim, "leader");
        Member(rescue, Id("+77011234567"), "member");
        Member(rescue, Id("ARMAN@EXAMPLE.COM"), "deputy", MemberState.Committed);
        Member(eco, aigerim, "member");
        Member(eco, Id("EMILY@EXAMPLE.COM"), "member");
        Member(eco, Id("RAISA@EXAMPLE.COM"), "Кеңесші", MemberState.Unavailable);
        Certificate(aigerim, "first_aid", today.AddDays(20));
        Certificate(aigerim, "rescuer", today.AddYears(1));
        Certificate(Id("+77011234567"), "driver", today.AddYears(2));
        Certificate(Id("ARMAN@EXAMPLE.COM"), "psychological_first_aid", today.AddMonths(10));
        Certificate(Id("EMILY@EXAMPLE.COM"), "eco_volunteer", today.AddYears(1));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The Almaty call centre's day: a critical request nearly due, a new one, one Aigerim holds, one she did that waits
    /// for the operator's call-back, and the same caller's request of three weeks ago, closed with her hours confirmed,
    /// so the operator sees a repeat caller at once when typing +7 701 700 00 01.
    /// </summary>
    private static async Task SeedHelpRequestsAsync(BirgeDb db, IServiceProvider services, CancellationToken cancellationToken)
    {
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var sla = services.GetRequiredService<SlaTargets>();
        var aigerim = await db.Accounts.FirstOrDefaultAsync(a => a.NormalizedEmail == "AIGERIM@EXAMPLE.COM", cancellationToken);
        var operatorId = await db.Accounts.Where(a => a.NormalizedEmail == "OPERATOR@EXAMPLE.COM").Select(a => (Guid?)a.Id).FirstOrDefaultAsync(cancellationToken);
        if (aigerim is null || operatorId is null)
        {
            return;
        }

        HelpRequest Asked(string category, HelpUrgency urgency, string language, string name, string phone, string address, double lat, double lon, string description, TimeSpan ago, params string[] vulnerabilities)
        {
            var at = now - ago;
            var request = new HelpRequest
            {
                TrackingCode = Features.HelpRequests.TrackingCode.New(),
                Category = category,
                Description = description,
                RegionKato = "750000000",
                Locality = language == "kk" ? "Алмалы ауданы" : "Бостандыкский район",
                Address = address,
                Latitude = lat,
                Longitude = lon,
                RequesterName = name,
                Phone = phone,
                Language = language,
                Vulnerabilities = [.. vulnerabilities],
                Urgency = urgency,
                ConsentVersion = PersonalDataConsent.CurrentVersion,
                Source = HelpRequestSource.Phone,
                OperatorId = operatorId,
                CreatedAt = at,
                UpdatedAt = at,
            };
            request.Queue(at, sla);
            db.HelpRequests.Add(request);
            db.HelpRequestEvents.Add(new HelpRequestEvent { HelpRequestId = request.Id, At = at, Kind = HelpRequestEvent.Asked, ActorId = operatorId });
            db.HelpRequestEvents.Add(new HelpRequestEvent { HelpRequestId = request.Id, At = at, Kind = HelpRequestEvent.Queued, ActorId = operatorId });
            return request;
        }

        void Claim(HelpRequest request, TimeSpan after)
        {
            var at = request.CreatedAt + after;
            request.Claimed(aigerim.Id, at, sla.For(request.Urgency).Hold);
            db.HelpRequestEvents.Add(new HelpRequestEvent { HelpRequestId = request.Id, At = at, Kind = HelpRequestEvent.Claimed, ActorId = aigerim.Id });
        }

        void Done(HelpRequest request, TimeSpan after, string note, int minutes)
        {
            var at = request.CreatedAt + after;
            request.Complete(aigerim.Id, note, minutes, at);
            db.HelpRequestEvents.Add(new HelpRequestEvent { HelpRequestId = request.Id, At = at, Kind = HelpRequestEvent.Done, ActorId = aigerim.Id, Note = note });
        }

        const string Saule = "+77017000001";
        Asked("groceries", HelpUrgency.Critical, "kk", "Сәуле Жақсыбекова", Saule, "Алматы, Төле би көшесі, 45, 12-пәтер", 43.2545, 76.9320,
            "Қантым түсіп кетті, дәріхана мен дүкенге бара алмаймын: инсулин мен нан керек.", TimeSpan.FromMinutes(50), "elderly", "alone");
        Asked("digital", HelpUrgency.Normal, "ru", "Виктор Андреевич", "+77017000002", "Алматы, ул. Гагарина, 120, кв. 8", 43.2240, 76.9060,
            "Помогите записаться к врачу через eGov: не получается войти.", TimeSpan.FromHours(3), "elderly");
        var ride = Asked("transport", HelpUrgency.High, "ru", "Нина Ивановна", "+77017000003", "Алматы, ул. Жандосова, 60, кв. 15", 43.2330, 76.8900,
            "Нужно отвезти в поликлинику №5 на перевязку и обратно.", TimeSpan.FromHours(2), "disability");
        Claim(ride, TimeSpan.FromMinutes(40));
        var company = Asked("company", HelpUrgency.Low, "kk", "Мәдина Әбілқызы", "+77017000004", "Алматы, Абай даңғылы, 10, 3-пәтер", 43.2410, 76.9480,
            "Анам жалғыз тұрады, онымен сөйлесіп, серуендеп қайтатын адам керек.", TimeSpan.FromDays(2), "elderly", "alone");
        Claim(company, TimeSpan.FromHours(5));
        Done(company, TimeSpan.FromHours(30), "Апамен саябақта серуендедік, шай іштік.", 120);

        var earlier = Asked("groceries", HelpUrgency.Normal, "kk", "Сәуле Жақсыбекова", Saule, "Алматы, Төле би көшесі, 45, 12-пәтер", 43.2545, 76.9320,
            "Азық-түлік пен дәрі-дәрмек әкеліп беріңізші.", TimeSpan.FromDays(21), "elderly", "alone");
        Claim(earlier, TimeSpan.FromHours(2));
        Done(earlier, TimeSpan.FromHours(6), "Нан, сүт, дәрі апардым.", 60);
        var calledBack = earlier.CreatedAt + TimeSpan.FromHours(20);
        earlier.CallBack(CallbackOutcome.Confirmed, operatorId.Value, calledBack, TimeSpan.Zero);
        db.HelpRequestEvents.Add(new HelpRequestEvent { HelpRequestId = earlier.Id, At = calledBack, Kind = HelpRequestEvent.Closed, ActorId = operatorId });
        await services.GetRequiredService<Features.HelpRequests.HelpRequestHours>().CreditAsync(earlier, operatorId, null, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static async Task SeedPeopleAsync(BirgeDb db, IServiceProvider services, CancellationToken cancellationToken)
    {
        var hasher = services.GetRequiredService<IPasswordHasher<Account>>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var people = new (string? Email, string? Phone, string Name, DateOnly Born, string Region, string Language, AccountStatus Status)[]
        {
            (AdminEmail, null, "Әсел Нұрланқызы", new DateOnly(1988, 3, 14), "710000000", "kk", AccountStatus.Active),
            ("aigerim@example.com", null, "Айгерім Серікқызы", new DateOnly(2003, 9, 1), "750000000", "kk", AccountStatus.Active),
            (null, "+77011234567", "Данияр Ержанұлы", new DateOnly(1999, 5, 20), "790000000", "kk", AccountStatus.Active),
            ("raisa@example.com", null, "Раиса Петровна Ким", new DateOnly(1958, 11, 2), "350000000", "ru", AccountStatus.Active),
            ("arman@example.com", "+77051112233", "Арман Болатов", new DateOnly(1995, 1, 30), "610000000", "ru", AccountStatus.Active),
            ("emily@example.com", null, "Emily Carter", new DateOnly(1992, 7, 7), "710000000", "en", AccountStatus.Active),
            ("alikhan@example.com", null, "Әлихан Маратұлы", new DateOnly(2014, 4, 10), "190000000", "kk", AccountStatus.AwaitingParentConsent),
            ("almaty.office@example.com", null, "Гүлнар Омарова", new DateOnly(1984, 2, 3), "750000000", "kk", AccountStatus.Active),
            ("astana.office@example.com", null, "Ерлан Сапаров", new DateOnly(1990, 10, 12), "710000000", "ru", AccountStatus.Active),
            ("national.office@example.com", null, "Мадина Жұмабаева", new DateOnly(1986, 6, 21), "710000000", "kk", AccountStatus.Active),
            ("operator@example.com", "+77017654321", "Светлана Ли", new DateOnly(1993, 12, 5), "750000000", "ru", AccountStatus.Active),
        };
        foreach (var p in people)
        {
            var account = new Account
            {
                Email = p.Email,
                NormalizedEmail = p.Email?.ToUpperInvariant(),
                EmailConfirmed = p.Email is not null,
                Phone = p.Phone,
                PhoneConfirmed = p.Phone is not null,
                FullName = p.Name,
                BirthDate = p.Born,
                BirthYear = p.Born.Year,
                RegionKato = p.Region,
                Language = p.Language,
                Status = p.Status,
                CreatedAt = now,
            };
            account.PasswordHash = hasher.HashPassword(account, Password);
            if (p.Email == AdminEmail)
            {
                account.AddRole(AccountRole.Admin);
            }

            db.Accounts.Add(account);
            var office = p.Email switch
            {
                "almaty.office@example.com" => ("750000000", FrontOfficeStaff.Staff),
                "astana.office@example.com" => ("710000000", FrontOfficeStaff.Staff),
                "national.office@example.com" => (FrontOffice.NationalKato, FrontOfficeStaff.Staff),
                "operator@example.com" => ("750000000", FrontOfficeStaff.Operator),
                _ => default((string, string)?),
            };
            if (office is { } o)
            {
                db.FrontOfficeStaff.Add(new FrontOfficeStaff { FrontOfficeKato = o.Item1, AccountId = account.Id, Role = o.Item2, AssignedAt = now });
            }

            db.ConsentRecords.Add(ConsentRecord.ForPersonalData(account.Id, now, "self"));
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Organisations in every state, owned by demo volunteers: the fair and the moderation queue are not empty.</summary>
    private static async Task SeedOrganizationsAsync(BirgeDb db, DateTime now, CancellationToken cancellationToken)
    {
        var owners = await db.Accounts
            .Where(a => a.NormalizedEmail == "AIGERIM@EXAMPLE.COM" || a.NormalizedEmail == "ARMAN@EXAMPLE.COM" || a.NormalizedEmail == "EMILY@EXAMPLE.COM" || a.NormalizedEmail == "RAISA@EXAMPLE.COM")
            .ToDictionaryAsync(a => a.Email!, cancellationToken);
        var admin = await db.Accounts.Where(a => a.NormalizedEmail == "ADMIN@EXAMPLE.COM").Select(a => a.Id).FirstAsync(cancellationToken);
        var organizations = new (string Bin, string Name, string Region, string[] Directions, LocalizedText Description, string Owner, OrganizationDecision? Decision, string? Reason)[]
        {
            (KzChecksum.Complete("15034000777")!, "Жасыл Әлем", "750000000", ["ecology", "education"],
                new("Алматыдағы экологиялық еріктілер: ағаш отырғызу, саябақтарды тазалау, қалдықтарды сұрыптау.", "Экологические волонтёры Алматы: посадка деревьев, уборка парков, сортировка отходов.", "Almaty's eco-volunteers: planting trees, cleaning parks, sorting waste."),
                "aigerim@example.com", OrganizationDecision.Verify, null),
            (KzChecksum.Complete("18045100999")!, "Мейірім", "610000000", ["social", "health"],
                new("Қарттар мен мүмкіндігі шектеулі жандарға көмек.", "Помощь пожилым людям и людям с инвалидностью.", null),
                "arman@example.com", OrganizationDecision.Verify, null),
            (KzChecksum.Complete("99014000888")!, "Steppe Code Club", "710000000", ["digital", "education", "mentorship"],
                new(null, "Цифровая грамотность для школьников и пожилых людей.", "Digital skills for schoolchildren and older people."),
                "emily@example.com", null, null),
            (KzChecksum.Complete("94014000555")!, "Қамқор", "350000000", ["social", "animals"],
                new("Панапанадағы жануарларға көмек.", "Помощь животным в приютах.", null),
                "raisa@example.com", OrganizationDecision.Reject, "БСН тіркеу куәлігіндегі атаумен сәйкес келмейді. / БИН не совпадает с названием в справке о регистрации."),
        };
        foreach (var o in organizations)
        {
            if (!owners.TryGetValue(o.Owner, out var owner))
            {
                continue;
            }

            var organization = new Organization
            {
                Bin = o.Bin,
                Name = o.Name,
                LegalForm = "public_association",
                RegionKato = o.Region,
                Directions = [.. o.Directions],
                Description = o.Description,
                Email = o.Owner,
                CreatedAt = now,
                Members = [new OrganizationMember { AccountId = owner.Id, Role = OrganizationMember.Owner, JoinedAt = now }],
            };
            organization.RefreshSearchText();
            if (o.Decision is { } decision)
            {
                organization.Decide(decision, o.Reason, admin, now);
            }

            db.Organizations.Add(organization);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Published opportunities in several regions, with places on the map and texts in three languages; one shift
    /// starts within the hour and others tomorrow, so a newcomer can apply, check in and get hours today.
    /// </summary>
    private static async Task SeedOpportunitiesAsync(BirgeDb db, DateTime now, CancellationToken cancellationToken)
    {
        var shuaqBin = KzChecksum.Complete("20064000123")!;
        if (!await db.Organizations.AnyAsync(o => o.Bin == shuaqBin, cancellationToken)
            && await db.Accounts.FirstOrDefaultAsync(a => a.Phone == "+77011234567", cancellationToken) is { } daniyar)
        {
            var admin = await db.Accounts.Where(a => a.NormalizedEmail == "ADMIN@EXAMPLE.COM").Select(a => a.Id).FirstAsync(cancellationToken);
            var shuaq = new Organization
            {
                Bin = shuaqBin,
                Name = "Шуақ",
                LegalForm = "public_association",
                RegionKato = "790000000",
                Directions = ["social", "ecology", "emergency"],
                Description = new("Шымкенттің жастары: қарттарға көмек, сенбіліктер, төтенше жағдайларға дайындық.", "Молодёжь Шымкента: помощь пожилым, субботники, готовность к ЧС.", "Shymkent's young volunteers: help for the elderly, clean-ups, emergency readiness."),
                Phone = daniyar.Phone,
                CreatedAt = now,
                Members = [new OrganizationMember { AccountId = daniyar.Id, Role = OrganizationMember.Owner, JoinedAt = now }],
            };
            shuaq.RefreshSearchText();
            shuaq.Decide(OrganizationDecision.Verify, null, admin, now);
            db.Organizations.Add(shuaq);
            await db.SaveChangesAsync(cancellationToken);
        }

        var organizations = await db.Organizations.Include(o => o.Members).Where(o => o.Status == OrganizationStatus.Verified).ToDictionaryAsync(o => o.Name, cancellationToken);
        var today = Localization.KazakhstanTime.FromUtc(now).Date;
        DateTime At(int days, int hour) => Localization.KazakhstanTime.ToUtc(today.AddDays(days).AddHours(hour));
        var soon = new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc).AddHours(1);
        var opportunities = new (string Organization, string Region, string[] Directions, LocalizedText Title, LocalizedText Description, string Address, double? Lat, double? Lon, int MinAge, (DateTime Start, DateTime End, int Seats, LocalizedText? Role)[] Shifts)[]
        {
            ("Жасыл Әлем", "750000000", ["ecology"],
                new("Горький саябағында ағаш отырғызу", "Посадка деревьев в парке Горького", "Tree planting in Gorky Park"),
                new("Саябақтың солтүстік бөлігіне 200 көшет отырғызамыз. Қолғап пен күрек береміз.", "Высаживаем 200 саженцев в северной части парка. Перчатки и лопаты выдаём.", "We plant 200 saplings in the north of the park. Gloves and spades provided."),
                "Алматы, Гоголь к-сі, 1, Горький саябағы", 43.2567, 76.9706, 0,
                [(soon, soon.AddHours(3), 20, new LocalizedText("Отырғызу", "Посадка", "Planting")), (At(3, 10), At(3, 14), 30, new LocalizedText("Отырғызу", "Посадка", "Planting"))]),
            ("Жасыл Әлем", "750000000", ["ecology"],
                new("Көк-Төбеде қоқыс жинау", "Уборка мусора на Кок-Тобе", "Litter pick on Kok-Tobe"),
                new("Таулы беткейлерді тазалаймыз, қалдықтарды сұрыптаймыз.", "Чистим склоны и сортируем отходы.", "We clean the slopes and sort the waste."),
                "Алматы, Көк-Төбе", 43.2316, 76.9757, 12,
                [(At(1, 10), At(1, 13), 15, null)]),
            ("Жасыл Әлем", "750000000", ["social", "events"],
                new("Қайырымдылық жәрмеңкесі", "Благотворительная ярмарка", "Charity fair"),
                new("Қайырымдылық жәрмеңкесінде сатушыларға, қонақтарды қарсы алуға көмек керек.", "На благотворительной ярмарке нужна помощь продавцам и встреча гостей.", "Help the stall holders and welcome visitors at the charity fair."),
                "Алматы, Абай даңғылы, 44", 43.2402, 76.9270, 14,
                [(At(1, 9), At(1, 13), 10, new LocalizedText("Тіркеу үстелі", "Стойка регистрации", "Registration desk")), (At(1, 13), At(1, 17), 10, new LocalizedText("Сауда орындары", "Торговые места", "Stalls"))]),
            ("Жасыл Әлем", "750000000", ["ecology"],
                new("Үлкен Алматы көлі: экологиялық рейд", "Большое Алматинское озеро: экорейд", "Big Almaty Lake eco patrol"),
                new("Көл жағасын тазалаймыз, туристерге табиғатты қорғау туралы айтамыз. Автобус қаладан.", "Убираем берег и рассказываем туристам о бережном отношении к природе. Автобус из города.", "We clean the shore and talk to tourists about caring for nature. Bus from the city."),
                "Үлкен Алматы көлі", 43.0506, 76.9847, 16,
                [(At(5, 8), At(5, 18), 25, null)]),
            ("Жасыл Әлем", "750000000", ["education", "ecology"],
                new("Оқушыларға онлайн экология сабағы", "Онлайн-урок экологии для школьников", "Online ecology lessons for pupils"),
                new("Ауыл мектептерінде апта сайын онлайн сабақ жүргізетін еріктілер керек.", "Нужны волонтёры для еженедельных онлайн-уроков в сельских школах.", "Volunteers to give weekly online lessons in village schools."),
                "", null, null, 18,
                [(At(2, 15), At(60, 16), 12, new LocalizedText("Мұғалім", "Учитель", "Teacher"))]),
            ("Жасыл Әлем", "710000000", ["ecology"],
                new("Астана ботаникалық бағында гүл отырғызу", "Посадка цветов в Ботаническом саду Астаны", "Planting flowers in Astana's Botanical Garden"),
                new("Көктемгі гүлзарларды отырғызуға көмектесіңіз.", "Помогите высадить весенние клумбы.", "Help plant the spring flower beds."),
                "Астана, Ботаникалық бақ", 51.1068, 71.4159, 0,
                [(At(1, 10), At(1, 14), 20, null)]),
            ("Жасыл Әлем", "710000000", ["events", "culture"],
                new("Бәйтерек маңындағы қала күні", "День города у Байтерека", "City Day at Baiterek"),
                new("Қонақтарға бағыт сілтеу, балалар алаңы, ақпарат үстелі.", "Навигация гостей, детская площадка, инфостойка.", "Guiding visitors, the children's corner, the information desk."),
                "Астана, Нұржол бульвары, Бәйтерек", 51.1283, 71.4305, 16,
                [(At(3, 9), At(3, 14), 40, new LocalizedText("Бағыт сілтеу", "Навигация", "Showing the way")), (At(3, 14), At(3, 20), 40, new LocalizedText("Бағыт сілтеу", "Навигация", "Showing the way"))]),
            ("Шуақ", "790000000", ["social"],
                new("Қарттар үйіне көмек", "Помощь дому престарелых", "Helping at a care home"),
                new("Қарттармен әңгімелесу, серуендеу, кітап оқып беру.", "Общение с пожилыми, прогулки, чтение вслух.", "Talking with residents, walks, reading aloud."),
                "Шымкент, Тәуке хан даңғылы, 12", 42.3417, 69.5901, 16,
                [(At(1, 11), At(1, 14), 6, null), (At(2, 11), At(2, 14), 6, null)]),
            ("Шуақ", "790000000", ["ecology"],
                new("Дендропаркте сенбілік", "Субботник в дендропарке", "Clean-up in the Dendropark"),
                new("Жапырақ жинау, орындықтарды бояу.", "Сбор листвы, покраска скамеек.", "Raking leaves and painting benches."),
                "Шымкент, Дендропарк", 42.3157, 69.6230, 10,
                [(At(4, 9), At(4, 13), 30, null)]),
            ("Шуақ", "790000000", ["emergency"],
                new("Су тасқынына дайындық: құм қаптары", "Подготовка к паводку: мешки с песком", "Flood readiness: sandbags"),
                new("ТЖД-мен бірге құм қаптарын дайындаймыз. Тек 18 жастан бастап.", "Вместе с ДЧС готовим мешки с песком. Только с 18 лет.", "Filling sandbags with the emergency service. Adults only."),
                "Шымкент, Бадам өзенінің жағасы", 42.3000, 69.6400, 18,
                [(At(6, 8), At(6, 16), 50, null)]),
            ("Мейірім", "610000000", ["culture", "events"],
                new("Түркістан: кесенеде туристерге көмек", "Туркестан: помощь туристам у мавзолея", "Turkistan: helping visitors at the mausoleum"),
                new("Қожа Ахмет Яссауи кесенесінде туристерге жол көрсету, үш тілде.", "Помощь туристам у мавзолея Ходжи Ахмеда Ясави, на трёх языках.", "Helping visitors at the Khoja Ahmed Yasawi mausoleum, in three languages."),
                "Түркістан, Қожа Ахмет Яссауи кесенесі", 43.2973, 68.2717, 16,
                [(At(8, 9), At(8, 15), 12, new LocalizedText("Гид", "Гид", "Guide"))]),
            ("Мейірім", "610000000", ["inclusion", "sport"],
                new("Ерекше балалармен спорт күні", "День спорта с особенными детьми", "Sports day with children with disabilities"),
                new("Эстафеталар, ойындар, марапаттау. Жаттықтырушылар бар.", "Эстафеты, игры, награждение. Тренеры будут.", "Relays, games and prizes, with coaches on hand."),
                "Түркістан, Орталық стадион", 43.3016, 68.2450, 14,
                [(At(2, 10), At(2, 13), 20, null)]),
        };
        foreach (var o in opportunities)
        {
            if (!organizations.TryGetValue(o.Organization, out var organization))
            {
                continue;
            }

            var opportunity = new Opportunity
            {
                OrganizationId = organization.Id,
                Kind = o.Shifts.Any(s => s.End - s.Start > TimeSpan.FromDays(2)) ? OpportunityKind.Project : OpportunityKind.Event,
                Title = o.Title,
                Description = o.Description,
                Directions = [.. o.Directions],
                RegionKato = o.Region,
                Address = o.Address.Length > 0 ? o.Address : null,
                Latitude = o.Lat,
                Longitude = o.Lon,
                Online = o.Lat is null,
                MinAge = o.MinAge,
                CreatedAt = now,
                CreatedBy = organization.Members.Count > 0 ? organization.Members[0].AccountId : Guid.Empty,
                UpdatedAt = now,
            };
            foreach (var shift in o.Shifts)
            {
                opportunity.Shifts.Add(new Shift { OpportunityId = opportunity.Id, StartsAt = shift.Start, EndsAt = shift.End, Capacity = shift.Seats, Role = shift.Role ?? new(null, null, null) });
            }

            opportunity.RefreshSchedule();
            opportunity.RefreshSearchText(organization.Name);
            opportunity.Publish(organizationVerified: true, now);
            db.Opportunities.Add(opportunity);
        }

        await db.SaveChangesAsync(cancellationToken);
        await SeedPastHoursAsync(db, organizations, At, now, cancellationToken);
    }

    /// <summary>
    /// A clean-up held twice last month, where Emily was accepted, checked in and out, and had her hours confirmed by
    /// Aigerim: her volunteer book is not empty and she can issue a certificate straight away.
    /// </summary>
    private static async Task SeedPastHoursAsync(BirgeDb db, Dictionary<string, Organization> organizations, Func<int, int, DateTime> at, DateTime now, CancellationToken cancellationToken)
    {
        var emily = await db.Accounts.FirstOrDefaultAsync(a => a.NormalizedEmail == "EMILY@EXAMPLE.COM", cancellationToken);
        if (emily is null || !organizations.TryGetValue("Жасыл Әлем", out var organization) || organization.Members.Count == 0)
        {
            return;
        }

        var coordinator = organization.Members[0].AccountId;
        var opportunity = new Opportunity
        {
            OrganizationId = organization.Id,
            Kind = OpportunityKind.Event,
            Title = new("Есіл жағалауындағы сенбілік", "Субботник на набережной Есиля", "Clean-up on the Yesil embankment"),
            Description = new("Жағалауды тазалаймыз, қалдықтарды сұрыптаймыз.", "Убираем набережную и сортируем отходы.", "We clean the embankment and sort the waste."),
            Directions = ["ecology"],
            RegionKato = "710000000",
            Address = "Астана, Есіл жағалауы",
            Latitude = 51.1605,
            Longitude = 71.4704,
            CreatedAt = now.AddDays(-45),
            CreatedBy = coordinator,
            UpdatedAt = now.AddDays(-45),
        };
        var shifts = new[] { (Start: at(-30, 10), End: at(-30, 14)), (Start: at(-12, 9), End: at(-12, 12)) };
        foreach (var (start, end) in shifts)
        {
            opportunity.Shifts.Add(new Shift { OpportunityId = opportunity.Id, StartsAt = start, EndsAt = end, Capacity = 15, Taken = 1 });
        }

        opportunity.RefreshSchedule();
        opportunity.RefreshSearchText(organization.Name);
        opportunity.Publish(organizationVerified: true, now.AddDays(-45));
        db.Opportunities.Add(opportunity);
        foreach (var shift in opportunity.Shifts)
        {
            db.Applications.Add(new Application { ShiftId = shift.Id, VolunteerId = emily.Id, Status = ApplicationStatus.Accepted, AppliedAt = shift.StartsAt.AddDays(-7), UpdatedAt = shift.StartsAt.AddDays(-7) });
            db.Attendances.Add(new Attendance { ShiftId = shift.Id, VolunteerId = emily.Id, CheckedInAt = shift.StartsAt.AddMinutes(-5), CheckedOutAt = shift.EndsAt.AddMinutes(3) });
            db.HoursEntries.Add(new HoursEntry
            {
                ShiftId = shift.Id,
                OpportunityId = opportunity.Id,
                OrganizationId = organization.Id,
                VolunteerId = emily.Id,
                DirectionCode = "ecology",
                Date = DateOnly.FromDateTime(Localization.KazakhstanTime.FromUtc(shift.StartsAt)),
                StartsAt = shift.StartsAt,
                EndsAt = shift.EndsAt,
                Minutes = shift.LengthMinutes,
                ConfirmedBy = coordinator,
                ConfirmedAt = shift.EndsAt.AddHours(2),
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
