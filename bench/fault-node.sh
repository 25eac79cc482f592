#!/usr/bin/env bash
# Fault test (a) of issue 14: a minute of mixed writes (bench/mixed-load.py) through nginx while app node 2 is killed
# with SIGKILL at ~20 s and started again at ~35 s. Prints the load's figures (requests by kind and status, error rate,
# the longest run of errors, the recovery after the kill) and the database check ("lost: 0, duplicated: 0, oversold: 0"),
# and what nginx saw. Exits non-zero when anything was lost, duplicated or oversold.
# The cluster is always a fresh one (bench/cluster.sh start in CLUSTER_DIR, /tmp/birge-cluster-faults by default), stopped
# at the end; FAULT_REUSE=1 uses the one already running in CLUSTER_DIR instead and leaves it running. Refuses to start
# while another cluster (patroni or etcd of another folder) runs on this machine. Not part of test.sh or CI.
#   bench/fault-node.sh
# Settings: FAULT_SECONDS (60), FAULT_WORKERS (16), FAULT_NODE (2), FAULT_KILL_AT (20), FAULT_RESTART_AT (35),
# CLUSTER_APP_ENV (extra app settings for every node, passed to bench/cluster.sh), FAULT_REUSE (0), FAULT_LOAD_ARGS (more
# arguments for bench/mixed-load.py, e.g. --no-twice), FAULT_LOGS (where the nodes' logs are kept, /tmp/birge-<script>-logs).
set -euo pipefail
cd "$(dirname "$0")/.."

export CLUSTER_DIR="${CLUSTER_DIR:-/tmp/birge-cluster-faults}"
seconds="${FAULT_SECONDS:-60}"
workers="${FAULT_WORKERS:-16}"
node="${FAULT_NODE:-2}"
kill_at="${FAULT_KILL_AT:-20}"
restart_at="${FAULT_RESTART_AT:-35}"

say() { echo "bench/fault-node.sh: $*" >&2; }
work="$(mktemp -d /tmp/birge-fault-node.XXXXXX)"
started_cluster=
load=
cleanup() {
  if [[ -n "$load" ]] && kill -0 "$load" 2>/dev/null; then kill "$load" 2>/dev/null || true; fi
  if [[ -n "$started_cluster" ]]; then bench/cluster.sh stop >&2 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# One cluster at a time on this machine: Patroni or etcd of any other folder means someone else's cluster runs.
others="$(ps -eo args= | grep -E '^(/usr/bin/python3 )?(/usr/bin/)?(patroni|etcd) ' | grep -vF "$CLUSTER_DIR/" || true)"
if [[ -n "$others" ]]; then
  say "another cluster runs on this machine (only one at a time):"
  echo "$others" >&2
  exit 1
fi
if [[ "${FAULT_REUSE:-0}" == 1 && -s "$CLUSTER_DIR/env" ]]; then
  say "using the cluster running in $CLUSTER_DIR"
else
  bench/cluster.sh stop >&2 || true
  started_cluster=1
  say "starting a fresh cluster in $CLUSTER_DIR"
  bench/cluster.sh start >"$work/cluster.out"
  cat "$work/cluster.out"
fi
# shellcheck disable=SC1091
source "$CLUSTER_DIR/env"

echo "date: $(date -u '+%Y-%m-%d %H:%M:%S UTC'); load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
lines_before="$(wc -l <"$NGINX_ACCESS_LOG" 2>/dev/null || echo 0)"
python3 bench/mixed-load.py --env "$CLUSTER_DIR/env" --seconds "$seconds" --workers "$workers" \
  --events "$work/events" --started-file "$work/started" ${FAULT_LOAD_ARGS:-} >"$work/report" 2>"$work/load.log" &
load=$!
while [[ ! -s "$work/started" ]]; do
  kill -0 "$load" 2>/dev/null || break
  sleep 0.2
done
if [[ ! -s "$work/started" ]]; then
  cat "$work/load.log" "$work/report" >&2
  say "the load's setup failed"
  exit 2
fi
t0="$(cat "$work/started")"
# Sleeps until $1 seconds after the load started.
at() { python3 -c "import time; time.sleep(max(0, $t0 + $1 - time.time()))"; }
event() { echo "$(date +%s.%N) $1" >>"$work/events"; }

at "$kill_at"
event "kill-node-$node"
bench/cluster.sh kill-node "$node"
at "$restart_at"
event "start-node-$node"
bench/cluster.sh start-node "$node"
event "node-$node-ready"

rc=0
wait "$load" || rc=$?
load=
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
while read -r when what; do
  echo "event: $what at +$(python3 -c "print(f'{$when - $t0:.1f}')") s"
done <"$work/events"
cat "$work/report"
grep -v '^mixed-load: load for' "$work/load.log" >&2 || true
# What nginx saw during the run: answers by status, and requests it passed to another node after one failed.
if [[ -f "$NGINX_ACCESS_LOG" ]]; then
  sleep 1.5  # the access log is flushed every second
  tail -n +"$((lines_before + 1))" "$NGINX_ACCESS_LOG" | awk '
    { status[$4]++; if ($0 ~ /upstream_status=[^ ]*,/) { retried++; if ($2 != "GET") post++ } }
    END { printf "nginx: answers"; for (s in status) printf " %s: %d", s, status[s];
          printf "; passed on to another node after a failure: %d (of them not GET: %d)\n", retried, post }'
fi
# What the nodes logged as errors (exception types and the start of their messages), most frequent first.
for log in $NODE_LOGS; do cat "$log" 2>/dev/null; done |
  grep -oE '[A-Za-z.]+Exception( \(0x[0-9A-Fa-f]+\))?: [^.;]{0,90}' | sort | uniq -c | sort -rn | head -8 |
  sed 's/^/node logs: /' || true
# The nodes' logs are kept (the cluster's folder goes with bench/cluster.sh stop).
logs="${FAULT_LOGS:-/tmp/birge-fault-node-logs}"
rm -rf "$logs" && mkdir -p "$logs" && for log in $NODE_LOGS; do cp "$log" "$logs/" 2>/dev/null || true; done
echo "node logs kept in $logs"
exit "$rc"
