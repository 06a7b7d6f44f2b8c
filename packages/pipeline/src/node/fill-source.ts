// Fills every stub of one Python source: methods run concurrently (per-node and run-wide limits),
// then the bodies are injected at once (assembleSource).
import { bulkhead } from 'cockatiel';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { injectBodies, type BodyInjection, type Stub } from '@onexgen/node-source';
import { methodConfig } from '../run-config.js';
import { generateMethod } from '../method/generate-method.js';
import { bodyResult, NO_SPEND } from '../method/method-result.js';
import { methodInfo, type NodeContext } from '../method/node-context.js';
import type { GeneratedBody } from '../outcome/outcome.js';
import type { Session } from '../session/session.js';
import { fallbackBody } from '../method/stage-fallback.js';
import { packFragment, PythonParserError } from '@onexgen/response-validator';
import type { InjectPayload, threadOperations } from '../assembly-operations.js';
import { assembleGeneratedFile } from './generated-file.js';
import { OnexgenError } from '../errors.js';
import { breakingBodies } from './breaking-bodies.js';

export interface FilledSource {
  source: string;
  bodies: GeneratedBody[];
  addedImports: string[];
}

export interface AssemblyOptions {
  /** the file is onexgen's generated skeleton: its imports are tidied too (node/generated-file.ts) */
  generated?: boolean;
}

export async function fillSource(session: Session, node: NodeContext, stubs: readonly Stub[], options: AssemblyOptions = {}): Promise<FilledSource> {
  const perNode = bulkhead(session.config.concurrency, Number.POSITIVE_INFINITY);
  for (const stub of stubs) session.progress({ node: node.label, method: stub.method, stage: 'queued' });
  const settled = await Promise.allSettled(
    stubs.map((stub) =>
      perNode.execute(() =>
        session.methodLimiter.execute(async () => {
          // a method without a model call is CPU work that resolves through promises alone: without
          // a turn of the event loop between methods a whole file's methods would run as one task,
          // and a SIGINT / SIGTERM would wait for the last of them
          await yieldToEventLoop();
          if (session.signal?.aborted) throw session.signal.reason;
          const config = methodConfig(session.config, node.spec.overrides?.[stub.method]);
          return generateMethod(session, node, methodInfo(node, stub, config));
        }),
      ),
    ),
  );
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  const bodies = settled.map((s) => (s as PromiseFulfilledResult<GeneratedBody>).value);
  // assembling parses the whole file (seconds for a large one) in one go: let a pending SIGINT /
  // SIGTERM run first, and do not start it for a run that is stopping
  await yieldToEventLoop();
  if (session.signal?.aborted) throw session.signal.reason;
  return (await assembleOnThread(session, node, stubs, bodies, options)) ?? assembleSource(session, node, stubs, bodies, options);
}

/**
 * The injection on the validation thread (assembly-operations.ts) when the run has one; undefined
 * when it has none, or when the injection failed there (a body that breaks the file, a thread that
 * is gone): assembleSource then does it here, with its fallbacks.
 */
async function assembleOnThread(session: Session, node: NodeContext, stubs: readonly Stub[], bodies: readonly GeneratedBody[], options: AssemblyOptions): Promise<FilledSource | undefined> {
  const thread = session.validatorThread;
  if (!thread) return undefined;
  const payload: InjectPayload = {
    source: node.source,
    injections: injectionsOf(stubs, bodies).map(({ parsed, ...injection }) => (parsed ? { ...injection, parsed: packFragment(parsed) } : injection)),
    ...(node.injection ? { original: node.injection } : {}),
  };
  try {
    const operation: keyof typeof threadOperations = options.generated ? 'assembleGeneratedFile' : 'injectBodies';
    const { source, addedImports } = await thread.run<{ source: string; addedImports: string[] }>(operation, payload);
    return { source, bodies: [...bodies], addedImports };
  } catch {
    if (session.signal?.aborted) throw session.signal.reason;
    return undefined;
  }
}

/**
 * Injects the bodies into the node's source at once (a generated file's imports tidied too). A body
 * that breaks the whole file is replaced by its fallback, so the file written always parses. (A
 * queued run's node job calls this with the bodies its workers committed.)
 */
export function assembleSource(session: Session, node: NodeContext, stubs: readonly Stub[], generated: readonly GeneratedBody[], options: AssemblyOptions = {}): FilledSource {
  const bodies = [...generated];
  const injections = injectionsOf(stubs, bodies);
  const assemble = (list: BodyInjection[]) =>
    options.generated ? assembleGeneratedFile(session.parser, node.source, list, node.injection) : injectBodies(session.parser, node.source, list, node.injection);
  try {
    const { source, addedImports } = assemble(injections);
    return { source, bodies, addedImports };
  } catch {
    // Find the bodies that break the file on their own and fall back for those only.
    for (const { index: i, error } of breakingBodies(session.parser, node.source, injections, node.injection)) {
      const stub = stubs[i]!;
      const info = methodInfo(node, stub, methodConfig(session.config, node.spec.overrides?.[stub.method]));
      const reason = `the generated body broke the file: ${error.message}`;
      const fb = fallbackBody(session, node, info, 'template', reason);
      bodies[i] = bodyResult(info, bodies[i]!.outcome.correlationId, performance.now(), fb.strategy, fb.code, fb.imports, fb.validation, NO_SPEND, reason);
      injections[i] = { stub, code: fb.code, imports: fb.imports };
    }
    try {
      const { source, addedImports } = assemble(injections);
      return { source, bodies, addedImports };
    } catch (err) {
      throw tooLargeToCheck(node, err);
    }
  }
}

/** A filled file larger than the parser checks is a node too large to fill: said so, nothing written. */
function tooLargeToCheck(node: NodeContext, err: unknown): unknown {
  if (!(err instanceof PythonParserError) || err.code !== 'SOURCE_TOO_LARGE') return err;
  return new OnexgenError('NODE_FILE_TOO_LARGE', `${node.label}: the filled file is too large to check, nothing written: ${err.message}`, { cause: err, where: node.label });
}

/** What injecting the generated bodies into their stubs needs: each body's code, imports and its validation's parse. */
function injectionsOf(stubs: readonly Stub[], bodies: readonly GeneratedBody[]): BodyInjection[] {
  return stubs.map((stub, i) => ({ stub, code: bodies[i]!.code, imports: bodies[i]!.imports, ...(bodies[i]!.parsed ? { parsed: bodies[i]!.parsed } : {}) }));
}
