using Birge.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Data;

/// <summary>
/// Facts every installation holds: the 20 regions (KATO codes, ISO 3166-2 codes, names and centres in three languages)
/// and the directions of volunteering. Seeded on every start and by <c>migrate</c>; existing rows are updated.
/// </summary>
public static class ReferenceData
{
    public static readonly IReadOnlyList<Region> Regions =
    [
        Region("100000000", "KZ-10", "Абай облысы", "область Абай", "Abai Region", "Семей", "Семей", "Semey", 50.41, 80.23),
        Region("110000000", "KZ-11", "Ақмола облысы", "Акмолинская область", "Akmola Region", "Көкшетау", "Кокшетау", "Kokshetau", 53.28, 69.39),
        Region("150000000", "KZ-15", "Ақтөбе облысы", "Актюбинская область", "Aktobe Region", "Ақтөбе", "Актобе", "Aktobe", 50.28, 57.17),
        Region("190000000", "KZ-19", "Алматы облысы", "Алматинская область", "Almaty Region", "Қонаев", "Конаев", "Konayev", 43.87, 77.07),
        Region("230000000", "KZ-23", "Атырау облысы", "Атырауская область", "Atyrau Region", "Атырау", "Атырау", "Atyrau", 47.11, 51.92),
        Region("270000000", "KZ-27", "Батыс Қазақстан облысы", "Западно-Казахстанская область", "West Kazakhstan Region", "Орал", "Уральск", "Oral", 51.23, 51.37),
        Region("310000000", "KZ-31", "Жамбыл облысы", "Жамбылская область", "Jambyl Region", "Тараз", "Тараз", "Taraz", 42.90, 71.37),
        Region("330000000", "KZ-33", "Жетісу облысы", "область Жетісу", "Jetisu Region", "Талдықорған", "Талдыкорган", "Taldykorgan", 45.02, 78.37),
        Region("350000000", "KZ-35", "Қарағанды облысы", "Карагандинская область", "Karaganda Region", "Қарағанды", "Караганда", "Karaganda", 49.80, 73.10),
        Region("390000000", "KZ-39", "Қостанай облысы", "Костанайская область", "Kostanay Region", "Қостанай", "Костанай", "Kostanay", 53.21, 63.63),
        Region("430000000", "KZ-43", "Қызылорда облысы", "Кызылординская область", "Kyzylorda Region", "Қызылорда", "Кызылорда", "Kyzylorda", 44.85, 65.51),
        Region("470000000", "KZ-47", "Маңғыстау облысы", "Мангистауская область", "Mangystau Region", "Ақтау", "Актау", "Aktau", 43.65, 51.16),
        Region("550000000", "KZ-55", "Павлодар облысы", "Павлодарская область", "Pavlodar Region", "Павлодар", "Павлодар", "Pavlodar", 52.29, 76.97),
        Region("590000000", "KZ-59", "Солтүстік Қазақстан облысы", "Северо-Казахстанская область", "North Kazakhstan Region", "Петропавл", "Петропавловск", "Petropavl", 54.87, 69.15),
        Region("610000000", "KZ-61", "Түркістан облысы", "Туркестанская область", "Turkistan Region", "Түркістан", "Туркестан", "Turkistan", 43.30, 68.25),
        Region("620000000", "KZ-62", "Ұлытау облысы", "область Ұлытау", "Ulytau Region", "Жезқазған", "Жезказган", "Zhezkazgan", 47.79, 67.71),
        Region("630000000", "KZ-63", "Шығыс Қазақстан облысы", "Восточно-Казахстанская область", "East Kazakhstan Region", "Өскемен", "Усть-Каменогорск", "Oskemen", 49.95, 82.61),
        Region("710000000", "KZ-71", "Астана қаласы", "г. Астана", "Astana", "Астана", "Астана", "Astana", 51.17, 71.45),
        Region("750000000", "KZ-75", "Алматы қаласы", "г. Алматы", "Almaty", "Алматы", "Алматы", "Almaty", 43.24, 76.89),
        Region("790000000", "KZ-79", "Шымкент қаласы", "г. Шымкент", "Shymkent", "Шымкент", "Шымкент", "Shymkent", 42.32, 69.60),
    ];

