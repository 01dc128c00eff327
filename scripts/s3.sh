# scripts/s3.sh — source this (bash) to run a real S3-compatible server for the
# tests: moto in server mode (testservers/s3/requirements.txt), in the virtual
# environment target/venv-s3 (made and refreshed by scripts/venv.sh).
#
# Starts it in the background on a free loopback port (SESAME_TEST_S3_PORT if
# set), log in target/s3.log, and creates the bucket sesame-test. Exports
#   SESAME_TEST_S3_URL=s3://sesame-test?endpoint=http://127.0.0.1:PORT&region=us-east-1
# (moto takes any keys: the tests and the bench sign with "testing"; a
# developer's own AWS_* variables are left alone).
# Each integration test works under a prefix of its own in that bucket.
# Defines sesame_s3_cleanup (stops it); the caller should trap it on EXIT.
# Returns 1 with a message on stderr if the server cannot be started.
# Safe to source under `set -euo pipefail`.

source "$(dirname "${BASH_SOURCE[0]}")/venv.sh"

_SESAME_S3_PID=""

sesame_s3_cleanup() {
  if [ -n "${_SESAME_S3_PID:-}" ] && kill -0 "$_SESAME_S3_PID" 2>/dev/null; then
    kill -TERM "$_SESAME_S3_PID" 2>/dev/null || true
    wait "$_SESAME_S3_PID" 2>/dev/null || true
  fi
  _SESAME_S3_PID=""
}

_sesame_s3_start() {
  local root venv port log i
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd) || return 1
  venv="$root/target/venv-s3"
  log="$root/target/s3.log"
  mkdir -p "$root/target" || return 1
  sesame_venv "$root" s3 "$root/testservers/s3/requirements.txt" || return 1
  port=${SESAME_TEST_S3_PORT:-$(sesame_free_port "$venv/bin/python")} || return 1
  PYTHONDONTWRITEBYTECODE=1 "$venv/bin/python" -m moto.server -H 127.0.0.1 -p "$port" >"$log" 2>&1 &
  _SESAME_S3_PID=$!
  for i in $(seq 1 100); do
    if ! kill -0 "$_SESAME_S3_PID" 2>/dev/null; then
      echo "s3.sh: moto exited at start; $log says:" >&2
      cat "$log" >&2
      sesame_s3_cleanup
      return 1
    fi
    if curl -fsS -o /dev/null -X PUT "http://127.0.0.1:$port/sesame-test" 2>/dev/null; then
      export SESAME_TEST_S3_URL="s3://sesame-test?endpoint=http://127.0.0.1:$port&region=us-east-1"
      return 0
    fi
    sleep 0.2
  done
  echo "s3.sh: moto did not answer on 127.0.0.1:$port within 20 s; $log says:" >&2
  cat "$log" >&2
  sesame_s3_cleanup
  return 1
}

_sesame_s3_start || { echo "s3.sh: ERROR: could not start the S3 test server" >&2; return 1; }
