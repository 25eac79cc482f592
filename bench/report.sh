#!/usr/bin/env bash
# Measures making the reports (issue 13: a region's monthly PDF in under 10 s) at national scale: queues Almaty's
# report of last month in kk, ru and en, and the national half-year "Volunteers in numbers" in kk, as a staff member's
# request does, runs the app with the reports job on (every second) against the benchmark database (bench/postgres.sh,
# filled by bench/generate.sh; the statistics snapshot is taken first if there is none), and reports each one's time
# from taken to ready, and its size. The PDFs are left in BENCH_REPORTS_OUT (default /tmp/birge-reports) to look at.
#   bench/report.sh
set -euo pipefail
cd "$(dirname "$0")/.."

out="${BENCH_REPORTS_OUT:-/tmp/birge-reports}"
BENCH_APP_ENV=(Jobs__Reports__Enabled=true Jobs__Reports__Interval=00:00:01 Jobs__StatsSnapshot__Enabled=true)
source bench/app.sh
port_pg="$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$connection")"
psql_bench=(psql -h 127.0.0.1 -p "$port_pg" -U postgres -d birge_bench -v ON_ERROR_STOP=1 -qAt)

for _ in $(seq 600); do
  [[ "$("${psql_bench[@]}" -c 'SELECT count(*) FROM "StatsSnapshots"')" -gt 0 ]] && break
  kill -0 "$app" 2>/dev/null || { cat "$work/app.log" >&2; exit 1; }
  sleep 0.5
done

almaty=750000000
month_from="$(date -u -d "$(date -u +%Y-%m-01) -1 month" +%F)"
month_to="$(date -u -d "$(date -u +%Y-%m-01) -1 day" +%F)"
if (( 10#$(date -u +%m) > 6 )); then half_from="$(date -u +%Y)-01-01"; half_to="$(date -u +%Y)-06-30"; else
  half_from="$(( $(date -u +%Y) - 1 ))-07-01"; half_to="$(( $(date -u +%Y) - 1 ))-12-31"; fi
stamp="bench-$(date +%s)"
"${psql_bench[@]}" >/dev/null <<SQL
DELETE FROM "Reports" WHERE "RequestedBy" = '00000000-0000-0000-0000-0000000be4c0';
INSERT INTO "Reports" ("Id", "Kind", "RegionKato", "From", "To", "Language", "Status", "Progress", "RequestedBy", "CreatedAt")
VALUES (gen_random_uuid(), 'monthly', '$almaty', '$month_from', '$month_to', 'kk', 'queued', 0, '00000000-0000-0000-0000-0000000be4c0', now()),
       (gen_random_uuid(), 'monthly', '$almaty', '$month_from', '$month_to', 'ru', 'queued', 0, '00000000-0000-0000-0000-0000000be4c0', now() + interval '1 ms'),
       (gen_random_uuid(), 'monthly', '$almaty', '$month_from', '$month_to', 'en', 'queued', 0, '00000000-0000-0000-0000-0000000be4c0', now() + interval '2 ms'),
       (gen_random_uuid(), 'semiannual', 'national', '$half_from', '$half_to', 'kk', 'queued', 0, '00000000-0000-0000-0000-0000000be4c0', now() + interval '3 ms');
SQL
echo "bench/report.sh: 4 reports queued ($stamp)" >&2
for _ in $(seq 600); do
  [[ "$("${psql_bench[@]}" -c "SELECT count(*) FROM \"Reports\" WHERE \"RequestedBy\" = '00000000-0000-0000-0000-0000000be4c0' AND \"Status\" IN ('queued', 'making')")" == 0 ]] && break
  kill -0 "$app" 2>/dev/null || { cat "$work/app.log" >&2; exit 1; }
  sleep 0.5
done

mkdir -p "$out"
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| report | language | status | seconds from taken to ready | pages | KB |"
echo "|---|---|---|---|---|---|"
"${psql_bench[@]}" -F ' ' -c "SELECT \"Id\", \"Kind\", \"RegionKato\", \"From\", \"Language\", \"Status\", round(extract(epoch FROM \"ReadyAt\" - \"StartedAt\")::numeric, 2) FROM \"Reports\" WHERE \"RequestedBy\" = '00000000-0000-0000-0000-0000000be4c0' ORDER BY \"CreatedAt\"" |
while read -r id kind region from language status seconds; do
  file="$out/$kind-$region-$from-$language.pdf"
  "${psql_bench[@]}" -c "SELECT encode(\"Pdf\", 'base64') FROM \"Reports\" WHERE \"Id\" = '$id'" | base64 -d >"$file" 2>/dev/null || true
  pages="$(pdfinfo "$file" 2>/dev/null | sed -nE 's/^Pages: +//p')"
  echo "| $kind $region $from | $language | $status | ${seconds:-} | ${pages:-?} | $(( $(stat -c %s "$file") / 1024 )) |"
done
