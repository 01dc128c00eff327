#!/usr/bin/env bash
# The deadline-hour simulation (issue 14): not a test, a command. Builds the
# release server and bundle as the run command does, then the load tool
# (loadtest/, its own workspace), and runs it against the server on a free
# loopback port. Options after the script's name, for example:
#   scripts/deadline-hour.sh --candidats 2000 --minutes 3
#   scripts/deadline-hour.sh --postgres postgres://postgres@127.0.0.1:5432/postgres
# (`--help` lists them). The run removes its data and database at the end.
set -euo pipefail
source "$(dirname "$0")/tools.sh"
cd "$SESAME_ROOT"
sesame_tools
cargo leptos build --release --precompress --split
CARGO_TARGET_DIR=target/loadtest cargo build --release --manifest-path loadtest/Cargo.toml
exec target/loadtest/release/deadline-hour "$@"
