#!/usr/bin/env bash
# Tests Birge's backups end to end with the scripts in deploy/backup/, on a throwaway PostgreSQL 15 on a free
# loopback port (as the postgres user), in a temporary folder that is removed at the end:
#   1. WAL archiving on (archive-wal.sh, archive_timeout = 60); the schema from the app's own `migrate` (Release
#      build), a small sample from bench/generate.sql (SCALE, default 0.01);
#   2. a base backup with basebackup.sh (pg_basebackup + pg_verifybackup), then more rows (phase A);
#   3. the time T, the row counts of "Accounts", "Opportunities", "Applications" and "HelpRequests" and an md5 of
#      100 chosen rows of each at T;
#   4. after T: more rows, changes to some of the chosen rows, deleted applications (phase B), then one probe row
#      every 0.5 s for PROBE_SECONDS (default 70) — and then the primary is killed (pg_ctl stop -m immediate);
#   5. restore.sh --target-time T into a new instance: counts and md5s must equal those at T, and nothing written
#      after T may be there;
#   6. restore.sh --target-time latest into another new instance: its newest probe row against the newest committed
#      one is the recovery point actually reached (with archive_timeout = 60, at most about a minute behind).
# Prints PASS or FAIL, the recovery point and the recovery times. About 2 minutes after the build; never more than
# TIMEOUT (default 300 s). Stops and removes everything it started (KEEP=1 keeps the folder for a look).
#   bench/restore-test.sh
#   SCALE=0.05 PROBE_SECONDS=90 bench/restore-test.sh
#   LOAD=after-backup SCALE=0.1 bench/restore-test.sh     the sample comes from the WAL archive: measures replay
set -euo pipefail
self="$(realpath "$0")"
cd "$(dirname "$self")/.."
# The Release build first (it can take minutes while other builds share the machine), then the test itself with a
# hard bound (TIMEOUT seconds, default 300): timeout signals the whole process group, and the EXIT trap below still
# stops and removes what was started.
if [[ -z "${BIRGE_RESTORE_TEST_BOUNDED:-}" ]]; then
  echo "restore-test.sh: building the app (Release)"
  for attempt in 1 2 3; do
    if build_log="$(dotnet build src/Birge.Web -c Release -nologo -v quiet 2>&1)"; then break; fi
    [[ $attempt -lt 3 ]] || { echo "$build_log"; exit 1; }
    sleep 10   # another build holding a lock
  done
  export BIRGE_RESTORE_TEST_BOUNDED=1
  exec timeout -k 20 "${TIMEOUT:-300}" "$self" "$@"
fi

scale="${SCALE:-0.01}"
probe_seconds="${PROBE_SECONDS:-70}"
pg_bin="$(ls -d /usr/lib/postgresql/15/bin 2>/dev/null || ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
if [[ ! -x "${pg_bin}/initdb" ]]; then
  echo "restore-test.sh: installing postgresql" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "restore-test.sh: run as root (PostgreSQL runs as the postgres user)" >&2
  exit 2
fi
id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
as_pg=(runuser -u postgres --)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
now() { date +%s.%N; }
log() { echo "restore-test.sh: $*"; }
t_start="$(now)"

