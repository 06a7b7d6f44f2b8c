// Opens what a run needs, in one place: database (migrated), metrics store, learning stores,
// parser, validator, pattern catalog, and the model caller unless the run is offline.
import { randomUUID } from 'node:crypto';
import { patternSourceFromCatalog } from '@onexgen/context-builder';
import { loadPatternCatalog } from '@onexgen/pattern-library';
import type { DatabaseHandle, MetricsStore } from '@onexgen/metrics';
import { openDatabaseFor } from './open-database-for.js';
import { createValidator, loadPythonParser, startValidatorThread, type ValidatorThread } from '@onexgen/response-validator';
import { REMEMBERED_PARSES } from '../node/generated-file.js';
import { sessionSandbox } from './session-sandbox.js';
import { bulkhead } from 'cockatiel';
import type { LLMConfigLayer } from '@onexgen/llm-effect';
import { createModelCaller, type AttemptLedger } from '../model/model-caller.js';
import type { RunConfig } from '../run-config.js';
import { packageCheckProfile, packageCheckValidator } from '../skeleton/check-package.js';
import { Learning } from './learning.js';
import { openMetricsStore } from './metrics-spool.js';
import { silentProgress, type ProgressSink } from './progress-events.js';
import { openPoolGuard } from './pool-guard.js';
import { Recorder } from './recorder.js';
import type { RunTrace } from './run-trace.js';
import { loadReferenceIndex } from './references.js';
import { resolveExperiments } from '../method/prompt-arm.js';
import type { Session } from './session.js';
import { assemblyOperationsFile } from '../assembly-operations-path.js';

/** The run's providers as llm-effect layers, and how to name them in output (never a key). */
export interface LlmSetup {
  layers: LLMConfigLayer[];
  describe: string;
}

export interface OpenSessionOptions {
  config: RunConfig;
  /** the providers for a run id (llm-effect keys run budgets on it); undefined → offline */
  llm?: (sessionId: string) => LlmSetup | undefined;
  env: Record<string, string | undefined>;
  /** secret values of the run: they never reach the sandbox's child Python */
  secrets: readonly string[];
  cwd: string;
  progress?: ProgressSink;
  signal?: AbortSignal;
  redact?: (text: string) => string;
  /** export the run's spans here (the program opened the run span) */
  trace?: RunTrace;
  /** an open, migrated database to use (a queue worker's, shared by its runs); left open on close */
  handle?: DatabaseHandle;
  /** the session id (a queued run's id, so every worker charges the run's one budget row) */
  id?: string;
  /** write-ahead provider attempts (a queue worker: a request in flight when it dies keeps its row) */
  attempts?: AttemptLedger;
}

export interface OpenedSession extends Session {
  database: string;
  close(): Promise<void>;
}

export { openDatabaseFor } from './open-database-for.js';

