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
  // one expression per signature, not one per parameter (compiling it was most of this function's time)
  const entityWord = entity ? new RegExp(`(^|_)${entity}(s?)(?=_|$)`, 'g') : undefined;
  const shape = (param: string): string => {
    const w = words(param);
    if (w.length === 0 || w[0] === 'self') return '';
    return entityWord ? w.join('_').replace(entityWord, '$1*$2') : w.join('_');
  };
  const params = [...new Set(sig.params.map(shape).filter(Boolean))].sort();
  const features = [...normalizeFeatures(sig.features)].sort();
  const pattern = sig.pattern ? sig.pattern.toLowerCase() : null;
  const key = [sig.nodeType, verb, features.join(','), pattern ?? '', params.join(',')].join('|');
  return { nodeType: sig.nodeType, methodName: sig.methodName, verb, entity, features, pattern, params, className: sig.className, key };
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
