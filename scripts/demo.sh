#!/usr/bin/env bash
# Set everything up and run the demo. No credentials needed.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

step "toolchain"
ensure_rust_components

step "demo 1: preflight of the Bland batch from the vendor's own guide (validation before money is spent)"
cargo run --quiet --locked -p callplane-core --example bland_batch_preflight

step "demo 2: calls on all three vendors through callplane, against the built-in simulator"
cargo run --quiet --locked -p callplane-sim --example demo

step "demo 3: one campaign (CSV + JSON) dispatched on each vendor with the npm CLI, against the embedded simulator"
(
  cd bindings-node
  npm install --no-audit --no-fund --loglevel=error
  ./node_modules/.bin/napi build --platform --release --strip >/dev/null
  journals="$(mktemp -d)"
  for vendor in bland aliyun tencent; do
    echo "--- callplane campaign run examples/campaigns/$vendor/campaign.json --vendor $vendor --sim"
    node cli/callplane.mjs campaign run "examples/campaigns/$vendor/campaign.json" --vendor "$vendor" --sim \
      --journal "$journals/$vendor.db"
  done
  rm -rf "$journals"
)
