#!/usr/bin/env bash
# The README's run command: installs what is missing, builds in release
# mode, seeds the demo, serves on http://127.0.0.1:3000 with SQLite and
# files under data/, mail written to data/outbox/*.eml.
set -euo pipefail
source "$(dirname "$0")/tools.sh"
cd "$SESAME_ROOT"
# On a fresh machine the server and the browser's bundle build while the
# tools are installed, each as cargo-leptos later builds it (same target
# folder, profile and LEPTOS_OUTPUT_NAME), so that cargo-leptos finds them
# built.
first_builds() {
  env LEPTOS_OUTPUT_NAME=sesame cargo build --release -p server --bin sesame &
  local server=$! status=0
  env LEPTOS_OUTPUT_NAME=sesame RUSTFLAGS=-Clink-args=--emit-relocs cargo build --package=frontend --lib \
    --target-dir=target/front --target=wasm32-unknown-unknown --no-default-features --profile=wasm-release ||
    status=$?
  wait "$server" || status=$?
  return "$status"
}
sesame_tools_beside first_builds
# The browser's bundle (built for size, cut in one piece per screen, file
# names hashed, with brotli and gzip copies beside each file) and the server, side by side: each build has
# long single-threaded stretches (the WASM's link-time optimisation, the
# server's link) that the other fills.
cargo leptos build --release --precompress --split --frontend-only &
FRONT=$!
cargo leptos build --release --server-only
wait "$FRONT"
export LEPTOS_SITE_ROOT="$SESAME_ROOT/target/site"
./target/release/sesame demo
exec ./target/release/sesame serve