    public static readonly IReadOnlyList<Direction> Directions =
    [
        Direction("social", "Әлеуметтік көмек", "Социальная помощь", "Social help"),
        Direction("ecology", "Экология", "Экология", "Ecology"),
        Direction("culture", "Мәдениет", "Культура", "Culture"),
        Direction("mentorship", "Тәлімгерлік", "Наставничество", "Mentorship"),
        Direction("inclusion", "Инклюзия", "Инклюзия", "Inclusion"),
        Direction("animals", "Жануарларға көмек", "Помощь животным", "Animals"),
        Direction("emergency", "Төтенше жағдайлар және қауіпсіздік", "Чрезвычайные ситуации и безопасность", "Emergencies and safety", Account.AdultAge),
        Direction("sport", "Спорт", "Спорт", "Sport"),
        Direction("digital", "Цифрлық волонтерлік", "Цифровое волонтёрство", "Digital"),
        Direction("health", "Денсаулық сақтау", "Здравоохранение", "Health"),
        Direction("education", "Білім беру", "Образование", "Education"),
        Direction("events", "Іс-шаралар мен форумдар", "Мероприятия и форумы", "Events and forums"),
    ];

    public static async Task SeedAsync(BirgeDb db, CancellationToken cancellationToken)
    {
        var regions = await db.Regions.ToDictionaryAsync(r => r.Kato, cancellationToken);
        foreach (var region in Regions)
        {
            if (regions.TryGetValue(region.Kato, out var existing))
            {
                existing.Name = region.Name;
                existing.Centre = region.Centre;
                existing.Latitude = region.Latitude;
                existing.Longitude = region.Longitude;
            }
            else
            {
                db.Regions.Add(Copy(region));
            }
        }

        var directions = await db.Directions.ToDictionaryAsync(d => d.Code, cancellationToken);
        for (var i = 0; i < Directions.Count; i++)
        {
            var direction = Directions[i];
            if (directions.TryGetValue(direction.Code, out var existing))
            {
                existing.Name = direction.Name;
                existing.SortOrder = i;
                existing.MinimumAge = direction.MinimumAge;
            }
            else
            {
                db.Directions.Add(new Direction { Code = direction.Code, Name = direction.Name, SortOrder = i, MinimumAge = direction.MinimumAge });
            }
        }

        // The national front office and one for each region, named after it.
        var offices = await db.FrontOffices.ToDictionaryAsync(f => f.Kato, cancellationToken);
        foreach (var (kato, name) in FrontOffices())
        {
            if (offices.TryGetValue(kato, out var office))
            {
                office.Name = name;
            }
            else
            {
                db.FrontOffices.Add(new FrontOffice { Kato = kato, Name = name });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public static IEnumerable<(string Kato, LocalizedText Name)> FrontOffices()
    {
        yield return (FrontOffice.NationalKato, new LocalizedText("Ұлттық фронт-офис", "Национальный фронт-офис", "National front office"));
        foreach (var region in Regions)
        {
            yield return (region.Kato, new LocalizedText(
                $"{region.Name.Kk}: өңірлік фронт-офис",
                $"Региональный фронт-офис: {region.Name.Ru}",
                $"{region.Name.En} front office"));
        }
    }

    private static Region Copy(Region r) => new()
    {
        Kato = r.Kato,
        Iso = r.Iso,
        Name = r.Name,
        Centre = r.Centre,
        Latitude = r.Latitude,
        Longitude = r.Longitude,
    };

    private static Region Region(string kato, string iso, string kk, string ru, string en, string centreKk, string centreRu, string centreEn, double lat, double lon) => new()
    {
        Kato = kato,
        Iso = iso,
        Name = new LocalizedText(kk, ru, en),
        Centre = new LocalizedText(centreKk, centreRu, centreEn),
        Latitude = lat,
        Longitude = lon,
    };

    private static Direction Direction(string code, string kk, string ru, string en, int minimumAge = 0) => new()
    {
        Code = code,
        Name = new LocalizedText(kk, ru, en),
        MinimumAge = minimumAge,
    };
}
