#!/usr/bin/env bash
# Measures how fast the outbox sends SMS (issue 11: at least 500 messages/s to a local fake gateway): queues
# BENCH_MESSAGES (default 20,000) SMS in the benchmark database, all due at the same moment, runs the app with the
# outbox sender on and the SMS gateway pointed at bench/fake-gateway.py on loopback, and reports the time from that
# moment until the last is marked sent, the rate, and what the gateway received (each once: no repeats).
#   bench/outbox.sh
#   BENCH_MESSAGES=50000 bench/outbox.sh
set -euo pipefail
cd "$(dirname "$0")/.."

messages="${BENCH_MESSAGES:-20000}"
gateway_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
python3 bench/fake-gateway.py "$gateway_port" &
gateway=$!
trap 'kill $gateway 2>/dev/null || true' EXIT

BENCH_APP_ENV=(
  Jobs__Outbox__Enabled=true Jobs__Outbox__Interval=00:00:00.5 Outbox__Mode=Network
  "Sms__Gateway__Url=http://127.0.0.1:$gateway_port/send"
  RateLimiting__Enabled=false
)
connection="$(bench/postgres.sh)"
port_pg="$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$connection")"
psql_bench=(psql -h 127.0.0.1 -p "$port_pg" -U postgres -d birge_bench -v ON_ERROR_STOP=1 -qAt)
# Earlier runs (intake) left messages nobody will send: out of the way, so only this run's are counted.
"${psql_bench[@]}" -c "UPDATE \"OutboxMessages\" SET \"SentAt\" = now() WHERE \"SentAt\" IS NULL" >/dev/null

source bench/app.sh
trap 'kill $gateway 2>/dev/null || true; cleanup' EXIT

due="$("${psql_bench[@]}" -c "SELECT to_char(now() AT TIME ZONE 'UTC' + interval '10 seconds', 'YYYY-MM-DD HH24:MI:SS.US')")"
"${psql_bench[@]}" >/dev/null <<SQL
INSERT INTO "OutboxMessages" ("Id", "Channel", "Recipient", "Subject", "Body", "CreatedAt", "NextAttemptAt", "Attempts", "IdempotencyKey")
SELECT gen_random_uuid(), 'Sms', '+7701' || lpad(i::text, 7, '0'), 'Шақыру',
       'Төтенше шақыру: Іле өзені, су тасқыны. Жауап беріңіз: 1 — барамын, 2 — бара алмаймын (1 K7QM). https://birge.kz/call-outs/' || i,
       now(), '$due', 0, 'bench:outbox:' || gen_random_uuid()
FROM generate_series(1, $messages) AS i;
SQL
echo "bench/outbox.sh: $messages SMS queued, due at $due UTC" >&2
start_ns=""
while :; do
  left="$("${psql_bench[@]}" -c "SELECT count(*) FROM \"OutboxMessages\" WHERE \"SentAt\" IS NULL AND \"IdempotencyKey\" LIKE 'bench:outbox:%'")"
  now_ns="$(date +%s%N)"
  if [[ -z "$start_ns" ]] && [[ "$(date -u '+%Y-%m-%d %H:%M:%S.%N')" > "$due" ]]; then start_ns="$now_ns"; fi
  [[ "$left" == 0 ]] && break
  kill -0 "$app" 2>/dev/null || { cat "$work/app.log" >&2; exit 1; }
  sleep 0.2
done
seconds="$(python3 -c "print(round(($now_ns - $start_ns) / 1e9, 2))")"
received="$(curl -s "http://127.0.0.1:$gateway_port/count")"
failed="$("${psql_bench[@]}" -c "SELECT count(*) FROM \"OutboxMessages\" WHERE \"IdempotencyKey\" LIKE 'bench:outbox:%' AND \"FailedAt\" IS NOT NULL")"
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| messages | seconds from due to the last sent | messages/s | gateway received | failed |"
echo "|---|---|---|---|---|"
echo "| $messages | $seconds | $(python3 -c "print(round($messages / $seconds))") | $received | $failed |"
