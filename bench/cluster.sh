#!/usr/bin/env bash
# A local Birge cluster on loopback, for the fault tests of issue 14: etcd (one member), two PostgreSQL 15 nodes under
# Patroni (a primary and a synchronous replica, synchronous_mode on), CLUSTER_NODES app nodes (Release, Production
# settings, every background job on) each on its own port, nginx in front of them, a fake SMS gateway
# (bench/fake-gateway.py) and a fake SMTP server (bench/cluster/fake-smtp.py) that count what the outbox sends.
# Everything lives in CLUSTER_DIR and listens on free loopback ports.
#   bench/cluster.sh start          from nothing; prints "node N pid P port Q" a node, then the nginx address last
#   bench/cluster.sh stop           stops everything it started and removes CLUSTER_DIR (safe to run twice)
#   bench/cluster.sh status         app nodes, Patroni (patronictl list), nginx, etcd, the fake gateways' counts
#   bench/cluster.sh kill-node N    SIGKILL app node N (prints its pid)
#   bench/cluster.sh start-node N   start app node N again on its port; returns when /health/ready answers 200
#   bench/cluster.sh kill-primary   SIGKILL the Patroni process and the postmaster of the current leader
#   bench/cluster.sh start-db N     start Patroni node N again (it rejoins as a replica)
# Settings: CLUSTER_DIR (/tmp/birge-cluster), CLUSTER_NODES (3), CLUSTER_DATABASE (birge), CLUSTER_APP_ENV (extra
# NAME=value settings for every app node, space separated), CLUSTER_PATRONI_TTL (10: seconds before the replica takes
# over from a dead leader).
# $CLUSTER_DIR/env (sourceable bash) has BASE_URL, DATABASE_URL (psql, finds the primary), NPGSQL, ADMIN_EMAIL,
# ADMIN_PASSWORD, NODE_PORTS, NODE_LOGS, PG_PORTS, PATRONI_PORTS, GATEWAY_URL, GATEWAY_COUNT_URL, SMTP_COUNT_URL…
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"

dir="${CLUSTER_DIR:-/tmp/birge-cluster}"
nodes="${CLUSTER_NODES:-3}"
database="${CLUSTER_DATABASE:-birge}"
ttl="${CLUSTER_PATRONI_TTL:-10}"
admin_email=admin@cluster.test
admin_password=Cluster-Admin-2026
pg_bin=/usr/lib/postgresql/15/bin
dll=bin/Release/net10.0/Birge.Web.dll

say() { echo "bench/cluster.sh: $*" >&2; }
die() { say "$*"; exit 1; }

# --- what the machine needs -----------------------------------------------------------------------------------------

