// What every probe shares: a temp root, the built CLI, an llm-sim, a key, counters, and helpers to
// run the CLI and read what it left behind.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLlmSim } from '@onexgen/llm-sim';

const require = createRequire(import.meta.url);
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const EXAMPLES = join(ROOT, 'examples');

/** The app's bin as its package.json declares it (the CLI's package may be renamed; its folder is not). */
function cliBin() {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'apps/orchestrator/package.json'), 'utf8'));
  const rel = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin?.onexgen;
  if (!rel) throw new Error('apps/orchestrator/package.json declares no `onexgen` bin');
  return join(ROOT, 'apps/orchestrator', rel);
}

export async function createContext() {
  const bin = cliBin();
  if (!existsSync(join(ROOT, 'apps/orchestrator/dist'))) throw new Error('build first: npm run build');
  const root = mkdtempSync(join(tmpdir(), 'onexgen-reliability-'));
  const sim = await startLlmSim({ scenario: {} });
  const key = `sk-reliability-${Math.random().toString(36).slice(2)}-SECRET`;
  const counters = { faults: 0, rowsLost: 0, filesDamaged: 0, secretsFound: 0 };
  /** measured figures the probes report (never held against a threshold) */
  const figures = [];
  let pg;

  const ctx = {
    root,
    sim,
    key,
    counters,
    figures,
    /** A fresh folder for one run. */
    dir(name) {
      return mkdtempSync(join(root, `${name}-`));
    },
    /** The built CLI as a child; env is exactly what is given plus PATH and HOME. */
    start(args, { cwd, env = {} }) {
      const child = spawn(process.execPath, [bin, ...args], {
        cwd,
        env: { PATH: process.env.PATH ?? '', HOME: cwd, CI: '1', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      const done = new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
      return { child, done };
    },
    run(args, options) {
      return ctx.start(args, options).done;
    },
    /** Provider flags pointing the CLI at the simulator, with the run's key in the environment. */
    online(extra = []) {
      return ['--provider', 'openai-compatible', '--base-url', `${sim.url}/v1`, '--model', 'glm-4.5', ...extra];
    },
    /** A throwaway PostgreSQL (the test harness's), started on first use. */
    async postgresUrl() {
      if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
      if (!pg) pg = await require('../test-harness/pg-server.cjs').startServer();
      return pg.url;
    },
    /** Every file under dir whose bytes contain the key (databases, spools, caches, generated code). */
    filesHoldingKey(dir) {
      const hits = [];
      const needle = Buffer.from(key);
      for (const rel of readdirSync(dir, { recursive: true })) {
        const file = join(dir, String(rel));
        let st;
        try {
          st = statSync(file);
        } catch {
          continue;
        }
        if (!st.isFile() || st.size > 512 * 1024 * 1024) continue;
        if (readFileSync(file).includes(needle)) hits.push(String(rel));
      }
      return hits;
    },
    async close() {
      await sim.close();
      pg?.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
  return ctx;
}

/** One check's line: what should hold, whether it did, and what was seen when it did not. */
export function check(what, held, detail) {
  return held ? { what, held: true } : { what, held: false, detail };
}
