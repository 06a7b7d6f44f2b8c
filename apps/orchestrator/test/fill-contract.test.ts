// `onexgen fill NODE.py` on a package onexgen generated: the contract.yaml beside the node gives the
// spec's examples, the package's models/ reach the sandbox (node.py imports `from .models …`), and
// a body that reads the environment while its examples run sees no API key. llm-sim over real
// HTTP, the sandbox's real child Python, PGlite on disk.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startLlmSim, type LlmSim, type ResponderRequest } from '@onexgen/llm-sim';
import { runInProcess } from './helpers/run-in-process.js';
import { methodOf } from './helpers/sim.js';

const SPEC = fileURLToPath(new URL('../../../examples/specs/invoice-lines-compute.yaml', import.meta.url));
const KEY = 'sk-onexgen-fill-SECRET-5151';
const tmp = mkdtempSync(join(tmpdir(), 'onexgen-fill-contract-'));
let sim: LlmSim;

const fence = (body: string) => `\`\`\`python\n${body}\n\`\`\``;
const GUARD = ['if quantity < 0:', '    raise ModelOnexError(message="quantity must not be negative", error_code=EnumCoreErrorCode.INVALID_INPUT)'];
/** Rounds where the docstring says fractions never count: only the spec's examples can tell. */
const ROUNDS = fence([...GUARD, 'return round(unit_price_cents * quantity)'].join('\n'));
/**
 * Correct, unless the run's key (or any variable named like a key) is in the environment the
 * examples run in: then every example is off by one and the method fails.
 */
const READS_ENV = fence(
  [
    'import os',
    '',
    ...GUARD,
    `leaked = any("${KEY}" in value for value in os.environ.values()) or any("API_KEY" in name for name in os.environ)`,
    'return int(unit_price_cents * quantity) + (1 if leaked else 0)',
  ].join('\n'),
);
const ENTRY = fence(['emit_log_event(LogLevel.INFO, "execute_compute called", {"node": "invoice_lines"})', 'return {"operation": "line_total_cents"}'].join('\n'));

function scripted(answers: string[]): (request: ResponderRequest) => string {
  let asked = 0;
  return (request) => (methodOf(request) === 'line_total_cents' ? answers[Math.min(asked++, answers.length - 1)]! : ENTRY);
}

type JsonMethod = { name: string; attempts: number; verdict: string; behaviour?: { status: string; examples: number; passed: number } };
const method = (json: { nodes: { methods: JsonMethod[] }[] }, name: string) => json.nodes.flatMap((n) => n.methods).find((m) => m.name === name)!;

beforeAll(async () => {
  sim = await startLlmSim({ scenario: { responder: scripted([ROUNDS, READS_ENV]) } });
});
afterAll(async () => {
  await sim.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('fill on a generated package', () => {
  test('examples come from contract.yaml, models/ reach the sandbox, and a body reading os.environ sees no key', async () => {
    const dir = mkdtempSync(join(tmp, 'pkg-'));
    const env = { HOME: dir, CI: '1', PATH: process.env.PATH };
    // offline: line_total_cents gets a fallback body marked IMPLEMENTATION REQUIRED, a stub for fill
    const offline = await runInProcess(['generate', SPEC, '--out', join(dir, 'out'), '--db', join(dir, 'db'), '--offline', '--json'], { env, cwd: dir });
    expect(method(JSON.parse(offline.stdout), 'line_total_cents').verdict).toBe('incomplete');
    const node = join(dir, 'out', 'node_invoice_lines_compute', 'node.py');

    const run = await runInProcess(
      ['fill', node, '--out', join(dir, 'filled.py'), '--db', join(dir, 'db'), '--json', '--provider', 'openai-compatible', '--base-url', `${sim.url}/v1`, '--model', 'glm-4.5'],
      { env: { ...env, ONEXGEN_API_KEY: KEY }, cwd: dir },
    );
    expect(run.stderr).toBe('');
    const m = method(JSON.parse(run.stdout), 'line_total_cents');
    // the rounding answer failed an example only contract.yaml holds; the second ran all three
    // examples (importing node.py and its models) and saw no key in its environment
    expect(m).toMatchObject({ attempts: 2, verdict: 'passed', behaviour: { status: 'ran', examples: 3, passed: 3 } });
    expect(run.code).toBe(0);
    const retry = sim.requests.filter((r) => JSON.stringify(r.body).includes('## Method: line_total_cents'))[1];
    expect(JSON.stringify(retry?.body)).toContain('behaviour/example-failed');
  }, 240_000);

  test('the same node without its contract.yaml and models/: no examples to run', async () => {
    const dir = mkdtempSync(join(tmp, 'bare-'));
    const env = { HOME: dir, CI: '1', PATH: process.env.PATH };
    await runInProcess(['generate', SPEC, '--out', join(dir, 'out'), '--db', join(dir, 'db'), '--offline', '--json'], { env, cwd: dir });
    const bare = join(dir, 'bare');
    cpSync(join(dir, 'out', 'node_invoice_lines_compute', 'node.py'), join(bare, 'node.py'), { recursive: true });
    sim.setScenario({ responder: scripted([ROUNDS]) });
    sim.reset();
    const run = await runInProcess(
      ['fill', join(bare, 'node.py'), '--out', join(dir, 'filled.py'), '--db', join(dir, 'db'), '--json', '--provider', 'openai-compatible', '--base-url', `${sim.url}/v1`, '--model', 'glm-4.5'],
      { env: { ...env, ONEXGEN_API_KEY: KEY }, cwd: dir },
    );
    expect(method(JSON.parse(run.stdout), 'line_total_cents')).toMatchObject({ attempts: 1, verdict: 'passed-static' });
  }, 240_000);
});
