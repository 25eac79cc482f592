#!/usr/bin/env bash
# PostgreSQL restore_command for Birge: copies FILE back from BACKUP_DIR/wal/ (written by archive-wal.sh, gzip) to
# the path PostgreSQL asks for. Exits 1 when the file is not in the archive, which is how recovery learns that it has
# reached the end of the archived WAL (and how it probes for timeline .history files that do not exist).
#   restore_command = '/usr/local/lib/birge-backup/restore-wal.sh /var/backups/birge-pg %f %p'
# restore.sh writes this line into the instances it restores; a Patroni replica can use it too, to catch up from
# the archive when the primary no longer has the WAL it needs.
set -euo pipefail

if [[ $# -ne 3 ]]; then
  echo "usage: restore-wal.sh BACKUP_DIR %f %p" >&2
  exit 2
fi
dir="$1/wal"
name="$2"
path="$3"

if [[ -f "$dir/$name.gz" ]]; then
  gzip -dc "$dir/$name.gz" >"$path"
elif [[ -f "$dir/$name" ]]; then
  cp "$dir/$name" "$path"
else
  exit 1
fi
