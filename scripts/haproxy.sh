# scripts/haproxy.sh — source this (bash) to run Debian's HAProxy with
# deploy/haproxy.cfg (the configuration DEPLOY.md gives) in front of a
# Sésame server, as an unprivileged process on a free loopback port, TLS
# with the test certificate of scripts/maildev.sh (target/test-tls/: its CA
# in SESAME_TEST_SMTP_CA_FILE).
#
# Needs SESAME_BACKEND_1 (the server's host:port; SESAME_BACKEND_2 for a
# second instance) and the test certificate
# (source scripts/maildev.sh first). Installs Debian's `haproxy` if needed.
# Exports SESAME_TEST_PROXY_URL=https://localhost:PORT (PORT is
# SESAME_TEST_PROXY_PORT when set, a free one otherwise) and
# SESAME_TEST_PROXY_HTTP_URL=http://localhost:PORT2 (redirects). Log in
# target/haproxy.log. Defines sesame_haproxy_cleanup; the caller should
# trap it on EXIT. Returns 1 with a message on stderr if HAProxy cannot
# start. Safe to source under `set -euo pipefail`.

_SESAME_HAPROXY_PID=""

sesame_haproxy_cleanup() {
  if [ -n "${_SESAME_HAPROXY_PID:-}" ] && kill -0 "$_SESAME_HAPROXY_PID" 2>/dev/null; then
    kill -TERM "$_SESAME_HAPROXY_PID" 2>/dev/null || true
    wait "$_SESAME_HAPROXY_PID" 2>/dev/null || true
  fi
  _SESAME_HAPROXY_PID=""
}

_sesame_haproxy_start() {
  local root tls port plain bin i
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd) || return 1
  tls="$root/target/test-tls"
  [ -n "${SESAME_BACKEND_1:-}" ] || { echo "haproxy.sh: SESAME_BACKEND_1 is not set" >&2; return 1; }
  [ -f "$tls/server.pem" ] || { echo "haproxy.sh: no test certificate (source scripts/maildev.sh first)" >&2; return 1; }
  bin=$(command -v haproxy || true)
  if [ -z "$bin" ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null || return 1
    # The package's own service is not ours.
    (service haproxy stop || true) >/dev/null 2>&1
    bin=$(command -v haproxy) || return 1
  fi
  cat "$tls/server.pem" "$tls/server.key" >"$tls/proxy.pem"
  port=${SESAME_TEST_PROXY_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
  plain=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  export SESAME_PROXY_BIND="127.0.0.1:$port" SESAME_PROXY_CERT="$tls/proxy.pem"
  export SESAME_PROXY_HTTP_BIND="127.0.0.1:$plain"
  "$bin" -c -q -f "$root/deploy/haproxy.cfg" || { echo "haproxy.sh: deploy/haproxy.cfg refused" >&2; return 1; }
  "$bin" -db -f "$root/deploy/haproxy.cfg" >"$root/target/haproxy.log" 2>&1 &
  _SESAME_HAPROXY_PID=$!
  for i in $(seq 1 100); do
    if curl -fsS --cacert "$tls/ca.pem" -o /dev/null "https://localhost:$port/healthz" 2>/dev/null; then
      export SESAME_TEST_PROXY_URL="https://localhost:$port"
      export SESAME_TEST_PROXY_HTTP_URL="http://localhost:$plain"
      return 0
    fi
    kill -0 "$_SESAME_HAPROXY_PID" 2>/dev/null || break
    sleep 0.2
  done
  echo "haproxy.sh: HAProxy did not answer on 127.0.0.1:$port; target/haproxy.log says:" >&2
  cat "$root/target/haproxy.log" >&2
  sesame_haproxy_cleanup
  return 1
}

_sesame_haproxy_start || { echo "haproxy.sh: ERROR: could not start HAProxy" >&2; return 1; }
