# scripts/cas.sh — source this (bash) to run a real CAS 3.0 server for the tests:
# django-cas-server (the Django project in testservers/cas/).
#
# Creates the Python virtual environment target/venv-cas with python3 -m venv and
# pip-installs testservers/cas/requirements.txt into it the first time, and again
# whenever that file differs from the copy kept in the venv; reuses it otherwise.
# Then, with a fresh SQLite database in a temp dir, runs the migrations, loads the
# users and service patterns of testservers/cas/testdata.json, and starts the server
# (waitress) in the background, bound to 127.0.0.1 only; log in target/cas.log.
# Port: SESAME_TEST_CAS_PORT if set, a free loopback port otherwise. Service tickets
# live 60 s, or SESAME_CAS_TICKET_VALIDITY seconds if that is set (it reaches the server).
# Exports SESAME_TEST_CAS_URL=http://127.0.0.1:PORT/cas, the CAS base URL
#         (/login, /logout, /serviceValidate, /p3/serviceValidate are under it).
# Defines sesame_cas_cleanup (stops it); the caller should trap it on EXIT.
# Returns 1 with a message on stderr if the CAS server cannot be started.
# Needs python3 (3.10 or later) with venv, and PyPI. Safe to source under `set -euo pipefail`.

_SESAME_CAS_PID=""
_SESAME_CAS_DIR=""

sesame_cas_cleanup() {
  local i
  if [ -n "${_SESAME_CAS_PID:-}" ] && kill -0 "$_SESAME_CAS_PID" 2>/dev/null; then
    kill -TERM "$_SESAME_CAS_PID" 2>/dev/null || true
    for i in $(seq 1 50); do
      kill -0 "$_SESAME_CAS_PID" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$_SESAME_CAS_PID" 2>/dev/null || true
    wait "$_SESAME_CAS_PID" 2>/dev/null || true
  fi
  _SESAME_CAS_PID=""
  if [ -n "${_SESAME_CAS_DIR:-}" ]; then rm -rf "$_SESAME_CAS_DIR"; fi
  _SESAME_CAS_DIR=""
}

source "$(dirname "${BASH_SOURCE[0]}")/venv.sh"

_sesame_cas_start() {
  local root venv port log i
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd) || return 1
  venv="$root/target/venv-cas"
  log="$root/target/cas.log"
  mkdir -p "$root/target" || return 1
  sesame_venv "$root" cas "$root/testservers/cas/requirements.txt" || return 1

  if [ -n "${SESAME_TEST_CAS_PORT:-}" ]; then
    port=$SESAME_TEST_CAS_PORT
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "cas.sh: port 127.0.0.1:$port is already in use" >&2
      return 1
    fi
  else
    port=$(sesame_free_port "$venv/bin/python") || { echo "cas.sh: found no free port" >&2; return 1; }
  fi
  _SESAME_CAS_DIR=$(mktemp -d /tmp/sesame-cas.XXXXXX) || return 1

  # The project's settings read SESAME_CAS_DB_DIR; no .pyc written into the source tree.
  if ! (
    cd "$root/testservers/cas" \
      && export SESAME_CAS_DB_DIR="$_SESAME_CAS_DIR" DJANGO_SETTINGS_MODULE=sesamecas.settings \
        PYTHONDONTWRITEBYTECODE=1 \
      && unset PYTHONPATH \
      && exec "$venv/bin/python" manage.py sesame_cas_setup
  ) >"$log" 2>&1; then
    echo "cas.sh: the CAS database setup failed; $log says:" >&2
    cat "$log" >&2
    sesame_cas_cleanup
    return 1
  fi
  (
    cd "$root/testservers/cas" \
      && export SESAME_CAS_DB_DIR="$_SESAME_CAS_DIR" DJANGO_SETTINGS_MODULE=sesamecas.settings \
        PYTHONDONTWRITEBYTECODE=1 \
      && unset PYTHONPATH \
      && exec "$venv/bin/python" -m waitress --listen="127.0.0.1:$port" --threads=4 \
        --ident=sesame-test-cas sesamecas.wsgi:application
  ) >>"$log" 2>&1 &
  _SESAME_CAS_PID=$!

  for i in $(seq 1 100); do
    if ! kill -0 "$_SESAME_CAS_PID" 2>/dev/null; then
      echo "cas.sh: the CAS server exited at start; $log says:" >&2
      cat "$log" >&2
      sesame_cas_cleanup
      return 1
    fi
    if curl -fsS -o /dev/null "http://127.0.0.1:$port/cas/login" 2>/dev/null; then
      export SESAME_TEST_CAS_URL="http://127.0.0.1:$port/cas"
      return 0
    fi
    sleep 0.2
  done
  echo "cas.sh: the CAS login page did not answer on 127.0.0.1:$port within 20 s; $log says:" >&2
  cat "$log" >&2
  sesame_cas_cleanup
  return 1
}

_sesame_cas_start || { echo "cas.sh: ERROR: could not start the CAS server" >&2; return 1; }
