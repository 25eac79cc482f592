#!/usr/bin/env bash
# Patroni callback for Birge: when this member becomes the leader (a failover or a switchover), it starts a base
# backup in the background, once the promotion is over. A restore to a moment after the failover then never depends
# on WAL that the old primary may not have archived before it died (a replica does not archive what it streams).
# Patroni calls it as: on-role-change.sh ACTION ROLE SCOPE (ROLE "master" in Patroni 3.0, "primary" later).
#   postgresql:
#     callbacks:
#       on_role_change: /usr/local/lib/birge-backup/on-role-change.sh
# It returns at once; the backup's output goes to the system log: journalctl -t birge-basebackup.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

role="${2:-}"
case "$role" in
  master|primary) ;;
  *) exit 0 ;;
esac

# Detached from Patroni (it gets back no open file of ours): wait up to 5 minutes for the end of the promotion, then
# basebackup.sh (which does nothing on a replica, and nothing if another backup is running).
setsid bash -c '
  env_file="${BIRGE_BACKUP_ENV:-/etc/birge/backup.env}"
  if [[ -r "$env_file" ]]; then set -a; . "$env_file"; set +a; fi
  export PGUSER="${PGUSER:-postgres}" PGPORT="${PGPORT:-5432}" PGHOST="${PGHOST:-/var/run/postgresql}"
  for i in $(seq 1 60); do
    [[ "$(psql -XAtqc "SELECT pg_is_in_recovery()" -d postgres 2>/dev/null || true)" == f ]] && break
    sleep 5
  done
  "$1/basebackup.sh" 2>&1 | logger -t birge-basebackup
' on-role-change "$here" >/dev/null 2>&1 </dev/null &
exit 0
