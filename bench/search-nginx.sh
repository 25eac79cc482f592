#!/usr/bin/env bash
# Search at national scale through nginx (issue 14): starts the app against the benchmark database (bench/app.sh:
# bench/postgres.sh, filled by bench/generate.sh) with nginx in front of it on another loopback port, as in
# deploy/nginx (upstream with keepalive, X-Forwarded-*, no access log), then
#   1. wrk on the search page and the search API with bench/search-mix.txt (1,033 distinct searches, the popular ones
#      asked more often: bench/search.lua popular), next to the ceiling /health/live, at 1, 4 and 16 connections;
#   2. bench/last-seats.py: how soon a newly published opportunity shows in a stranger's search, and 1,000 parallel
#      applications for the last 10 seats of a shift (exactly 10 accepted, p99 < 1 s).
#   bench/search-nginx.sh
#   BENCH_DURATION=60s BENCH_CONNECTIONS="16" bench/search-nginx.sh
#   BENCH_SEARCH_CACHE=0 bench/search-nginx.sh      the same with strangers' searches not kept (Search:CacheSeconds=0)
# nginx speaks plain HTTP here and tells the app the request came through TLS (X-Forwarded-Proto https), as the TLS
# site of deploy/nginx does; TLS itself is left out of the measurement.
set -euo pipefail
cd "$(dirname "$0")/.."

duration="${BENCH_DURATION:-30s}"
connections="${BENCH_CONNECTIONS:-1 4 16}"
threads="${BENCH_THREADS:-2}"
warmup="${BENCH_WARMUP:-10s}"
queries=bench/search-mix.txt

command -v nginx >/dev/null || {
  echo "bench/search-nginx.sh: installing nginx" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx-light >/dev/null
}

BENCH_APP_ENV=("Search__CacheSeconds=${BENCH_SEARCH_CACHE:-10}" RateLimiting__Enabled=false)
source bench/app.sh
app_base="$base"

nginx_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
mkdir -p "$work/nginx"
cat >"$work/nginx/nginx.conf" <<EOF
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  server_tokens off;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  upstream birge {
    server ${app_base#http://} max_fails=3 fail_timeout=10s;
    keepalive 64;
  }
  server {
    listen 127.0.0.1:$nginx_port;
    client_max_body_size 1m;
    location / {
      proxy_pass http://birge;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto https;
      proxy_set_header X-Forwarded-Host \$host;
      proxy_next_upstream error timeout http_502 http_504;
    }
  }
}
EOF
nginx -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log"
stop_nginx() {
  [[ -f "$work/nginx/nginx.pid" ]] && kill "$(cat "$work/nginx/nginx.pid")" 2>/dev/null || true
  cleanup
}
trap stop_nginx EXIT
base="http://127.0.0.1:$nginx_port"
for _ in $(seq 20); do curl -fs "$base/health/live" >/dev/null && break; sleep 0.2; done

for path in /opportunities /api/v1/opportunities; do
  status="$(curl -s -o /dev/null -w '%{http_code}' "$base$path?region=750000000")"
  [[ "$status" == 200 ]] || { echo "bench/search-nginx.sh: $path answers $status through nginx" >&2; cat "$work/app.log" >&2; exit 1; }
done

echo "bench/search-nginx.sh: warming up ($warmup each)" >&2
most="${connections##* }"
run warmup /opportunities "$queries" "$warmup" "$most" bench/search.lua >/dev/null
run warmup /api/v1/opportunities "$queries" "$warmup" "$most" >/dev/null

# As run() of bench/app.sh, with the searches picked by popularity.
popular() { # name path duration connections
  local line
  line="$(wrk -t"$(( $4 < threads ? $4 : threads ))" -c"$4" -d"$3" --timeout 10s -s bench/search.lua "$base" -- "$2" "$queries" popular | grep '^RESULT')"
  [[ "$line" =~ requests=([0-9]+)\ rps=([0-9.]+)\ p50=([0-9.]+)\ p95=([0-9.]+)\ p99=([0-9.]+)\ max=([0-9.]+)\ non2xx=([0-9]+)\ errors=([0-9]+) ]] ||
    { echo "bench: wrk said: $line" >&2; return 1; }
  local m=("${BASH_REMATCH[@]}")
  echo "| $1 | $4 | ${m[2]} | ${m[3]} | ${m[4]} | ${m[5]} | ${m[6]} | ${m[7]} + ${m[8]} | $(cut -d' ' -f1 /proc/loadavg) |"
}

echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, through nginx $(nginx -v 2>&1 | sed 's/.*nginx\///'), wrk -d$duration, $(grep -vc '^#' "$queries") distinct searches (popular ones more often), Search:CacheSeconds=${BENCH_SEARCH_CACHE:-10}, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| scenario | connections | requests/s | p50 ms | p95 ms | p99 ms | max ms | non-2xx + errors | load after |"
echo "|---|---|---|---|---|---|---|---|---|"
for c in $connections; do
  popular "search page \`/opportunities\`" /opportunities "$duration" "$c"
  popular "search API \`/api/v1/opportunities\`" /api/v1/opportunities "$duration" "$c"
  run "ceiling \`/health/live\`" /health/live - "$duration" "$c"
done
echo

port_db="$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$connection")"
database="$(sed -E 's/.*Database=([^;]+).*/\1/' <<<"$connection")"
python3 bench/last-seats.py "$base" "host=127.0.0.1 port=$port_db user=postgres dbname=$database"
