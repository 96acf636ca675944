#!/usr/bin/env bash
# Every check of @callplane/wasm, as CI runs them (scripts/test.sh calls this). Installs what it
# needs: the wasm32 target, wasm-bindgen-cli and binaryen under .tools/ (cached), Chromium and
# chromedriver from apt when missing, npm packages from the lockfiles. The dashboard's e2e writes
# screenshots to ci-artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

step() { printf '\n==> %s\n' "$*"; }

step "wasm: cargo clippy -D warnings (wasm32)"
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
cargo clippy -p callplane-wasm --target wasm32-unknown-unknown --all-targets --locked -- -D warnings

step "wasm: build @callplane/wasm (web + nodejs targets)"
./bindings-wasm/build.sh

export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=$ROOT/.tools/wasm-bindgen/bin/wasm-bindgen-test-runner

step "wasm: wasm-bindgen-test under Node"
cargo test -p callplane-wasm --target wasm32-unknown-unknown --locked

step "wasm: wasm-bindgen-test under headless Chromium"
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null
fi
WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=$(command -v chromedriver) \
  cargo test -p callplane-wasm --target wasm32-unknown-unknown --locked

step "wasm: TypeScript typings (tsc --strict on examples/dashboard.ts)"
(cd bindings-wasm && npm ci --no-audit --no-fund --loglevel=error && ./node_modules/.bin/tsc -p tsconfig.json)

step "wasm: dashboard (contact reader and vendor layer under Node; end-to-end in headless Chromium against callplane-sim)"
# playwright-core drives the Debian chromium installed above (no browser download); the simulator
# is the debug binary (a no-op when scripts/test.sh already built it).
cargo build -p callplane-sim --locked
(cd bindings-wasm && npm run --silent test:dashboard)

step "tests/js: the shared JS suite against the wasm nodejs build"
(cd tests/js && npm ci --no-audit --no-fund --loglevel=error && node --test wasm.test.mjs)
