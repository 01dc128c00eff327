#!/usr/bin/env bash
# The README's run command: installs what is missing, builds in release
# mode, seeds the demo, serves on http://127.0.0.1:3000 with SQLite and
# files under data/, mail written to data/outbox/*.eml.
set -euo pipefail
source "$(dirname "$0")/tools.sh"
cd "$SESAME_ROOT"
sesame_tools
cargo leptos build --release
export LEPTOS_SITE_ROOT="$SESAME_ROOT/target/site"
./target/release/sesame demo
exec ./target/release/sesame serve
