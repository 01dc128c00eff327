#!/usr/bin/env bash
# The pages benchmark (issue 14): not a test, a command. Installs the load
# tool, oha, pinned (from crates.io, built plainly as the other tools are,
# TLS through the system's OpenSSL), then runs `cargo bench -p server
# --bench pages` (release build). Environment, all optional:
#   SESAME_BENCH_ONLY=home        some pages (any part of a label) and /healthz
#   SESAME_BENCH_CONNECTIONS=200  SESAME_BENCH_SECONDS=10
#   SESAME_LOG=sqlx=debug         each query on stderr
set -euo pipefail
source "$(dirname "$0")/tools.sh"
cd "$SESAME_ROOT"
OHA_VERSION="1.15.0"
if ! oha --version 2>/dev/null | grep -q " $OHA_VERSION"; then
  if ! pkg-config --exists openssl 2>/dev/null; then
    [ "$(id -u)" = 0 ] || { echo "bench-pages.sh: oha needs Debian's libssl-dev and pkg-config (as root: apt-get install libssl-dev pkg-config)" >&2; exit 1; }
    echo "==> libssl-dev, pkg-config (Debian), for oha"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libssl-dev pkg-config >/dev/null
  fi
  echo "==> oha $OHA_VERSION"
  _sesame_cargo_install oha "$OHA_VERSION" --no-default-features --features native-tls
fi
exec cargo bench -p server --bench pages
