#!/usr/bin/env bash
# Rust preflight bench and its JavaScript peer on identical rows, in one run; prints the ratio.
set -euo pipefail
cd "$(dirname "$0")"
rows=$(mktemp --suffix=.json)
trap 'rm -f "$rows"' EXIT
(cd ../../.. && CALLPLANE_DUMP_ROWS="$rows" cargo bench -p callplane-core --bench preflight -- 'bland_preflight_cpu/preflight_batch_100k_rows$' 2>&1 | tee /tmp/callplane-preflight-rust.txt | grep -E 'thrpt|time:' )
npm ci --no-audit --no-fund --loglevel=error >/dev/null
node preflight.mjs "$rows" | tee /tmp/callplane-preflight-js.txt
rust=$(grep -m1 thrpt /tmp/callplane-preflight-rust.txt | sed -E 's/.*\[[^ ]+ [^ ]+ ([0-9.]+) ([KM])elem.*/\1 \2/')
js=$(grep -m1 'rows per CPU-second' /tmp/callplane-preflight-js.txt | sed -E 's/.*= ([0-9,]+) rows.*/\1/' | tr -d ,)
python3 - "$rust" "$js" <<'PY'
import sys
v, unit = sys.argv[1].split()
rust = float(v) * (1e6 if unit == 'M' else 1e3)
js = float(sys.argv[2])
print(f"callplane {rust:,.0f} rows/s vs libphonenumber-js + mustache {js:,.0f} rows/s: {rust/js:.1f}x")
PY
