#!/bin/sh
# Run a parindex command on the server as the service would: as user parindex, in /opt/parindex, with the
# settings of /etc/parindex/parindex.env (readable by root only). Standard input passes through, so
#   sudo /opt/parindex/deploy/parindex-cli.sh users add --username NAME --role admin
# reads the password from the terminal or from a pipe.
set -eu
ENV_FILE=${PARINDEX_ENV_FILE:-/etc/parindex/parindex.env}
APP_DIR=${PARINDEX_APP_DIR:-/opt/parindex}
if [ -r "$ENV_FILE" ]; then
  set -a
  . "$ENV_FILE"
  set +a
fi
cd "$APP_DIR"
if [ "$(id -u)" = 0 ]; then
  exec runuser -u parindex -- "$APP_DIR/.venv/bin/python" -m parindex "$@"
fi
exec "$APP_DIR/.venv/bin/python" -m parindex "$@"
