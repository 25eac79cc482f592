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

command -v wrk >/dev/null || { echo "bench/load.sh: wrk is missing (apt-get install wrk)" >&2; exit 1; }
connection="$(bench/postgres.sh)"
work="$(mktemp -d /tmp/birge-load.XXXXXX)"
app=
cleanup() {
  if [[ -n "$app" ]]; then
    kill "$app" 2>/dev/null || true
    wait "$app" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
base="http://127.0.0.1:$port"

dotnet build src/Birge.Web -c Release -nologo -v quiet >/dev/null
app_env=(
  ASPNETCORE_ENVIRONMENT=Production
  Database__Provider=Postgres
  "ConnectionStrings__Birge=$connection;Maximum Pool Size=64"
  Jobs__Outbox__Enabled=false
  Jobs__Reminders__Enabled=false
  Jobs__UnconfirmedAccounts__Enabled=false
  Logging__LogLevel__Default=Warning
  Logging__LogLevel__Microsoft.EntityFrameworkCore=None
  "Birge__PublicUrl=$base"
  # As behind nginx (docs/deploy.md): TLS ends there, the app learns it from X-Forwarded-Proto, which wrk sends.
  ForwardedHeaders__Enabled=true
)
# Production refuses to start without a certificate signing key: a throwaway one for this run.
openssl ecparam -name prime256v1 -genkey -noout 2>/dev/null | openssl pkcs8 -topk8 -nocrypt -out "$work/signing-key.pem"
app_env+=("Certificates__SigningKeyFile=$work/signing-key.pem")

# Brings the schema up to date (a migration added after the data was generated, e.g. an index).
(cd src/Birge.Web && env "${app_env[@]}" dotnet bin/Release/net10.0/Birge.Web.dll migrate >/dev/null)

(cd src/Birge.Web && exec env "${app_env[@]}" dotnet bin/Release/net10.0/Birge.Web.dll --urls "$base") >"$work/app.log" 2>&1 &
app=$!
for _ in $(seq 120); do
  curl -fs "$base/health/live" >/dev/null && break
  kill -0 "$app" 2>/dev/null || { cat "$work/app.log" >&2; exit 1; }
  sleep 0.5
done

# Every query must answer 200 before anything is measured.
for path in /opportunities /api/v1/opportunities; do
  status="$(curl -s -o /dev/null -w '%{http_code}' -H 'X-Forwarded-Proto: https' "$base$path?q=%D1%82%D0%B0%D0%B7%D0%B0%D0%BB%D0%B0%D1%83")"
  [[ "$status" == 200 ]] || { echo "bench/load.sh: $path answers $status" >&2; cat "$work/app.log" >&2; exit 1; }
done

# One row of a Markdown table a run, from the RESULT line bench/search.lua prints.
run() { # name path file duration connections
  local line
  line="$(wrk -t"$(( $5 < threads ? $5 : threads ))" -c"$5" -d"$4" --timeout 10s -s bench/search.lua "$base" -- "$2" "$3" | grep '^RESULT')"
  [[ "$line" =~ requests=([0-9]+)\ rps=([0-9.]+)\ p50=([0-9.]+)\ p95=([0-9.]+)\ p99=([0-9.]+)\ max=([0-9.]+)\ non2xx=([0-9]+)\ errors=([0-9]+) ]] ||
    { echo "bench/load.sh: wrk said: $line" >&2; return 1; }
  local m=("${BASH_REMATCH[@]}")
  echo "| $1 | $5 | ${m[2]} | ${m[3]} | ${m[4]} | ${m[5]} | ${m[6]} | ${m[7]} + ${m[8]} | $(cut -d' ' -f1 /proc/loadavg) |"
}

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
