-- National-scale data for the benchmarks, run by bench/generate.sh on a freshly migrated database:
--   psql -v scale=1 -f bench/generate.sql
-- Set-based (generate_series and INSERT … SELECT); every count is the issue's figure times :scale.
-- Plans are built in temporary tables first, so the rows that must agree (an opportunity's StartsAt/EndsAt and its
-- shifts, a shift's Taken and its accepted applications, SearchText and the texts) are computed from the same values.
\set ON_ERROR_STOP on
\timing off
SET client_min_messages = warning;
SET work_mem = '256MB';
SET maintenance_work_mem = '1GB';
SET max_parallel_workers_per_gather = 0;
-- The rows are consistent by construction: skip the foreign-key triggers while loading.
SET session_replication_role = replica;
SELECT setseed(0.2026) AS seed \gset

SELECT round(300000 * :scale)::int AS nvol,
       greatest(20, round(800 * :scale))::int AS norg,
       round(30000 * :scale)::int AS nopp,
       round(100000 * :scale)::int AS nshift,
       round(1000000 * :scale)::int AS napp,
       round(3000000 * :scale)::int AS nhours,
       round(100000 * :scale)::int AS nhelpopen,
       round(1000000 * :scale)::int AS nhelpclosed,
       greatest(10, round(400000 * :scale))::int AS ncallers,
       to_char(now(), 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS now
\gset
\echo generating :nvol volunteers, :norg organisations, :nopp opportunities, :nshift shifts, :napp applications, :nhours hours entries, :nhelpopen open and :nhelpclosed closed help requests

-- Regions, weighted by population (millions, 2024), with a radius around the centre for "near the centre" and for
-- "elsewhere in the region" (degrees). The three cities have no "elsewhere".
CREATE TEMP TABLE reg AS
SELECT r."Kato" AS kato, r."Latitude" AS lat, r."Longitude" AS lon,
       r."CentreKk" AS centre_kk, r."CentreRu" AS centre_ru, r."CentreEn" AS centre_en,
       w.weight, w.city,
       coalesce(sum(w.weight) OVER (ORDER BY r."Kato" ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) / sum(w.weight) OVER () AS lo,
       sum(w.weight) OVER (ORDER BY r."Kato") / sum(w.weight) OVER () AS hi,
       row_number() OVER (ORDER BY r."Kato") AS n
FROM "Regions" r
JOIN (VALUES ('100000000', 0.61, false), ('110000000', 0.79, false), ('150000000', 0.93, false), ('190000000', 1.50, false),
             ('230000000', 0.70, false), ('270000000', 0.69, false), ('310000000', 1.22, false), ('330000000', 0.69, false),
             ('350000000', 1.13, false), ('390000000', 0.83, false), ('430000000', 0.83, false), ('470000000', 0.78, false),
             ('550000000', 0.75, false), ('590000000', 0.53, false), ('610000000', 2.10, false), ('620000000', 0.22, false),
             ('630000000', 0.73, false), ('710000000', 1.42, true), ('750000000', 2.23, true), ('790000000', 1.22, true))
     AS w(kato, weight, city) ON w.kato = r."Kato";
UPDATE reg SET hi = 1.0000001 WHERE hi >= 0.9999999;

-- What volunteers do, in the three languages: direction, a second direction some of them also carry, title, text.
CREATE TEMP TABLE tpl (n int, direction text, direction2 text, title_kk text, title_ru text, title_en text, desc_kk text, desc_ru text, desc_en text);
INSERT INTO tpl VALUES
(1, 'ecology', 'events', 'Саябақты тазалау сенбілігі', 'Субботник: уборка парка', 'Park clean-up Saturday',
 'Саябақтағы қоқысты жинап, жас ағаштарды суарамыз. Қолғап пен қаптар беріледі.',
 'Собираем мусор в парке и поливаем молодые деревья. Перчатки и мешки выдаём.',
 'We collect litter in the park and water the young trees. Gloves and bags are provided.'),
(2, 'ecology', NULL, 'Ағаш отырғызу', 'Посадка деревьев', 'Tree planting',
 'Қала шетінде жаңа тал мен қайың көшеттерін отырғызамыз. Күрек пен шелек бізден.',
 'Высаживаем молодые ивы и берёзы на окраине города. Лопаты и вёдра наши.',
 'Planting young willows and birches on the edge of the city. Spades and buckets are ours.'),
(3, 'ecology', NULL, 'Өзен жағасын тазалау', 'Очистка берега реки', 'River bank clean-up',
 'Өзен жағасындағы пластик пен шыны қалдықтарын жинап, сұрыптаймыз.',
 'Собираем и сортируем пластик и стекло на берегу реки.',
 'Collecting and sorting plastic and glass along the river bank.'),
(4, 'social', NULL, 'Қарттарға азық-түлік жеткізу', 'Доставка продуктов пожилым', 'Grocery delivery for the elderly',
 'Жалғыз тұратын қарт адамдарға азық-түлік пен дәрі-дәрмек апарамыз.',
 'Привозим продукты и лекарства одиноким пожилым людям.',
 'Bringing groceries and medicine to elderly people who live alone.'),
(5, 'social', NULL, 'Қайырымдылық асханасы', 'Благотворительная столовая', 'Charity kitchen',
 'Мұқтаж отбасыларға ыстық тамақ дайындап, таратамыз.',
 'Готовим и раздаём горячие обеды нуждающимся семьям.',
 'Cooking and serving hot meals for families in need.'),
(6, 'social', 'culture', 'Қарттар үйіне бару', 'Визит в дом престарелых', 'Visit to a care home',
 'Қарттар үйінің тұрғындарымен сөйлесіп, ән айтып, шай ішеміз.',
 'Общаемся с жителями дома престарелых, поём песни, пьём чай.',
 'Talking, singing and having tea with the residents of a care home.'),
(7, 'education', 'mentorship', 'Мектеп оқушыларына математикадан көмек', 'Помощь школьникам по математике', 'Maths tutoring for pupils',
 'Бесінші-тоғызыншы сынып оқушыларына үй тапсырмасын орындауға көмектесеміз.',
 'Помогаем ученикам пятых–девятых классов с домашними заданиями.',
 'Helping pupils in years five to nine with their homework.'),
(8, 'education', NULL, 'Ағылшын тілі клубы', 'Клуб английского языка', 'English conversation club',
 'Ауыл мектебінің оқушыларымен ағылшын тілінде сөйлесу клубын өткіземіз.',
 'Проводим разговорный клуб английского языка для сельских школьников.',
 'Running an English conversation club for village school pupils.'),
(9, 'mentorship', 'education', 'Балалар үйінің түлектеріне тәлімгерлік', 'Наставничество для выпускников детских домов', 'Mentoring care-leavers',
 'Балалар үйінің түлектеріне оқу, жұмыс және тұрмыс мәселелерінде қолдау көрсетеміз.',
 'Поддерживаем выпускников детских домов в учёбе, работе и быту.',
 'Supporting young care-leavers with studies, work and everyday life.'),
(10, 'culture', 'education', 'Кітапханада оқу күні', 'День чтения в библиотеке', 'Reading day at the library',
 'Балаларға қазақ ертегілерін оқып беріп, суретін саламыз.',
 'Читаем детям казахские сказки и рисуем к ним картинки.',
 'Reading Kazakh fairy tales to children and drawing pictures for them.'),
(11, 'culture', 'events', 'Наурыз мерекесіне көмек', 'Помощь на празднике Наурыз', 'Nauryz festival helpers',
 'Наурыз мерекесінде киіз үй тігіп, наурыз көже таратып, қонақтарды қарсы аламыз.',
 'На празднике Наурыз ставим юрты, раздаём наурыз-коже и встречаем гостей.',
 'At the Nauryz festival we put up yurts, serve nauryz kozhe and welcome guests.'),
(12, 'culture', NULL, 'Мұражайда экскурсия жүргізу', 'Экскурсии в музее', 'Museum guides',
 'Өлкетану мұражайында келушілерге қазақ және орыс тілдерінде экскурсия жүргіземіз.',
 'Проводим экскурсии в краеведческом музее на казахском и русском языках.',
 'Guiding visitors round the local history museum in Kazakh and Russian.'),
(13, 'inclusion', 'sport', 'Ерекше балаларға арналған спорт күні', 'Спортивный день для особенных детей', 'Inclusive sports day',
 'Мүмкіндігі шектеулі балалар мен олардың отбасыларына спорттық ойындар ұйымдастырамыз.',
 'Организуем спортивные игры для детей с инвалидностью и их семей.',
 'Organising sports games for children with disabilities and their families.'),
(14, 'inclusion', NULL, 'Ымдау тілі аудармашысы', 'Сурдопереводчик на мероприятии', 'Sign language interpreting',
 'Есту қабілеті нашар қонақтарға ымдау тіліне аударма жасаймыз.',
 'Переводим на жестовый язык для слабослышащих гостей.',
 'Interpreting into sign language for guests who are deaf or hard of hearing.'),
(15, 'animals', NULL, 'Жануарлар баспанасына көмек', 'Помощь приюту для животных', 'Animal shelter help',
 'Иттерді серуендетіп, торларды тазалап, жем таратамыз.',
 'Выгуливаем собак, убираем вольеры, раздаём корм.',
 'Walking dogs, cleaning enclosures and handing out food.'),
(16, 'emergency', 'social', 'Су тасқынына дайындық: құм қаптары', 'Подготовка к паводку: мешки с песком', 'Flood preparation: sandbags',
 'Көктемгі су тасқыны алдында құм қаптарын толтырып, бөгет соғамыз. Тек 18 жастан асқандар.',
 'Перед весенним паводком наполняем мешки песком и укрепляем дамбу. Только с 18 лет.',
 'Filling sandbags and shoring up the dam before the spring floods. Adults only.'),
(17, 'emergency', NULL, 'Жоғалған адамды іздеу', 'Поиск пропавшего человека', 'Search for a missing person',
 'Құтқарушылармен бірге орман мен далада жоғалған адамды іздейміз.',
 'Вместе со спасателями ищем пропавшего человека в лесу и в степи.',
 'Searching the woods and the steppe for a missing person with the rescue service.'),
(18, 'health', 'emergency', 'Алғашқы медициналық көмек курсы', 'Курс первой помощи', 'First aid training',
 'Дәрігерлер алғашқы көмек көрсетуді үйретеді, кейін біз оны мектептерде үйретеміз.',
 'Врачи учат оказывать первую помощь, потом мы учим этому в школах.',
 'Doctors teach first aid, and then we teach it in schools.'),
(19, 'sport', 'events', 'Қалалық марафон волонтерлары', 'Волонтёры городского марафона', 'City marathon volunteers',
 'Марафон жолында су таратып, жүгірушілерге бағыт көрсетеміз.',
 'Раздаём воду на трассе марафона и показываем бегунам дорогу.',
 'Handing out water along the marathon route and showing runners the way.'),
(20, 'sport', NULL, 'Балалар футбол турнирі', 'Детский футбольный турнир', 'Children''s football tournament',
 'Аула балаларына арналған футбол турнирінде төрешілерге көмектесеміз.',
 'Помогаем судьям на дворовом футбольном турнире для детей.',
 'Helping the referees at a neighbourhood football tournament for children.'),
(21, 'digital', 'social', 'Қарттарға смартфон сабағы', 'Уроки смартфона для пожилых', 'Smartphone lessons for seniors',
 'Қарттарға eGov пен банк қосымшаларын қолдануды үйретеміз.',
 'Учим пожилых пользоваться eGov и банковскими приложениями.',
 'Teaching seniors to use eGov and banking apps.'),
(22, 'digital', NULL, 'Қоғамдық ұйымдарға сайт жасау', 'Сайты для некоммерческих организаций', 'Websites for non-profits',
 'Шағын қоғамдық ұйымдарға қарапайым сайт пен әлеуметтік желі парақшаларын жасаймыз.',
 'Делаем простые сайты и страницы в соцсетях для небольших НКО.',
 'Building simple websites and social media pages for small non-profits.'),
(23, 'health', NULL, 'Донорлар күні', 'День донора', 'Blood donor day',
 'Қан орталығында донорларды тіркеп, оларға шай мен тағам ұсынамыз.',
 'В центре крови регистрируем доноров и угощаем их чаем.',
 'Registering donors at the blood centre and offering them tea and snacks.'),
(24, 'health', 'social', 'Ауруханадағы балаларға көмек', 'Помощь детям в больнице', 'Helping children in hospital',
 'Балалар ауруханасында ойын ұйымдастырып, кітап оқып береміз.',
 'Организуем игры и читаем книги детям в больнице.',
 'Playing games and reading books with children in hospital.'),
(25, 'events', 'education', 'Жастар форумында тіркеу', 'Регистрация на молодёжном форуме', 'Youth forum registration desk',
 'Жастар форумының қатысушыларын тіркеп, залдарға бағыттаймыз.',
 'Регистрируем участников молодёжного форума и провожаем в залы.',
 'Registering youth forum participants and showing them to the halls.'),
(26, 'events', 'culture', 'Қала күніне волонтерлар', 'Волонтёры на Дне города', 'City Day volunteers',
 'Қала күні мерекесінде қонақтарға көмектесіп, тәртіп сақтаймыз.',
 'На Дне города помогаем гостям и следим за порядком.',
 'Helping visitors and keeping order at the City Day celebrations.');
SELECT count(*) AS ntpl FROM tpl \gset

-- One sentence more for every description, in each language.
CREATE TEMP TABLE tail (n int, kk text, ru text, en text);
INSERT INTO tail VALUES
(1, 'Тәжірибе қажет емес, бәрін орнында үйретеміз.', 'Опыт не нужен, всему научим на месте.', 'No experience needed, we will show you everything.'),
(2, 'Ыңғайлы киім мен су алып келіңіз.', 'Возьмите удобную одежду и воду.', 'Bring comfortable clothes and water.'),
(3, 'Волонтерлік сағаттар Birge кітапшасына жазылады.', 'Волонтёрские часы записываются в книжку Birge.', 'Your hours go into your Birge volunteer book.'),
(4, 'Үйлестіруші сізді кіреберісте күтеді.', 'Координатор встретит вас у входа.', 'The coordinator will meet you at the entrance.');

-- Volunteers: region by population, age mostly young, e-mail or a phone only.
CREATE TEMP TABLE vol AS
SELECT s.i, gen_random_uuid() AS id, r.kato, r.centre_kk, r.centre_ru, s.age, s.u_lang, s.u_contact, s.u_name1, s.u_name2,
       s.u_skill, s.u_dir, s.u_slot, s.created
FROM (SELECT i, random() AS u,
             CASE WHEN random() < 0.75 THEN 14 + floor(random() * 17) ELSE 31 + floor(random() * 45) END::int AS age,
             random() AS u_lang, random() AS u_contact, random() AS u_name1, random() AS u_name2,
             random() AS u_skill, random() AS u_dir, random() AS u_slot,
             now() - random() * interval '730 days' AS created
      FROM generate_series(1, :nvol) AS i) s
JOIN reg r ON s.u >= r.lo AND s.u < r.hi;
ALTER TABLE vol ADD PRIMARY KEY (i);

-- Loading into tables without their secondary indexes, then building the indexes once, is several times faster.
-- The definitions are kept here and replayed exactly after the load.
CREATE TEMP TABLE saved_indexes AS
SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
FROM pg_index i
JOIN pg_class t ON t.oid = i.indrelid
WHERE t.relname IN ('Accounts', 'VolunteerProfiles', 'ConsentRecords', 'Opportunities', 'Shifts', 'Applications', 'HoursEntries', 'HelpRequests')
  AND NOT i.indisprimary;
DO $$
DECLARE ix record;
BEGIN
    FOR ix IN SELECT name FROM saved_indexes LOOP
        EXECUTE 'DROP INDEX ' || ix.name;
    END LOOP;
END
$$;

\echo accounts
INSERT INTO "Accounts" ("Id", "Email", "NormalizedEmail", "EmailConfirmed", "Phone", "PhoneConfirmed", "PasswordHash",
    "SecurityStamp", "ConcurrencyStamp", "FullName", "BirthDate", "BirthYear", "RegionKato", "Iin", "Status", "Language",
    "CreatedAt", "DeletedAt", "LockoutEnd", "AccessFailedCount")
SELECT v.id,
       CASE WHEN v.u_contact < 0.7 THEN 'volunteer' || v.i || '@example.com' END,
       CASE WHEN v.u_contact < 0.7 THEN 'VOLUNTEER' || v.i || '@EXAMPLE.COM' END,
       v.u_contact < 0.7,
       CASE WHEN v.u_contact >= 0.7 THEN '+7700' || lpad(v.i::text, 7, '0') END,
       v.u_contact >= 0.7,
       NULL,
       upper(md5(v.i::text || 'stamp')), md5(v.i::text || 'concurrency'),
       -- Surname and first name of the same gender.
       CASE WHEN v.u_name2 < 0.5
            THEN (ARRAY['Омаров', 'Қасымов', 'Ахметов', 'Нұрланов', 'Жұмабаев', 'Тоқтаров', 'Серікбаев', 'Әбдірахманов',
                        'Иванов', 'Петров', 'Ким', 'Смағұлов', 'Байжанов', 'Есімов', 'Құдайбергенов', 'Ли', 'Мұхамеджанов',
                        'Оспанов', 'Сейітқали', 'Шевченко'])[1 + floor(v.u_name1 * 20)::int] || ' ' ||
                 (ARRAY['Арман', 'Данияр', 'Нұрлан', 'Ерлан', 'Бауыржан', 'Санжар', 'Әлихан', 'Еркебұлан', 'Дмитрий',
                        'Тимур'])[1 + floor(v.u_name2 * 20)::int]
            ELSE (ARRAY['Омарова', 'Қасымова', 'Ахметова', 'Нұрланова', 'Жұмабаева', 'Тоқтарова', 'Серікбаева', 'Әбдірахманова',
                        'Иванова', 'Петрова', 'Ким', 'Смағұлова', 'Байжанова', 'Есімова', 'Құдайбергенова', 'Ли', 'Мұхамеджанова',
                        'Оспанова', 'Сейітқали', 'Шевченко'])[1 + floor(v.u_name1 * 20)::int] || ' ' ||
                 (ARRAY['Айгерім', 'Әсел', 'Жанар', 'Гүлнар', 'Айдана', 'Мадина', 'Дана', 'Томирис', 'Аружан',
                        'Ақерке'])[1 + floor((v.u_name2 - 0.5) * 20)::int] END,
       (current_date - make_interval(days => (v.age * 365.25 + v.u_name1 * 300)::int))::date,
       extract(year FROM current_date - make_interval(days => (v.age * 365.25 + v.u_name1 * 300)::int))::int,
       v.kato, NULL, 'Active',
       CASE WHEN v.u_lang < 0.55 THEN 'kk' WHEN v.u_lang < 0.95 THEN 'ru' ELSE 'en' END,
       v.created, NULL, NULL, 0
FROM vol v;

\echo profiles
INSERT INTO "VolunteerProfiles" ("AccountId", "City", "Languages", "Skills", "OtherSkills", "Directions", "Availability",
    "AccessibilityNeeds", "About", "ShowContactsToOrganisers", "ShowAgeToOrganisers", "ShowProfileToOrganisers", "UpdatedAt")
SELECT v.id,
       CASE WHEN v.u_lang < 0.55 THEN v.centre_kk ELSE v.centre_ru END,
       CASE WHEN v.u_lang < 0.45 THEN ARRAY['kk', 'ru'] WHEN v.u_lang < 0.55 THEN ARRAY['kk']
            WHEN v.u_lang < 0.9 THEN ARRAY['ru', 'kk'] WHEN v.u_lang < 0.95 THEN ARRAY['ru'] ELSE ARRAY['en', 'ru'] END,
       (sk.a || sk.a)[1 + floor(v.u_skill * 24)::int : 1 + floor(v.u_skill * 24)::int + (v.i % 3)],
       NULL,
       (d.a || d.a)[1 + floor(v.u_dir * 12)::int : 1 + floor(v.u_dir * 12)::int + (v.i % 3)],
       (sl.a || sl.a)[1 + floor(v.u_slot * 21)::int : 1 + floor(v.u_slot * 21)::int + (v.i % 4)],
       NULL, NULL, v.i % 5 = 0, true, true, v.created
FROM vol v,
     (SELECT ARRAY['first_aid', 'driving', 'cooking', 'teaching', 'tutoring', 'it', 'design', 'photo_video', 'social_media',
                   'translation', 'sign_language', 'event_organisation', 'psychology', 'medicine', 'law', 'construction',
                   'gardening', 'animal_care', 'sport_coaching', 'music', 'elderly_care', 'childcare', 'rescue', 'logistics'] AS a) sk,
     (SELECT array_agg("Code" ORDER BY "SortOrder") AS a FROM "Directions") d,
     (SELECT ARRAY['sat-morning', 'sat-afternoon', 'sun-morning', 'sun-afternoon', 'mon-evening', 'tue-evening', 'wed-evening',
                   'thu-evening', 'fri-evening', 'sat-evening', 'sun-evening', 'mon-morning', 'tue-morning', 'wed-morning',
                   'thu-morning', 'fri-morning', 'mon-afternoon', 'tue-afternoon', 'wed-afternoon', 'thu-afternoon', 'fri-afternoon'] AS a) sl;

\echo consents
INSERT INTO "ConsentRecords" ("Id", "AccountId", "Purpose", "Version", "GivenAt", "GivenBy", "WithdrawnAt")
SELECT gen_random_uuid(), v.id, 'personal_data', '2026-11', v.created, CASE WHEN v.age < 14 THEN 'parent' ELSE 'self' END, NULL
FROM vol v;

-- Organisations: most verified; the first :norg volunteers own them, the next :norg coordinate them.
\echo organisations
CREATE TEMP TABLE org AS
SELECT s.i, gen_random_uuid() AS id, r.kato, r.centre_kk, r.centre_ru, r.centre_en,
       (ARRAY['Жасыл Әлем', 'Мейірім', 'Қамқор', 'Ниет', 'Жарқын болашақ', 'Шапағат', 'Достық', 'Ақ ниет', 'Бірлік', 'Үміт',
              'Добро', 'Надежда', 'Забота', 'Милосердие', 'Открытые сердца', 'Steppe Code', 'Green Steppe', 'Ізгілік',
              'Самұрық жастары', 'Алтын жүрек'])[1 + floor(s.u_name * 20)::int] AS word,
       CASE WHEN s.u_status < 0.92 THEN 'Verified' WHEN s.u_status < 0.96 THEN 'Pending' WHEN s.u_status < 0.98 THEN 'Rejected' ELSE 'Suspended' END AS status,
       s.u_form, s.created
FROM (SELECT i, random() AS u, random() AS u_name, random() AS u_status, random() AS u_form,
             now() - interval '760 days' + random() * interval '30 days' AS created
      FROM generate_series(1, :norg) AS i) s
JOIN reg r ON s.u >= r.lo AND s.u < r.hi;

INSERT INTO "Organizations" ("Id", "Bin", "Name", "LegalForm", "RegionKato", "Address", "Directions", "Email", "Phone", "Website",
    "Status", "StatusReason", "CreatedAt", "StatusChangedAt", "StatusChangedBy", "SearchText", "DescriptionEn", "DescriptionKk", "DescriptionRu")
SELECT o.id, x.bin, x.name, x.form, o.kato, o.centre_ru || ', ул. Абая, ' || (o.i % 200 + 1), x.dirs, 'org' || o.i || '@example.com', NULL, NULL,
       o.status, CASE WHEN o.status IN ('Rejected', 'Suspended') THEN 'Құжаттар толық емес / Документы неполные' END,
       o.created, o.created + interval '2 days', NULL,
       lower(concat_ws(' ', x.name, x.bin, x.desc_kk, x.desc_ru, x.desc_en)), x.desc_en, x.desc_kk, x.desc_ru
FROM org o
CROSS JOIN LATERAL (
    SELECT '2604' || lpad(o.i::text, 8, '0') AS bin,
           CASE WHEN o.i % 2 = 0 THEN '«' || o.word || '» ' || o.centre_kk || ' қоғамдық бірлестігі'
                ELSE 'Общественный фонд «' || o.word || '» ' || o.centre_ru END AS name,
           (ARRAY['public_association', 'foundation', 'private_institution', 'association'])[1 + floor(o.u_form * 4)::int] AS form,
           ARRAY[(SELECT direction FROM tpl WHERE n = 1 + o.i % 26), (SELECT direction FROM tpl WHERE n = 1 + (o.i * 7) % 26)] AS dirs,
           o.centre_kk || ' қаласындағы еріктілерді біріктіреміз.' AS desc_kk,
           'Объединяем волонтёров города ' || o.centre_ru || '.' AS desc_ru,
           CASE WHEN o.i % 3 = 0 THEN 'We bring together volunteers in ' || o.centre_en || '.' END AS desc_en
) x;
UPDATE "Organizations" SET "Directions" = ARRAY["Directions"[1]] WHERE "Directions"[1] = "Directions"[2];

INSERT INTO "OrganizationMembers" ("OrganizationId", "AccountId", "Role", "JoinedAt")
SELECT o.id, v.id, 'owner', o.created FROM org o JOIN vol v ON v.i = o.i
UNION ALL
SELECT o.id, v.id, 'coordinator', o.created + interval '3 days' FROM org o JOIN vol v ON v.i = :norg + o.i;

CREATE TEMP TABLE vorg AS
SELECT row_number() OVER (ORDER BY o.i) AS n, o.*, v.id AS owner_id,
       (SELECT "Name" FROM "Organizations" WHERE "Id" = o.id) AS name
FROM org o JOIN vol v ON v.i = o.i
WHERE o.status = 'Verified';
SELECT count(*) AS nvorg FROM vorg \gset

-- Opportunities: a verified organisation's, in its region, near the centre or elsewhere in the region, some online;
-- dates from a year ago to eight months ahead; most published.
\echo opportunities
CREATE TEMP TABLE opp AS
SELECT s.i, gen_random_uuid() AS id, o.id AS org_id, o.owner_id, o.name AS org_name, o.kato, r.centre_kk, r.centre_ru, r.centre_en,
       t.n AS tpl, s.kind, s.online, s.u_langs, s.u_tail, s.u_dir2, s.u_age, s.auto_accept, s.len_minutes,
       CASE WHEN s.online THEN NULL
            WHEN r.city OR s.u_far < 0.6 THEN r.lat + (s.g1 - 1.5) * 0.06
            ELSE r.lat + (s.g1 - 1.5) * 1.2 END AS lat,
       CASE WHEN s.online THEN NULL
            WHEN r.city OR s.u_far < 0.6 THEN r.lon + (s.g2 - 1.5) * 0.09
            ELSE r.lon + (s.g2 - 1.5) * 1.8 END AS lon,
       s.base,
       CASE WHEN s.base < now() THEN CASE WHEN s.u_status < 0.93 THEN 'Published' ELSE 'Cancelled' END
            ELSE CASE WHEN s.u_status < 0.82 THEN 'Published' WHEN s.u_status < 0.94 THEN 'Draft' ELSE 'Cancelled' END END AS status,
       least(now() - interval '1 hour', s.base - (7 + s.u_age * 50) * interval '1 day') AS created,
       s.street, s.house
FROM (SELECT i, random() AS u_org, random() AS u_tpl,
             CASE WHEN random() < 0.8 THEN 'Event' ELSE 'Project' END AS kind,
             random() < 0.06 AS online,
             random() AS u_langs, random() AS u_tail, random() AS u_dir2, random() AS u_age, random() < 0.8 AS auto_accept,
             (120 + 30 * floor(random() * 9))::int AS len_minutes,
             random() AS u_far, random() + random() + random() AS g1, random() + random() + random() AS g2,
             date_trunc('day', now()) + floor(random() * 605 - 365) * interval '1 day'
                 + (4 + floor(random() * 14) / 2) * interval '1 hour' AS base,  -- 09:00–15:30 in Kazakhstan
             random() AS u_status,
             floor(random() * 6)::int AS street, (1 + floor(random() * 180))::int AS house
      FROM generate_series(1, :nopp) AS i) s
JOIN vorg o ON o.n = 1 + floor(s.u_org * :nvorg)::int
JOIN reg r ON r.kato = o.kato
JOIN tpl t ON t.n = 1 + floor(s.u_tpl * :ntpl)::int;
ALTER TABLE opp ADD PRIMARY KEY (i);

-- Shifts: shift k belongs to opportunity 1 + (k - 1) mod :nopp, so every opportunity has three or four; an event's
-- follow day after day, a project's week after week. Capacity: mostly small teams, some large events.
\echo shifts
CREATE TEMP TABLE sh AS
SELECT k, gen_random_uuid() AS id, o.i AS opp, o.status AS opp_status,
       o.base + ((k - 1) / :nopp) * CASE WHEN o.kind = 'Event' THEN interval '1 day' ELSE interval '7 days' END AS starts,
       o.base + ((k - 1) / :nopp) * CASE WHEN o.kind = 'Event' THEN interval '1 day' ELSE interval '7 days' END
           + o.len_minutes * interval '1 minute' AS ends,
       CASE WHEN u < 0.6 THEN 5 + floor(random() * 11) WHEN u < 0.9 THEN 15 + floor(random() * 26) ELSE 40 + floor(random() * 111) END::int AS capacity,
       o.auto_accept
FROM (SELECT k, random() AS u FROM generate_series(1, :nshift) AS k) s
JOIN opp o ON o.i = 1 + (s.k - 1) % :nopp;
ALTER TABLE sh ADD PRIMARY KEY (k);

-- Applications: to shifts of published and cancelled opportunities (drafts take none), ten or so a shift; the r-th
-- applicant of shift s is volunteer 1 + (s·7919 + r·104729) mod :nvol, so nobody applies twice to a shift. The
-- first `capacity` are accepted (a few cancel), the rest wait; without auto-accept some still wait for the coordinator.
\echo applications
CREATE TEMP TABLE open_shift AS
SELECT row_number() OVER (ORDER BY k) AS n, k, capacity, starts, auto_accept, opp_status
FROM sh WHERE opp_status <> 'Draft';
SELECT count(*) AS nopen FROM open_shift \gset

CREATE TEMP TABLE app AS
SELECT os.k AS shift, a.r, 1 + ((os.k::bigint * 7919 + a.r::bigint * 104729) % :nvol)::int AS volunteer,
       CASE WHEN os.opp_status = 'Cancelled' THEN 'Cancelled'
            WHEN a.r < os.capacity THEN
                CASE WHEN a.u < 0.05 THEN 'Cancelled'
                     WHEN NOT os.auto_accept AND os.starts > now() AND a.u > 0.7 THEN 'Pending'
                     ELSE 'Accepted' END
            WHEN os.starts > now() THEN 'Waitlisted'
            ELSE 'Declined' END AS status,
       least(now() - interval '1 minute', os.starts - interval '14 days' + a.r * interval '47 minutes') AS applied
FROM (SELECT 1 + (k % :nopen) AS n, k / :nopen AS r, random() AS u FROM generate_series(0, :napp - 1) AS k) a
JOIN open_shift os ON os.n = a.n;

CREATE TEMP TABLE taken AS
SELECT shift, count(*)::int AS taken FROM app WHERE status = 'Accepted' GROUP BY shift;
ALTER TABLE taken ADD PRIMARY KEY (shift);

-- Opportunities, with StartsAt/EndsAt from their shifts and SearchText exactly as Opportunity.RefreshSearchText.
INSERT INTO "Opportunities" ("Id", "OrganizationId", "Kind", "Directions", "RegionKato", "Address", "Latitude", "Longitude", "Online",
    "MinAge", "AutoAccept", "Status", "CreatedAt", "CreatedBy", "UpdatedAt", "PublishedAt", "CancelledAt", "CancelReason",
    "StartsAt", "EndsAt", "SearchText", "DescriptionEn", "DescriptionKk", "DescriptionRu", "TitleEn", "TitleKk", "TitleRu")
SELECT o.id, o.org_id, o.kind, x.dirs, o.kato, x.address, o.lat, o.lon, o.online,
       CASE WHEN 'emergency' = ANY (x.dirs) THEN 18 WHEN o.u_age < 0.5 THEN 0 WHEN o.u_age < 0.75 THEN 14 WHEN o.u_age < 0.9 THEN 16 ELSE 18 END,
       o.auto_accept, o.status, o.created, o.owner_id, o.created + interval '1 day',
       CASE WHEN o.status <> 'Draft' THEN o.created + interval '1 day' END,
       CASE WHEN o.status = 'Cancelled' THEN least(now() - interval '1 minute', o.base - interval '2 days') END,
       CASE WHEN o.status = 'Cancelled' THEN 'Ауа райы қолайсыз / Неблагоприятная погода' END,
       d.starts, d.ends,
       lower(concat_ws(' ', x.title_kk, x.title_ru, x.title_en, x.desc_kk, x.desc_ru, x.desc_en, x.address, o.org_name)),
       x.desc_en, x.desc_kk, x.desc_ru, x.title_en, x.title_kk, x.title_ru
FROM opp o
JOIN tpl t ON t.n = o.tpl
JOIN tail tl ON tl.n = 1 + floor(o.u_tail * 4)::int
JOIN (SELECT opp, min(starts) AS starts, max(ends) AS ends FROM sh GROUP BY opp) d ON d.opp = o.i
CROSS JOIN LATERAL (
    -- Which languages the organiser wrote in: all three, Kazakh and Russian, Russian only or Kazakh only.
    SELECT CASE WHEN o.u_langs < 0.95 THEN t.title_kk || ' — ' || o.centre_kk END AS title_kk,
           CASE WHEN o.u_langs < 0.8 OR o.u_langs >= 0.95 THEN t.title_ru || ' — ' || o.centre_ru END AS title_ru,
           CASE WHEN o.u_langs < 0.5 THEN t.title_en || ' — ' || o.centre_en END AS title_en,
           CASE WHEN o.u_langs < 0.95 THEN t.desc_kk || ' ' || tl.kk END AS desc_kk,
           CASE WHEN o.u_langs < 0.8 OR o.u_langs >= 0.95 THEN t.desc_ru || ' ' || tl.ru END AS desc_ru,
           CASE WHEN o.u_langs < 0.5 THEN t.desc_en || ' ' || tl.en END AS desc_en,
           CASE WHEN o.online THEN NULL
                WHEN o.u_langs < 0.5 THEN o.centre_kk || ', ' || (ARRAY['Абай даңғылы', 'Төле би көшесі', 'Қабанбай батыр көшесі',
                    'Достық даңғылы', 'Сәтбаев көшесі', 'Наурызбай батыр көшесі'])[1 + o.street] || ', ' || o.house
                ELSE o.centre_ru || ', ' || (ARRAY['пр. Абая', 'ул. Толе би', 'ул. Кабанбай батыра', 'пр. Достык', 'ул. Сатпаева',
                    'ул. Гоголя'])[1 + o.street] || ', ' || o.house END AS address,
           CASE WHEN t.direction2 IS NOT NULL AND o.u_dir2 < 0.4 THEN ARRAY[t.direction, t.direction2] ELSE ARRAY[t.direction] END AS dirs
) x;

INSERT INTO "Shifts" ("Id", "OpportunityId", "StartsAt", "EndsAt", "Capacity", "RoleKk", "RoleRu", "RoleEn", "Taken", "CheckinSecret", "RemindedAt")
SELECT s.id, o.id, s.starts, s.ends, s.capacity,
       CASE WHEN s.k % 5 = 0 THEN (ARRAY['Тіркеу', 'Көмекші', 'Жүргізуші'])[1 + (s.k / 5) % 3] END,
       CASE WHEN s.k % 5 = 0 THEN (ARRAY['Регистрация', 'Помощник', 'Водитель'])[1 + (s.k / 5) % 3] END,
       CASE WHEN s.k % 5 = 0 AND s.k % 2 = 0 THEN (ARRAY['Registration', 'Helper', 'Driver'])[1 + (s.k / 5) % 3] END,
       coalesce(t.taken, 0),
       decode(md5(random()::text) || md5(random()::text), 'hex'),
       CASE WHEN s.starts < now() + interval '1 day' AND s.opp_status = 'Published' THEN s.starts - interval '1 day' END
FROM sh s
JOIN opp o ON o.i = s.opp
LEFT JOIN taken t ON t.shift = s.k;

INSERT INTO "Applications" ("Id", "ShiftId", "VolunteerId", "Status", "AppliedAt", "UpdatedAt")
SELECT gen_random_uuid(), s.id, v.id, a.status, a.applied, a.applied
FROM app a
JOIN sh s ON s.k = a.shift
JOIN vol v ON v.i = a.volunteer;

-- Hours: on shifts of published opportunities that are over, about fifty a shift. The first applicants of a shift
-- (same formula) are its accepted volunteers; the others were marked by hand by the coordinator, as walk-ins.
\echo hours
CREATE TEMP TABLE past_shift AS
SELECT row_number() OVER (ORDER BY s.k) AS n, s.k, s.id, s.starts, s.ends, o.id AS opp_id, o.org_id, o.owner_id,
       op."Directions"[1] AS direction
FROM sh s
JOIN opp o ON o.i = s.opp
JOIN "Opportunities" op ON op."Id" = o.id
WHERE s.opp_status = 'Published' AND s.ends < now();
SELECT count(*) AS npast FROM past_shift \gset

INSERT INTO "HoursEntries" ("Id", "ShiftId", "OpportunityId", "OrganizationId", "VolunteerId", "DirectionCode", "Date",
    "StartsAt", "EndsAt", "Minutes", "Status", "ConfirmedBy", "ConfirmedAt", "DisputeReason", "DisputedAt", "RevokedAt", "RevokeReason")
SELECT gen_random_uuid(), p.id, p.opp_id, p.org_id, v.id, p.direction,
       ((p.starts + h.late) AT TIME ZONE 'UTC' + interval '5 hours')::date,
       p.starts + h.late, p.ends - h.early,
       (extract(epoch FROM (p.ends - h.early) - (p.starts + h.late)) / 60)::int,
       CASE WHEN h.u < 0.02 THEN 'Revoked' ELSE 'Confirmed' END,
       p.owner_id, least(now() - interval '1 minute', p.ends + interval '1 day'),
       NULL, NULL,
       CASE WHEN h.u < 0.02 THEN least(now() - interval '1 minute', p.ends + interval '5 days') END,
       CASE WHEN h.u < 0.02 THEN 'Келмеген / Не присутствовал' END
FROM (SELECT 1 + (k % :npast) AS n, k / :npast AS r, random() AS u,
             floor(random() * 3) * interval '10 minutes' AS late, floor(random() * 3) * interval '10 minutes' AS early
      FROM generate_series(0, :nhours - 1) AS k) h
JOIN past_shift p ON p.n = h.n
JOIN vol v ON v.i = 1 + ((p.k::bigint * 7919 + h.r::bigint * 104729) % :nvol)::int;


-- Help requests (M9): :nhelpopen in the queue or under way (asked in the last 7 days) and :nhelpclosed closed over two
-- years; those closed more than 90 days ago are erased as the retention job leaves them (no name, phone, address or
-- description; the point rounded). Callers come from a pool of :ncallers phones, drawn with a skew (u²) so that many
-- call again: the repeat-caller look-up and the duplicate search meet people with dozens of requests. The SLA due times
-- follow the default targets (HelpRequests:Sla). No timeline rows: no benchmarked query reads them.
\echo help requests
CREATE TEMP TABLE hr AS
SELECT s.i, s.open, r.kato, r.centre_kk, r.centre_ru,
       r.lat + (s.g1 - 1.5) * CASE WHEN r.city THEN 0.06 ELSE 0.6 END AS lat,
       r.lon + (s.g2 - 1.5) * CASE WHEN r.city THEN 0.09 ELSE 0.9 END AS lon,
       (ARRAY['groceries', 'groceries', 'groceries', 'household', 'transport', 'transport', 'company', 'psychological',
              'disaster', 'digital', 'digital', 'other'])[1 + floor(s.u_cat * 12)::int] AS category,
       CASE WHEN s.u_urg < 0.05 THEN 'Critical' WHEN s.u_urg < 0.25 THEN 'High' WHEN s.u_urg < 0.85 THEN 'Normal' ELSE 'Low' END AS urgency,
       CASE WHEN s.u_lang < 0.55 THEN 'kk' ELSE 'ru' END AS language,
       '+7701' || lpad((1 + floor(s.u_phone * s.u_phone * :ncallers))::int::text, 7, '0') AS phone,
       CASE WHEN s.open THEN now() - random() * interval '7 days' ELSE now() - interval '8 days' - random() * interval '722 days' END AS created,
       s.u_status, s.u_volunteer, s.street, s.house
FROM (SELECT i, i <= :nhelpopen AS open, random() AS u, random() AS u_cat, random() AS u_urg, random() AS u_lang, random() AS u_phone,
             random() + random() + random() AS g1, random() + random() + random() AS g2,
             random() AS u_status, random() AS u_volunteer,
             floor(random() * 6)::int AS street, (1 + floor(random() * 180))::int AS house
      FROM generate_series(1, :nhelpopen + :nhelpclosed) AS i) s
JOIN reg r ON s.u >= r.lo AND s.u < r.hi;

CREATE TEMP TABLE hr2 AS
SELECT h.*,
       h.created + interval '2 minutes' AS queued,
       CASE h.urgency WHEN 'Critical' THEN interval '1 hour' WHEN 'High' THEN interval '4 hours' WHEN 'Normal' THEN interval '24 hours' ELSE interval '72 hours' END AS claim_in,
       CASE h.urgency WHEN 'Critical' THEN interval '4 hours' WHEN 'High' THEN interval '24 hours' WHEN 'Normal' THEN interval '72 hours' ELSE interval '7 days' END AS done_in,
       CASE WHEN h.open THEN
                CASE WHEN h.u_status < 0.2 THEN 'New' WHEN h.u_status < 0.7 THEN 'Open' WHEN h.u_status < 0.9 THEN 'Claimed' ELSE 'DoneUnconfirmed' END
            ELSE CASE WHEN h.u_status < 0.82 THEN 'Closed' WHEN h.u_status < 0.9 THEN 'ClosedUnresponsive'
                      ELSE 'Cancelled' END END AS status,
       -- The helper: volunteers in turn, so that nobody holds more than a claim or two.
       v.id AS helper,
       h.created + interval '2 minutes' + random() * interval '3 days' AS closed
FROM hr h
JOIN vol v ON v.i = 1 + ((h.i::bigint * 7919) % :nvol)::int;

INSERT INTO "HelpRequests" ("Id", "TrackingCode", "Category", "Description", "RegionKato", "Locality", "Address", "Latitude", "Longitude",
    "RequesterName", "Phone", "Language", "Vulnerabilities", "ConsentVersion", "Urgency", "Status", "Source", "OperatorId",
    "CreatedAt", "UpdatedAt", "QueuedAt", "PhoneCodeHash", "PhoneCodeExpiresAt", "PhoneCodeAttempts", "ClaimDueAt", "DoneDueAt",
    "WaitingSince", "PausedSeconds", "ClaimBreachNotifiedAt", "DoneBreachNotifiedAt", "ClaimedBy", "ClaimedAt", "ClaimExpiresAt",
    "DoneAt", "DoneNote", "DoneMinutes", "HelperId", "CallbackAttempts", "NextCallbackAt", "ClosedAt", "ClosedBy", "DuplicateOfId", "ErasedAt")
SELECT gen_random_uuid(),
       -- Unique: the row number in Crockford's alphabet (no check character; nothing here parses these codes).
       (SELECT string_agg(substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', 1 + ((h.i / (32 ^ p)::bigint) % 32)::int, 1), '' ORDER BY p DESC)
        FROM generate_series(0, 7) AS p),
       h.category,
       CASE WHEN x.erased THEN ''
            WHEN h.language = 'kk' THEN 'Көмек керек: ' || h.category || '. Үйде жалғызбын, ертеңге дейін келсеңіздер.'
            ELSE 'Нужна помощь: ' || h.category || '. Живу одна, приходите, пожалуйста, до завтра.' END,
       h.kato,
       CASE WHEN h.language = 'kk' THEN h.centre_kk ELSE h.centre_ru END,
       CASE WHEN x.erased THEN NULL
            WHEN h.language = 'kk' THEN h.centre_kk || ', ' || (ARRAY['Абай даңғылы', 'Төле би көшесі', 'Қабанбай батыр көшесі',
                'Достық даңғылы', 'Сәтбаев көшесі', 'Наурызбай батыр көшесі'])[1 + h.street] || ', ' || h.house
            ELSE h.centre_ru || ', ' || (ARRAY['пр. Абая', 'ул. Толе би', 'ул. Кабанбай батыра', 'пр. Достык', 'ул. Сатпаева',
                'ул. Гоголя'])[1 + h.street] || ', ' || h.house END,
       CASE WHEN x.erased THEN round(h.lat::numeric, 2)::float8 ELSE h.lat END,
       CASE WHEN x.erased THEN round(h.lon::numeric, 2)::float8 ELSE h.lon END,
       CASE WHEN x.erased THEN NULL WHEN h.language = 'kk' THEN 'Сәуле апа' ELSE 'Галина Петровна' END,
       CASE WHEN x.erased THEN NULL ELSE h.phone END,
       h.language,
       CASE WHEN h.u_volunteer < 0.5 THEN ARRAY['elderly'] WHEN h.u_volunteer < 0.6 THEN ARRAY['elderly', 'alone']
            WHEN h.u_volunteer < 0.7 THEN ARRAY['disability'] WHEN h.u_volunteer < 0.8 THEN ARRAY['large_family'] ELSE ARRAY[]::text[] END,
       '2026-11', h.urgency, h.status,
       CASE WHEN h.u_volunteer < 0.6 THEN 'Phone' ELSE 'Online' END, NULL,
       h.created, CASE WHEN h.open THEN h.created + interval '3 minutes' ELSE h.closed END, h.queued,
       NULL, NULL, 0,
       h.queued + h.claim_in, h.queued + h.done_in,
       NULL, 0, NULL, NULL,
       CASE WHEN h.status IN ('Claimed', 'DoneUnconfirmed', 'Closed') THEN h.helper END,
       CASE WHEN h.status IN ('Claimed', 'DoneUnconfirmed', 'Closed') THEN h.queued + interval '30 minutes' END,
       CASE WHEN h.status = 'Claimed' THEN now() + interval '2 hours' END,
       CASE WHEN h.status IN ('DoneUnconfirmed', 'Closed') THEN least(now() - interval '1 minute', h.queued + interval '2 hours') END,
       NULL,
       CASE WHEN h.status IN ('DoneUnconfirmed', 'Closed') THEN 60 END,
       CASE WHEN h.status IN ('DoneUnconfirmed', 'Closed') THEN h.helper END,
       CASE WHEN h.status = 'ClosedUnresponsive' THEN 3 ELSE 0 END,
       CASE WHEN h.status = 'DoneUnconfirmed' THEN now() END,
       CASE WHEN NOT h.open THEN h.closed END, NULL, NULL,
       CASE WHEN x.erased THEN h.closed + interval '90 days' END
FROM hr2 h
CROSS JOIN LATERAL (SELECT NOT h.open AND h.closed < now() - interval '90 days' AS erased) x;

\echo indexes
DO $$
DECLARE ix record;
BEGIN
    FOR ix IN SELECT definition FROM saved_indexes LOOP
        EXECUTE ix.definition;
    END LOOP;
END
$$;

SET session_replication_role = origin;
\echo vacuum and analyze
VACUUM (ANALYZE);
