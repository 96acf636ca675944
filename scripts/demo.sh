#!/usr/bin/env bash
# Set everything up and run the demo. No credentials needed.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

step "toolchain"
ensure_rust_components

step "demo: preflight of the Bland batch from the vendor's own guide"
cargo run --quiet --locked -p callplane-core --example bland_batch_preflight
