#!/usr/bin/env bash
# Point-in-time restore of Birge's PostgreSQL into a NEW instance, from the base backups and WAL archive that
# basebackup.sh and archive-wal.sh write. It never touches the running cluster: it reads the backup folder only,
# writes only into DIR, and the new instance listens on 127.0.0.1:PORT with archiving off (so it can never write
# into the production archive).
#   deploy/backup/restore.sh --target-time "2026-12-04 18:40:00+00" --into /var/lib/birge-restore --port 5499
#   deploy/backup/restore.sh --target-time latest --into DIR --port P     everything the archive holds
# Options: --backup-dir D (default BIRGE_BACKUP_DIR from /etc/birge/backup.env, else /var/backups/birge-pg),
#          --timeout S (give up waiting after S seconds, default 3600).
# Steps: picks the newest complete base backup that finished before the target; unpacks it into DIR (which must not
# exist or be empty); keeps the backup's postgresql.conf and postgresql.auto.conf aside as *.from-backup and writes
# its own postgresql.conf (port, restore_command, recovery_target_time, recovery_target_action = promote,
# archive_mode = off, hot_standby = off); starts it with recovery.signal; waits until recovery has reached the target
# and the instance is promoted and answers; prints where recovery stopped and how long it all took.
# Run as root (it switches to postgres) or as postgres. Stop the instance with: pg_ctl -D DIR stop (as postgres).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

usage() { sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
target='' into='' port='' timeout=3600
env_file="${BIRGE_BACKUP_ENV:-/etc/birge/backup.env}"
if [[ -r "$env_file" ]]; then
  set -a
  # shellcheck disable=SC1090
  . "$env_file"
  set +a
fi
backup_dir="${BIRGE_BACKUP_DIR:-/var/backups/birge-pg}"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --target-time) target="${2:-}"; shift 2 ;;
    --into) into="${2:-}"; shift 2 ;;
    --port) port="${2:-}"; shift 2 ;;
    --backup-dir) backup_dir="${2:-}"; shift 2 ;;
    --timeout) timeout="${2:-}"; shift 2 ;;
    -h|--help) usage ;;
    *) echo "restore.sh: unknown argument $1" >&2; usage ;;
  esac
