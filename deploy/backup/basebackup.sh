#!/usr/bin/env bash
# Takes Birge's nightly PostgreSQL base backup, checks it and applies the retention. Run by birge-basebackup.service
# (the timer starts it every night) as the postgres user on every database node; on a node that is a replica it
# does nothing, so under Patroni only the current leader takes the backup.
#   deploy/backup/basebackup.sh            settings from /etc/birge/backup.env (BIRGE_BACKUP_ENV to move it)
# Settings (environment or the env file): BIRGE_BACKUP_DIR (default /var/backups/birge-pg), BIRGE_BACKUP_KEEP
# (base backups to keep, default 7), BIRGE_BACKUP_CHECKPOINT (spread or fast, default spread), and libpq's PGHOST,
# PGPORT, PGUSER for the local server (default: the local socket, port 5432, user postgres).
# What it does:
#   1. pg_basebackup -Ft -z -X none with a label and a backup manifest into BACKUP_DIR/base/.partial-STAMP/.
#      With -X none, pg_basebackup returns only once every WAL segment the backup needs is in the archive
#      (archive-wal.sh), so the backup is restorable from the archive as soon as this step ends.
#   2. Verification: the tar is unpacked into a scratch folder, the WAL it needs is taken back from the archive, and
#      pg_verifybackup checks every file against the manifest and parses that WAL. (PostgreSQL 15's pg_verifybackup
#      reads only plain backups, hence the unpacking; the scratch copy is deleted afterwards.)
#   3. The folder is renamed to BACKUP_DIR/base/STAMP, with a file "info" (label, finish time, first WAL segment).
#   4. prune.sh: keeps the newest BIRGE_BACKUP_KEEP backups and the WAL the oldest kept one needs.
# Exits non-zero on any failure (the unit then shows as failed); a failed attempt leaves no complete backup behind.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

env_file="${BIRGE_BACKUP_ENV:-/etc/birge/backup.env}"
if [[ -r "$env_file" ]]; then
  set -a
  # shellcheck disable=SC1090
  . "$env_file"
  set +a
fi
backup_dir="${BIRGE_BACKUP_DIR:-/var/backups/birge-pg}"
checkpoint="${BIRGE_BACKUP_CHECKPOINT:-spread}"
export PGUSER="${PGUSER:-postgres}" PGPORT="${PGPORT:-5432}"
[[ -n "${PGHOST:-}" ]] || export PGHOST=/var/run/postgresql
pg_bin="${BIRGE_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"

log() { echo "basebackup.sh: $*" >&2; }

mkdir -p "$backup_dir/base" "$backup_dir/wal"
exec 9>"$backup_dir/.basebackup.lock"
if ! flock -n 9; then
  log "another base backup is running; nothing to do"
  exit 0
fi

in_recovery="$("$pg_bin/psql" -XAtqc 'SELECT pg_is_in_recovery()' -d postgres)"
if [[ "$in_recovery" == t ]]; then
  log "this node ($(hostname)) is a replica; the leader takes the backup"
  exit 0
fi

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
label="birge-$stamp-$(hostname)"
work="$backup_dir/base/.partial-$stamp"
rm -rf "$work"
trap 'rm -rf "$work"' EXIT
started=$SECONDS
log "taking $label into $work"
"$pg_bin/pg_basebackup" -D "$work" -Ft -z -X none -l "$label" -c "$checkpoint" --manifest-checksums=CRC32C
finished_epoch="$(date -u +%s)"
if compgen -G "$work/*.tar.gz" | grep -v '/base.tar.gz$' >/dev/null; then
  log "the cluster has tablespaces; this script restores and verifies base.tar.gz only"
  exit 1
fi
log "pg_basebackup done in $((SECONDS - started)) s; verifying"

# Verify: unpack, take the needed WAL from the archive, pg_verifybackup.
verify="$work/verify"
mkdir -p "$verify/data" "$verify/wal"
chmod 700 "$verify/data"
tar -xzf "$work/base.tar.gz" -C "$verify/data"
cp "$work/backup_manifest" "$verify/data/"
seg_size="$("$pg_bin/pg_controldata" "$verify/data" | sed -nE 's/^Bytes per WAL segment: *([0-9]+).*/\1/p')"
segs_per_id=$(( 0x100000000 / seg_size ))
lsn_to_int() { local hi="${1%/*}" lo="${1#*/}"; echo $(( (16#$hi << 32) | 16#$lo )); }
seg_name() { printf '%08X%08X%08X' "$1" $(( $2 / segs_per_id )) $(( $2 % segs_per_id )); }
first_wal=
while read -r tli start end; do
  from=$(( $(lsn_to_int "$start") / seg_size ))
  to=$(( ($(lsn_to_int "$end") - 1) / seg_size ))
  for (( s = from; s <= to; s++ )); do
    name="$(seg_name "$tli" "$s")"
    [[ -n "$first_wal" ]] || first_wal="$name"
    if ! "$here/restore-wal.sh" "$backup_dir" "$name" "$verify/wal/$name"; then
      log "WAL segment $name, needed by this backup, is not in $backup_dir/wal: is archiving working?"
      exit 1
    fi
  done
done < <(tr -d '\n' <"$work/backup_manifest" |
         grep -oE '"Timeline": *[0-9]+, *"Start-LSN": *"[0-9A-F/]+", *"End-LSN": *"[0-9A-F/]+"' |
         sed -E 's/"Timeline": *([0-9]+), *"Start-LSN": *"([0-9A-F/]+)", *"End-LSN": *"([0-9A-F/]+)"/\1 \2 \3/')
if [[ -z "$first_wal" ]]; then
  log "no WAL range in the backup manifest"
  exit 1
fi
"$pg_bin/pg_verifybackup" -q -w "$verify/wal" "$verify/data"
rm -rf "$verify"
log "pg_verifybackup: the backup and its WAL are intact"

size_bytes="$(du -sb "$work" | cut -f1)"
cat >"$work/info" <<EOF
label=$label
host=$(hostname)
finished_epoch=$finished_epoch
finished_utc=$(date -u -d "@$finished_epoch" '+%Y-%m-%d %H:%M:%S+00')
first_wal=$first_wal
size_bytes=$size_bytes
EOF
sync "$work"/*
mv "$work" "$backup_dir/base/$stamp"
trap - EXIT
sync "$backup_dir/base"
log "backup $backup_dir/base/$stamp complete: $((size_bytes / 1024 / 1024)) MiB, first WAL $first_wal, $((SECONDS - started)) s"

"$here/prune.sh"
