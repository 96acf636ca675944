// Starts the built `callplane-sim` binary on a free loopback port (as a user would run it) and
// gives the tests its address and the admin calls they need.
//
// The binary is `target/debug/callplane-sim` of this workspace (build it first:
// `cargo build -p callplane-sim`), or `$CALLPLANE_SIM_BIN`.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

const here = path.dirname(fileURLToPath(import.meta.url));
const workspace = path.resolve(here, '..', '..', '..');

export function simBinary() {
  if (process.env.CALLPLANE_SIM_BIN) return process.env.CALLPLANE_SIM_BIN;
  const target = process.env.CARGO_TARGET_DIR || path.join(workspace, 'target');
  return path.join(target, 'debug', process.platform === 'win32' ? 'callplane-sim.exe' : 'callplane-sim');
}

/** The built-in test credentials (simulator README). */
export const CREDENTIALS = {
  tencent: { secretId: 'AKIDSimSecretId0001', secretKey: 'sim-tencent-secret-0001', sdkAppId: 1400000001 },
  aliyun: { accessKeyId: 'LTAI5tSimAccessKey0001', accessKeySecret: 'sim-aliyun-secret-0001' },
};

/**
 * Start the simulator (`--addr 127.0.0.1:0 --speed 0`) and resolve once it prints its address.
 * `extraArgs` are appended to the command line.
 */
export async function startSim(extraArgs = []) {
  const bin = simBinary();
  if (!existsSync(bin)) {
    throw new Error(`${bin} does not exist: run \`cargo build -p callplane-sim\` first`);
  }
  const child = spawn(bin, ['--addr', '127.0.0.1:0', '--speed', '0', ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`callplane-sim did not start within 20 s: ${stderr}`)), 20_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`callplane-sim exited with ${code}: ${stderr}`));
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      const m = /listening on (http:\/\/\S+)/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  });
  const { host } = new URL(url);
  return {
    url,
    /** `127.0.0.1:PORT`, what the SDKs call the endpoint. */
    host,
    async advance(seconds) {
      const r = await fetch(`${url}/_sim/clock/advance`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ seconds }),
      });
      if (!r.ok) throw new Error(`advance: HTTP ${r.status}`);
    },
    async calls(query = '') {
      const r = await fetch(`${url}/_sim/calls${query}`);
      return (await r.json()).calls;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
