// Runs several nodes (specs or node files) concurrently up to fileConcurrency. Each node is written
// atomically when it is complete; a node that fails (provider down, budget spent, interrupted)
// writes nothing and says why.
import { bulkhead } from 'cockatiel';
import { BackupRun, encodeNodeSource, NodeSourceError, writeDirAtomic, writeFileAtomic, writeNodeSource, type NodeSource } from '@onexgen/node-source';
import { dirname, join, resolve } from 'node:path';
import { OnexgenError } from '../errors.js';
import { checkGeneratedPackage } from '../skeleton/check-package.js';
import { packageValidatorOf } from '../session/validation.js';
import type { NodeSpec } from '@onexgen/onex';
import { fillSource } from './fill-source.js';
import { fileInput, specInput, type NodeInput } from './node-inputs.js';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { GeneratedBody, NodeOutcome } from '../outcome/outcome.js';
import type { Session } from '../session/session.js';

export interface SpecJob {
  kind: 'spec';
  file: string;
  spec: NodeSpec;
  outDir: string;
}

export interface FileJob {
  kind: 'node-file';
  file: string;
  /** the file as read (text, encoding, mode, ...): written back byte-exactly */
  source: NodeSource;
  spec?: NodeSpec;
  /** where the filled file goes (the input itself for --in-place) */
  outFile: string;
  /** fill the stubs whose evidence is mixed too */
  includeUncertain?: boolean;
  /** the node package's other files (models/, __init__.py), so the sandbox imports the node as written */
  packageFiles?: Record<string, string>;
  /** --in-place: originals are saved under <backupRoot>/<run id>/ for `onexgen undo` */
  backupRoot?: string;
  /**
   * The file already parsed (the CLI does it to refuse bad input before the run): a large file is
   * then not parsed again, nor once more to list its stubs when the run is interrupted.
   */
  input?: NodeInput;
}

async function runSpec(session: Session, job: SpecJob): Promise<NodeOutcome> {
  const { skeleton, node, stubs } = specInput(session.parser, job.file, job.spec);
  // the package is onexgen's own: its node.py leaves with no unused import and the block in isort's order
  const filled = await fillSource(session, node, stubs, { generated: true });
  const files = skeleton.files.map((f) => (f.path === 'node.py' ? { ...f, content: filled.source } : f));
  const target = resolve(job.outDir, skeleton.dirName);
  await checkGeneratedPackage(packageValidatorOf(session), job.file, files);
  if (session.signal?.aborted) throw session.signal.reason;
  await writeDirAtomic(target, files);
  learnWritten(session, filled.bodies);
  await session.recorder.flush();
  return {
    input: job.file,
    kind: 'spec',
    output: target,
    className: skeleton.className,
    status: 'written',
    methods: filled.bodies.map((b) => b.outcome),
    addedImports: filled.addedImports,
  };
}

async function runFile(session: Session, job: FileJob, backups: () => BackupRun | undefined): Promise<NodeOutcome> {
  const { node, stubs } = job.input ?? fileInputOf(session, job);
  // parsing a large file holds the event loop for seconds: a signal that came meanwhile runs now
  await yieldToEventLoop();
  if (session.signal?.aborted) throw session.signal.reason;
  const filled = await fillSource(session, node, stubs);
  if (session.signal?.aborted) throw session.signal.reason;
  let backup: string | undefined;
  if (resolve(job.outFile) === resolve(job.file)) {
    // in place: the file's own encoding, mode and owner, only if unchanged since it was read, with a backup
    const written = await writeNodeSource(job.source, filled.source, { backup: backups() });
    backup = written.backupPath;
  } else {
    await writeFileAtomic(job.outFile, encodeNodeSource(job.source, filled.source), { mode: job.source.mode });
  }
  learnWritten(session, filled.bodies);
  await session.recorder.flush();
  return {
    input: job.file,
    kind: 'node-file',
    output: job.outFile,
    className: node.className,
    status: 'written',
    methods: filled.bodies.map((b) => b.outcome),
    addedImports: filled.addedImports,
    ...(backup ? { backup } : {}),
  };
}

