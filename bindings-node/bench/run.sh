#!/usr/bin/env bash
# The npm package's benchmarks (bench.mjs): builds the release addon, installs the peers (the
# official SDK signers of core/tests/signing/generate, libphonenumber-js + mustache of
# core/benches/js-peer), then runs `node bench/bench.mjs "$@"` (signing, preflight, simulator).
set -euo pipefail
cd "$(dirname "$0")/.."
npm install --no-audit --no-fund --loglevel=error
./node_modules/.bin/napi build --platform --release --strip
(cd ../core/tests/signing/generate && npm ci --no-audit --no-fund --loglevel=error)
(cd ../core/benches/js-peer && npm ci --no-audit --no-fund --loglevel=error)
git diff --quiet -- index.js index.d.ts || echo "note: index.js / index.d.ts changed by the build" >&2
node bench/bench.mjs "$@"
