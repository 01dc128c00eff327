# scripts/tools.sh — source this (bash): installs, once, what building
# Sésame needs, and puts it on PATH. Every later run reuses it.
#   * the Rust toolchain pinned in rust-toolchain.toml (rustup)
#   * cargo-leptos, pinned
#   * wasm-bindgen-cli at exactly the version of the wasm-bindgen crate in Cargo.lock
#   * wasm-opt from the npm package binaryen (tools/package.json)

SESAME_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CARGO_LEPTOS_VERSION="0.3.11"
export PATH="$HOME/.cargo/bin:$SESAME_ROOT/tools/node_modules/.bin:$PATH"

_sesame_cargo_install() { # crate version [cargo install options]
  # The tools' own release profiles (fat LTO, one codegen unit) make their
  # install several times slower for no gain here: build them plainly.
  local crate="$1" version="$2"
  shift 2
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 CARGO_PROFILE_RELEASE_OPT_LEVEL=2 \
    CARGO_PROFILE_RELEASE_DEBUG=0 cargo install "$crate" --version "=$version" --locked "$@" ||
    CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 CARGO_PROFILE_RELEASE_OPT_LEVEL=2 \
      CARGO_PROFILE_RELEASE_DEBUG=0 cargo install "$crate" --version "=$version" "$@"
}

# cargo-leptos only runs other programs (cargo, wasm-bindgen, wasm-opt) and
# copies files, except for the compression of the bundle: optimised a little,
# its compressors fully (their speed is what --precompress waits for).
_SESAME_CARGO_LEPTOS_PROFILE=(
  --config profile.release.opt-level=1
  --config profile.release.package.brotli.opt-level=3
  --config profile.release.package.brotli-decompressor.opt-level=3
  --config profile.release.package.alloc-no-stdlib.opt-level=3
  --config profile.release.package.flate2.opt-level=3
  --config profile.release.package.miniz_oxide.opt-level=3
  --config profile.release.package.zstd-sys.opt-level=3
)

sesame_tools() {
  (cd "$SESAME_ROOT" && rustup toolchain install >/dev/null)
  if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
    echo "==> cargo-leptos $CARGO_LEPTOS_VERSION"
    _sesame_cargo_install cargo-leptos "$CARGO_LEPTOS_VERSION" "${_SESAME_CARGO_LEPTOS_PROFILE[@]}"
  fi
  local wb
  wb="$(grep -A1 '^name = "wasm-bindgen"$' "$SESAME_ROOT/Cargo.lock" | sed -n 's/^version = "\(.*\)"$/\1/p')"
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $wb"; then
    echo "==> wasm-bindgen-cli $wb"
    _sesame_cargo_install wasm-bindgen-cli "$wb"
  fi
  if [ ! -x "$SESAME_ROOT/tools/node_modules/.bin/wasm-opt" ]; then
    echo "==> wasm-opt (npm binaryen)"
    (cd "$SESAME_ROOT/tools" && npm ci --no-audit --no-fund)
  fi
}

# On a machine without the tools: installs them while "$@" (a build that does
# not need them, such as the server's dependencies) runs beside, since both
# have long single-threaded stretches; otherwise only checks the tools.
sesame_tools_beside() {
  (cd "$SESAME_ROOT" && rustup toolchain install >/dev/null)
  if cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
    sesame_tools
    return
  fi
  echo "==> the tools, and beside them: $*"
  "$@" &
  local beside=$! status=0
  sesame_tools || status=$?
  wait "$beside" || status=$?
  return "$status"
}

