-- The readiness register at national scale (M10), for bench/callout.sh: about two in five of each region's adult
-- volunteers are members of its permanent teams (50 a team: rescue, eco, medical, logistics… one in five on standby),
-- so Almaty has some 11,000 members and a call-out to its teams reaches 10,000 people. Most are available, some
-- unavailable or committed elsewhere; members hold certificates (first aid most often) with expiry dates from three
-- months ago to three years ahead. Run by bench/generate.sh after generate.sql; on its own it replaces what an
-- earlier run made: psql … -f bench/generate-readiness.sql
\set ON_ERROR_STOP on
\echo readiness register
BEGIN;
DELETE FROM "TeamMembers";
DELETE FROM "VolunteerCertificates";
DELETE FROM "Teams";

CREATE TEMP TABLE member ON COMMIT DROP AS
SELECT a."Id" AS account_id, a."RegionKato" AS kato,
       row_number() OVER (PARTITION BY a."RegionKato" ORDER BY a."Id") AS n
FROM "Accounts" a
WHERE a."Status" = 'Active' AND a."BirthDate" <= current_date - interval '18 years'
  AND abs(hashtext(a."Id"::text)) % 5 < 2;

CREATE TEMP TABLE team ON COMMIT DROP AS
SELECT gen_random_uuid() AS id, kato, t AS number
FROM (SELECT kato, max(n) AS members FROM member GROUP BY kato) r,
     generate_series(1, ((r.members + 49) / 50)::int) AS t;

INSERT INTO "Teams" ("Id", "RegionKato", "Name", "Kind", "Equipment", "LastDrillOn", "Standby", "CreatedAt", "CreatedBy", "UpdatedAt")
SELECT t.id, t.kato,
       (ARRAY['Құтқарушылар', 'Эко-жасақ', 'Медициналық топ', 'Логистика', 'Психологиялық көмек'])[1 + t.number % 5] || ' №' || t.number,
       (ARRAY['rescue', 'eco', 'medical', 'logistics', 'psychological'])[1 + t.number % 5],
       CASE WHEN t.number % 5 = 0 THEN 'Қайық, сорғы, құтқару кеудешелері' ELSE NULL END,
       current_date - (t.number * 11 % 300),
       t.number % 5 = 4,
       now() - interval '1 year', (SELECT account_id FROM member LIMIT 1), now() - interval '1 year'
FROM team t;

INSERT INTO "TeamMembers" ("TeamId", "AccountId", "Role", "State", "JoinedAt", "UpdatedAt")
SELECT t.id, m.account_id,
       CASE WHEN (m.n - 1) % 50 = 0 THEN 'leader' WHEN (m.n - 1) % 50 = 1 THEN 'deputy' ELSE 'member' END,
       CASE WHEN m.n % 20 = 7 THEN 'Unavailable' WHEN m.n % 20 = 13 THEN 'Committed' ELSE 'Available' END,
       now() - interval '6 months', now() - interval '6 months'
FROM member m JOIN team t ON t.kato = m.kato AND t.number = 1 + (m.n - 1) / 50;

INSERT INTO "VolunteerCertificates" ("Id", "AccountId", "Code", "ExpiresOn", "ExpiryNoticeSentAt", "CreatedAt", "UpdatedAt")
SELECT gen_random_uuid(), m.account_id, c.code, current_date - 90 + (abs(hashtext(m.account_id::text || c.code)) % 1185), NULL,
       now() - interval '6 months', now() - interval '6 months'
FROM member m
JOIN (VALUES ('first_aid', 60), ('rescuer', 20), ('driver', 25), ('psychological_first_aid', 10), ('eco_volunteer', 15)) AS c(code, percent)
  ON abs(hashtext(c.code || m.account_id::text)) % 100 < c.percent;
COMMIT;

ANALYZE "Teams";
ANALYZE "TeamMembers";
ANALYZE "VolunteerCertificates";
