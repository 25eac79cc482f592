#!/usr/bin/env bash
# PostgreSQL archive_command for Birge: copies one finished WAL segment (or a .history, .backup or .partial file)
# into BACKUP_DIR/wal/ as FILE.gz, atomically: it writes a temporary name, fsyncs it, links it to the final name
# (which fails if the name exists, so two nodes can never overwrite each other) and fsyncs the folder.
# If FILE is already archived with the same content (a retry after a crash) it succeeds; with different content it
# fails and says so in the server log, so nothing archived is ever replaced.
# It holds no state of its own, so the same line works on every node of a Patroni cluster: only the leader runs it
# (archive_mode = on), and after a failover the new leader goes on writing its new timeline into the same folder.
#   archive_command = '/usr/local/lib/birge-backup/archive-wal.sh /var/backups/birge-pg %p %f'
# BACKUP_DIR must be the same shared folder (a mount of the backup host) on every database node, writable by postgres.
set -euo pipefail

if [[ $# -ne 3 ]]; then
  echo "usage: archive-wal.sh BACKUP_DIR %p %f" >&2
  exit 2
fi
dir="$1/wal"
path="$2"   # relative to the data directory, which is the working directory of archive_command
name="$3"

[[ -d "$dir" ]] || mkdir -p "$dir"
final="$dir/$name.gz"

same_as_archived() {
  # 0 if the archived copy holds exactly the bytes of $path.
  gzip -dc "$final" 2>/dev/null | cmp -s - "$path"
}

if [[ -e "$final" ]]; then
  if same_as_archived; then
    exit 0
  fi
  echo "archive-wal.sh: $final exists with different content; refusing to overwrite it (two primaries? a restored copy archiving here?)" >&2
  exit 1
fi

tmp="$dir/.$name.$$.$RANDOM.tmp"
trap 'rm -f "$tmp"' EXIT
gzip -1 -c "$path" >"$tmp"
sync "$tmp"
# ln, unlike mv, fails when the final name exists: atomic "create if absent", also on NFS.
if ! ln "$tmp" "$final" 2>/dev/null; then
  if [[ -e "$final" ]] && same_as_archived; then
    exit 0
  fi
  echo "archive-wal.sh: could not create $final (or it appeared with different content); refusing to overwrite it" >&2
  exit 1
fi
rm -f "$tmp"
trap - EXIT
sync "$dir"
