// Runs several nodes (specs or node files) concurrently up to fileConcurrency. Each node is written
// atomically when it is complete; a node that fails (provider down, budget spent, interrupted)
// writes nothing and says why.
import { bulkhead } from 'cockatiel';
import { dirname, join, resolve } from 'node:path';
import { OnexgenError } from '../errors.js';
import { writeDirAtomic, writeFileAtomic } from '../io/atomic-write.js';
import { renderSkeleton } from '../skeleton/render-skeleton.js';
import type { NodeSpec } from '../spec/schema.js';
import { findStubs } from '../stubs/find-stubs.js';
import { fillSource } from './fill-source.js';
import { contractOf, type NodeContext } from './node-context.js';
import { nodeFromFile } from './node-from-file.js';
import type { NodeOutcome } from './outcome.js';
import type { Session } from './session.js';

export interface SpecJob {
  kind: 'spec';
  file: string;
  spec: NodeSpec;
  outDir: string;
}

export interface FileJob {
  kind: 'node-file';
  file: string;
  source: string;
  spec?: NodeSpec;
  /** where the filled file goes (the input itself for --in-place) */
  outFile: string;
}

function importTexts(session: Session, source: string): string[] {
  return session.parser.parse(source).imports.map((i) => i.text);
}

async function runSpec(session: Session, job: SpecJob): Promise<NodeOutcome> {
  const skeleton = renderSkeleton(job.spec, { specFile: job.file });
  const nodeFile = skeleton.files.find((f) => f.path === 'node.py')!;
  const module = session.parser.parse(nodeFile.content);
  const stubs = findStubs(module);
  const node: NodeContext = {
    label: job.file,
    spec: job.spec,
    nodeType: job.spec.node_type,
    className: skeleton.className,
    contract: contractOf(job.spec),
    fileImports: module.imports.map((i) => i.text),
    source: nodeFile.content,
  };
  const filled = await fillSource(session, node, stubs);
  const files = skeleton.files.map((f) => (f.path === 'node.py' ? { ...f, content: filled.source } : f));
  const target = resolve(job.outDir, skeleton.dirName);
  if (session.signal?.aborted) throw session.signal.reason;
  await writeDirAtomic(target, files);
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

async function runFile(session: Session, job: FileJob): Promise<NodeOutcome> {
  const module = session.parser.parse(job.source);
  if (!module.syntaxValid) {
    const e = module.syntaxErrors[0];
    throw new OnexgenError('NODE_FILE_INVALID', `${job.file}:${e?.line ?? '?'}: not valid Python: ${e?.message ?? 'syntax error'}`, { where: job.file });
  }
  const stubs = findStubs(module);
  const info = nodeFromFile(job.file, module, stubs, job.spec);
  const node: NodeContext = {
    label: job.file,
    spec: info.spec,
    nodeType: info.nodeType,
    className: info.className,
    contract: contractOf(info.spec),
    fileImports: importTexts(session, job.source),
    source: job.source,
  };
  const filled = await fillSource(session, node, stubs);
  if (session.signal?.aborted) throw session.signal.reason;
  if (stubs.length > 0 || resolve(job.outFile) !== resolve(job.file)) {
    await writeFileAtomic(job.outFile, filled.source);
  }
  return {
    input: job.file,
    kind: 'node-file',
    output: job.outFile,
    className: info.className,
    status: 'written',
    methods: filled.bodies.map((b) => b.outcome),
    addedImports: filled.addedImports,
  };
}

function failure(job: SpecJob | FileJob, err: unknown, session: Session): NodeOutcome {
  const error =
    err instanceof OnexgenError
      ? { code: err.code, message: err.message }
      : session.signal?.aborted
        ? { code: 'INTERRUPTED', message: 'interrupted: nothing of this node was written' }
        : { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
  return { input: job.file, kind: job.kind, status: 'failed', methods: [], addedImports: [], error };
}

export async function runNodes(session: Session, jobs: readonly (SpecJob | FileJob)[]): Promise<NodeOutcome[]> {
  const limiter = bulkhead(session.config.fileConcurrency, Number.POSITIVE_INFINITY);
  return Promise.all(
    jobs.map((job) =>
      limiter
        .execute(() => {
          if (session.signal?.aborted) throw new OnexgenError('INTERRUPTED', 'interrupted before this node started');
          return job.kind === 'spec' ? runSpec(session, job) : runFile(session, job);
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
