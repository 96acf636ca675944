#!/usr/bin/env bash
# Set everything up and run every test. `.ci/run` calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

step "toolchain"
ensure_rust_components

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy -D warnings (host)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "cargo test (workspace)"
cargo test --workspace --locked

step "typings/operations.d.ts is current (TypeScript types of every operation, generated from the models)"
cargo run --locked -q -p callplane-tests --bin typegen
git diff --exit-code -- typings/operations.d.ts || {
  echo "typings/operations.d.ts is stale: run cargo run -p callplane-tests --bin typegen and commit it" >&2
  exit 1
}

step "signing differential test: callplane vs the official Node SDK signers (1,000 random requests per scheme)"
(cd core/tests/signing/generate && npm ci --no-audit --no-fund --loglevel=error && node differential.mjs)

step "simulator vs the vendors' official Node SDKs (tencentcloud-sdk-nodejs, @alicloud/openapi-client)"
cargo build --locked -p callplane-sim
(cd simulator/tests/sdk && npm ci --no-audit --no-fund --loglevel=error && node --test)

step "schemathesis against the simulator's OpenAPI description (no server error)"
SCHEMATHESIS_MAX_TIME=90 bash simulator/tests/schemathesis.sh

step "npm package callplane: napi build, stale-typings check, node tests, pack test, tsc --strict"
bindings-node/scripts/ci.sh

step "@callplane/wasm: clippy wasm32, build (wasm-bindgen + wasm-opt), wasm-bindgen-test in Node and headless Chromium, typings, shared JS suite"
./bindings-wasm/test.sh

echo "all checks passed"
