// The shared suite against the Node addon (the npm package `callplane`, built by
// bindings-node/scripts/ci.sh; CALLPLANE_NODE overrides the path to its CommonJS entry).
import { createRequire } from 'node:module';
import { suite } from './suite.mjs';

const require = createRequire(import.meta.url);
const api = require(process.env.CALLPLANE_NODE ?? '../../bindings-node/callplane.js');

suite(api, { name: 'Node addon (napi-rs)' });
