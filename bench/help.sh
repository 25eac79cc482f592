#!/usr/bin/env bash
# Measures help requests under load (issue 10): intake (a citizen's POST /api/v1/help-requests, each a new phone), a
# volunteer's nearby list (GET /api/v1/help-requests near a point, and in their region), one request's suggested
# volunteers (GET /api/v1/help-requests/{id}/suggestions, an operator), next to the ceiling /health/live. Runs the app
# as bench/load.sh does (bench/app.sh), against the database bench/generate.sh filled, with the rate limits off (they
# would stop one address after ten requests a minute: the figure here is what the app and database can take).
#   bench/help.sh
#   BENCH_DURATION=60s BENCH_CONNECTIONS="1 16" bench/help.sh
#   BENCH_ONLY="suggestions region" bench/help.sh     (of: intake nearby region suggestions ceiling)
set -euo pipefail
cd "$(dirname "$0")/.."

duration="${BENCH_DURATION:-30s}"
connections="${BENCH_CONNECTIONS:-1 4 16}"
threads="${BENCH_THREADS:-2}"
warmup="${BENCH_WARMUP:-10s}"
only=" ${BENCH_ONLY:-intake nearby region suggestions ceiling} "

BENCH_APP_ENV=(RateLimiting__Enabled=false Jobs__ClaimExpiry__Enabled=false Jobs__SlaEscalation__Enabled=false Jobs__HelpRequestRetention__Enabled=false)
source bench/app.sh

port_pg="$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$connection")"
psql_bench=(psql -h 127.0.0.1 -p "$port_pg" -U postgres -d birge_bench -v ON_ERROR_STOP=1 -qAt)

# Two people who log in through the API: a volunteer of Almaty and an operator of the national office.
json() { curl -sf -H 'Content-Type: application/json' -H 'X-Forwarded-Proto: https' "$@"; }
token() { # login
  json -X POST "$base/api/v1/auth/token" -d "{\"login\":\"$1\",\"password\":\"Bench-2026-pass\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])'
}
person() { # email name
  json -X POST "$base/api/v1/accounts" -d "{\"email\":\"$1\",\"password\":\"Bench-2026-pass\",\"fullName\":\"$2\",\"birthDate\":\"1990-05-01\",\"regionKato\":\"750000000\",\"consentVersion\":\"2026-11\"}" >/dev/null || true
}
stamp="$(date +%s)"
person "bench.volunteer.$stamp@example.com" "Бенч Волонтёр"
person "bench.operator.$stamp@example.com" "Бенч Оператор"
"${psql_bench[@]}" -c "INSERT INTO \"FrontOfficeStaff\" SELECT 'national', \"Id\", 'operator', now(), \"Id\" FROM \"Accounts\" WHERE \"Email\" = 'bench.operator.$stamp@example.com'" >/dev/null
volunteer_token="$(token "bench.volunteer.$stamp@example.com")"
operator_token="$(token "bench.operator.$stamp@example.com")"

# What volunteers ask: near the centre of each of the 20 regions (10 km, some 3 or 25), and their own region.
"${psql_bench[@]}" -F ' ' -c "SELECT round(\"Latitude\"::numeric, 4), round(\"Longitude\"::numeric, 4) FROM \"Regions\" ORDER BY \"Kato\"" |
  awk '{ printf "?lat=%s&lon=%s&radiusKm=10\n?lat=%s&lon=%s&radiusKm=3\n?lat=%s&lon=%s&radiusKm=25\n", $1, $2, $1, $2, $1, $2 }' >"$work/nearby.txt"
echo "?" >"$work/region.txt"
# One request's suggestions: 200 open requests of every region, by their id.
"${psql_bench[@]}" -c "SELECT '/' || \"Id\" || '/suggestions' FROM \"HelpRequests\" WHERE \"Status\" IN ('New', 'Open') ORDER BY random() LIMIT 200" >"$work/suggestions.txt"

for check in "$volunteer_token|/api/v1/help-requests$(head -1 "$work/nearby.txt")" "$operator_token|/api/v1/help-requests$(head -1 "$work/suggestions.txt")"; do
  status="$(curl -s -o /dev/null -w '%{http_code}' -H 'X-Forwarded-Proto: https' -H "Authorization: Bearer ${check%%|*}" "$base${check#*|}")"
  [[ "$status" == 200 ]] || { echo "bench/help.sh: ${check#*|} answers $status" >&2; cat "$work/app.log" >&2; exit 1; }
done

scenario() { # key name path file connections duration
  [[ "$only" == *" $1 "* ]] || return 0
  shift
  case "$3" in
    intake) BENCH_TOKEN= run "$1" "$2" intake "$5" "$4" bench/help.lua ;;
    *suggestions.txt) BENCH_TOKEN="$operator_token" run "$1" "$2" "$3" "$5" "$4" bench/help.lua ;;
    -) run "$1" "$2" - "$5" "$4" ;;
    *) BENCH_TOKEN="$volunteer_token" run "$1" "$2" "$3" "$5" "$4" bench/help.lua ;;
  esac
}

echo "bench/help.sh: warming up ($warmup each)" >&2
most="${connections##* }"
scenario intake warmup /api/v1/help-requests intake "$most" "$warmup" >/dev/null
scenario nearby warmup /api/v1/help-requests "$work/nearby.txt" "$most" "$warmup" >/dev/null
scenario region warmup /api/v1/help-requests "$work/region.txt" "$most" "$warmup" >/dev/null
scenario suggestions warmup /api/v1/help-requests "$work/suggestions.txt" "$most" "$warmup" >/dev/null

echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, wrk -d$duration --timeout 10s (threads: min(connections, $threads)), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| scenario | connections | requests/s | p50 ms | p95 ms | p99 ms | max ms | non-2xx + errors | load after |"
echo "|---|---|---|---|---|---|---|---|---|"
for c in $connections; do
  scenario intake "intake \`POST /api/v1/help-requests\`" /api/v1/help-requests intake "$c" "$duration"
  scenario nearby "nearby \`GET /api/v1/help-requests?lat&lon&radiusKm\`" /api/v1/help-requests "$work/nearby.txt" "$c" "$duration"
  scenario region "in the region \`GET /api/v1/help-requests\`" /api/v1/help-requests "$work/region.txt" "$c" "$duration"
  scenario suggestions "suggestions \`GET /api/v1/help-requests/{id}/suggestions\`" /api/v1/help-requests "$work/suggestions.txt" "$c" "$duration"
  scenario ceiling "ceiling \`/health/live\`" /health/live - "$c" "$duration"
done
