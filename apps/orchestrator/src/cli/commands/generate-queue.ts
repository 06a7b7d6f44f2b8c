// `generate --queue`: the specs' methods become jobs for `onexgen worker` processes on the run's
// PostgreSQL; prints the run id. With --wait it then waits for the workers and reports exactly as a
// local run does (same lines or JSON on stdout, same exit code); the queue's progress goes to stderr.
import { loadPythonParser } from '@onexgen/response-validator';
import { enqueueRun, getNodes, waitForRun } from '@onexgen/work-queue';
import type { NodeSpec } from '@onexgen/onex';
import type { LoadedConfig } from '../../config/load-config.js';
import { OnexgenError } from '@onexgen/pipeline/errors';
import { llmSetup } from '../../llm/llm-layers.js';
import { exitCodeOf, specInput, stopOf, totalsOf, type NodeOutcome, type RunOutcome } from '@onexgen/pipeline';
import { dbSource } from '../db-target.js';
import type { CliIO } from '../io.js';
import { assertKeysPresent } from '../missing-key.js';
import { openQueueDatabase, queueDatabaseUrl } from '../queue-database.js';
import { runOptionsOf } from '../queued-run-options.js';
import { reportRun } from '../report-run.js';
import type { RunState } from '../run-state.js';
import { describeStatus } from './status-run.js';

export interface QueueOptions {
  wait?: boolean;
  json?: boolean;
  /** seconds a job may run before pg-boss hands it to another worker */
  jobTimeout?: string;
}

export async function runQueuedGenerate(
  io: CliIO,
  state: RunState,
  opts: QueueOptions,
  loaded: LoadedConfig,
  specs: { file: string; spec: NodeSpec }[],
  outDir: string,
): Promise<void> {
  const url = queueDatabaseUrl('generate --queue', loaded.config.db, dbSource(loaded.origin.db, loaded.files));
  const jobExpireSeconds = opts.jobTimeout === undefined ? undefined : Number(opts.jobTimeout);
  if (jobExpireSeconds !== undefined && !(Number.isInteger(jobExpireSeconds) && jobExpireSeconds >= 1)) {
    throw new OnexgenError('USAGE', `--job-timeout: must be a whole number of seconds ≥ 1, got "${opts.jobTimeout}"`);
  }
  // the workers bring their own keys; a run that names a provider still needs one here to fail early
  const setup = llmSetup(loaded, io.env, 'key-check');
  if (setup) assertKeysPresent(loaded, setup, io.env);
  const parser = await loadPythonParser();
  const nodes = specs.map(({ file, spec }, i) => ({
    key: `node-${i}`,
    methods: specInput(parser, file, spec).stubs.map((s) => s.qualifiedName),
    input: { file, spec, outDir },
  }));
  const opened = await openQueueDatabase(url, io.cwd);
  try {
    const runId = await enqueueRun(opened.queue, {
      options: runOptionsOf(loaded, !setup, setup?.describe),
      nodes,
      ...(jobExpireSeconds ? { jobExpireSeconds } : {}),
    });
    const methods = nodes.reduce((n, node) => n + node.methods.length, 0);
    const queued = `queued run ${runId}: ${nodes.length} node(s), ${methods} method(s) in ${opened.handle.location}`;
    if (!opts.wait) {
      if (opts.json) io.stdout(`${JSON.stringify({ runId, nodes: nodes.length, methods, database: opened.handle.location })}\n`);
      else io.stdout(`${queued}\nrun \`onexgen worker --db <url>\` on any machine to process it; \`onexgen status ${runId}\` shows progress\n`);
      return;
    }
    io.stderr(`${queued}; waiting for workers\n`);
    await waitForRun(opened.handle.db, runId, {
      ...(io.signal ? { signal: io.signal } : {}),
      onStatus: (s) => io.stderr(`${describeStatus(s)}\n`),
    });
    const outcomes = (await getNodes(opened.handle.db, runId)).map((n, i) => nodeOutcomeOf(n.result, nodes[i]!));
    const run: RunOutcome = {
      sessionId: runId,
      offline: !setup,
      exitCode: exitCodeOf(outcomes),
      nodes: outcomes,
      totals: totalsOf(outcomes),
      ...stopOf(outcomes),
      database: opened.handle.location,
      ...(setup ? { provider: setup.describe } : {}),
    };
    reportRun(io, run, Boolean(opts.json));
    state.exitCode = run.exitCode;
  } finally {
    await opened.close();
  }
}

/** A node's committed result: its outcome, or what the worker that gave up on it said. */
function nodeOutcomeOf(result: unknown, node: { input: { file: string }; methods: string[] }): NodeOutcome {
  const r = result as Partial<NodeOutcome> & { error?: { code: string; message: string } };
  if (r && typeof r.status === 'string') return r as NodeOutcome;
  return {
    input: node.input.file,
    kind: 'spec',
    status: 'failed',
    methods: [],
    addedImports: [],
    error: r?.error ?? { code: 'INTERNAL', message: 'no result' },
    pendingMethods: node.methods,
  };
}
