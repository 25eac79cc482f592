#!/usr/bin/env bash
# Fills the benchmark PostgreSQL (bench/postgres.sh) with national-scale data: 300,000 volunteers with profiles,
# 800 organisations, 30,000 opportunities with 100,000 shifts, 1,000,000 applications, 3,000,000 hours entries and
# 1,100,000 help requests (100,000 open, 1,000,000 closed, with repeat callers) and the readiness register (about
# 100,000 members of 4,900 permanent teams, with certificates) over the 20 regions. SCALE multiplies every count (SCALE=0.01 for a quick try). The database is created afresh and
# migrated by the app's own `migrate` command, then filled by bench/generate.sql.
#   bench/generate.sh
#   SCALE=0.1 bench/generate.sh
set -euo pipefail
cd "$(dirname "$0")/.."

scale="${SCALE:-1}"
connection="$(bench/postgres.sh)"
port="$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$connection")"
database="$(sed -E 's/.*Database=([^;]+).*/\1/' <<<"$connection")"
psql_admin=(psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt)
psql_bench=(psql -h 127.0.0.1 -p "$port" -U postgres -d "$database" -v ON_ERROR_STOP=1 -qAt)

start=$SECONDS
echo "bench/generate.sh: creating $database afresh"
"${psql_admin[@]}" -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '$database' AND pid <> pg_backend_pid()" >/dev/null
"${psql_admin[@]}" -c "DROP DATABASE IF EXISTS $database" -c "CREATE DATABASE $database"

echo "bench/generate.sh: migrating with the app (Release build)"
dotnet build src/Birge.Web -c Release -nologo -v quiet >/dev/null
(cd src/Birge.Web && env ASPNETCORE_ENVIRONMENT=Production Database__Provider=Postgres ConnectionStrings__Birge="$connection" \
  Jobs__Outbox__Enabled=false Logging__LogLevel__Default=Warning Logging__LogLevel__Microsoft.EntityFrameworkCore=None \
  dotnet bin/Release/net10.0/Birge.Web.dll migrate)

echo "bench/generate.sh: generating (SCALE=$scale)"
"${psql_bench[@]}" -v scale="$scale" -f bench/generate.sql
"${psql_bench[@]}" -f bench/generate-readiness.sql

echo "bench/generate.sh: done in $((SECONDS - start)) s; rows:"
"${psql_bench[@]}" -F ' ' <<'SQL'
SELECT 'accounts', count(*) FROM "Accounts"
UNION ALL SELECT 'volunteer profiles', count(*) FROM "VolunteerProfiles"
UNION ALL SELECT 'organisations', count(*) FROM "Organizations"
UNION ALL SELECT 'opportunities', count(*) FROM "Opportunities"
UNION ALL SELECT '  published', count(*) FROM "Opportunities" WHERE "Status" = 'Published'
UNION ALL SELECT '  published, not over', count(*) FROM "Opportunities" WHERE "Status" = 'Published' AND "EndsAt" >= now()
UNION ALL SELECT 'shifts', count(*) FROM "Shifts"
UNION ALL SELECT 'applications', count(*) FROM "Applications"
UNION ALL SELECT 'hours entries', count(*) FROM "HoursEntries"
UNION ALL SELECT 'help requests', count(*) FROM "HelpRequests"
UNION ALL SELECT '  in the queue (new, open)', count(*) FROM "HelpRequests" WHERE "Status" IN ('New', 'Open')
UNION ALL SELECT '  callers with 5 or more', count(*) FROM (SELECT "Phone" FROM "HelpRequests" WHERE "Phone" IS NOT NULL GROUP BY "Phone" HAVING count(*) >= 5) c
UNION ALL SELECT 'teams', count(*) FROM "Teams"
UNION ALL SELECT '  members', count(*) FROM "TeamMembers"
UNION ALL SELECT '  certificates', count(*) FROM "VolunteerCertificates"
UNION ALL SELECT 'database size (MB)', pg_database_size(current_database()) / 1024 / 1024;
SQL
