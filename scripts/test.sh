#!/usr/bin/env bash
# The README's test command: every test. Unit tests, integration tests on
# SQLite and PostgreSQL, end-to-end tests in Debian's Chromium, with mail
# through a real SMTP capture server (MailDev) on loopback.
set -euo pipefail
source "$(dirname "$0")/tools.sh"
cd "$SESAME_ROOT"
# On a fresh machine the test binaries build while the tools are installed.
sesame_tools_beside cargo test -p app -p server --features app/ssr --no-run

# The first reviewers, before the long build: formatting, then the linter
# on both builds of the app (the server's and the browser's).
echo "==> cargo fmt --check"
cargo fmt --all --check
# The deadline-hour simulation is its own workspace (loadtest/).
(cd loadtest && cargo fmt --check)
echo "==> cargo clippy (server build, then browser build)"
cargo clippy -p app -p server --features app/ssr --all-targets -- -D warnings
cargo clippy -p app -p frontend --features app/hydrate --target wasm32-unknown-unknown -- -D warnings

if ! command -v chromium >/dev/null; then
  echo "==> chromium (Debian)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
fi
if [ ! -f end2end/node_modules/.package-lock.json ] || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
  echo "==> end2end npm packages"
  (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
fi

SERVER_PID=""
E2E_DATA=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  [ -n "$E2E_DATA" ] && rm -rf "$E2E_DATA"
  sesame_haproxy_cleanup 2>/dev/null || true
  sesame_instances_cleanup 2>/dev/null || true
  sesame_maildev_cleanup 2>/dev/null || true
  sesame_cas_cleanup 2>/dev/null || true
  sesame_ldap_cleanup 2>/dev/null || true
  sesame_s3_cleanup 2>/dev/null || true
  sesame_pg_cleanup 2>/dev/null || true
}
trap cleanup EXIT
source scripts/pg.sh
source scripts/maildev.sh
# The university's CAS (django-cas-server, in its own virtual environment).
source scripts/cas.sh
# The university's directory (Debian's slapd, SUPANN attributes).
source scripts/ldap.sh
# The S3-compatible object storage (moto, in its own virtual environment).
source scripts/s3.sh
# Databases left by an interrupted earlier run.
for db in $(psql "$SESAME_TEST_PG_URL" -Atc "SELECT datname FROM pg_database WHERE datname LIKE 'sesame_t_%'"); do
  psql "$SESAME_TEST_PG_URL" -qc "DROP DATABASE IF EXISTS $db" >/dev/null
done

echo "==> unit and integration tests (SQLite and PostgreSQL)"
cargo test -p app -p server --features app/ssr --no-fail-fast

echo "==> the candidate's bundle, as deployed: size budget"
# The release bundle of the run command, built into its own folder (and its
# own hash file) so that a demo left running keeps its own.
LEPTOS_SITE_ROOT=target/site-budget LEPTOS_HASH_FILE_NAME=hash-budget.txt \
  cargo leptos build --release --precompress --split --frontend-only
scripts/bundle-budget.sh target/site-budget

echo "==> end-to-end tests (Chromium)"
# The debug site has its own folder too: the run command's stays as it is.
LEPTOS_SITE_ROOT=target/site-test cargo leptos build --split
E2E_DATA="$(mktemp -d)"
PORT="${SESAME_E2E_PORT:-3400}"
export SESAME_DATA_DIR="$E2E_DATA" SESAME_LISTEN="127.0.0.1:$PORT" SESAME_SMTP_URL="$SESAME_TEST_SMTP_URL" \
  LEPTOS_SITE_ROOT="$SESAME_ROOT/target/site-test" SESAME_LOG="${SESAME_LOG:-warn}" \
  SESAME_CAS_URL="$SESAME_TEST_CAS_URL" SESAME_UNIVERSITE="l'Université d'Exemple" \
  SESAME_LDAP_URL="$SESAME_TEST_LDAP_URL" SESAME_LDAP_BASE="$SESAME_TEST_LDAP_BASE" \
  SESAME_LDAP_BIND_DN="$SESAME_TEST_LDAP_BIND_DN" SESAME_LDAP_PASSWORD_FILE="$SESAME_TEST_LDAP_PASSWORD_FILE"
./target/debug/sesame demo >/dev/null
# The university's student records (its students' bac and Cursus interne).
./target/debug/sesame scolarite import testservers/scolarite/export.csv
# A staff member of the university, tied to the CAS server's test user.
./target/debug/sesame staff add --email marie.gestion@univ-exemple.fr --role admin --name "Marie Gestion" \
  --cas-uid pers.gestion >/dev/null
./target/debug/sesame serve > target/e2e-server.log 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null || { echo "server did not start:"; cat target/e2e-server.log; exit 1; }

echo "==> behind the reverse proxy of DEPLOY.md (HAProxy, deploy/haproxy.cfg)"
export SESAME_BACKEND_1="127.0.0.1:$PORT"
source scripts/haproxy.sh
python3 scripts/proxy-smoke.py "$SESAME_TEST_PROXY_URL" "$SESAME_TEST_SMTP_CA_FILE" "http://127.0.0.1:$PORT" \
  "$SESAME_TEST_PROXY_HTTP_URL"
(cd end2end && SESAME_BASE_URL="http://127.0.0.1:$PORT" npx playwright test)

echo "==> two instances on one PostgreSQL and one S3 bucket, behind HAProxy (DEPLOY.md §8)"
sesame_haproxy_cleanup
kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
TWO_DB="sesame_t_two_$$"
psql "$SESAME_TEST_PG_URL" -qc "CREATE DATABASE $TWO_DB" >/dev/null
SESAME_TEST_PROXY_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export SESAME_TEST_PROXY_PORT SESAME_DATABASE_URL="${SESAME_TEST_PG_URL%/*}/$TWO_DB" \
  SESAME_STORAGE_URL="${SESAME_TEST_S3_URL/\?//deux-instances-$$?}" \
  SESAME_SESSION_SECRET="$(head -c 32 /dev/urandom | base64)" \
  SESAME_PUBLIC_URL="https://localhost:$SESAME_TEST_PROXY_PORT" SESAME_TRUSTED_PROXIES=127.0.0.1 \
  AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing
SESAME_DATA_DIR="$E2E_DATA/seed" ./target/debug/sesame demo >/dev/null
source scripts/instances.sh 2
source scripts/haproxy.sh
(cd end2end && SESAME_BASE_URL="$SESAME_TEST_PROXY_URL" npx playwright test tests/instances/ --project desktop)
