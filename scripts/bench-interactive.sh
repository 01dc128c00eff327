#!/usr/bin/env bash
# Benchmark (not a test): cold-cache time to interactive and bytes
# downloaded, for the sign-in page and an application's pieces page, on
# loopback, emulated 4G and fast 3G, in Debian's Chromium. Builds and serves
# the release build of the run command (its own data folder and port).
set -euo pipefail
source "$(dirname "$0")/tools.sh"
cd "$SESAME_ROOT"
sesame_tools
cargo leptos build --release --precompress --split --frontend-only &
FRONT=$!
cargo leptos build --release --server-only
wait "$FRONT"
[ -f end2end/node_modules/.package-lock.json ] || (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
DATA="$(mktemp -d)"
PORT="${SESAME_BENCH_PORT:-3500}"
SERVER_PID=""
trap '[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$DATA"' EXIT
export SESAME_DATA_DIR="$DATA" SESAME_LISTEN="127.0.0.1:$PORT" LEPTOS_SITE_ROOT="$SESAME_ROOT/target/site" SESAME_LOG=warn
./target/release/sesame demo >/dev/null
./target/release/sesame serve &
SERVER_PID=$!
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break; sleep 0.2; done
node end2end/bench/interactive.mjs "http://127.0.0.1:$PORT" "$DATA"
