# scripts/maildev.sh — source this (bash) to run MailDev, the SMTP catcher the
# end-to-end tests read mails from.
#
# Starts end2end/node_modules/.bin/maildev in the background, SMTP and web/API
# both bound to 127.0.0.1 only, no relaying, mails kept in a temp dir; log in
# target/maildev.log. Ports: SESAME_TEST_SMTP_PORT (default 1025) and
# SESAME_TEST_MAILDEV_PORT (default 1080).
# Exports MAILDEV_API=http://127.0.0.1:WEBPORT and
#         SESAME_TEST_SMTP_URL=smtp://127.0.0.1:SMTPPORT
# Defines sesame_maildev_cleanup (stops it); the caller should trap it on EXIT.
# Returns 1 with a message on stderr if MailDev cannot be started.
# Needs `npm ci` done in end2end/. Safe to source under `set -euo pipefail`.

_SESAME_MAILDEV_PID=""
_SESAME_MAILDEV_DIR=""

sesame_maildev_cleanup() {
  local i
  if [ -n "${_SESAME_MAILDEV_PID:-}" ] && kill -0 "$_SESAME_MAILDEV_PID" 2>/dev/null; then
    kill -TERM "$_SESAME_MAILDEV_PID" 2>/dev/null || true
    for i in $(seq 1 50); do
      kill -0 "$_SESAME_MAILDEV_PID" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$_SESAME_MAILDEV_PID" 2>/dev/null || true
    wait "$_SESAME_MAILDEV_PID" 2>/dev/null || true
  fi
  _SESAME_MAILDEV_PID=""
  if [ -n "${_SESAME_MAILDEV_DIR:-}" ]; then rm -rf "$_SESAME_MAILDEV_DIR"; fi
  _SESAME_MAILDEV_DIR=""
}

_sesame_maildev_start() {
  local root smtp web bin log p i v
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd) || return 1
  smtp=${SESAME_TEST_SMTP_PORT:-1025}
  web=${SESAME_TEST_MAILDEV_PORT:-1080}
  bin="$root/end2end/node_modules/.bin/maildev"
  log="$root/target/maildev.log"
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
  _SESAME_MAILDEV_DIR=$(mktemp -d /tmp/sesame-maildev.XXXXXX) || return 1

  # MailDev reads MAILDEV_* variables as option defaults (relay host, auto-relay, ...):
  # drop them all so nothing can make it send mail out.
  (
    for v in $(compgen -e); do
      case $v in MAILDEV_*) unset "$v" ;; esac
    done
    cd "$_SESAME_MAILDEV_DIR" && exec "$bin" --smtp "$smtp" --ip 127.0.0.1 \
      --web "$web" --web-ip 127.0.0.1 --mail-directory "$_SESAME_MAILDEV_DIR/mail"
  ) >"$log" 2>&1 &
  _SESAME_MAILDEV_PID=$!

  for i in $(seq 1 100); do
    if ! kill -0 "$_SESAME_MAILDEV_PID" 2>/dev/null; then
      echo "maildev.sh: MailDev exited at start; $log says:" >&2
      cat "$log" >&2
      sesame_maildev_cleanup
      return 1
    fi
    if curl -fsS -o /dev/null "http://127.0.0.1:$web/healthz" 2>/dev/null; then
      export MAILDEV_API="http://127.0.0.1:$web"
      export SESAME_TEST_SMTP_URL="smtp://127.0.0.1:$smtp"
      return 0
    fi
    sleep 0.2
  done
  echo "maildev.sh: MailDev API did not answer on 127.0.0.1:$web within 20 s; $log says:" >&2
  cat "$log" >&2
  sesame_maildev_cleanup
  return 1
}

_sesame_maildev_start || { echo "maildev.sh: ERROR: could not start MailDev" >&2; return 1; }
