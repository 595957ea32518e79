#!/bin/sh
# Throwaway PostgreSQL for tests and local development (trust auth, data under /tmp).
#   scripts/pg-test-server.sh start [DBNAME]  -> prints postgresql://postgres@127.0.0.1:PORT/DBNAME
#   scripts/pg-test-server.sh stop
# Idempotent: start reuses a running server and an existing database.
# Env: MESH_PG_PORT (55432), MESH_PG_DIR (/tmp/mesh-pg), MESH_PG_BIN (dir with initdb/pg_ctl).
# PostgreSQL refuses to run as root, so as root the server commands run as user postgres.
set -eu

PORT="${MESH_PG_PORT:-55432}"
DIR="${MESH_PG_DIR:-/tmp/mesh-pg}"
DB="${2:-mesh}"

find_bin() {
  if [ -n "${MESH_PG_BIN:-}" ]; then echo "$MESH_PG_BIN"; return; fi
  newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -n "$newest" ]; then echo "$newest"; return; fi
  initdb_path=$(command -v initdb || true)
  if [ -n "$initdb_path" ]; then dirname "$(readlink -f "$initdb_path")"; return; fi
  echo "pg-test-server: PostgreSQL server binaries not found (apt-get install -y postgresql)" >&2
  exit 1
}
BIN=$(find_bin)

as_owner() { # run a shell command as the cluster owner
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$1"; else sh -c "$1"; fi
}

psql_admin() { psql -X -q -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -tA "$@"; }

start() {
  if [ ! -f "$DIR/data/PG_VERSION" ]; then
    mkdir -p "$DIR"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR"
    as_owner "'$BIN/initdb' -D '$DIR/data' -U postgres --auth=trust -E UTF8 --no-locale >'$DIR/initdb.log'" >&2
  fi
  if ! as_owner "'$BIN/pg_ctl' -D '$DIR/data' status >/dev/null 2>&1"; then
    as_owner "'$BIN/pg_ctl' -D '$DIR/data' -o \"-p $PORT -k '$DIR' -c listen_addresses=127.0.0.1 -c fsync=on\" -l '$DIR/server.log' -w start" >&2
  fi
  if [ "$(psql_admin -c "select 1 from pg_database where datname = '$DB'")" != 1 ]; then
    psql_admin -c "create database \"$DB\"" >&2
  fi
  echo "postgresql://postgres@127.0.0.1:$PORT/$DB"
}

stop() {
  if [ -f "$DIR/data/PG_VERSION" ] && as_owner "'$BIN/pg_ctl' -D '$DIR/data' status >/dev/null 2>&1"; then
    as_owner "'$BIN/pg_ctl' -D '$DIR/data' -m fast -w stop" >&2
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start [DBNAME] | stop" >&2; exit 2 ;;
esac
