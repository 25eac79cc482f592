#!/usr/bin/env bash
# Measures sending a call-out to about 10,000 people (issue 11: queued in under 5 s): regional staff of Almaty post
# POST /api/v1/call-outs naming every team of the region (standby ones too), against the readiness register
# bench/generate.sh filled (bench/generate-readiness.sql: ~11,000 members in Almaty, ~10,000 of them available). The
# request returns once every recipient, in-app notice, SMS and e-mail is stored, so its time is the time to queue; the
# script then counts what was queued. Each run sends BENCH_RUNS (default 3) call-outs, one after another.
#   bench/callout.sh
#   BENCH_RUNS=5 bench/callout.sh
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${BENCH_RUNS:-3}"
BENCH_APP_ENV=(RateLimiting__Enabled=false)
source bench/app.sh

port_pg="$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$connection")"
psql_bench=(psql -h 127.0.0.1 -p "$port_pg" -U postgres -d birge_bench -v ON_ERROR_STOP=1 -qAt)
almaty=750000000
members="$("${psql_bench[@]}" -c "SELECT count(*) FROM \"TeamMembers\" m JOIN \"Teams\" t ON t.\"Id\" = m.\"TeamId\" WHERE t.\"RegionKato\" = '$almaty' AND m.\"State\" = 'Available'")"
[[ "$members" -gt 5000 ]] || { echo "bench/callout.sh: only $members available members in Almaty; run bench/generate.sh first" >&2; exit 1; }

json() { curl -sf -H 'Content-Type: application/json' -H 'X-Forwarded-Proto: https' "$@"; }
stamp="$(date +%s)"
json -X POST "$base/api/v1/accounts" -d "{\"email\":\"bench.office.$stamp@example.com\",\"password\":\"Bench-2026-pass\",\"fullName\":\"Бенч Штаб\",\"birthDate\":\"1985-05-01\",\"regionKato\":\"$almaty\",\"consentVersion\":\"2026-11\"}" >/dev/null
"${psql_bench[@]}" -c "INSERT INTO \"FrontOfficeStaff\" SELECT '$almaty', \"Id\", 'staff', now(), \"Id\" FROM \"Accounts\" WHERE \"Email\" = 'bench.office.$stamp@example.com'" >/dev/null
token="$(json -X POST "$base/api/v1/auth/token" -d "{\"login\":\"bench.office.$stamp@example.com\",\"password\":\"Bench-2026-pass\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')"
teams="$("${psql_bench[@]}" -c "SELECT string_agg('\"' || \"Id\" || '\"', ',') FROM \"Teams\" WHERE \"RegionKato\" = '$almaty'")"
team_count="$("${psql_bench[@]}" -c "SELECT count(*) FROM \"Teams\" WHERE \"RegionKato\" = '$almaty'")"

echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $team_count teams and $members available members in Almaty, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| run | recipients | seconds to queue (the request) | in-app notices | SMS | e-mails | status |"
echo "|---|---|---|---|---|---|---|"
for run in $(seq 1 "$runs"); do
  body="$(python3 - "$teams" <<'PY'
import datetime, json, sys
now = datetime.datetime.now(datetime.timezone.utc)
iso = lambda d: d.strftime("%Y-%m-%dT%H:%M:%SZ")
print(json.dumps({
    "title": "Іле өзені: су тасқыны, қап толтыру", "description": "Бөгет бойында қап толтыру және тасу.",
    "regionKato": "750000000", "teamIds": json.loads("[" + sys.argv[1] + "]"), "needed": 300,
    "answerBy": iso(now + datetime.timedelta(hours=2)), "place": "Алматы, Райымбек даңғылы 200",
    "startsAt": iso(now + datetime.timedelta(hours=4)),
}))
PY
)"
  curl -s -o "$work/callout.json" -w '%{http_code} %{time_total}\n' -H 'Content-Type: application/json' -H 'X-Forwarded-Proto: https' \
    -H "Authorization: Bearer $token" -X POST "$base/api/v1/call-outs" -d "$body" >"$work/timing.txt"
  read -r status seconds <"$work/timing.txt"
  [[ "$status" == 201 ]] || { echo "bench/callout.sh: POST /api/v1/call-outs answered $status: $(cat "$work/callout.json")" >&2; exit 1; }
  id="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$work/callout.json")"
  recipients="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["recipients"])' "$work/callout.json")"
  key="callout:$id:%"
  notices="$("${psql_bench[@]}" -c "SELECT count(*) FROM \"Notifications\" WHERE \"IdempotencyKey\" LIKE '$key'")"
  sms="$("${psql_bench[@]}" -c "SELECT count(*) FROM \"OutboxMessages\" WHERE \"IdempotencyKey\" LIKE '$key' AND \"Channel\" = 'Sms'")"
  emails="$("${psql_bench[@]}" -c "SELECT count(*) FROM \"OutboxMessages\" WHERE \"IdempotencyKey\" LIKE '$key' AND \"Channel\" = 'Email'")"
  echo "| $run | $recipients | $seconds | $notices | $sms | $emails | $status |"
  # Nobody will send these: out of the way of the next benchmark (bench/outbox.sh counts only its own).
  "${psql_bench[@]}" -c "UPDATE \"OutboxMessages\" SET \"SentAt\" = now() WHERE \"IdempotencyKey\" LIKE '$key'" >/dev/null
done
