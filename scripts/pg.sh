# scripts/pg.sh — source this (bash) to get a PostgreSQL server for the tests.
#
# Exports SESAME_TEST_PG_URL: a superuser URL (postgres://postgres@127.0.0.1:PORT/postgres)
# of a server where the tests may freely create and drop databases.
#   * If a server answers on 127.0.0.1:5432 and lets user postgres in without a
#     password, that one is used.
#   * Otherwise a throwaway cluster (trust auth, fsync off) is started on a free
#     loopback port, installing Debian's `postgresql` package first if needed.
#     SESAME_PG_FORCE_THROWAWAY=1 skips the 5432 check.
# Defines sesame_pg_cleanup (stops and deletes a throwaway cluster, no-op
# otherwise); the caller should `trap sesame_pg_cleanup EXIT`.
# Returns 1 with a message on stderr when no PostgreSQL can be had.
# Safe to source under `set -euo pipefail`.

_SESAME_PG_DIR=""
_SESAME_PG_BIN=""

sesame_pg_cleanup() {
  if [ -n "${_SESAME_PG_DIR:-}" ] && [ -d "$_SESAME_PG_DIR" ]; then
    _sesame_pg_as "$_SESAME_PG_BIN/pg_ctl" -D "$_SESAME_PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$_SESAME_PG_DIR"
  fi
  _SESAME_PG_DIR=""
}

# Run a PostgreSQL binary as the `postgres` OS user when we are root (initdb refuses root).
_sesame_pg_as() {
  if [ "$(id -u)" = 0 ]; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

_sesame_pg_find_bin() {
  local f
  _SESAME_PG_BIN=""
  for f in /usr/lib/postgresql/*/bin/initdb; do
    if [ -x "$f" ]; then _SESAME_PG_BIN=${f%/initdb}; fi
  done
  [ -n "$_SESAME_PG_BIN" ]
}

_sesame_pg_free_port() {
  local p i
  for i in $(seq 1 100); do
    p=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  return 1
}

_sesame_pg_setup() {
  local port i
  if [ "${SESAME_PG_FORCE_THROWAWAY:-0}" != 1 ] \
    && pg_isready -q -h 127.0.0.1 -p 5432 >/dev/null 2>&1 \
    && psql -w -h 127.0.0.1 -p 5432 -U postgres -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
    export SESAME_TEST_PG_URL="postgres://postgres@127.0.0.1:5432/postgres"
    return 0
  fi

  if ! _sesame_pg_find_bin; then
    echo "pg.sh: no PostgreSQL server binaries; installing Debian package postgresql" >&2
    [ "$(id -u)" = 0 ] || { echo "pg.sh: need root to apt-get install postgresql" >&2; return 1; }
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q postgresql >&2 \
      || { apt-get update -q >&2 && apt-get install -y -q postgresql >&2; } \
      || { echo "pg.sh: apt-get install postgresql failed" >&2; return 1; }
    _sesame_pg_find_bin || { echo "pg.sh: postgresql installed but no initdb under /usr/lib/postgresql" >&2; return 1; }
  fi

  port=$(_sesame_pg_free_port) || { echo "pg.sh: found no free port" >&2; return 1; }
  _SESAME_PG_DIR=$(mktemp -d /tmp/sesame-pg.XXXXXX) || return 1
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$_SESAME_PG_DIR" || return 1; fi

  _sesame_pg_as "$_SESAME_PG_BIN/initdb" -D "$_SESAME_PG_DIR/data" --auth=trust -U postgres \
      -E UTF8 --no-locale --no-sync >"$_SESAME_PG_DIR/initdb.log" 2>&1 \
    || { echo "pg.sh: initdb failed:" >&2; cat "$_SESAME_PG_DIR/initdb.log" >&2; sesame_pg_cleanup; return 1; }
  _sesame_pg_as "$_SESAME_PG_BIN/pg_ctl" -D "$_SESAME_PG_DIR/data" -l "$_SESAME_PG_DIR/server.log" -w -t 30 \
      -o "-p $port -k $_SESAME_PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null \
    || { echo "pg.sh: pg_ctl start failed:" >&2; cat "$_SESAME_PG_DIR/server.log" >&2; sesame_pg_cleanup; return 1; }
  for i in $(seq 1 60); do
    if "$_SESAME_PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port"; then
      export SESAME_TEST_PG_URL="postgres://postgres@127.0.0.1:$port/postgres"
      echo "pg.sh: throwaway PostgreSQL on 127.0.0.1:$port ($_SESAME_PG_DIR)" >&2
      return 0
    fi
    sleep 0.5
  done
  echo "pg.sh: throwaway PostgreSQL never became ready:" >&2
  cat "$_SESAME_PG_DIR/server.log" >&2
  sesame_pg_cleanup
  return 1
}

_sesame_pg_setup || { echo "pg.sh: ERROR: no PostgreSQL available for the tests" >&2; return 1; }
