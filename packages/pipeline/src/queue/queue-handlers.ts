// The pipeline as @onexgen/work-queue handlers: a method job runs one stub through the same
// generateMethod a local run uses; a node job injects the committed bodies, checks the package and
// writes it atomically, then learns from it. Both work on a session per run that the program opens
// (its id is the run id, so the run's llm-effect budget is one SQL row shared by every worker).
//
// Exactly once: what the method's records say (generation, fallback, context build, history rows)
// is captured during the job and written inside the work queue's commit transaction, so only the
// attempt that commits the method's result leaves them. Provider attempts are different: each is a
// request the provider saw, written ahead through the attempt ledger by the session's model caller.
import { writeDirAtomic, type Stub } from '@onexgen/node-source';
import type { MetricsDb } from '@onexgen/metrics';
import type { MethodCommit, MethodJob, NodeCommit, NodeJob, WorkerHandlers } from '@onexgen/work-queue';
import { resolve } from 'node:path';
import { OnexgenError } from '../errors.js';
import { generateMethod } from '../method/generate-method.js';
import { methodInfo } from '../method/node-context.js';
import { assembleSource } from '../node/fill-source.js';
import { specInput } from '../node/node-inputs.js';
import { failedNode, learnWritten } from '../node/run-nodes.js';
import type { GeneratedBody, NodeOutcome } from '../outcome/outcome.js';
import { methodConfig } from '../run-config.js';
import { Recorder } from '../session/recorder.js';
import type { Session } from '../session/session.js';
import { checkGeneratedPackage } from '../skeleton/check-package.js';
import { packageValidatorOf } from '../session/validation.js';
import { captureRecords, writeCaptured, type CapturedRecords } from './captured-records.js';
import { readNodeInput, type QueuedNodeInput } from './queued-run.js';

/** A committed method: what the node job needs to inject it and report it. */
export interface QueuedMethodResult {
  outcome: GeneratedBody['outcome'];
  code: string;
  imports: string[];
  learning?: GeneratedBody['learning'];
}
export interface QueuedMethodError {
  error: { code: string; message: string };
}

export interface QueueHandlerOptions {
  /** the session of a run (opened once per run and worker, closed by the program) */
  sessionFor(runId: string, options: unknown): Promise<Session>;
  redact?: (text: string) => string;
}

/** Errors that fail the method's node as they would fail it in a local run (not retried). */
const NODE_FAILING = new Set(['PROVIDER_FAILED', 'BUDGET_EXHAUSTED']);

export function queueHandlers(options: QueueHandlerOptions): WorkerHandlers {
  // each run's nodes, read and rendered once per worker (not once per method), kept with its
  // session: a session the program closes takes them along
  type QueuedNode = ReturnType<typeof specInput> & { input: QueuedNodeInput };
  const nodesBySession = new WeakMap<Session, Map<string, QueuedNode>>();
  const nodeOf = (session: Session, job: { nodeKey: string; node: { input: unknown } }): QueuedNode => {
    let nodes = nodesBySession.get(session);
    if (!nodes) nodesBySession.set(session, (nodes = new Map()));
    let found = nodes.get(job.nodeKey);
    if (!found) {
      const input = readNodeInput(job.node.input);
      found = { ...specInput(session.parser, input.file, input.spec), input };
      nodes.set(job.nodeKey, found);
    }
    return found;
  };

  // a commit's held records, for writing a group of commits' records together (writeEffects)
  const capturedOf = new WeakMap<MethodCommit, CapturedRecords>();
  const committing = (commit: MethodCommit, captured: CapturedRecords): MethodCommit => (capturedOf.set(commit, captured), commit);

  return {
    async method(job: MethodJob): Promise<MethodCommit> {
      const session = await options.sessionFor(job.runId, job.run.options);
      const { node, stubs, input } = nodeOf(session, job);
      const stub = stubs.find((s) => s.qualifiedName === job.method);
      if (!stub) throw new OnexgenError('INJECTION_FAILED', `${input.file}: no stub ${job.method} in the rendered node`);
      const captured = captureRecords();
      const recorder = new Recorder(captured.store, session.id, options.redact, session.recorder.warnings);
      const jobSession: Session = { ...session, recorder, ...(job.signal ? { signal: job.signal } : {}) };
      try {
        const body = await generateMethod(jobSession, node, methodInfo(node, stub, methodConfig(session.config, node.spec.overrides?.[stub.method])));
        await recorder.flush();
        const result: QueuedMethodResult = { outcome: body.outcome, code: body.code, imports: body.imports, ...(body.learning ? { learning: body.learning } : {}) };
        return committing({ ok: true, result, effects: (tx: MetricsDb) => captured.writeTo(tx) }, captured);
      } catch (err: unknown) {
        if (err instanceof OnexgenError && NODE_FAILING.has(err.code) && !job.signal.aborted) {
          await recorder.flush();
          const result: QueuedMethodError = { error: { code: err.code, message: err.message } };
          return committing({ ok: false, result, effects: (tx: MetricsDb) => captured.writeTo(tx) }, captured);
        }
        throw err;
      }
    },

    async node(job: NodeJob): Promise<NodeCommit> {
      const session = await options.sessionFor(job.runId, job.run.options);
      const { skeleton, node, stubs, input } = nodeOf(session, job);
      const failed = job.methods.find((m) => !m.ok);
      if (failed) {
        const error = (failed.result as Partial<QueuedMethodError>).error ?? { code: 'INTERNAL', message: `${failed.method} failed` };
        return { result: failedNode(input.file, 'spec', error, stubs.map((s) => s.qualifiedName)) };
      }
      const byMethod = new Map(job.methods.map((m) => [m.method, m.result as QueuedMethodResult]));
      const bodies = stubs.map((s) => bodyOf(s, byMethod.get(s.qualifiedName)));
      // the same node.py a local run writes (imports tidied)
      const filled = assembleSource(session, node, stubs, bodies, { generated: true });
      const files = skeleton.files.map((f) => (f.path === 'node.py' ? { ...f, content: filled.source } : f));
      const target = resolve(input.outDir, skeleton.dirName);
      await checkGeneratedPackage(packageValidatorOf(session), input.file, files);
      await writeDirAtomic(target, files);
      learnWritten(session, filled.bodies);
      await session.recorder.flush();
      const outcome: NodeOutcome = {
        input: input.file,
        kind: 'spec',
        output: target,
        className: skeleton.className,
        status: 'written',
        methods: filled.bodies.map((b) => b.outcome),
        addedImports: filled.addedImports,
      };
      return { result: outcome };
    },

    async writeEffects(tx: MetricsDb, commits: readonly MethodCommit[]) {
      const held = commits.map((c) => capturedOf.get(c));
      await writeCaptured(tx, held.filter((c): c is CapturedRecords => c !== undefined));
      // a commit these handlers did not make (none today) writes its own effects
      for (const [i, c] of commits.entries()) if (!held[i]) await c.effects?.(tx);
    },

    gaveUp(err: unknown) {
      const message = options.redact ? options.redact(err instanceof Error ? err.message : String(err)) : String(err);
      return { error: { code: err instanceof OnexgenError ? err.code : 'INTERNAL', message } };
    },
  };
}

function bodyOf(stub: Stub, result: QueuedMethodResult | undefined): GeneratedBody {
  if (!result) throw new OnexgenError('INJECTION_FAILED', `no committed body for ${stub.qualifiedName}`);
  return { outcome: result.outcome, code: result.code, imports: result.imports, ...(result.learning ? { learning: result.learning } : {}) };
}

