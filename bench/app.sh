# Sourced by the load scripts (bench/load.sh, bench/help.sh): starts the app (Release, Production settings, quiet logs)
# on a free loopback port against the benchmark database (bench/postgres.sh, filled by bench/generate.sh) and stops it
# on exit. Sets $connection, $work (a temporary folder), $port and $base. Extra settings for the app: BENCH_APP_ENV
# (an array of NAME=value) set before sourcing.
command -v wrk >/dev/null || { echo "bench: wrk is missing (apt-get install wrk)" >&2; exit 1; }
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
  # No background work but what a benchmark turns on in BENCH_APP_ENV: the national-scale data would otherwise have
  # the jobs queue messages (e.g. expiring certificates) in the middle of a measurement.
  Jobs__Outbox__Enabled=false
  Jobs__Reminders__Enabled=false
  Jobs__UnconfirmedAccounts__Enabled=false
  Jobs__CertificateExpiry__Enabled=false
  Jobs__CallOutWaves__Enabled=false
  Jobs__ClaimExpiry__Enabled=false
  Jobs__SlaEscalation__Enabled=false
  Jobs__HelpRequestRetention__Enabled=false
  Jobs__StatsSnapshot__Enabled=false
  Jobs__Reports__Enabled=false
  Jobs__OpenData__Enabled=false
  Logging__LogLevel__Default=Warning
  Logging__LogLevel__Microsoft.EntityFrameworkCore=None
  "Birge__PublicUrl=$base"
  # As behind nginx (docs/deploy.md): TLS ends there, the app learns it from X-Forwarded-Proto, which wrk sends.
  ForwardedHeaders__Enabled=true
  "${BENCH_APP_ENV[@]}"
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

# One row of a Markdown table a run, from the RESULT line a wrk script of bench/ prints.
run() { # name path file duration connections [script]
  local line
  line="$(wrk -t"$(( $5 < threads ? $5 : threads ))" -c"$5" -d"$4" --timeout 10s -s "${6:-bench/search.lua}" "$base" -- "$2" "$3" | grep '^RESULT')"
  [[ "$line" =~ requests=([0-9]+)\ rps=([0-9.]+)\ p50=([0-9.]+)\ p95=([0-9.]+)\ p99=([0-9.]+)\ max=([0-9.]+)\ non2xx=([0-9]+)\ errors=([0-9]+) ]] ||
    { echo "bench: wrk said: $line" >&2; return 1; }
  local m=("${BASH_REMATCH[@]}")
  echo "| $1 | $5 | ${m[2]} | ${m[3]} | ${m[4]} | ${m[5]} | ${m[6]} | ${m[7]} + ${m[8]} | $(cut -d' ' -f1 /proc/loadavg) |"
}