install_missing() {
  local missing=()
  [[ -x "$pg_bin/initdb" ]] || missing+=(postgresql-15)
  command -v psql >/dev/null || missing+=(postgresql-client-15)
  command -v patroni >/dev/null || missing+=(patroni)
  /usr/bin/python3 -c 'import etcd' 2>/dev/null || missing+=(python3-etcd)
  /usr/bin/python3 -c 'import psycopg2' 2>/dev/null || missing+=(python3-psycopg2)
  command -v etcd >/dev/null || missing+=(etcd-server)
  command -v etcdctl >/dev/null || missing+=(etcd-client)
  command -v nginx >/dev/null || missing+=(nginx-light)
  command -v openssl >/dev/null || missing+=(openssl)
  if ((${#missing[@]})); then
    say "installing ${missing[*]}"
    local sudo=
    [[ $(id -u) -eq 0 ]] || sudo=sudo
    $sudo apt-get update -qq
    # Debian starts the packages' own services (PostgreSQL on 5432, etcd on 2379, nginx on 80): unused here, and in
    # nobody's way, since everything of this cluster listens on free ports of its own.
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
}

as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

free_ports() { # count: that many distinct free loopback ports, one a line
  python3 - "$1" <<'EOF'
import socket, sys
held = []
for _ in range(int(sys.argv[1])):
    s = socket.socket(); s.bind(("127.0.0.1", 0)); held.append(s); print(s.getsockname()[1])
for s in held: s.close()
EOF
}

# --- processes ------------------------------------------------------------------------------------------------------

# A pid from a file, if that process still runs and its command line has the expected word (pids are reused).
live_pid() { # file word
  [[ -f "$1" ]] || return 1
  local pid
  pid="$(cat "$1")"
  [[ "$pid" =~ ^[0-9]+$ ]] && [[ -r /proc/$pid/cmdline ]] || return 1
  tr '\0' ' ' </proc/"$pid"/cmdline | grep -q -- "$2" || return 1
  echo "$pid"
}

# Runs, and is not a zombie: what this script started earlier is no child of it, and is reaped by someone else.
alive() { [[ -r /proc/$1/status ]] && ! grep -q '^State:[[:space:]]*Z' /proc/"$1"/status 2>/dev/null; }

stop_pid() { # file word [signal]: stops it, waits up to 30 s, then SIGKILL
  local pid
  pid="$(live_pid "$1" "$2")" || { rm -f "$1"; return 0; }
  kill -"${3:-TERM}" "$pid" 2>/dev/null || true
  for _ in $(seq 300); do
    alive "$pid" || break
    sleep 0.1
  done
  alive "$pid" && kill -KILL "$pid" 2>/dev/null || true
  rm -f "$1"
}

wait_for() { # seconds description command…: runs the command every 0.2 s until it succeeds
  local seconds="$1" what="$2"
  shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || { say "gave up after ${seconds}s waiting for $what"; return 1; }
    sleep 0.2
  done
}

http_ok() { [[ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$1")" == 200 ]]; }

load_env() {
  [[ -f "$dir/env" ]] || die "no cluster in $dir (bench/cluster.sh start)"
  # shellcheck source=/dev/null
  source "$dir/env"
  read -ra node_ports <<<"$NODE_PORTS"
  read -ra pg_ports <<<"$PG_PORTS"
  read -ra api_ports <<<"$PATRONI_PORTS"
}

check_node_number() { # N
  [[ "$1" =~ ^[0-9]+$ ]] && (($1 >= 1 && $1 <= ${#node_ports[@]})) || die "no app node '$1' (1..${#node_ports[@]})"
}

check_db_number() { # N
  [[ "$1" =~ ^[12]$ ]] || die "no database node '$1' (1 or 2)"
}

# --- PostgreSQL under Patroni ---------------------------------------------------------------------------------------

write_patroni_config() { # n
  local n="$1" pg="${pg_ports[$1 - 1]}" api="${api_ports[$1 - 1]}"
  mkdir -p "$dir/pg$n"
  chown postgres "$dir/pg$n"
  chmod 700 "$dir/pg$n"
  cat >"$dir/pg$n/patroni.yml" <<EOF
scope: birge-cluster
name: pg$n
log:
  level: INFO
restapi:
  listen: 127.0.0.1:$api
  connect_address: 127.0.0.1:$api
etcd3:
  hosts: 127.0.0.1:$ETCD_PORT
bootstrap:
  dcs:
    # A dead leader's key runs out after ttl seconds; then the synchronous replica takes over.
    ttl: $ttl
    loop_wait: 2
    retry_timeout: 3
    maximum_lag_on_failover: 1048576
    synchronous_mode: true
    postgresql:
      use_pg_rewind: true
      use_slots: true
      parameters:
        synchronous_commit: "on"
        wal_level: replica
        hot_standby: "on"
        wal_log_hints: "on"
        max_connections: 400
        max_wal_senders: 10
        max_replication_slots: 10
        wal_keep_size: 256MB
        shared_buffers: 256MB
  initdb:
    - encoding: UTF8
    - locale: C.UTF-8
    - auth: trust
postgresql:
  listen: 127.0.0.1:$pg
  connect_address: 127.0.0.1:$pg
  data_dir: $dir/pg$n/data
  bin_dir: $pg_bin
  pgpass: $dir/pg$n/pgpass
  remove_data_directory_on_rewind_failure: true
  authentication:
    superuser:
      username: postgres
      password: postgres
    replication:
      username: replicator
      password: replicator
  parameters:
    unix_socket_directories: $dir/pg$n
  pg_hba:
    - local all all trust
    - host all all 127.0.0.1/32 trust
    - host replication all 127.0.0.1/32 trust
EOF
  chown postgres "$dir/pg$n/patroni.yml"
}

start_patroni() { # n
  local n="$1"
  (exec runuser -u postgres -- patroni "$dir/pg$n/patroni.yml") >>"$dir/pg$n/patroni.log" 2>&1 &
  local runner=$! pid=
  # runuser forks: the pid that matters (SIGKILL) is its child's, Patroni itself.
  for _ in $(seq 50); do
    pid="$(ps -o pid= --ppid "$runner" | tr -d ' ' | head -1 || true)"
    [[ -n "$pid" ]] && break
    sleep 0.1
  done
  [[ -n "$pid" ]] || die "patroni pg$n did not start (see $dir/pg$n/patroni.log)"
  echo "$pid" >"$dir/pg$n/patroni.pid"
}

api() { # n path: the Patroni REST API's status code
  curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:${api_ports[$1 - 1]}$2" || true
}

api_ok() { [[ "$(api "$1" "$2")" == 200 ]]; }

leader() { # the number of the node whose Patroni says it is the primary, or nothing
  local n
  for n in 1 2; do
    api_ok "$n" /primary && { echo "$n"; return 0; }
  done
  return 1
}

patronictl_list() { patronictl -c "$dir/pg1/patroni.yml" list 2>&1 || true; }

# --- app nodes ------------------------------------------------------------------------------------------------------

app_env() { mapfile -t app_settings <"$dir/app.env"; }

start_node() { # n: starts it, waits for /health/ready, prints "node N pid P port Q"
  local n="$1" port="${node_ports[$1 - 1]}" pid
  app_env
  if pid="$(live_pid "$dir/node-$n.pid" Birge.Web.dll)"; then
    die "node $n already runs (pid $pid)"
  fi
  (cd "$repo/src/Birge.Web" && exec env "${app_settings[@]}" dotnet "$dll" --urls "http://127.0.0.1:$port") \
    >>"$dir/node-$n.log" 2>&1 &
  pid=$!
  echo "$pid" >"$dir/node-$n.pid"
  local deadline=$((SECONDS + 120))
  until http_ok "http://127.0.0.1:$port/health/ready"; do
    alive "$pid" || { tail -20 "$dir/node-$n.log" >&2; die "node $n exited (see $dir/node-$n.log)"; }
    ((SECONDS < deadline)) || die "node $n not ready after 120 s (see $dir/node-$n.log)"
    sleep 0.2
  done
  echo "node $n pid $pid port $port"
}

# --- start ----------------------------------------------------------------------------------------------------------

start() {
  if [[ -f "$dir/env" ]] && live_pid "$dir/etcd/etcd.pid" etcd >/dev/null; then
    die "a cluster already runs in $dir (bench/cluster.sh stop first)"
  fi
  [[ "$nodes" =~ ^[0-9]+$ ]] && ((nodes >= 1)) || die "CLUSTER_NODES must be a number ≥ 1, not '$nodes'"
  install_missing
  # Leftovers of a run that did not stop cleanly.
  [[ -e "$dir" ]] && stop_all
  mkdir -p "$dir"
  chmod 755 "$dir"
  # From here on, a failure stops whatever was started.
  trap 'rc=$?; if ((rc)); then say "start failed; stopping what was started (logs were in $dir)"; tail_logs; stop_all; fi' EXIT

  local ports
  mapfile -t ports < <(free_ports $((10 + nodes)))
  ETCD_PORT="${ports[0]}"
  local etcd_peer="${ports[1]}"
  pg_ports=("${ports[2]}" "${ports[3]}")
  api_ports=("${ports[4]}" "${ports[5]}")
  local nginx_port="${ports[6]}" gateway_port="${ports[7]}" smtp_port="${ports[8]}" smtp_http="${ports[9]}"
  node_ports=("${ports[@]:10:nodes}")
  local base="http://127.0.0.1:$nginx_port"
  # Npgsql keeps what it learnt of each host (primary, standby, down) for Host Recheck Seconds (10 by default): after a
  # failover it would go on taking the new primary for a standby that long, refusing every connection.
  local npgsql="Host=127.0.0.1:${pg_ports[0]},127.0.0.1:${pg_ports[1]};Database=$database;Username=postgres;Target Session Attributes=primary;Host Recheck Seconds=1"
  local logs=() n
  for n in $(seq "$nodes"); do logs+=("$dir/node-$n.log"); done

  cat >"$dir/env" <<EOF
# bench/cluster.sh: the local cluster's addresses (source it)
CLUSTER_DIR='$dir'
BASE_URL='$base'
DATABASE_URL='postgresql://postgres@127.0.0.1:${pg_ports[0]},127.0.0.1:${pg_ports[1]}/$database?target_session_attrs=read-write'
NPGSQL='$npgsql'
DATABASE_NAME='$database'
ADMIN_EMAIL='$admin_email'
ADMIN_PASSWORD='$admin_password'
NODE_COUNT=$nodes
NODE_PORTS='${node_ports[*]}'
NODE_LOGS='${logs[*]}'
NODE_URLS='$(for p in "${node_ports[@]}"; do printf 'http://127.0.0.1:%s ' "$p"; done | sed 's/ $//')'
PG_PORTS='${pg_ports[*]}'
PG1_PORT=${pg_ports[0]}
PG2_PORT=${pg_ports[1]}
PATRONI_PORTS='${api_ports[*]}'
PATRONICTL='patronictl -c $dir/pg1/patroni.yml'
ETCD_PORT=$ETCD_PORT
NGINX_PORT=$nginx_port
NGINX_ACCESS_LOG='$dir/nginx/access.log'
# The fake SMS gateway: the app posts to GATEWAY_URL; GET GATEWAY_COUNT_URL answers {"accepted": n, "repeated": r}
# (r: a repeated Idempotency-Key, i.e. one outbox message sent twice).
GATEWAY_URL='http://127.0.0.1:$gateway_port/send'
GATEWAY_COUNT_URL='http://127.0.0.1:$gateway_port/count'
# The fake SMTP server: GET SMTP_COUNT_URL answers {"accepted": n, "repeated": r} (r: same recipient, subject and body).
SMTP_PORT=$smtp_port
SMTP_COUNT_URL='http://127.0.0.1:$smtp_http/count'
SMS_INBOUND_SECRET='cluster-gateway-secret'
EOF
  load_env

  # etcd, one member.
  mkdir -p "$dir/etcd"
  etcd --name etcd1 --data-dir "$dir/etcd/data" \
    --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
    --listen-peer-urls "http://127.0.0.1:$etcd_peer" --initial-advertise-peer-urls "http://127.0.0.1:$etcd_peer" \
    --initial-cluster "etcd1=http://127.0.0.1:$etcd_peer" --initial-cluster-state new \
    --initial-cluster-token birge-cluster >"$dir/etcd/etcd.log" 2>&1 &
  echo $! >"$dir/etcd/etcd.pid"
  wait_for 30 etcd etcdctl --endpoints "http://127.0.0.1:$ETCD_PORT" endpoint health

  # The fake gateways.
  python3 bench/fake-gateway.py "$gateway_port" >"$dir/gateway.log" 2>&1 &
  echo $! >"$dir/gateway.pid"
  python3 bench/cluster/fake-smtp.py "$smtp_port" "$smtp_http" >"$dir/smtp.log" 2>&1 &
  echo $! >"$dir/smtp.pid"

  # PostgreSQL: the first node creates the cluster, the second copies it and follows as the synchronous standby.
  for n in 1 2; do write_patroni_config "$n"; done
  start_patroni 1
  wait_for 120 "pg1 to lead" api_ok 1 /primary
  start_patroni 2
  wait_for 120 "pg2 to be the synchronous standby" api_ok 2 /sync
  psql "postgresql://postgres@127.0.0.1:${pg_ports[0]}/postgres" -v ON_ERROR_STOP=1 -qAt \
    -c "CREATE DATABASE \"$database\"" >/dev/null

  # The app: built once, settings shared by every node, migrated once, the national admin.
  local tries
  for tries in 1 2 3; do
    dotnet build src/Birge.Web -c Release -nologo -v quiet >"$dir/build.log" 2>&1 && break
    ((tries < 3)) || { cat "$dir/build.log" >&2; die "the build failed"; }
    say "the build failed (another build at the same time?); trying again"
    sleep 10
  done
  openssl ecparam -name prime256v1 -genkey -noout 2>/dev/null | openssl pkcs8 -topk8 -nocrypt -out "$dir/signing-key.pem"
  local settings=(
    ASPNETCORE_ENVIRONMENT=Production
    Database__Provider=Postgres
    "ConnectionStrings__Birge=$npgsql"
    "Birge__PublicUrl=$base"
    # nginx in front sends X-Forwarded-For and X-Forwarded-Proto; the app believes them from loopback.
    ForwardedHeaders__Enabled=true
    # The load generator signs many people up from one address.
    RateLimiting__Enabled=false
    "Certificates__SigningKeyFile=$dir/signing-key.pem"
    Logging__LogLevel__Default=Warning
    Outbox__Mode=Network
    "Sms__Gateway__Url=$GATEWAY_URL"
    Sms__Gateway__ApiKey=cluster
    "Sms__InboundSecret=$SMS_INBOUND_SECRET"
    Email__Smtp__Host=127.0.0.1
    "Email__Smtp__Port=$smtp_port"
    Email__Smtp__Security=None
    Email__Smtp__From=noreply@cluster.test
  )
  local extra=()
  read -ra extra <<<"${CLUSTER_APP_ENV:-}"
  printf '%s\n' "${settings[@]}" "${extra[@]}" >"$dir/app.env"
  app_env
  (cd src/Birge.Web && env "${app_settings[@]}" dotnet "$dll" migrate) >"$dir/migrate.log" 2>&1 ||
    { cat "$dir/migrate.log" >&2; die "migrate failed"; }
  (cd src/Birge.Web && env "${app_settings[@]}" dotnet "$dll" create-admin --email "$admin_email" --password "$admin_password") \
    >"$dir/create-admin.log" 2>&1 || { cat "$dir/create-admin.log" >&2; die "create-admin failed"; }

  for n in $(seq "$nodes"); do start_node "$n"; done

  # nginx in front. It stands for the TLS end of docs/deploy.md: on loopback there is no TLS, so it tells the app
  # the request came over https, as the real one does.
  mkdir -p "$dir/nginx/temp"
  chown nobody "$dir/nginx/temp" 2>/dev/null || chmod 777 "$dir/nginx/temp"
  {
    cat <<EOF
worker_processes 2;
pid $dir/nginx/nginx.pid;
error_log $dir/nginx/error.log warn;
events { worker_connections 4096; }
http {
    client_body_temp_path $dir/nginx/temp/body;
    proxy_temp_path $dir/nginx/temp/proxy;
    fastcgi_temp_path $dir/nginx/temp/fastcgi;
    uwsgi_temp_path $dir/nginx/temp/uwsgi;
    scgi_temp_path $dir/nginx/temp/scgi;
    log_format upstream '\$time_iso8601 \$request_method \$request_uri \$status \$request_time '
                        'upstream=\$upstream_addr upstream_status=\$upstream_status';
    access_log $dir/nginx/access.log upstream buffer=64k flush=1s;
    server_tokens off;

    upstream birge {
EOF
    for p in "${node_ports[@]}"; do
      echo "        server 127.0.0.1:$p max_fails=1 fail_timeout=5s;"
    done
    cat <<EOF
        keepalive 64;
    }

    server {
        listen 127.0.0.1:$nginx_port;
        client_max_body_size 2m;
        location / {
            proxy_pass http://birge;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$http_host;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto https;
            proxy_set_header X-Forwarded-Host \$http_host;
            # A dead node is skipped and the request tried on the next; never a POST (no non_idempotent), which
            # the node may have carried out before it died.
            # Not http_503: the app answers it when the database is failing over, the same on every node.
            proxy_next_upstream error timeout http_502 http_504;
            proxy_connect_timeout 2s;
            proxy_read_timeout 60s;
        }
    }
}
EOF
  } >"$dir/nginx/nginx.conf"
  nginx -c "$dir/nginx/nginx.conf" -p "$dir/nginx" -g 'daemon on;' 2>>"$dir/nginx/error.log" ||
    { cat "$dir/nginx/error.log" >&2; die "nginx did not start"; }
  wait_for 10 nginx http_ok "$base/health/ready"
  trap - EXIT
  echo "$base"
}

tail_logs() {
  local f
  for f in "$dir"/pg*/patroni.log "$dir"/node-*.log "$dir/etcd/etcd.log" "$dir/nginx/error.log"; do
    [[ -s "$f" ]] || continue
    echo "--- $f" >&2
    tail -15 "$f" >&2
  done
}

# --- stop -----------------------------------------------------------------------------------------------------------

stop_all() {
  [[ -d "$dir" ]] || return 0
  local f n pid pm first=1
  # nginx first: no new requests. Then the app nodes, then Patroni (which stops PostgreSQL), then etcd.
  stop_pid "$dir/nginx/nginx.pid" nginx
  for f in "$dir"/node-*.pid; do
    [[ -e "$f" ]] && stop_pid "$f" Birge.Web.dll
  done
  # The replica before the leader, so that it does not take over while the leader stops.
  if [[ -f "$dir/env" ]]; then
    load_env
    leader_now="$(leader || true)"
    [[ "$leader_now" == 1 ]] && first=2
  fi
  for n in "$first" $((3 - first)); do
    stop_pid "$dir/pg$n/patroni.pid" patroni
    # A postmaster left behind (its Patroni was killed): stop it too.
    if [[ -f "$dir/pg$n/data/postmaster.pid" ]]; then
      pm="$(head -1 "$dir/pg$n/data/postmaster.pid")"
      if [[ "$pm" =~ ^[0-9]+$ && -r /proc/$pm/cmdline ]] && tr '\0' ' ' </proc/"$pm"/cmdline | grep -q -- "$dir/pg$n/data"; then
        as_pg "$pg_bin/pg_ctl" -D "$dir/pg$n/data" -m immediate -w stop >/dev/null 2>&1 || kill -KILL "$pm" 2>/dev/null || true
      fi
    fi
  done
  for f in "$dir/etcd/etcd.pid:etcd" "$dir/gateway.pid:fake-gateway.py" "$dir/smtp.pid:fake-smtp.py"; do
    stop_pid "${f%%:*}" "${f##*:}"
  done
  # What a start that failed half-way may have left without a pid file: processes whose command line names this
  # cluster's own files (a Patroni of its config, a postmaster of its data, its etcd, its nginx).
  local stray=() cmd
  for f in /proc/[0-9]*/cmdline; do
    cmd="$({ tr '\0' ' ' <"$f"; } 2>/dev/null)" || continue
    case "$cmd" in
      *"$dir/pg1/patroni.yml"* | *"$dir/pg2/patroni.yml"* | *"-D $dir/pg1/data "* | *"-D $dir/pg2/data "* | \
        *"--data-dir $dir/etcd/data "* | *"-c $dir/nginx/nginx.conf "*)
        pid="${f#/proc/}"
        stray+=("${pid%/cmdline}")
        ;;
    esac
  done
  if ((${#stray[@]})); then
    say "stopping what was left: pids ${stray[*]}"
    kill -KILL "${stray[@]}" 2>/dev/null || true
    sleep 1
  fi
  rm -rf "$dir"
}

# --- status and faults ----------------------------------------------------------------------------------------------

status() {
  load_env
  local n port pid state
  for n in $(seq "$NODE_COUNT"); do
    port="${node_ports[$n - 1]}"
    if pid="$(live_pid "$dir/node-$n.pid" Birge.Web.dll)"; then
      state="up (pid $pid, /health/ready $(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$port/health/ready"))"
    else
      state=down
    fi
    echo "node $n port $port: $state"
  done
  for n in 1 2; do
    if pid="$(live_pid "$dir/pg$n/patroni.pid" patroni)"; then
      echo "db $n port ${pg_ports[$n - 1]}: patroni up (pid $pid)"
    else
      echo "db $n port ${pg_ports[$n - 1]}: patroni down"
    fi
  done
  patronictl_list
  if pid="$(live_pid "$dir/nginx/nginx.pid" nginx)"; then
    echo "nginx $BASE_URL: up (pid $pid, /health/ready $(curl -s -o /dev/null -m 2 -w '%{http_code}' "$BASE_URL/health/ready"))"
  else
    echo "nginx $BASE_URL: down"
  fi
  if live_pid "$dir/etcd/etcd.pid" etcd >/dev/null; then echo "etcd 127.0.0.1:$ETCD_PORT: up"; else echo "etcd: down"; fi
  echo "sms gateway: $(curl -s -m 2 "$GATEWAY_COUNT_URL" || echo down)"
  echo "smtp: $(curl -s -m 2 "$SMTP_COUNT_URL" || echo down)"
}

kill_node() { # n
  load_env
  check_node_number "$1"
  local pid
  pid="$(live_pid "$dir/node-$1.pid" Birge.Web.dll)" || die "node $1 is not running"
  kill -KILL "$pid"
  while alive "$pid"; do sleep 0.05; done
  echo "node $1 pid $pid killed"
}

kill_primary() {
  load_env
  local n pid pm
  n="$(leader)" || { patronictl_list >&2; die "no leader found"; }
  pid="$(live_pid "$dir/pg$n/patroni.pid" patroni)" || die "patroni of db $n is not running"
  pm="$(head -1 "$dir/pg$n/data/postmaster.pid")"
  kill -KILL "$pid" "$pm"
  echo "db $n (port ${pg_ports[$n - 1]}) was the leader: killed patroni pid $pid and postmaster pid $pm; db $((3 - n)) (port ${pg_ports[2 - n]}) should take over"
}

start_db() { # n
  load_env
  check_db_number "$1"
  local n="$1" pid
  if pid="$(live_pid "$dir/pg$n/patroni.pid" patroni)"; then die "patroni of db $n already runs (pid $pid)"; fi
  start_patroni "$n"
  wait_for 180 "db $n to run again" api_ok "$n" /health
  local role=replica
  if api_ok "$n" /primary; then
    role=leader
  elif wait_for 60 "db $n to be the synchronous standby" api_ok "$n" /sync; then
    role="synchronous standby"
  fi
  echo "db $n (port ${pg_ports[$n - 1]}) runs again (patroni pid $(cat "$dir/pg$n/patroni.pid")), as $role"
  patronictl_list
}

case "${1:-}" in
  start) start ;;
  stop) stop_all ;;
  status) status ;;
  kill-node) kill_node "${2:?bench/cluster.sh kill-node N}" ;;
  start-node)
    load_env
    check_node_number "${2:?bench/cluster.sh start-node N}"
    start_node "$2"
    ;;
  kill-primary) kill_primary ;;
  start-db) start_db "${2:?bench/cluster.sh start-db N}" ;;
  *) die "usage: bench/cluster.sh start|stop|status|kill-node N|start-node N|kill-primary|start-db N" ;;
esac
