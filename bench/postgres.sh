#!/usr/bin/env bash
# Starts the PostgreSQL the benchmarks use, or finds it running, and prints its connection string.
# Unlike test.sh's, this one is kept between runs: its data lives in /tmp/birge-bench-pg (BIRGE_BENCH_PG to move it),
# so the national-scale data is generated once. It listens on a free loopback port, chosen the first time.
#   bench/postgres.sh          start (or reuse) and print "Host=127.0.0.1;Port=…;Username=postgres;Database=birge_bench"
#   bench/postgres.sh stop     stop it (the data stays; delete the folder to start over)
set -euo pipefail

dir="${BIRGE_BENCH_PG:-/tmp/birge-bench-pg}"
database=birge_bench

pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
if [[ ! -x "${pg_bin}/initdb" ]]; then
  echo "bench/postgres.sh: installing postgresql" >&2
  if [[ $(id -u) -ne 0 ]]; then sudo=sudo; else sudo=; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
fi

as_pg=()
if [[ $(id -u) -eq 0 ]]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  as_pg=(runuser -u postgres --)
fi

if [[ "${1:-}" == stop ]]; then
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$dir/data" -m fast stop >&2 || true
  exit 0
fi

if [[ ! -d "$dir/data" ]]; then
  mkdir -p "$dir"
  chmod 755 "$dir"
  [[ ${#as_pg[@]} -eq 0 ]] || chown postgres "$dir"
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' >"$dir/port"
  "${as_pg[@]}" "$pg_bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  # Sized for a 2-core machine with a few GB to spare. fsync is off because the data can always be generated
  # again; it changes nothing for the read-only load the benchmark measures. No parallel query: on two cores,
  # starting a parallel worker took ten times longer than the search queries it was meant to speed up.
  cat >>"$dir/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $(cat "$dir/port")
unix_socket_directories = '$dir'
max_connections = 200
shared_buffers = 2GB
effective_cache_size = 6GB
work_mem = 16MB
maintenance_work_mem = 1GB
max_wal_size = 8GB
checkpoint_timeout = 30min
fsync = off
synchronous_commit = off
full_page_writes = off
random_page_cost = 1.1
max_parallel_workers_per_gather = 0
EOF
fi

port="$(cat "$dir/port")"
if ! "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w start >/dev/null
  echo "bench/postgres.sh: PostgreSQL started on 127.0.0.1:$port, data in $dir" >&2
fi

if ! psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -Atqc "SELECT 1 FROM pg_database WHERE datname = '$database'" | grep -q 1; then
  psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -qc "CREATE DATABASE $database" >/dev/null
fi

echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=$database"
