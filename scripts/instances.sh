# scripts/instances.sh — source this (bash) with a count N to run N
# `sesame serve` processes of the debug build (target/debug/sesame) on free
# loopback ports, with the environment the caller exported (one database,
# one file store, one session secret, one SMTP relay), each with a data
# folder of its own: nothing is shared through a disk.
#
# Exports SESAME_INSTANCES="PID@127.0.0.1:PORT,…" (the end-to-end test
# kills one) and SESAME_BACKEND_1 … SESAME_BACKEND_N (scripts/haproxy.sh).
# Logs in target/instance-K.log. Defines sesame_instances_cleanup; the
# caller should trap it on EXIT. Returns 1 with a message on stderr if an
# instance does not become ready within 20 s.

_SESAME_INSTANCE_PIDS=()
_SESAME_INSTANCE_DIRS=()

sesame_instances_cleanup() {
  local pid dir
  for pid in "${_SESAME_INSTANCE_PIDS[@]}"; do
    # One the end-to-end test killed is left to the shell.
    if kill -TERM "$pid" 2>/dev/null; then wait "$pid" 2>/dev/null || true; fi
  done
  for dir in "${_SESAME_INSTANCE_DIRS[@]}"; do rm -rf "$dir"; done
  _SESAME_INSTANCE_PIDS=()
  _SESAME_INSTANCE_DIRS=()
}

_sesame_instances_start() {
  local count=$1 root k port dir pid list="" i
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd) || return 1
  for k in $(seq 1 "$count"); do
    # A free port, not the one set aside for the proxy (bound later).
    port=${SESAME_TEST_PROXY_PORT:-}
    while [ "$port" = "${SESAME_TEST_PROXY_PORT:-}" ]; do
      port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    done
    dir=$(mktemp -d /tmp/sesame-instance.XXXXXX) || return 1
    _SESAME_INSTANCE_DIRS+=("$dir")
    SESAME_DATA_DIR="$dir" SESAME_LISTEN="127.0.0.1:$port" \
      "$root/target/debug/sesame" serve >"$root/target/instance-$k.log" 2>&1 &
    pid=$!
    _SESAME_INSTANCE_PIDS+=("$pid")
    for i in $(seq 1 100); do
      curl -fsS -o /dev/null "http://127.0.0.1:$port/readyz" 2>/dev/null && break
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    if ! curl -fsS -o /dev/null "http://127.0.0.1:$port/readyz" 2>/dev/null; then
      echo "instances.sh: instance $k is not ready; target/instance-$k.log says:" >&2
      cat "$root/target/instance-$k.log" >&2
      return 1
    fi
    export "SESAME_BACKEND_$k=127.0.0.1:$port"
    list="$list${list:+,}$pid@127.0.0.1:$port"
  done
  export SESAME_INSTANCES="$list"
}

_sesame_instances_start "${1:-2}" || { echo "instances.sh: ERROR: could not start the instances" >&2; return 1; }