done
[[ -n "$target" && -n "$into" && -n "$port" ]] || usage
log() { echo "restore.sh: $*" >&2; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
t0="$(now)"

pg_bin="${BIRGE_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
if [[ $(id -u) -eq 0 ]]; then
  as_pg=(runuser -u postgres --)
elif [[ "$(id -un)" == postgres ]]; then
  as_pg=()
else
  log "run as root or as postgres"
  exit 2
fi

if ! [[ "$port" =~ ^[0-9]+$ ]] || (( port < 1 || port > 65535 )); then
  log "--port must be a TCP port"
  exit 2
fi
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  log "something already listens on 127.0.0.1:$port; pick a free port"
  exit 1
fi
into="$(realpath -m "$into")"
if [[ -e "$into" ]] && [[ -n "$(ls -A "$into")" ]]; then
  log "$into exists and is not empty; restore.sh only writes into a new folder"
  exit 1
fi

if [[ "$target" == latest ]]; then
  target_epoch=$(( 1 << 62 ))
else
  if ! target_epoch="$(date -u -d "$target" +%s 2>/dev/null)"; then
    log "cannot read the target time '$target' (give it as 'YYYY-MM-DD HH:MM:SS+00')"
    exit 2
  fi
fi

# The newest complete base backup that finished before the target (a backup cannot stop before its own end).
chosen=
for d in $(ls -d "$backup_dir"/base/2* 2>/dev/null | sort -r); do
  [[ -f "$d/info" && -f "$d/base.tar.gz" ]] || continue
  finished="$(sed -n 's/^finished_epoch=//p' "$d/info")"
  if (( finished < target_epoch )); then
    chosen="$d"
    break
  fi
done
if [[ -z "$chosen" ]]; then
  log "no complete base backup in $backup_dir/base finished before $target"
  exit 1
fi
log "base backup $(basename "$chosen") ($(sed -n 's/^label=//p' "$chosen/info"), finished $(sed -n 's/^finished_utc=//p' "$chosen/info")), target $target"

mkdir -p "$into"
chmod 700 "$into"
[[ ${#as_pg[@]} -eq 0 ]] || chown postgres: "$into"
"${as_pg[@]}" tar -xzf "$chosen/base.tar.gz" -C "$into"
t_unpacked="$(now)"
log "unpacked $(du -sh "$into" | cut -f1) in $(since "$t0") s"

# The backup's own settings are kept aside: they may archive into the production archive, follow a primary or
# need the production paths. Only what a restore needs goes into the new postgresql.conf.
for f in postgresql.conf postgresql.auto.conf; do
  [[ ! -f "$into/$f" ]] || "${as_pg[@]}" mv "$into/$f" "$into/$f.from-backup"
done
rm -f "$into/standby.signal" "$into/recovery.signal" "$into/postmaster.pid"
socket_dir="$into"
(( ${#into} < 80 )) || socket_dir=/tmp
if [[ "$target" == latest ]]; then target_line="# no recovery_target_time: replay all archived WAL"; else
  target_line="recovery_target_time = '$target'"; fi
"${as_pg[@]}" tee "$into/postgresql.conf" >/dev/null <<EOF
# Written by deploy/backup/restore.sh $(date -u '+%Y-%m-%d %H:%M:%S+00') from $chosen.
# The backup's own settings are in postgresql.conf.from-backup.
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$socket_dir'
archive_mode = off
hot_standby = off
restore_command = '$here/restore-wal.sh $backup_dir %f %p'
$target_line
recovery_target_action = 'promote'
recovery_target_timeline = 'latest'
EOF
if [[ ! -f "$into/pg_hba.conf" ]]; then
  "${as_pg[@]}" tee "$into/pg_hba.conf" >/dev/null <<EOF
# Written by deploy/backup/restore.sh (the backup had none: its pg_hba.conf lived outside the data directory).
local   all all                 peer
host    all all 127.0.0.1/32    scram-sha-256
EOF
fi
[[ -f "$into/pg_ident.conf" ]] || "${as_pg[@]}" touch "$into/pg_ident.conf"
"${as_pg[@]}" touch "$into/recovery.signal"

log "starting PostgreSQL on 127.0.0.1:$port, log $into/restore.log"
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$into" -l "$into/restore.log" -W start >/dev/null

# With hot_standby off the server answers only once recovery is over: at the target, promoted.
deadline=$(( $(date +%s) + timeout ))
# pg_ctl -W returns before the postmaster has written its pid file: wait for it before judging whether it runs.
for (( i = 0; i < 150; i++ )); do
  [[ ! -s "$into/postmaster.pid" ]] || break
  sleep 0.2
done
while :; do
  if "$pg_bin/pg_isready" -q -h "$socket_dir" -p "$port"; then
    state="$("${as_pg[@]}" "$pg_bin/psql" -XAtq -h "$socket_dir" -p "$port" -U postgres -d postgres \
             -c 'SELECT pg_is_in_recovery()' 2>/dev/null || true)"
    if [[ "$state" == f ]] || { [[ -z "$state" ]] && grep -q 'database system is ready to accept connections' "$into/restore.log"; }; then
      break
    fi
  fi
  if ! "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$into" status >/dev/null 2>&1; then
    sleep 1
    log "PostgreSQL stopped during recovery (or never started); the end of its log:"
    tail -n 15 "$into/restore.log" >&2
    "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$into" -m fast stop >/dev/null 2>&1 || true
    exit 1
  fi
  if (( $(date +%s) > deadline )); then
    log "recovery did not finish in $timeout s; stopping the new instance. The end of its log:"
    tail -n 15 "$into/restore.log" >&2
    "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$into" -m fast stop >/dev/null 2>&1 || true
    exit 1
  fi
  sleep 0.2
done

grep -E 'recovery stopping|last completed transaction|selected new timeline|archive recovery complete|restored log file' "$into/restore.log" |
  grep -v 'restored log file' | sed 's/^/restore.sh: log: /' >&2 || true
segments="$(grep -c 'restored log file' "$into/restore.log" || true)"
log "WAL segments replayed from the archive: $segments; replay took $(since "$t_unpacked") s"
log "promoted and answering on 127.0.0.1:$port after $(since "$t0") s (data in $into)"
log "stop it with: runuser -u postgres -- $pg_bin/pg_ctl -D $into stop"
echo "restored in $(since "$t0") s"