work="$(mktemp -d /tmp/birge-restore-test.XXXXXX)"
chmod 755 "$work"
mkdir -p "$work/backups"
chown postgres: "$work" "$work/backups"
# The deploy scripts as installed: a copy readable by postgres wherever the repository lives.
mkdir -p "$work/bin"
cp deploy/backup/*.sh "$work/bin/"
chmod 755 "$work/bin"/*.sh
started=()
cleanup() {
  local rc=$?
  for d in "${started[@]}"; do
    "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$d" -m immediate stop >/dev/null 2>&1 || true
  done
  if [[ "${KEEP:-0}" == 1 ]]; then
    echo "restore-test.sh: kept $work" >&2
  else
    rm -rf "$work"
  fi
  exit $rc
}
trap cleanup EXIT
trap 'echo "restore-test.sh: stopped (TIMEOUT?)" >&2; exit 143' TERM INT

port="$(free_port)"
"${as_pg[@]}" "$pg_bin/initdb" -D "$work/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
cat >>"$work/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$work'
max_wal_size = 1GB
# What deploy/backup/postgresql-archive.conf sets, with this test's folder:
archive_mode = on
archive_command = '$work/bin/archive-wal.sh $work/backups %p %f'
archive_timeout = 60
wal_level = replica
EOF
(cd "$work" && "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$work/data" -l "$work/source.log" -w start >/dev/null)
started+=("$work/data")
log "source PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port with WAL archiving into $work/backups"

psql_on() { local p="$1"; shift; psql -h 127.0.0.1 -p "$p" -U postgres -d birge -X -v ON_ERROR_STOP=1 -qAt "$@"; }
src() { psql_on "$port" "$@"; }
psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -X -qAt -c "CREATE DATABASE birge"

log "migrating with the app's own migrate command (Release build)"
(cd src/Birge.Web && env ASPNETCORE_ENVIRONMENT=Production Database__Provider=Postgres \
  ConnectionStrings__Birge="Host=127.0.0.1;Port=$port;Username=postgres;Database=birge" \
  Jobs__Outbox__Enabled=false Logging__LogLevel__Default=Warning Logging__LogLevel__Microsoft.EntityFrameworkCore=None \
  dotnet bin/Release/net10.0/Birge.Web.dll migrate >"$work/migrate.log" 2>&1) || { cat "$work/migrate.log"; exit 1; }
src -c "CREATE TABLE restore_probe (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT clock_timestamp())"
tables=(Accounts Opportunities Applications HelpRequests)
counts() { local p="$1"; for t in "${tables[@]}"; do printf '%s=%s ' "$t" "$(psql_on "$p" -c "SELECT count(*) FROM \"$t\"")"; done; }
fill() {
  log "filling a sample: bench/generate.sql with scale $scale"
  src -v scale="$scale" -f bench/generate.sql >"$work/generate.log"
  log "sample: $(counts "$port")database $(src -c "SELECT pg_size_pretty(pg_database_size('birge'))")"
}
base_backup() {
  log "base backup with deploy/backup/basebackup.sh"
  local t0; t0="$(now)"
  "${as_pg[@]}" env BIRGE_BACKUP_ENV=/nonexistent BIRGE_BACKUP_DIR="$work/backups" BIRGE_BACKUP_CHECKPOINT=fast \
    PGHOST=127.0.0.1 PGPORT="$port" PGUSER=postgres BIRGE_PG_BIN="$pg_bin" "$work/bin/basebackup.sh" 2>&1 | sed 's/^/  /'
  backup_seconds="$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')"
  backup="$(ls -d "$work"/backups/base/2* | tail -1)"
  backup_mb="$(awk -F= '$1 == "size_bytes" { printf "%.1f", $2 / 1048576 }' "$backup/info")"
}
# LOAD=after-backup backs up the empty schema first, so that the restore replays the whole sample from the WAL
# archive (to measure the replay rate); the default backs up the filled sample.
if [[ "${LOAD:-before-backup}" == after-backup ]]; then base_backup; fill; else fill; base_backup; fi

# Writes: new accounts (with their applications), opportunities and help requests, copied from existing rows with
# new keys, so every row is valid for the schema.
write_rows() { # phase letter, rows per table
  src <<SQL
BEGIN;
CREATE TEMP TABLE a ON COMMIT DROP AS SELECT * FROM "Accounts" WHERE "Email" IS NOT NULL ORDER BY "Id" LIMIT $2;
UPDATE a SET "Id" = gen_random_uuid(), "Email" = 'restore-$1-' || "Id" || '@example.com', "Phone" = NULL, "Iin" = NULL,
             "CreatedAt" = now();
UPDATE a SET "NormalizedEmail" = upper("Email");
INSERT INTO "Accounts" SELECT * FROM a;
CREATE TEMP TABLE ap ON COMMIT DROP AS
  SELECT x.* FROM (SELECT *, row_number() OVER (ORDER BY "Id") AS n FROM "Applications" LIMIT $2) x;
UPDATE ap SET "Id" = gen_random_uuid(), "AppliedAt" = now(), "UpdatedAt" = now(),
              "VolunteerId" = v."Id" FROM (SELECT "Id", row_number() OVER (ORDER BY "Id") AS n FROM a) v WHERE v.n = ap.n;
ALTER TABLE ap DROP COLUMN n;
INSERT INTO "Applications" SELECT * FROM ap;
CREATE TEMP TABLE o ON COMMIT DROP AS SELECT * FROM "Opportunities" ORDER BY "Id" LIMIT $2 / 5;
UPDATE o SET "Id" = gen_random_uuid(), "UpdatedAt" = now();
INSERT INTO "Opportunities" SELECT * FROM o;
CREATE TEMP TABLE h ON COMMIT DROP AS
  SELECT x.* FROM (SELECT *, row_number() OVER (ORDER BY "Id") AS n FROM "HelpRequests" LIMIT $2) x;
UPDATE h SET "Id" = gen_random_uuid(), "CreatedAt" = now(), "UpdatedAt" = now(),
             "TrackingCode" = 'Z' || upper('$1') || lpad(n::text, 6, '0');
ALTER TABLE h DROP COLUMN n;
INSERT INTO "HelpRequests" SELECT * FROM h;
COMMIT;
SQL
}
write_rows a 1000
log "phase A: 1,000 accounts with applications, 200 opportunities, 1,000 help requests written after the backup"

# The 100 chosen rows of each table: spread over the whole table (by md5 of the key), fixed at T.
sample_ids() { src -c "SELECT string_agg(quote_literal(\"Id\"::text), ',' ORDER BY \"Id\") FROM (SELECT \"Id\" FROM \"$1\" ORDER BY md5(\"Id\"::text) LIMIT 100) s"; }
declare -A ids md5_at_t
sleep 1
target="$(src -c "SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00'")"
sleep 1
for t in "${tables[@]}"; do
  ids[$t]="$(sample_ids "$t")"
done
sample_md5() { psql_on "$1" -c "SELECT md5(string_agg(r::text, '|' ORDER BY r.\"Id\")) || ' (' || count(*) || ' rows)' FROM \"$2\" r WHERE r.\"Id\"::text IN (${ids[$2]})"; }
for t in "${tables[@]}"; do md5_at_t[$t]="$(sample_md5 "$port" "$t")"; done
counts_at_t="$(counts "$port")"
log "T = $target; at T: $counts_at_t"

# After T: new rows, and changes to 10 of the chosen rows of each table (5 chosen applications deleted).
write_rows b 500
src <<SQL
UPDATE "Accounts" SET "FullName" = "FullName" || ' (changed after T)' WHERE "Id"::text IN (SELECT unnest(ARRAY[${ids[Accounts]}]) LIMIT 10);
UPDATE "Opportunities" SET "UpdatedAt" = now(), "MinAge" = "MinAge" + 1 WHERE "Id"::text IN (SELECT unnest(ARRAY[${ids[Opportunities]}]) LIMIT 10);
UPDATE "HelpRequests" SET "UpdatedAt" = now(), "PausedSeconds" = "PausedSeconds" + 60 WHERE "Id"::text IN (SELECT unnest(ARRAY[${ids[HelpRequests]}]) LIMIT 10);
UPDATE "Applications" SET "UpdatedAt" = now() WHERE "Id"::text IN (SELECT unnest(ARRAY[${ids[Applications]}]) LIMIT 5);
DELETE FROM "Applications" WHERE "Id"::text IN (SELECT unnest(ARRAY[${ids[Applications]}]) OFFSET 95);
SQL
changed=0
for t in "${tables[@]}"; do [[ "$(sample_md5 "$port" "$t")" == "${md5_at_t[$t]}" ]] || changed=$((changed + 1)); done
log "phase B after T: 500 more accounts with applications, 100 opportunities, 500 help requests; 10 chosen rows of each table changed or deleted ($changed of ${#tables[@]} tables' samples now differ from T)"

log "probe: one committed row every 0.5 s for $probe_seconds s, then the source is killed"
src -c "DO \$\$ BEGIN FOR i IN 1..$((probe_seconds * 2)) LOOP INSERT INTO restore_probe DEFAULT VALUES; COMMIT; PERFORM pg_sleep(0.5); END LOOP; END \$\$"
last_committed="$(src -c "SELECT to_char(max(at) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00' FROM restore_probe")"
counts_final="$(counts "$port")"
archiver="$(src -F ' ' -c "SELECT archived_count, last_archived_wal, failed_count FROM pg_stat_archiver")"
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null
log "source killed (pg_ctl stop -m immediate): last committed row $last_committed; $counts_final"
log "archiver before the kill: archived, last, failed = $archiver"

fail=0
restore_into() { # name, target (run in $(...): the caller adds the folder to "started")
  local p; p="$(free_port)"
  "$work/bin/restore.sh" --backup-dir "$work/backups" --target-time "$2" --into "$work/$1" --port "$p" --timeout "${RESTORE_TIMEOUT:-180}" \
    >"$work/$1.out" 2>&1 || { sed 's/^/  /' "$work/$1.out"; return 1; }
  sed 's/^/  /' "$work/$1.out"
  echo "$p"
}

log "restoring to T with deploy/backup/restore.sh"
started+=("$work/restored-t" "$work/restored-latest")
if ! out="$(restore_into restored-t "$target")"; then
  echo "$out"; log "restore to T failed"; fail=1
else
  echo "$out" | sed '$d'; rport="$(echo "$out" | tail -1)"
  rto_t="$(sed -nE 's/^restored in ([0-9.]+) s$/\1/p' "$work/restored-t.out")"
  counts_restored="$(counts "$rport")"
  if [[ "$counts_restored" == "$counts_at_t" ]]; then log "counts equal those at T: $counts_restored"; else
    log "FAIL counts differ: at T $counts_at_t, restored $counts_restored"; fail=1; fi
  for t in "${tables[@]}"; do
    m="$(sample_md5 "$rport" "$t")"
    if [[ "$m" == "${md5_at_t[$t]}" ]]; then log "\"$t\": 100 chosen rows equal those at T (md5 ${m})"; else
      log "FAIL \"$t\": chosen rows differ: at T ${md5_at_t[$t]}, restored $m"; fail=1; fi
  done
  after_t="$(psql_on "$rport" -c "SELECT (SELECT count(*) FROM \"Accounts\" WHERE \"Email\" LIKE 'restore-b-%') + (SELECT count(*) FROM restore_probe)")"
  if [[ "$after_t" == 0 ]]; then log "no row written after T is present"; else log "FAIL $after_t rows written after T are present"; fail=1; fi
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$work/restored-t" -m fast stop >/dev/null
fi

log "restoring everything the archive holds (--target-time latest) to measure the recovery point"
if ! out="$(restore_into restored-latest latest)"; then
  echo "$out"; log "restore of the latest state failed"; fail=1
else
  echo "$out" | sed '$d'; rport="$(echo "$out" | tail -1)"
  rto_latest="$(sed -nE 's/^restored in ([0-9.]+) s$/\1/p' "$work/restored-latest.out")"
  last_recovered="$(psql_on "$rport" -c "SELECT coalesce(to_char(max(at) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00', 'none') FROM restore_probe")"
  probes="$(psql_on "$rport" -c "SELECT count(*) FROM restore_probe")"
  rpo="$(psql_on "$rport" -c "SELECT round(extract(epoch FROM '$last_committed'::timestamptz - max(at))::numeric, 1) FROM restore_probe")"
  log "newest recoverable probe row $last_recovered ($probes of $((probe_seconds * 2)) probe rows), newest committed $last_committed"
  if [[ -z "$rpo" ]]; then log "FAIL no probe row recovered"; fail=1
  elif awk -v r="$rpo" 'BEGIN { exit !(r > 65) }'; then log "FAIL recovery point $rpo s behind, more than archive_timeout allows"; fail=1; fi
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$work/restored-latest" -m fast stop >/dev/null
fi

# archive-wal.sh's refusal: the same file again is fine, another file under an archived name is refused.
seg=
for f in "$work"/backups/wal/*.gz; do
  f="$(basename "$f" .gz)"
  if [[ "$f" =~ ^[0-9A-F]{24}$ ]]; then seg="$f"; break; fi
done
gzip -dc "$work/backups/wal/$seg.gz" >"$work/seg.copy"; echo other >"$work/seg.other"; chown postgres "$work"/seg.*
if (cd "$work" && "${as_pg[@]}" "$work/bin/archive-wal.sh" "$work/backups" seg.copy "$seg") &&
   ! (cd "$work" && "${as_pg[@]}" "$work/bin/archive-wal.sh" "$work/backups" seg.other "$seg" 2>/dev/null); then
  log "archive-wal.sh: re-archiving $seg with the same bytes succeeds, with other bytes is refused"
else
  log "FAIL archive-wal.sh does not refuse to overwrite $seg"; fail=1
fi

total="$(awk -v a="$t_start" -v b="$(now)" 'BEGIN { printf "%.0f", b - a }')"
echo
echo "restore-test: date $(date -u '+%Y-%m-%d %H:%M UTC'), SCALE=$scale, LOAD=${LOAD:-before-backup}, base backup $backup_mb MiB compressed in $backup_seconds s"
echo "restore-test: recovery point: ${rpo:-?} s (newest recoverable committed row vs newest committed row, archive_timeout = 60)"
wal_t="$(sed -nE 's/.*WAL segments replayed from the archive: ([0-9]+).*/\1/p' "$work/restored-t.out" 2>/dev/null || true)"
echo "restore-test: recovery time: ${rto_t:-?} s to T (${wal_t:-?} WAL segments of 16 MiB replayed), ${rto_latest:-?} s to the latest state (restore.sh start to promoted and answering)"
echo "restore-test: total $total s"
if [[ $fail -eq 0 ]]; then echo "restore-test: PASS"; else echo "restore-test: FAIL"; exit 1; fi