function fileInputOf(session: Session, job: FileJob): NodeInput {
  return fileInput(session.parser, job.file, job.source.text, job.spec, {
    includeUncertain: job.includeUncertain,
    ...(job.packageFiles ? { packageFiles: job.packageFiles } : {}),
  });
}

/**
 * Templates are learned from bodies that are in a written node (the injected file parsed): an
 * answer that broke the file was replaced by its fallback (which has no learn), and a run killed
 * before the write learns nothing.
 */
export function learnWritten(session: Session, bodies: readonly GeneratedBody[]): void {
  for (const body of bodies) {
    const l = body.learning;
    if (l) session.recorder.background('learning', () => session.learning.learnFrom(l.task, l.code, l.options, l.generation));
  }
}

/** A node that was not written: why, and the stubs it still has. */
export function failedNode(input: string, kind: NodeOutcome['kind'], error: { code: string; message: string }, pendingMethods: string[]): NodeOutcome {
  return { input, kind, status: 'failed', methods: [], addedImports: [], error, pendingMethods };
}

function failure(job: SpecJob | FileJob, err: unknown, session: Session): NodeOutcome {
  const error =
    err instanceof OnexgenError || err instanceof NodeSourceError
      ? { code: err.code, message: err.message }
      : session.signal?.aborted
        ? { code: 'INTERRUPTED', message: 'interrupted: nothing of this node was written' }
        : { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
  return failedNode(job.file, job.kind, error, pendingOf(job, session));
}

/** The stubs a node that was not written still has (best effort: an unreadable input has none to list). */
function pendingOf(job: SpecJob | FileJob, session: Session): string[] {
  try {
    const { stubs } = job.kind === 'spec' ? specInput(session.parser, job.file, job.spec) : (job.input ?? fileInputOf(session, job));
    return stubs.map((s) => s.qualifiedName);
  } catch {
    return [];
  }
}

/** A node inside its trace span when the run is traced (methods find it by the node's label, its file). */
async function traced(session: Session, job: SpecJob | FileJob, work: () => Promise<NodeOutcome>): Promise<NodeOutcome> {
  const trace = session.trace;
  if (!trace) return work();
  trace.startNode(job.file, { 'onexgen.node_type': job.spec?.node_type });
  try {
    const outcome = await work();
    trace.endNode(job.file, { 'onexgen.status': outcome.status, 'onexgen.node.class': outcome.className });
    return outcome;
  } catch (error) {
    trace.endNode(job.file, { 'onexgen.status': 'failed' }, { type: (error as { code?: string }).code ?? 'error', message: error instanceof Error ? error.message : String(error) });
    throw error;
  }
}

export async function runNodes(session: Session, jobs: readonly (SpecJob | FileJob)[]): Promise<NodeOutcome[]> {
  const limiter = bulkhead(session.config.fileConcurrency, Number.POSITIVE_INFINITY);
  // one backup folder per run, named by the run (session) id, created on the first in-place write
  let backupRun: BackupRun | undefined;
  const backups = (root: string | undefined) => () => (root ? (backupRun ??= new BackupRun(root, session.id)) : undefined);
  return Promise.all(
    jobs.map((job) =>
      limiter
        .execute(() => {
          if (session.signal?.aborted) throw new OnexgenError('INTERRUPTED', 'interrupted before this node started');
          return traced(session, job, () => (job.kind === 'spec' ? runSpec(session, job) : runFile(session, job, backups(job.backupRoot))));
        })
        .catch((err: unknown) => failure(job, err, session)),
    ),
  );
}

/** Default output of `fill` without --out/--in-place: `<name>.filled.py` beside the input. */
export function defaultFilledPath(file: string): string {
  const base = file.replace(/\.py$/, '');
  return join(dirname(base), `${base.split(/[\\/]/).pop()}.filled.py`);
}
