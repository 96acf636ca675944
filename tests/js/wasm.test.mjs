// The shared suite against the wasm `nodejs` build (bindings-wasm/build.sh writes it to
// bindings-wasm/pkg/node; CALLPLANE_WASM_NODE overrides the path).
import { createRequire } from 'node:module';
import { suite } from './suite.mjs';

const require = createRequire(import.meta.url);
const api = require(process.env.CALLPLANE_WASM_NODE ?? '../../bindings-wasm/pkg/node/callplane_wasm.js');

suite(api, { name: 'wasm (nodejs target)' });
