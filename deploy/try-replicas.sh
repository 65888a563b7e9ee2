#!/usr/bin/env bash
# Try the several-replicas set-up on one machine, without root: a fresh PostgreSQL database, two Streamlit replicas
# (same cookie secret, deploy/streamlit-config.toml as their configuration) and nginx running deploy/nginx-parindex.conf
# itself, with only its ports, certificate (self-signed, made here) and log paths swapped. Then it checks:
#   - /parindex/_stcore/health answers "ok" on each replica and through nginx (HTTPS);
#   - plain HTTP is redirected to HTTPS;
#   - nginx sets the parindex_route cookie, one cookie always reaches the same replica, different cookies reach both.
#
#   deploy/try-replicas.sh           checks, then keeps everything running until Ctrl-C (open the printed address)
#   deploy/try-replicas.sh --check   checks, then stops
# Everything it started is stopped and the database dropped when it ends, also after a failed check or Ctrl-C.
# Needs nginx, openssl, curl, createdb/dropdb, and a PostgreSQL server that accepts the user below (PGHOST, PGPORT,
# PGUSER; default postgres@127.0.0.1:5432). PYTHON: the interpreter with parindex's requirements (default .venv).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
MODE=${1:-serve}
PYTHON=${PYTHON:-$ROOT/.venv/bin/python}
NGINX=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
DATABASE=parindex_replicas_$(od -An -N4 -tx4 /dev/urandom | tr -d ' \n')
WORK=$(mktemp -d "${TMPDIR:-/tmp}/parindex-replicas.XXXXXX")
PIDS=()
DATABASE_CREATED=0

