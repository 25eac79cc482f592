#!/usr/bin/env bash
# Fault test (c) of issue 14: background jobs running on every node at once. Starts a fresh cluster (bench/cluster.sh,
# three nodes, every job on, as by default) with short job intervals and short help-request targets, then
# bench/mixed-load.py --jobs makes work for the jobs through the API and waits until they did it:
#   Reminders     shifts filled while 25 h away, then moved to start in 3 h: due for the day-before reminder at once
#   ClaimExpiry   claims of low-urgency requests, which last HelpRequests:Sla:Low:Hold (1 minute here): warned, then released
#   SlaEscalation normal-urgency requests nobody claims within HelpRequests:Sla:Normal:Claimed (30 s here): staff told
#   Outbox        every message the above queue, sent to the fake SMS gateway and SMTP server
# and checks that each reminder, release, warning, escalation and message happened exactly once (rows in the database,
# the gateways' counts of repeats). Prints which node did how many runs of each job. Exits non-zero on a miss or a repeat.
# The jobs read the system clock (TimeProvider.System) and the app has no setting to shift it, so nothing waits for
# hours: the work is made due now instead. Messages held for the night (22:00-08:00 Kazakhstan time) are made due at
# once by mixed-load.py (--send-held) so that their sending is checked too.
# The cluster lives in CLUSTER_DIR (/tmp/birge-cluster-faults) and is stopped at the end; refuses to start while another
# cluster runs on this machine. Not part of test.sh or CI.
#   bench/fault-jobs.sh
# Settings: FAULT_JOB_INTERVAL (00:00:02: every job's Jobs:<Name>:Interval), CLUSTER_APP_ENV (more app settings),
# FAULT_LOGS (where the nodes' logs are kept, /tmp/birge-fault-jobs-logs).
set -euo pipefail
cd "$(dirname "$0")/.."

export CLUSTER_DIR="${CLUSTER_DIR:-/tmp/birge-cluster-faults}"
interval="${FAULT_JOB_INTERVAL:-00:00:02}"
say() { echo "bench/fault-jobs.sh: $*" >&2; }
started_cluster=
cleanup() { if [[ -n "$started_cluster" ]]; then bench/cluster.sh stop >&2 || true; fi; }
trap cleanup EXIT

others="$(ps -eo args= | grep -E '^(/usr/bin/python3 )?(/usr/bin/)?(patroni|etcd) ' | grep -vF "$CLUSTER_DIR/" || true)"
if [[ -n "$others" ]]; then
  say "another cluster runs on this machine (only one at a time):"
  echo "$others" >&2
  exit 1
fi
export CLUSTER_APP_ENV="Jobs__Reminders__Interval=$interval Jobs__ClaimExpiry__Interval=$interval \
Jobs__SlaEscalation__Interval=$interval Jobs__Outbox__Interval=$interval \
HelpRequests__Sla__Low__Hold=00:01:00 HelpRequests__Sla__Normal__Claimed=00:00:30 \
Logging__LogLevel__Birge.Jobs=Information ${CLUSTER_APP_ENV:-}"
bench/cluster.sh stop >&2 || true
started_cluster=1
say "starting a fresh cluster in $CLUSTER_DIR with $CLUSTER_APP_ENV"
bench/cluster.sh start
# shellcheck disable=SC1091
source "$CLUSTER_DIR/env"

echo "date: $(date -u '+%Y-%m-%d %H:%M:%S UTC'); load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
rc=0
python3 bench/mixed-load.py --env "$CLUSTER_DIR/env" --jobs || rc=$?
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

# Which node ran what: a run that did something logs "<Job> ran in N ms: <what>" (a run that found nothing logs at
# Debug, and a turn skipped because another node held the job's lock is not logged at all).
n=0
for log in $NODE_LOGS; do
  n=$((n + 1))
  [[ -f "$log" ]] || continue
  echo "node $n: $(grep -oE '(Reminders|ClaimExpiry|SlaEscalation|Outbox) ran in' "$log" | sort | uniq -c |
    awk '{printf "%s%s %d", sep, $2, $1; sep=", "}') runs that did something; $(grep -c 'fail' "$log" || true) log lines with 'fail'"
done
# The nodes' logs are kept (the cluster's folder goes with bench/cluster.sh stop).
logs="${FAULT_LOGS:-/tmp/birge-fault-jobs-logs}"
rm -rf "$logs" && mkdir -p "$logs" && for log in $NODE_LOGS; do cp "$log" "$logs/" 2>/dev/null || true; done
echo "node logs kept in $logs"
exit "$rc"
