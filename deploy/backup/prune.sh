#!/usr/bin/env bash
# Retention for Birge's backups: keeps the newest BIRGE_BACKUP_KEEP (default 7) complete base backups in
# BACKUP_DIR/base, deletes older ones, and removes from BACKUP_DIR/wal every WAL segment older than the first one
# the oldest kept backup needs (pg_archivecleanup). Timeline .history files and .backup files are kept: they are tiny.
# Called by basebackup.sh after each good backup; safe to run by hand at any time.
#   deploy/backup/prune.sh            settings from /etc/birge/backup.env (BIRGE_BACKUP_ENV to move it)
set -euo pipefail

env_file="${BIRGE_BACKUP_ENV:-/etc/birge/backup.env}"
if [[ -r "$env_file" ]]; then
  set -a
  # shellcheck disable=SC1090
  . "$env_file"
  set +a
fi
backup_dir="${BIRGE_BACKUP_DIR:-/var/backups/birge-pg}"
keep="${BIRGE_BACKUP_KEEP:-7}"
pg_bin="${BIRGE_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
log() { echo "prune.sh: $*" >&2; }

if ! [[ "$keep" =~ ^[0-9]+$ ]] || (( keep < 1 )); then
  log "BIRGE_BACKUP_KEEP must be 1 or more"
  exit 2
fi

# Complete backups only (an "info" file is written last); names are UTC stamps, so they sort by age.
mapfile -t backups < <(for d in "$backup_dir"/base/2*; do [[ -f "$d/info" ]] && basename "$d"; done | sort)
count=${#backups[@]}
if (( count == 0 )); then
  log "no complete base backup in $backup_dir/base; nothing removed"
  exit 0
fi
for (( i = 0; i < count - keep; i++ )); do
  log "removing base backup ${backups[$i]}"
  rm -rf "$backup_dir/base/${backups[$i]:?}"
done
oldest="${backups[$(( count > keep ? count - keep : 0 ))]}"
first_wal="$(sed -n 's/^first_wal=//p' "$backup_dir/base/$oldest/info")"
if [[ ! "$first_wal" =~ ^[0-9A-F]{24}$ ]]; then
  log "no first_wal in $backup_dir/base/$oldest/info; WAL left as it is"
  exit 1
fi
before="$(find "$backup_dir/wal" -maxdepth 1 -type f | wc -l)"
"$pg_bin/pg_archivecleanup" -x .gz "$backup_dir/wal" "$first_wal"
after="$(find "$backup_dir/wal" -maxdepth 1 -type f | wc -l)"
log "keeping $((count > keep ? keep : count)) base backups (oldest $oldest); WAL files: $before before, $after after (kept from $first_wal)"
