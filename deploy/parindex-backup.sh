#!/bin/sh
# Nightly backup of the parindex database, then delete backups older than PARINDEX_BACKUP_DAYS days.
#   SQLite (default, or PARINDEX_DATABASE_URL=sqlite:///...): `python -m parindex backup`, SQLite's online backup,
#     consistent while the app writes -> parindex-YYYY-MM-DD.db
#   PostgreSQL (PARINDEX_DATABASE_URL=postgresql://...): pg_dump in custom format -> parindex-YYYY-MM-DD.dump
#     (restore: pg_restore --clean --if-exists -d parindex parindex-YYYY-MM-DD.dump)
# Run by parindex-backup.service (timer: parindex-backup.timer) from /opt/parindex with /etc/parindex/parindex.env.
set -eu
BACKUP_DIR=${PARINDEX_BACKUP_DIR:-/var/backups/parindex}
KEEP_DAYS=${PARINDEX_BACKUP_DAYS:-30}
PYTHON=${PARINDEX_PYTHON:-.venv/bin/python}
STAMP=$(date +%F)
URL=${PARINDEX_DATABASE_URL:-}

mkdir -p "$BACKUP_DIR"
case "$URL" in
  postgresql://* | postgres://*)
    target="$BACKUP_DIR/parindex-$STAMP.dump"
    pg_dump --format=custom --no-owner --file="$target.part" --dbname="$URL"
    mv "$target.part" "$target"
    ;;
  postgresql+*://*)
    echo "parindex-backup: write PARINDEX_DATABASE_URL as postgresql://... for pg_dump" >&2
    exit 2
    ;;
  *)
    target="$BACKUP_DIR/parindex-$STAMP.db"
    "$PYTHON" -m parindex backup --to "$target.part"
    mv "$target.part" "$target"
    ;;
esac
echo "parindex-backup: $target"
find "$BACKUP_DIR" -maxdepth 1 -type f \( -name 'parindex-*.db' -o -name 'parindex-*.dump' \) -mtime +"$KEEP_DAYS" -print -delete
