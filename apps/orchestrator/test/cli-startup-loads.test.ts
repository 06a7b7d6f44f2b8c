// `onexgen --version` and `--help` load commander and the command definitions only: no tokenizer,
// context builder, database, LLM client or parser; a run loads OpenTelemetry only when it exports a
// trace, and the eval statistics never. Checked as the modules the built CLI's ESM loader resolved
// (a --import hook logs each URL), never as a time.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startOtlpReceiver } from '@onexgen/test-harness';
import { assertBuilt, BIN } from './helpers/run-built-cli.js';

const REGISTER = fileURLToPath(new URL('./helpers/module-log/register.mjs', import.meta.url));
const EXAMPLE_SPEC = fileURLToPath(new URL('../../../examples/specs/postgres-user-store-effect.yaml', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'onexgen-loads-'));

beforeAll(() => assertBuilt());
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs the built CLI and returns its exit code and the module URLs it resolved. */
function loadedBy(args: string[]): { code: number | null; stdout: string; urls: string[] } {
  const log = join(mkdtempSync(join(tmp, 'run-')), 'modules.log');
  const run = spawnSync(process.execPath, ['--import', REGISTER, BIN, ...args], {
    cwd: tmp,
    env: { PATH: process.env.PATH ?? '', HOME: tmp, ONEXGEN_MODULE_LOG: log },
    encoding: 'utf8',
  });
  const urls = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  return { code: run.status, stdout: run.stdout, urls };
}

/** As loadedBy, without blocking this process (a server here answers the command). */
async function loadedByRun(args: string[]): Promise<{ code: number | null; urls: string[] }> {
  const log = join(mkdtempSync(join(tmp, 'run-')), 'modules.log');
  const child = spawn(process.execPath, ['--import', REGISTER, BIN, ...args], {
    cwd: tmp,
    env: { PATH: process.env.PATH ?? '', HOME: tmp, ONEXGEN_MODULE_LOG: log },
    stdio: 'ignore',
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, urls: readFileSync(log, 'utf8').split('\n').filter(Boolean) };
}

/** what a start-up must not load: each is hundreds of milliseconds or a WASM instance */
const HEAVY = [
  /@dqbd\/tiktoken/,
  /\/context-builder\//,
  /\/onex\/dist\/tokens\./,
  /\/@electric-sql\/pglite\//,
  /\/drizzle-orm\//,
  /\/llm-effect\//,
  /\/metrics\/dist\//,
  /\/response-validator\//,
  /web-tree-sitter/,
  // the pipeline's index (its errors subpath, which commands import for OnexgenError, is light)
  /\/pipeline\/dist\/index\./,
];
const heavyIn = (urls: string[]) => urls.filter((u) => HEAVY.some((re) => re.test(u)));

describe('start-up loads only what the command needs', () => {
  test.each(['--version', '--help', 'generate --help'])('onexgen %s loads no tokenizer, database, LLM client or parser', (line) => {
    const run = loadedBy(line.split(' '));
    expect(run.code).toBe(0);
    expect(run.stdout.length).toBeGreaterThan(0);
    // the hook saw the CLI itself, so an empty list below means "not loaded", not "not logged"
    expect(run.urls.some((u) => u.endsWith('/dist/cli.js'))).toBe(true);
    expect(heavyIn(run.urls)).toEqual([]);
  });

  test('a command that counts tokens still loads them when it runs', () => {
    const run = loadedBy(['explain', EXAMPLE_SPEC]);
    expect(run.code).toBe(0);
    expect(run.urls.some((u) => /\/context-builder\//.test(u))).toBe(true);
    expect(run.urls.some((u) => /\/onex\/dist\/tokens\./.test(u))).toBe(true);
  }, 120_000);

  test('a run loads OpenTelemetry only when it exports a trace, and never the eval statistics (jstat)', async () => {
    const otel = (urls: string[]) => urls.filter((u) => /\/@opentelemetry\//.test(u));
    const jstat = (urls: string[]) => urls.filter((u) => /\/jstat\//.test(u));
    const generate = (out: string, extra: string[] = []) =>
      loadedByRun(['generate', EXAMPLE_SPEC, '--offline', '--db', 'memory://', '--out', join(tmp, out), ...extra]);
    const plain = await generate('plain');
    // the run itself happened: the pipeline was loaded and the node written (exit 0, or 1 for a fallback)
    expect(plain.urls.some((u) => /\/pipeline\/dist\/index\./.test(u))).toBe(true);
    expect([0, 1]).toContain(plain.code);
    expect(otel(plain.urls)).toEqual([]);
    expect(jstat(plain.urls)).toEqual([]);
    const receiver = await startOtlpReceiver();
    try {
      const traced = await generate('traced', ['--otel', receiver.endpoint]);
      expect([0, 1]).toContain(traced.code);
      expect(otel(traced.urls).length).toBeGreaterThan(0);
      expect(jstat(traced.urls)).toEqual([]);
      // and the trace was exported: the run's span reached the receiver
      expect(receiver.spans.some((span) => span.name === 'onexgen generate')).toBe(true);
    } finally {
      await receiver.close();
    }
  }, 120_000);
});
