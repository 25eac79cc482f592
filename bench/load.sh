#!/usr/bin/env bash
# Measures opportunity search under load: starts the app (Release, Production settings, quiet logs) on a free loopback
# port against the benchmark database (bench/postgres.sh, filled by bench/generate.sh), warms it up, then runs wrk
# against the search page, the search API and /health/live (the ceiling: the same app doing nothing), and stops it.
#   bench/load.sh
#   BENCH_DURATION=60s BENCH_CONNECTIONS="1 32" bench/load.sh   one round of the three per number of connections (default 1 4 16)
#   BENCH_BREAKDOWN=1 bench/load.sh     then each query of bench/queries.txt alone against the API, 5 s each
set -euo pipefail
cd "$(dirname "$0")/.."

duration="${BENCH_DURATION:-30s}"
connections="${BENCH_CONNECTIONS:-1 4 16}"
threads="${BENCH_THREADS:-2}"
warmup="${BENCH_WARMUP:-10s}"
queries=bench/queries.txt

BENCH_APP_ENV=()
source bench/app.sh

# Every query must answer 200 before anything is measured.
for path in /opportunities /api/v1/opportunities; do
  status="$(curl -s -o /dev/null -w '%{http_code}' -H 'X-Forwarded-Proto: https' "$base$path?q=%D1%82%D0%B0%D0%B7%D0%B0%D0%BB%D0%B0%D1%83")"
  [[ "$status" == 200 ]] || { echo "bench/load.sh: $path answers $status" >&2; cat "$work/app.log" >&2; exit 1; }
done

echo "bench/load.sh: warming up ($warmup each)" >&2
most="${connections##* }"
run warmup /opportunities "$queries" "$warmup" "$most" >/dev/null
run warmup /api/v1/opportunities "$queries" "$warmup" "$most" >/dev/null
run warmup /health/live - "$warmup" "$most" >/dev/null

echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, wrk -d$duration --timeout 10s (threads: min(connections, $threads)), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| scenario | connections | requests/s | p50 ms | p95 ms | p99 ms | max ms | non-2xx + errors | load after |"
echo "|---|---|---|---|---|---|---|---|---|"
for c in $connections; do
  run "search page \`/opportunities\`" /opportunities "$queries" "$duration" "$c"
  run "search API \`/api/v1/opportunities\`" /api/v1/opportunities "$queries" "$duration" "$c"
  run "ceiling \`/health/live\`" /health/live - "$duration" "$c"
done

if [[ -n "${BENCH_BREAKDOWN:-}" ]]; then
  echo
  echo "| API query alone | connections | requests/s | p50 ms | p95 ms | p99 ms | max ms | non-2xx + errors | load after |"
  echo "|---|---|---|---|---|---|---|---|---|"
  grep -v '^#' "$queries" | grep -v '^$' | while IFS= read -r query; do
    printf '%s\n' "$query" >"$work/one.txt"
    run "\`$query\`" /api/v1/opportunities "$work/one.txt" 5s "$most"
  done
fi