export async function openSession(options: OpenSessionOptions): Promise<OpenedSession> {
  const experiments = resolveExperiments(options.config.experiments, options.cwd);
  const config: RunConfig = { ...options.config, ...(experiments ? { experiments } : {}) };
  const id = options.id ?? randomUUID();
  const ownHandle = options.handle === undefined;
  // The embedded database opens on a thread of its own: parser, validator and catalog load on this
  // one meanwhile (a second core's worth of start-up). The sandbox starts with the first method that
  // has examples (session-sandbox.ts).
  const opening = options.handle ? Promise.resolve(options.handle) : openDatabaseFor(config.db, options.cwd, options.signal);
  const sandbox = sessionSandbox(config, options.secrets);
  const [handle, [parser, validator, packageValidator, catalog]] = await bothOrNeither(opening, loadTools(config), ownHandle, options.signal);
  let store: MetricsStore | undefined;
  let validatorThread: ValidatorThread | undefined;
  try {
    const redact = options.redact ?? ((t: string) => t);
    const warnings: string[] = [];
    const metrics = await openMetricsStore(handle, options.cwd, (message) => warnings.push(redact(message)));
    store = metrics;
    const recorder = new Recorder(metrics, id, redact, warnings);
    const learning = new Learning(handle, id, config.learnThreshold, metrics);
    learning.writeUsageThrough(recorder);
    await learning.warm();
    // one snapshot of learned effectiveness per run: patterns that kept failing rank lower
    const patterns = patternSourceFromCatalog(catalog, { matchOptions: { effectiveness: await learning.effectivenessLookup() } });
    // a generated node file is parsed whole by its injection's check, then by its import tidy (node/generated-file.ts)
    parser.rememberParses(REMEMBERED_PARSES);
    const references = loadReferenceIndex(config.references, parser, options.cwd);
    const setup = options.llm?.(id);
    // the budget pool the run draws from: the configuration's pools with the database's laid over them
    const { pool: poolName, pools } = config;
    const pool = setup && poolName ? await openPoolGuard(handle, { name: poolName, pools }, (text) => warnings.push(redact(text))) : undefined;
    const trace = options.trace;
    // several answers in flight: they are checked on a thread of their own (session/validation.ts)
    if (setup && (config.validationThread ?? config.concurrency > 1)) {
      validatorThread = startValidatorThread(
        { run: { profile: config.validatorProfile }, package: { profile: packageCheckProfile(config.validatorProfile) } },
        { extensions: [assemblyOperationsFile()], rememberParses: REMEMBERED_PARSES },
      );
    }
    const model = setup
      ? createModelCaller({
          ...setup,
          env: options.env,
          handle,
          recorder,
          ...(trace ? { onAttempt: (event) => trace.attempt(event) } : {}),
          ...(pool ? { pool } : {}),
          ...(config.stream === false ? { stream: false } : {}),
          ...(options.attempts ? { attempts: options.attempts } : {}),
        })
      : undefined;
    return {
      id,
      config,
      parser,
      validator,
      packageValidator,
      ...(validatorThread ? { validatorThread } : {}),
      catalog,
      patterns,
      ...(references ? { references } : {}),
      recorder,
      learning,
      ...(model ? { model } : {}),
      sandbox,
      methodLimiter: bulkhead(config.concurrency, Number.POSITIVE_INFINITY),
      progress: options.progress ?? silentProgress,
      ...(trace ? { trace } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      database: handle.location,
      async close() {
        try {
          await recorder.flush();
          const spool = metrics.spoolStatus();
          if (spool && spool.entries > 0) {
            warnings.push(
              redact(
                `metrics: the database did not answer (${spool.lastError ?? 'unreachable'}); ${spool.entries} batch(es) of records are kept in ${spool.path} and will be written by the next run`,
              ),
            );
          }
          await model?.close?.();
        } finally {
          await validatorThread?.close();
          await sandbox.close();
          // the spool's lock is released even when the last flush failed
          await metrics.close();
          if (ownHandle) await handle.close();
        }
      },
    };
  } catch (err) {
    await validatorThread?.close();
    await sandbox.close();
    await store?.close();
    if (ownHandle) await handle.close();
    throw err;
  }
}

/** The run's parser, validators and pattern catalog. */
function loadTools(config: RunConfig) {
  return Promise.all([loadPythonParser(), createValidator({ profile: config.validatorProfile }), packageCheckValidator(config.validatorProfile), loadPatternCatalog()]);
}
type Loaded = Awaited<ReturnType<typeof loadTools>>;

/**
 * The database and the run's tools, or an error with whatever did open closed again. A run stopped
 * meanwhile (SIGINT / SIGTERM) rejects at once with the signal's reason; what is still opening is
 * closed when it settles.
 */
async function bothOrNeither(opening: Promise<DatabaseHandle>, loading: Promise<Loaded>, ownHandle: boolean, signal: AbortSignal | undefined): Promise<[DatabaseHandle, Loaded]> {
  const settled = Promise.allSettled([opening, loading]);
  const closeWhatOpened = async ([db]: [PromiseSettledResult<DatabaseHandle>, PromiseSettledResult<Loaded>]): Promise<void> => {
    if (db.status === 'fulfilled' && ownHandle) await db.value.close().catch(() => undefined);
  };
  let onAbort = (): void => {};
  const stopped = signal
    ? new Promise<'stopped'>((resolve) => {
        onAbort = () => resolve('stopped');
        if (signal.aborted) onAbort();
        else signal.addEventListener('abort', onAbort, { once: true });
      })
    : undefined;
  const first = stopped ? await Promise.race([settled, stopped]) : await settled;
  signal?.removeEventListener('abort', onAbort);
  if (first === 'stopped') {
    void settled.then(closeWhatOpened);
    throw signal?.reason;
  }
  const [db, tools] = first;
  if (db.status === 'fulfilled' && tools.status === 'fulfilled') return [db.value, tools.value];
  await closeWhatOpened(first);
  throw db.status === 'rejected' ? db.reason : (tools as PromiseRejectedResult).reason;
}
