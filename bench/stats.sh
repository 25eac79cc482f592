#!/usr/bin/env bash
# Measures the statistics at national scale (issue 13): starts the app against the benchmark database (bench/postgres.sh,
# filled by bench/generate.sh) with the daily snapshot job on, times the first snapshot (the whole history), then runs
# wrk against GET /api/v1/stats and the /stats page with the queries of bench/stats-queries.txt (the country and every
# region; all time, the last 30 days, a past month, the last year), next to /health/live (the ceiling).
#   bench/stats.sh
#   BENCH_DURATION=60s BENCH_CONNECTIONS="1 16" bench/stats.sh
#   BENCH_STATS_CACHE=0 bench/stats.sh      every request counted afresh (Statistics:CacheSeconds; 60 by default)
set -euo pipefail
cd "$(dirname "$0")/.."

duration="${BENCH_DURATION:-30s}"
connections="${BENCH_CONNECTIONS:-1 4 16}"
threads="${BENCH_THREADS:-2}"
warmup="${BENCH_WARMUP:-10s}"
queries=bench/stats-queries.txt

# The snapshot is what the figures are read from: forget the last one, so the first run here counts the whole history.
connection="$(bench/postgres.sh)"
pg_port="$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$connection")"
psql_() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -d birge_bench -qtAX -c "$1"; }
psql_ 'DELETE FROM "StatsSnapshots"; DELETE FROM "DailyFigures";' 2>/dev/null || true

cache="${BENCH_STATS_CACHE:-60}"
BENCH_APP_ENV=(Jobs__StatsSnapshot__Enabled=true "Statistics__CacheSeconds=$cache")
started=$(date +%s.%N)
source bench/app.sh

for _ in $(seq 600); do
  [[ "$(psql_ 'SELECT count(*) FROM "StatsSnapshots"')" -gt 0 ]] && break
  kill -0 "$app" 2>/dev/null || { cat "$work/app.log" >&2; exit 1; }
  sleep 0.5
done
snapshot=$(python3 -c "import time; print(f'{time.time() - $started:.1f}')")
figures="$(psql_ 'SELECT count(*) FROM "DailyFigures"')"

for path in /api/v1/stats /stats; do
  status="$(curl -s -o /dev/null -w '%{http_code}' -H 'X-Forwarded-Proto: https' "$base$path?region=750000000")"
  [[ "$status" == 200 ]] || { echo "bench/stats.sh: $path answers $status" >&2; cat "$work/app.log" >&2; exit 1; }
done

echo "bench/stats.sh: warming up ($warmup each)" >&2
most="${connections##* }"
run warmup /api/v1/stats "$queries" "$warmup" "$most" >/dev/null
run warmup /stats "$queries" "$warmup" "$most" >/dev/null

echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, wrk -d$duration --timeout 10s (threads: min(connections, $threads)), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "first snapshot (the whole history, $figures figures): ${snapshot} s from the app's start, the start included; Statistics:CacheSeconds=$cache"
echo
echo "| scenario | connections | requests/s | p50 ms | p95 ms | p99 ms | max ms | non-2xx + errors | load after |"
echo "|---|---|---|---|---|---|---|---|---|"
for c in $connections; do
  run "statistics API \`/api/v1/stats\`" /api/v1/stats "$queries" "$duration" "$c"
  run "dashboard \`/stats\`" /stats "$queries" "$duration" "$c"
  run "ceiling \`/health/live\`" /health/live - "$duration" "$c"
done
