#!/usr/bin/env bash
# Build @callplane/wasm: bindings-wasm/pkg/{web,node}/ (wasm-bindgen `web` and `nodejs` targets,
# shrunk with wasm-opt -Oz --converge). Installs what it needs under .tools/ (cached, git-ignored):
#   - the wasm32-unknown-unknown target (rustup),
#   - wasm-bindgen-cli of exactly the `wasm-bindgen` version in Cargo.lock,
#   - wasm-opt from the npm package `binaryen` (Debian's binaryen 108 corrupts the module).
# For comparing builds (BENCHMARKS.md § wasm): CALLPLANE_WASM_OUT=<dir> writes the package there
# instead, CALLPLANE_WASM_RUSTFLAGS adds rustc flags (e.g. -Cllvm-args=-inline-threshold=100), and
# CARGO_TARGET_DIR / CARGO_PROFILE_WASM_RELEASE_OPT_LEVEL are cargo's own.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TOOLS=$ROOT/.tools
OUT=${CALLPLANE_WASM_OUT:-$ROOT/bindings-wasm/pkg}
BINARYEN_VERSION=132.0.0

step() { printf '\n==> %s\n' "$*"; }

step "wasm toolchain"
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
# The shipped module is built by a pinned nightly that rebuilds the standard library for size
# (`-Zbuild-std`, std's `optimize_for_size`, `-Cpanic=immediate-abort`, `-Zlocation-detail=none`):
# ≈ 33 KB gzipped less with the same behaviour — on wasm32-unknown-unknown a panic already aborted
# with its message printed nowhere, so the formatting code and location strings were dead weight
# (BENCHMARKS.md § wasm "Size"). Measured cost: ≈ 4 % more CPU on the CSV preflight than keeping
# std's `core` at opt-level 3 (`--config 'profile.wasm-release.package.core.opt-level=3'`, +2.5 KB
# gzipped), still within issue 6's 2× of native. Pinned so every machine builds the same module;
# CALLPLANE_WASM_STABLE=1 builds with the stable toolchain and the prebuilt std instead (for
# comparisons). Tests, clippy and the native crates stay on stable.
NIGHTLY=nightly-2026-05-20
if [ -z "${CALLPLANE_WASM_STABLE:-}" ]; then
  if ! rustup run "$NIGHTLY" rustc --version >/dev/null 2>&1 \
    || ! rustup component list --toolchain "$NIGHTLY" --installed | grep -q '^rust-src' \
    || ! rustup target list --toolchain "$NIGHTLY" --installed | grep -qx wasm32-unknown-unknown; then
    rustup toolchain install "$NIGHTLY" --profile minimal --component rust-src --target wasm32-unknown-unknown
  fi
fi

WB_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
[ -n "$WB_VERSION" ] || { echo "wasm-bindgen is not in Cargo.lock" >&2; exit 1; }
WB=$TOOLS/wasm-bindgen/bin/wasm-bindgen
if ! [ -x "$WB" ] || [ "$("$WB" --version | awk '{print $2}')" != "$WB_VERSION" ]; then
  # No --locked: a crate pinned in the CLI's lockfile is missing from this registry (TOOLCHAIN.md).
  cargo install wasm-bindgen-cli --version "$WB_VERSION" --root "$TOOLS/wasm-bindgen" --force
fi

WASM_OPT=$TOOLS/binaryen/node_modules/.bin/wasm-opt
if ! [ -x "$WASM_OPT" ] || [ "$(node -p "require('$TOOLS/binaryen/node_modules/binaryen/package.json').version")" != "$BINARYEN_VERSION" ]; then
  mkdir -p "$TOOLS/binaryen"
  npm install --prefix "$TOOLS/binaryen" --no-save --no-audit --no-fund --loglevel=error "binaryen@$BINARYEN_VERSION"
fi

step "cargo build -p callplane-wasm (wasm32, profile wasm-release)"
# Remap absolute paths so none leaks into the module (panic locations) and builds are reproducible.
# simd128: 7.6 KB gzipped smaller at the same speed (BENCHMARKS.md § wasm "Preflight throughput",
# session 5); wasm SIMD needs Chrome/Edge 91, Firefox 89, Safari 16.4, Node 16.4. bulk-memory,
# reference-types and multivalue are already rustc's defaults for this target.
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--remap-path-prefix=$ROOT=/callplane --remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}=/cargo -Ctarget-feature=+simd128 ${CALLPLANE_WASM_RUSTFLAGS:-}"
if [ -z "${CALLPLANE_WASM_STABLE:-}" ]; then
  # Its own target dir: a std built from source must not mix with the stable toolchain's artifacts.
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS -Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none"
  WASM_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}/wasm-nightly
  cargo "+$NIGHTLY" build -p callplane-wasm --target wasm32-unknown-unknown --profile wasm-release --locked \
    -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size --target-dir "$WASM_TARGET_DIR"
else
  WASM_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
  cargo build -p callplane-wasm --target wasm32-unknown-unknown --profile wasm-release --locked
fi
WASM=$WASM_TARGET_DIR/wasm32-unknown-unknown/wasm-release/callplane_wasm.wasm

rm -rf "$OUT"
for target in web nodejs; do
  step "wasm-bindgen --target $target"
  "$WB" "$WASM" --target "$target" --out-dir "$OUT/${target/nodejs/node}"
done
# The `nodejs` glue `require`s the JS snippets (js/preflight-rows.js), which are ES modules: turn
# their exports into CommonJS ones there (the `web` target imports them as they are).
find "$OUT/node/snippets" -name '*.js' -print0 | while IFS= read -r -d '' f; do
  names=$(sed -n 's/^export function \([A-Za-z0-9_]*\).*/\1/p' "$f" | paste -sd, -)
  sed -i 's/^export function /function /' "$f"
  echo "module.exports = { $names };" >> "$f"
done
# Node needs to know which flavour each folder holds (the package root declares none).
echo '{ "type": "module" }' > "$OUT/web/package.json"
echo '{ "type": "commonjs" }' > "$OUT/node/package.json"

step "wasm-opt -Oz --converge (binaryen $BINARYEN_VERSION)"
# --converge repeats -Oz until the module stops shrinking: 6.6 KB gzipped less for ≈ 1 minute more
# (BENCHMARKS.md § wasm "Size").
"$WASM_OPT" -Oz --converge "$OUT/web/callplane_wasm_bg.wasm" -o "$OUT/web/callplane_wasm_bg.opt.wasm"
# Both targets get the same module (only the JS glue differs): optimise once when they agree.
if cmp -s "$OUT/web/callplane_wasm_bg.wasm" "$OUT/node/callplane_wasm_bg.wasm"; then
  cp "$OUT/web/callplane_wasm_bg.opt.wasm" "$OUT/node/callplane_wasm_bg.wasm"
else
  "$WASM_OPT" -Oz --converge "$OUT/node/callplane_wasm_bg.wasm" -o "$OUT/node/callplane_wasm_bg.wasm"
fi
mv "$OUT/web/callplane_wasm_bg.opt.wasm" "$OUT/web/callplane_wasm_bg.wasm"

raw=$(wc -c < "$OUT/web/callplane_wasm_bg.wasm")
gz=$(gzip -9 -c "$OUT/web/callplane_wasm_bg.wasm" | wc -c)
echo "callplane_wasm_bg.wasm: $raw bytes, $gz gzipped (gzip -9)"
