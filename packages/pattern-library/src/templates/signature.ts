import { z } from 'zod';
import { NODE_TYPES, type NodeType } from '@onexgen/onex';
import { PatternLibraryError, describeZodIssues } from '../errors.js';
import { normalizeFeatures } from '../features/normalize.js';
import { words } from '../features/tokenize.js';

/** What a generation task looked like: the input to learn() and findSimilar(). */
export const taskSignatureSchema = z.object({
  nodeType: z.enum(NODE_TYPES),
  /** e.g. 'create_user' */
  methodName: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a Python identifier'),
  /** parameter names (self excluded or not), e.g. ['user', 'correlation_id'] */
  params: z.array(z.string()).default([]),
  /** free text or keys; normalised */
  features: z.array(z.string()).default([]),
  /** contract-level or catalog pattern the body follows, e.g. 'CRUD' */
  pattern: z.string().nullish(),
  /** the node class, e.g. 'NodeUserEffect'; becomes a parameter when it appears in the body */
  className: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/).optional(),
});
export type TaskSignature = z.input<typeof taskSignatureSchema>;

/** A signature reduced to what should be equal between tasks that can share one body. */
export interface NormalizedSignature {
  nodeType: NodeType;
  methodName: string;
  /** first word of the method name: create, get, update, ... */
  verb: string;
  /** the rest of the method name, snake_case: 'user', 'order_item' ('' when none) */
  entity: string;
  features: string[];
  pattern: string | null;
  /** parameter names with the entity replaced by '*', sorted */
  params: string[];
  className?: string;
  key: string;
}

export function normalizeSignature(input: TaskSignature): NormalizedSignature {
  const parsed = taskSignatureSchema.safeParse(input);
  if (!parsed.success) {
    throw new PatternLibraryError('SIGNATURE_INVALID', `signature: ${describeZodIssues(parsed.error.issues)}`, { cause: parsed.error });
  }
  const sig = parsed.data;
  const [verb = '', ...rest] = words(sig.methodName);
  const entity = rest.join('_');
  const shape = (param: string): string => {
    const w = words(param);
    if (w.length === 0 || w[0] === 'self') return '';
    return maskEntity(w, rest).join('_');
  };
  const params = [...new Set(sig.params.map(shape).filter(Boolean))].sort();
  const features = [...normalizeFeatures(sig.features)].sort();
  const pattern = sig.pattern ? sig.pattern.toLowerCase() : null;
  const key = [sig.nodeType, verb, features.join(','), pattern ?? '', params.join(',')].join('|');
  return { nodeType: sig.nodeType, methodName: sig.methodName, verb, entity, features, pattern, params, className: sig.className, key };
}

/**
 * The parameter's words with each run of the entity's words replaced by '*' ('*s' where the run's
 * last word carries a plural s): `user_id` under entity `user` is `*_id`, `order_items` under
 * `order_item` is `*s`. Word by word rather than a regular expression built per signature: V8
 * compiles every new expression to native code, which made this function ~0.3 ms of each method
 * the pipeline looked a template up for (tools/bench pipeline-bench, session 16).
 */
function maskEntity(param: readonly string[], entity: readonly string[]): string[] {
  if (entity.length === 0) return [...param];
  const out: string[] = [];
  for (let i = 0; i < param.length; ) {
    const plural = entityRunAt(param, i, entity);
    if (plural === undefined) {
      out.push(param[i]!);
      i += 1;
    } else {
      out.push(plural ? '*s' : '*');
      i += entity.length;
    }
  }
  return out;
}

/** Whether the entity's words start at `at` (undefined: they do not; true: the last one as a plural). */
function entityRunAt(param: readonly string[], at: number, entity: readonly string[]): boolean | undefined {
  if (at + entity.length > param.length) return undefined;
  const last = entity.length - 1;
  for (let k = 0; k < last; k++) if (param[at + k] !== entity[k]) return undefined;
  const word = param[at + last]!;
  if (word === `${entity[last]}s`) return true;
  return word === entity[last] ? false : undefined;
}

// Similarity weights: a body is reusable only for the same node type and verb, so each of the two
// weighs 0.25 and a template that differs in either can reach at most 0.75 (below the default
// threshold 0.8, which lets the index skip other buckets); features say what else the body must do.
export const SIMILARITY_WEIGHTS = { nodeType: 0.25, verb: 0.25, features: 0.3, pattern: 0.1, params: 0.1 } as const;

/** Jaccard of two sorted, duplicate-free lists (normalizeSignature sorts them) by one merge pass. */
function sortedJaccard(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 && b.length === 0) return 1;
  let shared = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      shared += 1;
      i += 1;
      j += 1;
    } else if (x < y) i += 1;
    else j += 1;
  }
  return shared / (a.length + b.length - shared);
}

export interface SignatureShape {
  nodeType: string;
  verb: string;
  features: readonly string[];
  pattern: string | null;
  params: readonly string[];
}

/** 0..1; 1 means the same normalised signature. Features and params must be sorted (as normalised). */
export function signatureSimilarity(a: SignatureShape, b: SignatureShape): number {
  const w = SIMILARITY_WEIGHTS;
  return (
    (a.nodeType === b.nodeType ? w.nodeType : 0) +
    (a.verb === b.verb ? w.verb : 0) +
    w.features * sortedJaccard(a.features, b.features) +
    ((a.pattern ?? '') === (b.pattern ?? '') ? w.pattern : 0) +
    w.params * sortedJaccard(a.params, b.params)
  );
}
