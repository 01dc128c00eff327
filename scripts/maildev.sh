# scripts/maildev.sh — source this (bash) to run MailDev, the SMTP catcher the
# end-to-end tests read mails from.
#
# Starts end2end/node_modules/.bin/maildev in the background, SMTP and web/API
# both bound to 127.0.0.1 only, no relaying, mails kept in a temp dir; log in
# target/maildev.log. Ports: SESAME_TEST_SMTP_PORT (default 1025) and
# SESAME_TEST_MAILDEV_PORT (default 1080).
# Exports MAILDEV_API=http://127.0.0.1:WEBPORT and
#         SESAME_TEST_SMTP_URL=smtp://127.0.0.1:SMTPPORT
# A second MailDev speaks SMTP over TLS only (implicit TLS, SMTPS) and asks
# for a user and password, as a university's relay does: its certificate is
# for localhost and 127.0.0.1, signed by a test CA made here with openssl
# (target/test-tls/). Ports SESAME_TEST_SMTPS_PORT (1465) and
# SESAME_TEST_MAILDEV_TLS_PORT (1081). Exports MAILDEV_TLS_API,
# SESAME_TEST_SMTPS_URL=smtps://sesame:PASSWORD@localhost:PORT and
# SESAME_TEST_SMTP_CA_FILE (the CA's certificate).
# Defines sesame_maildev_cleanup (stops it); the caller should trap it on EXIT.
# Returns 1 with a message on stderr if MailDev cannot be started.
# Needs `npm ci` done in end2end/. Safe to source under `set -euo pipefail`.

_SESAME_MAILDEV_PIDS=""
_SESAME_MAILDEV_DIRS=""

sesame_maildev_cleanup() {
  local i pid
  for pid in ${_SESAME_MAILDEV_PIDS:-}; do
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      for i in $(seq 1 50); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
      done
      kill -KILL "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  _SESAME_MAILDEV_PIDS=""
  for i in ${_SESAME_MAILDEV_DIRS:-}; do rm -rf "$i"; done
  _SESAME_MAILDEV_DIRS=""
}

# The test CA and localhost's certificate, made once.
_sesame_maildev_certificates() {
  local dir=$1
  [ -f "$dir/server.pem" ] && [ -f "$dir/ca.pem" ] && return 0
  if ! command -v openssl >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssl >/dev/null || return 1
  fi
  mkdir -p "$dir" || return 1
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=Sesame test CA" \
    -keyout "$dir/ca.key" -out "$dir/ca.pem" >/dev/null 2>&1 || return 1
  openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$dir/server.key" -out "$dir/server.csr" \
    >/dev/null 2>&1 || return 1
  printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' >"$dir/server.ext"
  openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial -days 3650 \
    -extfile "$dir/server.ext" -out "$dir/server.pem" >/dev/null 2>&1 || return 1
}

# One MailDev: name (for its log), SMTP port, web port, then its own options.
_sesame_maildev_launch() {
  local name=$1 smtp=$2 web=$3 root bin log p i v dir pid
  shift 3
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd) || return 1
  bin="$root/end2end/node_modules/.bin/maildev"
  log="$root/target/$name.log"
  if [ ! -x "$bin" ]; then
    echo "maildev.sh: $bin is missing; run: (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci)" >&2
    return 1
  fi
  for p in "$smtp" "$web"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "maildev.sh: port 127.0.0.1:$p is already in use" >&2
      return 1
    fi
  done
  mkdir -p "$root/target" || return 1
  dir=$(mktemp -d /tmp/sesame-maildev.XXXXXX) || return 1
  _SESAME_MAILDEV_DIRS="$_SESAME_MAILDEV_DIRS $dir"

  # MailDev reads MAILDEV_* variables as option defaults (relay host, auto-relay, ...):
  # drop them all so nothing can make it send mail out.
  (
    for v in $(compgen -e); do
      case $v in MAILDEV_*) unset "$v" ;; esac
    done
    cd "$dir" && exec "$bin" --smtp "$smtp" --ip 127.0.0.1 \
      --web "$web" --web-ip 127.0.0.1 --mail-directory "$dir/mail" "$@"
  ) >"$log" 2>&1 &
  pid=$!
  _SESAME_MAILDEV_PIDS="$_SESAME_MAILDEV_PIDS $pid"

  for i in $(seq 1 100); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "maildev.sh: MailDev exited at start; $log says:" >&2
      cat "$log" >&2
      sesame_maildev_cleanup
      return 1
    fi
    if curl -fsS -o /dev/null "http://127.0.0.1:$web/healthz" 2>/dev/null; then
      return 0
    fi
    sleep 0.2
  done
  echo "maildev.sh: MailDev API did not answer on 127.0.0.1:$web within 20 s; $log says:" >&2
  cat "$log" >&2
  sesame_maildev_cleanup
  return 1
}

_sesame_maildev_start() {
  local root smtp=${SESAME_TEST_SMTP_PORT:-1025} web=${SESAME_TEST_MAILDEV_PORT:-1080}
  local smtps=${SESAME_TEST_SMTPS_PORT:-1465} webtls=${SESAME_TEST_MAILDEV_TLS_PORT:-1081} tls password
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd) || return 1
  _sesame_maildev_launch maildev "$smtp" "$web" || return 1
  export MAILDEV_API="http://127.0.0.1:$web"
  export SESAME_TEST_SMTP_URL="smtp://127.0.0.1:$smtp"
  tls="$root/target/test-tls"
  _sesame_maildev_certificates "$tls" || { echo "maildev.sh: openssl could not make the test certificates" >&2; return 1; }
  password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
  _sesame_maildev_launch maildev-tls "$smtps" "$webtls" --incoming-secure \
    --incoming-cert "$tls/server.pem" --incoming-key "$tls/server.key" \
    --incoming-user sesame --incoming-pass "$password" || return 1
  export MAILDEV_TLS_API="http://127.0.0.1:$webtls"
  export SESAME_TEST_SMTPS_URL="smtps://sesame:$password@localhost:$smtps"
  export SESAME_TEST_SMTP_CA_FILE="$tls/ca.pem"
}

_sesame_maildev_start || { echo "maildev.sh: ERROR: could not start MailDev" >&2; return 1; }