say() { printf '%s\n' "$*"; }
fail() {
  say "FAILED: $*" >&2
  for log in "$WORK"/*.log; do
    [ -f "$log" ] && { say "--- $log" >&2; tail -n 20 "$log" >&2; }
  done
  exit 1
}

cleanup() {
  trap - EXIT INT TERM
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  if [ "$DATABASE_CREATED" = 1 ]; then
    dropdb --if-exists --force "$DATABASE" || say "could not drop database $DATABASE" >&2
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_ports() {  # N free TCP ports on 127.0.0.1, all different
  "$PYTHON" -c "
import socket, sys
socks = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in socks: s.bind(('127.0.0.1', 0))
print(' '.join(str(s.getsockname()[1]) for s in socks))
for s in socks: s.close()" "$1"
}

wait_for() {  # URL, expected body, process id to watch; gives up after 90 seconds
  local deadline=$((SECONDS + 90))
  while [ "$SECONDS" -lt "$deadline" ]; do
    kill -0 "$3" 2>/dev/null || fail "process $3 ended while waiting for $1"
    if [ "$(curl -ks --max-time 2 "$1" || true)" = "$2" ]; then return 0; fi
    sleep 0.1
  done
  fail "no answer '$2' from $1"
}

# 1. A fresh database with the schema and the sample rounds.
createdb "$DATABASE"
DATABASE_CREATED=1
export PARINDEX_DATABASE_URL="postgresql://$PGUSER@$PGHOST:$PGPORT/$DATABASE"
"$PYTHON" -m parindex db upgrade --seed >"$WORK/upgrade.log" 2>&1 || fail "db upgrade --seed"

# 2. Two replicas: one cookie secret, the deployment's Streamlit configuration as their ~/.streamlit/config.toml.
read -r PORT_A PORT_B PORT_HTTP PORT_HTTPS <<<"$(free_ports 4)"
mkdir -p "$WORK/home/.streamlit"
cp deploy/streamlit-config.toml "$WORK/home/.streamlit/config.toml"
export STREAMLIT_SERVER_COOKIE_SECRET=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
export STREAMLIT_SERVER_ALLOWED_HOSTS="127.0.0.1 localhost"  # instead of the template's placeholder host name
for port in "$PORT_A" "$PORT_B"; do
  HOME="$WORK/home" "$PYTHON" -m streamlit run app.py --server.headless true --server.port "$port" \
    --server.address 127.0.0.1 --server.baseUrlPath parindex >"$WORK/replica-$port.log" 2>&1 &
  PIDS+=($!)
done

# 3. nginx with the site file of the repository.
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
  -keyout "$WORK/tls.key" -out "$WORK/tls.crt" >"$WORK/openssl.out" 2>&1 || fail "openssl"
sed -e "/^[[:space:]]*server 127\.0\.0\.1:85[0-9][0-9] /d" \
    -e "s|^\([[:space:]]*\)hash \$parindex_route consistent;|&\n\1server 127.0.0.1:$PORT_A;\n\1server 127.0.0.1:$PORT_B;|" \
    -e "s|listen 80;|listen 127.0.0.1:$PORT_HTTP;|" \
    -e "s|listen 443 |listen 127.0.0.1:$PORT_HTTPS |" \
    -e "/listen \[::\]/d" \
    -e "s|ssl_certificate .*;|ssl_certificate $WORK/tls.crt;|" \
    -e "s|ssl_certificate_key .*;|ssl_certificate_key $WORK/tls.key;|" \
    -e "s|access_log .*;|access_log $WORK/access.log upstream;|" \
    -e "s|error_log .*;|error_log $WORK/error.log;|" \
    deploy/nginx-parindex.conf >"$WORK/site.conf"
[ "$(grep -c "server 127.0.0.1:\($PORT_A\|$PORT_B\);" "$WORK/site.conf")" = 2 ] || fail "upstream not found in site file"
cat >"$WORK/nginx.conf" <<EOF
daemon off;
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/error.log;
events { worker_connections 256; }
http {
    client_body_temp_path $WORK/client_body;
    proxy_temp_path $WORK/proxy;
    fastcgi_temp_path $WORK/fastcgi;
    uwsgi_temp_path $WORK/uwsgi;
    scgi_temp_path $WORK/scgi;
    log_format upstream '\$cookie_parindex_route \$upstream_addr \$status \$request_uri';
    include $WORK/site.conf;
}
EOF
chmod 755 "$WORK"  # nginx started by root runs its workers as nobody
"$NGINX" -t -q -e "$WORK/error.log" -p "$WORK" -c "$WORK/nginx.conf" 2>"$WORK/nginx-test.log" || fail "nginx -t"
"$NGINX" -e "$WORK/error.log" -p "$WORK" -c "$WORK/nginx.conf" 2>>"$WORK/error.log" &
NGINX_PID=$!
PIDS+=("$NGINX_PID")

# 4. Checks.
wait_for "http://127.0.0.1:$PORT_A/parindex/_stcore/health" ok "${PIDS[0]}"
wait_for "http://127.0.0.1:$PORT_B/parindex/_stcore/health" ok "${PIDS[1]}"
PUBLIC="https://127.0.0.1:$PORT_HTTPS/parindex/"
wait_for "${PUBLIC}_stcore/health" ok "$NGINX_PID"
say "ok: health on both replicas and through nginx"

redirect=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "http://127.0.0.1:$PORT_HTTP/parindex/")
case "$redirect" in "301 https://127.0.0.1/parindex/") ;; *) fail "HTTP is not redirected to HTTPS: $redirect" ;; esac
say "ok: HTTP redirects to HTTPS"

curl -ks -D "$WORK/headers" -o /dev/null "$PUBLIC" || fail "app page through nginx"
grep -qi '^set-cookie: parindex_route=.*Path=/parindex/' "$WORK/headers" || fail "nginx set no parindex_route cookie"
for key in $(seq 1 20); do
  for _ in 1 2 3; do curl -ks -o /dev/null -b "parindex_route=route-$key" "${PUBLIC}_stcore/health"; done
done
for _ in $(seq 50); do  # nginx writes a log line as each request ends, possibly just after curl got the answer
  [ "$(grep -c '^route-' "$WORK/access.log" || true)" -ge 60 ] && break
  sleep 0.1
done
"$PYTHON" - "$WORK/access.log" "$PORT_A" "$PORT_B" <<'EOF' || fail "stickiness"
import collections, sys
replicas = collections.defaultdict(set)
for line in open(sys.argv[1]):
    cookie, upstream, *_ = line.split()
    if cookie.startswith("route-"):
        replicas[cookie].add(upstream.rsplit(":", 1)[-1])
assert len(replicas) == 20, f"{len(replicas)} of 20 cookies logged"
moved = {cookie: ports for cookie, ports in replicas.items() if len(ports) != 1}
assert not moved, f"one cookie reached several replicas: {moved}"
used = set().union(*replicas.values())
assert used == {sys.argv[2], sys.argv[3]}, f"20 cookies reached only {used}"
EOF
say "ok: one route cookie stays on one replica; 20 cookies spread over both"

say "READY $PUBLIC replica_a=http://127.0.0.1:$PORT_A/parindex/ replica_b=http://127.0.0.1:$PORT_B/parindex/ database=$PARINDEX_DATABASE_URL"
if [ "$MODE" = "--check" ]; then
  exit 0
fi
say "Open $PUBLIC (self-signed certificate). Ctrl-C stops everything and drops the database."
wait "$NGINX_PID"
