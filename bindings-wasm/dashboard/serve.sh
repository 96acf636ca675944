#!/usr/bin/env bash
# Serve the dashboard on loopback and print its URL. Builds @callplane/wasm first when
# bindings-wasm/pkg/web is missing.
#   bindings-wasm/dashboard/serve.sh [--port 8080] [--sim]
#   --sim  also start a callplane-sim on 127.0.0.1:4010 (--speed 20: a 45 s call ends in ~2 s)
set -euo pipefail
cd "$(dirname "$0")/../.."
PORT=8080
SIM=0
while [ $# -gt 0 ]; do
  case "$1" in
    --port) PORT=$2; shift 2 ;;
    --sim) SIM=1; shift ;;
    *) echo "usage: $0 [--port N] [--sim]" >&2; exit 2 ;;
  esac
done
[ -f bindings-wasm/pkg/web/callplane_wasm_bg.wasm ] || ./bindings-wasm/build.sh
if [ "$SIM" = 1 ]; then
  cargo build -p callplane-sim --locked
  target/debug/callplane-sim --addr 127.0.0.1:4010 --speed 20 &
  SIM_PID=$!
  trap 'kill "$SIM_PID" 2>/dev/null || true' EXIT
fi
node bindings-wasm/dashboard/serve.mjs --port "$PORT"
