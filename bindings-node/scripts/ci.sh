#!/usr/bin/env bash
# CI for the npm package `callplane` (scripts/test.sh calls this). Run from anywhere.
#   1. npm install (not `npm ci`: the registry here lacks other platforms' optional binaries of
#      @napi-rs/cli's dependencies, so a lockfile written here is "out of sync" for `npm ci`)
#   2. build the native module and regenerate index.js / index.d.ts (release, stripped)
#   3. fail when the committed index.js / index.d.ts, or preflight-rows.js and batch-text.js
#      (generated from bindings-wasm/js/ by scripts/preflight-rows.mjs), are stale
#   4. the Node tests (node:test), the shared pure-API suite (tests/js/suite.mjs, also run
#      against @callplane/wasm) against this addon, the pack test (require + import from an
#      installed tarball), the campaign crash test (scripts/crash-test.mjs)
#   5. the TypeScript example under tsc --strict
# Set CALLPLANE_REQUIRE_SIM_VENDORS=1 once the simulator's vendor endpoints are merged, so the
# vendor tests fail instead of skipping when an endpoint is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
# The simulator's vendor endpoints are merged: a missing one must fail, not skip.
export CALLPLANE_REQUIRE_SIM_VENDORS="${CALLPLANE_REQUIRE_SIM_VENDORS:-1}"

npm install --no-audit --no-fund --loglevel=error
./node_modules/.bin/napi build --platform --release --strip
node scripts/preflight-rows.mjs
git diff --exit-code -- index.js index.d.ts preflight-rows.js batch-text.js || {
  echo "index.js / index.d.ts / preflight-rows.js / batch-text.js are stale: run ./node_modules/.bin/napi build --platform and node scripts/preflight-rows.mjs in bindings-node and commit them" >&2
  exit 1
}
node --test __test__/
(cd ../tests/js && npm install --no-audit --no-fund --loglevel=error && node --test node.test.mjs)
node scripts/pack-test.mjs
# Campaign crash test (issue 7): 2,000 contacts, faults on, 20 SIGKILLs of the runner, resumed each
# time; every contact dialled exactly once. Needs the simulator binary (a separate process).
(cd .. && cargo build --quiet --locked -p callplane-sim)
CALLPLANE_SIM="$(cd .. && pwd)/target/debug/callplane-sim" node scripts/crash-test.mjs --vendor tencent --vendor aliyun
./node_modules/.bin/tsc --noEmit --strict -p examples/tsconfig.json
